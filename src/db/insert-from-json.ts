/**
 * An INSERT whose rows come as one JSON parameter (`jsonb_populate_record(set)`), so that several
 * tables' rows can be written by one statement, each as a data-modifying `WITH` part (issue 9: a
 * round trip less per table on the order path, whose shop counter row stays locked until the
 * commit). The columns are named: those left out take their defaults. JSON columns take the JSON
 * value itself (an object, not its text); timestamps their ISO text; foreign keys between the
 * parts are checked at the end of the statement, once every part has written its rows.
 */
import { type RawBuilder, sql } from 'kysely';
import type { DB } from './schema.ts';

export function insertFromJson<T extends keyof DB & string>(table: T, columns: readonly (keyof DB[T] & string)[], rows: unknown, many: 'one' | 'many'): RawBuilder<unknown> {
  const names = sql.join(columns.map((c) => sql.ref(c)));
  const populate = sql.raw(many === 'many' ? 'jsonb_populate_recordset' : 'jsonb_populate_record');
  return sql`insert into ${sql.table(table)} (${names}) select ${names} from ${populate}(null::${sql.table(table)}, ${rows}::jsonb)`;
}
