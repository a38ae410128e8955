import { type Kysely, sql } from 'kysely';

/**
 * Runs a migration script one statement at a time: PGlite's extended-protocol `query` takes a
 * single statement, and running them separately gives the same behaviour on both databases.
 */
export async function runScript(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of splitStatements(script)) await sql.raw(statement).execute(db);
}

/**
 * Splits on the semicolons that end statements: not those inside a quoted literal or identifier,
 * a dollar-quoted body ($$ … $$, $fn$ … $fn$) or a comment, wherever they sit on a line (two
 * `drop table …;` on one line once failed as "cannot insert multiple commands into a prepared
 * statement").
 */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const skipPast = (closing: string, from: number) => {
    const end = script.indexOf(closing, from);
    return end < 0 ? script.length : end + closing.length;
  };
  while (i < script.length) {
    const c = script[i];
    if (c === "'" || c === '"') {
      // A doubled quote inside a literal ('it''s') reads as closing then reopening: same result.
      i = skipPast(c, i + 1);
    } else if (c === '-' && script[i + 1] === '-') {
      i = skipPast('\n', i + 2);
    } else if (c === '/' && script[i + 1] === '*') {
      i = skipPast('*/', i + 2);
    } else if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(script.slice(i))?.[0];
      i = tag ? skipPast(tag, i + tag.length) : i + 1;
    } else if (c === ';') {
      statements.push(script.slice(start, i));
      start = i + 1;
      i += 1;
    } else {
      i += 1;
    }
  }
  statements.push(script.slice(start));
  return statements.map((s) => s.trim()).filter((s) => s.length > 0 && !/^(--[^\n]*\n?\s*)+$/.test(s));
}
