import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

type Exec = Kysely<DB> | Transaction<DB>;

export function listShopRows(db: Exec) {
  return db.selectFrom('shops').selectAll().orderBy('name').execute();
}

export function findShopRow(db: Exec, slug: string) {
  return db.selectFrom('shops').selectAll().where('id', '=', slug).executeTakeFirst();
}

export function upsertShopRow(
  db: Exec,
  s: { id: string; name: string; legalSystem: 'FR' | 'BE'; timeZone: string; language: 'fr' | 'en' | 'nl'; profile: unknown; sha256: string; now: Date },
) {
  const values = {
    name: s.name,
    legal_system: s.legalSystem,
    time_zone: s.timeZone,
    language: s.language,
    profile: JSON.stringify(s.profile),
    profile_sha256: s.sha256,
    updated_at: s.now,
  };
  return db
    .insertInto('shops')
    .values({ id: s.id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

export function countShopData(db: Exec, shopId: string) {
  return db
    .selectNoFrom((eb) => [
      eb.selectFrom('products').select(eb.fn.countAll<number>().as('n')).where('shop_id', '=', shopId).as('products'),
      eb.selectFrom('customers').select(eb.fn.countAll<number>().as('n')).where('shop_id', '=', shopId).as('customers'),
      eb.selectFrom('staff').select(eb.fn.countAll<number>().as('n')).where('shop_id', '=', shopId).as('staff'),
    ])
    .executeTakeFirstOrThrow();
}
