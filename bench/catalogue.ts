/**
 * The catalogue at 1,000 and 100,000 products (issue 9): the shop page and the JSON list, plain,
 * searched (as typed and with a typo) and filtered by price, at 50 connections; then the plan of
 * each catalogue query at the larger size, which must read indexes, never scan the table.
 *
 *   DATABASE_URL=postgres://… node --import tsx bench/catalogue.ts   (PGlite without DATABASE_URL)
 *
 * Product names cycle through 20 nouns (so "cahier" matches 5 % of any catalogue) and carry their
 * number; prices spread over 0.50–250 €. Figures are measured, never asserted.
 */
import autocannon from 'autocannon';
import { type RawBuilder, sql } from 'kysely';
import * as q from '../src/catalogue/queries.ts';
import { startPlatform } from '../test/support/platform.ts';
import type { Row } from './checkout.ts';

const SHOP = 'coopo';
const NOUNS = ['Étiquettes', 'Cahier', 'Stylo', 'Classeur', 'Enveloppes', 'Agrafeuse', 'Ramette', 'Crayon', 'Gomme', 'Règle', 'Pochettes', 'Carnet', 'Surligneur', 'Trombones', 'Chemise', 'Marqueur', 'Colle', 'Ciseaux', 'Bloc-notes', 'Feutre'];
const ADJECTIVES = ['bleu', 'rouge', 'vert', 'noir', 'recyclé', 'grand format', 'petit format', 'à spirale', 'adhésif', 'effaçable'];

const SCENARIOS: [string, string][] = [
  ['page /shops/:shop', `/shops/${SHOP}`],
  ['page, search with a typo (q=cahir)', `/shops/${SHOP}?q=cahir`],
  ['API list', `/api/v1/shops/${SHOP}/products?limit=24`],
  ['API search (q=etiquettes)', `/api/v1/shops/${SHOP}/products?q=etiquettes&limit=24`],
  ['API price ≤ 15 €, price ascending', `/api/v1/shops/${SHOP}/products?maxPriceCents=1500&sort=price_asc&limit=24`],
];

async function growTo(db: Parameters<typeof q.productPage>[0], products: number) {
  await sql`insert into products (shop_id, sku, name, description, unit_price_cents, vat_rate_bp, stock)
    select ${SHOP}, 'B-' || lpad(i::text, 6, '0'),
      jsonb_build_object('fr', (${sql.val(NOUNS)}::text[])[1 + i % 20] || ' ' || (${sql.val(ADJECTIVES)}::text[])[1 + (i / 20) % 10] || ' n° ' || i, 'en', 'Item ' || i),
      '{"fr": ""}'::jsonb, 50 + (i * 7919) % 25000, 2000, 100
    from generate_series((select count(*) from products where shop_id = ${SHOP} and sku like 'B-%') + 1, ${products}) as i`.execute(db);
  await sql`analyze products`.execute(db);
}

/** What the page and count builders share: Kysely's EXPLAIN. */
type Explainable = { explain(format: 'text', options: RawBuilder<unknown>): Promise<Record<string, unknown>[]> };

/** EXPLAIN ANALYZE of each query a catalogue request runs, at the current size. */
async function plans(db: Parameters<typeof q.productPage>[0]): Promise<string> {
  const filters: [string, q.CatalogueFilter, q.SearchTier][] = [
    ['list by SKU', { sort: 'sku' }, 0],
    ['price ≤ 15 €, ascending', { sort: 'price_asc', maxPriceCents: 1500 }, 0],
    ['price descending, after a cursor', { sort: 'price_desc' }, 0],
    ['search as typed (etiquettes)', { sort: 'sku', search: 'etiquettes' }, 0],
    ['search, close matches (cahir)', { sort: 'sku', search: 'cahir' }, 1],
  ];
  const out: string[] = [];
  for (const [name, filter, tier] of filters) {
    const start = name.includes('cursor') ? { after: { sort: 'price_desc' as const, tier: 0 as const, priceCents: 12_000, sku: 'B-050000' } } : { offset: 0 };
    // A search is never counted beyond its first page: its total is the planner's estimate (no scan).
    const queries: [string, Explainable][] = [['page', q.productPageQuery(db, SHOP, filter, tier, start, 25)]];
    if (!filter.search) queries.push(['count ≤ 1001', q.countUpToQuery(db, SHOP, filter, 1001)]);
    for (const [what, query] of queries) {
      const rows = await query.explain('text', sql`analyze, costs off, timing off, summary on`);
      out.push(`-- ${name}: ${what}\n${rows.map((r) => Object.values(r)[0]).join('\n')}`);
    }
  }
  return out.join('\n\n');
}

export async function benchCatalogue(label: string, sizes = [1_000, 100_000]): Promise<{ rows: Row[]; plans: string }> {
  const rows: Row[] = [];
  const p = await startPlatform();
  let explained = '';
  try {
    await p.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(p.app.server.address() as { port: number }).port}`;
    for (const size of sizes) {
      await growTo(p.database.db, size);
      for (const [name, path] of SCENARIOS) {
        await autocannon({ url: url + path, connections: 10, duration: 1 }); // warm-up
        const r = await autocannon({ url: url + path, connections: 50, duration: 5 });
        const errors = r.non2xx + r.errors;
        rows.push({ database: label, benchmark: `catalogue ${size.toLocaleString('en')}: ${name}`, value: `${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} / p99 ${r.latency.p99} ms${errors ? `, ${errors} errors` : ''}` });
      }
    }
    explained = await plans(p.database.db);
  } finally {
    await p.stop();
  }
  return { rows, plans: explained };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, plans: explained } = await benchCatalogue(process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite');
  for (const r of rows) console.log(`${r.database.padEnd(11)} ${r.benchmark.padEnd(64)} ${r.value}`);
  console.log(`\n${explained}`);
}
