/**
 * SQL of the terms capability. Every query is scoped by shop (DESIGN.md §9); versions are only
 * ever inserted, never updated or deleted (C06 "immutable once published").
 */
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { DB, TermsVersionsTable } from '../../db/schema.ts';

type Exec = Kysely<DB> | Transaction<DB>;
export type TermsVersionRow = Selectable<TermsVersionsTable>;

const META = ['id', 'shop_id', 'kind', 'version', 'title', 'language', 'sha256', 'effective_from', 'effective_until', 'published_at'] as const;
export type TermsVersionMeta = Omit<TermsVersionRow, 'body'>;

/** Every version of a shop, without bodies, oldest publication first. */
export function listVersionMeta(db: Exec, shopId: string): Promise<TermsVersionMeta[]> {
  return db.selectFrom('terms_versions').select(META).where('shop_id', '=', shopId).orderBy('published_at').orderBy('id').execute();
}

/** Every version of every shop, without bodies (the notice job looks at all shops at once). */
export function listAllVersionMeta(db: Exec): Promise<TermsVersionMeta[]> {
  return db.selectFrom('terms_versions').select(META).orderBy('shop_id').orderBy('published_at').orderBy('id').execute();
}

export function findVersionsByIds(db: Exec, shopId: string, ids: readonly string[]): Promise<TermsVersionRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('terms_versions').selectAll().where('shop_id', '=', shopId).where('id', 'in', ids).execute();
}

export function findVersion(db: Exec, shopId: string, kind: string, version: string): Promise<TermsVersionRow | undefined> {
  return db
    .selectFrom('terms_versions')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('kind', '=', kind)
    .where('version', '=', version)
    .executeTakeFirst();
}

export function findVersionById(db: Exec, shopId: string, id: string): Promise<TermsVersionRow | undefined> {
  return db.selectFrom('terms_versions').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
}

export type NewVersion = {
  shopId: string;
  kind: string;
  version: string;
  title: string;
  language: string;
  body: string;
  sha256: string;
  effectiveFrom: string;
  effectiveUntil: string | null;
  publishedAt: Date;
};

/**
 * Inserts a version unless (shop, kind, version) exists: two instances booting at once both
 * try, one wins, and each then compares what is stored with what it wanted.
 */
export async function insertVersionIfAbsent(db: Exec, v: NewVersion): Promise<void> {
  await db
    .insertInto('terms_versions')
    .values({
      shop_id: v.shopId,
      kind: v.kind,
      version: v.version,
      title: v.title,
      language: v.language,
      body: v.body,
      sha256: v.sha256,
      effective_from: v.effectiveFrom,
      effective_until: v.effectiveUntil,
      published_at: v.publishedAt,
    })
    .onConflict((oc) => oc.columns(['shop_id', 'kind', 'version']).doNothing())
    .execute();
}

/**
 * Records, in one statement, that up to `limit` customers of the shop not yet told about the
 * version are told now, and returns them. The primary key (shop, version, customer) makes a
 * customer impossible to record twice, even with two instances running the job at once.
 */
export function claimCustomersToNotify(trx: Transaction<DB>, shopId: string, versionId: string, at: Date, limit: number) {
  return trx
    .insertInto('terms_notices')
    .columns(['shop_id', 'terms_version_id', 'customer_id', 'notified_at'])
    .expression((eb) =>
      eb
        .selectFrom('customers as c')
        // Typed casts: a bare parameter in a select list has no type PostgreSQL can infer.
        .select([sql<string>`cast(${shopId} as text)`.as('shop_id'), sql<string>`cast(${versionId} as uuid)`.as('terms_version_id'), 'c.id', sql<Date>`cast(${at.toISOString()} as timestamptz)`.as('notified_at')])
        .where('c.shop_id', '=', shopId)
        .where((w) =>
          w.not(
            w.exists(
              w
                .selectFrom('terms_notices as n')
                .select('n.customer_id')
                .where('n.shop_id', '=', shopId)
                .where('n.terms_version_id', '=', versionId)
                .whereRef('n.customer_id', '=', 'c.id'),
            ),
          ),
        )
        .orderBy('c.id')
        .limit(limit),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('customer_id')
    .execute();
}

export function customersByIds(trx: Exec, shopId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('customers')
    .select(['id', 'email', 'first_name', 'language'])
    .where('shop_id', '=', shopId)
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
}

/** When a customer was told of a version (A-03: the per-user "informedAt"). */
export function findNotice(db: Exec, shopId: string, versionId: string, customerId: string) {
  return db
    .selectFrom('terms_notices')
    .select('notified_at')
    .where('shop_id', '=', shopId)
    .where('terms_version_id', '=', versionId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
}
