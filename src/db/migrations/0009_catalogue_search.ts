/**
 * Catalogue at scale: indexes matching each sort and filter, accent-insensitive trigram search (issue 9).
 *
 * - `search_text`: the SKU and the name in every language, without accents and in lower case, kept
 *   by the database itself (a stored generated column), so no writer can forget it.
 * - `unaccent()` is only STABLE (its dictionary could change), and an index or a generated column
 *   needs an IMMUTABLE expression: `immutable_unaccent` names the dictionary explicitly and is
 *   declared IMMUTABLE, the usual wrapper (PostgreSQL docs F.48 and pg_trgm F.35). Lower case is
 *   applied after unaccent because `lower()` under the C locale leaves 'É' alone.
 * - A GIN trigram index answers both `like '%…%'` (exact matches) and `<%` (word similarity, for a
 *   typo); btree indexes serve the keyset pages of each sort: SKU (the existing unique index) and
 *   price, with the SKU as the tie-breaker.
 */
import { type Kysely, sql } from 'kysely';
import { runScript } from '../script.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `create extension if not exists pg_trgm;
    create extension if not exists unaccent`,
  );
  await sql`create or replace function immutable_unaccent(text) returns text
    language sql immutable parallel safe strict
    as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$`.execute(db);
  await runScript(
    db,
    `alter table products add column search_text text generated always as (
      lower(immutable_unaccent(sku || ' ' || coalesce(name->>'fr', '') || ' ' || coalesce(name->>'en', '') || ' ' || coalesce(name->>'nl', '')))
    ) stored;
    create index products_search on products using gin (search_text gin_trgm_ops);
    create index products_price on products (shop_id, unit_price_cents, sku)`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `drop index products_price;
    drop index products_search;
    alter table products drop column search_text;
    drop function immutable_unaccent(text)`,
  );
}
