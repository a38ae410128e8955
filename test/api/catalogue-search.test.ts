/**
 * The catalogue at scale (issue 9): accent-insensitive search that tolerates a typo and ranks what
 * matches as typed first, keyset pages (an opaque cursor per sort) that walk the whole catalogue
 * once, and a total that stays cheap past a thousand products (an estimate, said so).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import * as q from '../../src/catalogue/queries.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
const SERIES = 1100;
before(async () => {
  p = await startPlatform();
  for (const product of [
    { sku: 'S-ETI', name: { fr: 'Étiquettes adhésives', en: 'Sticky labels' }, unitPriceCents: 450 },
    { sku: 'S-CAH', name: 'Cahier grands carreaux', unitPriceCents: 900 },
    { sku: 'S-CAT', name: 'Cahiet de démonstration', unitPriceCents: 100 },
  ]) {
    const res = await p.app.inject({ method: 'POST', url: '/api/v1/shops/bible-et-jeux/products', headers: bearer(ADMIN_TOKEN), payload: { ...product, vatRateBp: 2000, stock: 5 } });
    assert.equal(res.statusCode, 201, res.body);
  }
  await sql`insert into products (shop_id, sku, name, description, unit_price_cents, vat_rate_bp, stock)
    select 'coopo', 'SERIE-' || lpad(i::text, 5, '0'), jsonb_build_object('fr', 'Produit de série ' || i), '{"fr": ""}'::jsonb, (i % 50) * 100 + 100, 2000, 10
    from generate_series(1, ${SERIES}) as i`.execute(p.database.db);
  await sql`analyze products`.execute(p.database.db);
});
after(async () => p.stop());

type Item = { id: string; sku: string; name: string; unitPriceCents: number };
type Answer = { items: Item[]; total: number; totalExact: boolean; nextCursor: string | null };
const list = async (shop: string, query: string, lang = 'fr') => {
  const res = await p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/products?${query}`, headers: { 'accept-language': lang } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Answer;
};
const skus = (a: Answer) => a.items.map((i) => i.sku);

/** Every page from the first, following nextCursor. */
async function walk(shop: string, query: string): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = '';
  for (let pages = 0; cursor !== null; pages++) {
    assert.ok(pages < 100, 'the walk ends');
    const page: Answer = await list(shop, `${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  }
  return items;
}

describe('catalogue search', () => {
  test('should find "Étiquettes" when searching "etiquettes" or "ETIQUETTES", in any language of the name', async () => {
    assert.ok(skus(await list('bible-et-jeux', 'q=etiquettes')).includes('S-ETI'));
    assert.ok(skus(await list('bible-et-jeux', 'q=ETIQUETTES')).includes('S-ETI'));
    assert.ok(skus(await list('bible-et-jeux', 'q=sticky', 'en')).includes('S-ETI'));
  });

  test('should find "cahier" despite the typo "cahir"', async () => {
    assert.ok(skus(await list('bible-et-jeux', 'q=cahir')).includes('S-CAH'));
  });

  test('should rank what matches every word as typed before what is only close, whatever the sort', async () => {
    const found = skus(await list('bible-et-jeux', 'q=cahier&sort=price_asc'));
    assert.ok(found.includes('S-CAT'), 'the close match is listed');
    assert.ok(found.indexOf('S-CAH') < found.indexOf('S-CAT'), `exact first: ${found.join(', ')}`);
    // One product per page: the cursor carries the tier from the exact matches to the close ones.
    const walked = (await walk('bible-et-jeux', 'q=cahier&sort=price_asc&limit=1')).map((i) => i.sku);
    assert.deepEqual(walked, found);
  });

  test('should treat % and _ in a search as letters', async () => {
    assert.deepEqual(skus(await list('bible-et-jeux', 'q=%25')), []);
    assert.deepEqual(skus(await list('bible-et-jeux', 'q=_')), []);
  });
});

describe('catalogue pages', () => {
  test('should walk every product exactly once by cursor, for each sort, in the sort order', async () => {
    const all = await list('coopo', 'limit=200');
    assert.equal(all.totalExact, false);
    assert.ok(all.total > 1000, `estimated total ${all.total}`);
    for (const sort of ['sku', 'price_asc', 'price_desc']) {
      const items = await walk('coopo', `limit=200&sort=${sort}`);
      assert.ok(items.length >= SERIES, sort);
      assert.equal(new Set(items.map((i) => i.id)).size, items.length, `${sort}: no product twice`);
      const prices = items.map((i) => i.unitPriceCents);
      if (sort === 'price_asc') assert.deepEqual(prices, [...prices].sort((a, b) => a - b));
      if (sort === 'price_desc') assert.deepEqual(prices, [...prices].sort((a, b) => b - a));
    }
    const cheap = await walk('coopo', 'limit=200&sort=price_desc&maxPriceCents=500');
    assert.ok(cheap.length > 0 && cheap.every((i) => i.unitPriceCents <= 500));
  });

  test('should count a list exactly up to a thousand products, and a search when it fits on one page', async () => {
    const cheap = await walk('coopo', 'maxPriceCents=500&limit=24');
    const second = await list('coopo', `maxPriceCents=500&limit=24&cursor=${encodeURIComponent((await list('coopo', 'maxPriceCents=500&limit=24')).nextCursor ?? '')}`);
    assert.deepEqual([second.total, second.totalExact], [cheap.length, true]);
    const found = await list('coopo', 'q=serie%201000&limit=200');
    assert.equal(found.totalExact, false, 'more than a page of matches (212): an estimate');
    assert.ok(found.total > 200, `estimate ${found.total}`);
    const few = await list('bible-et-jeux', 'q=etiquettes');
    assert.deepEqual([few.total, few.totalExact], [few.items.length, true]);
  });

  test('should refuse a forged cursor, a cursor of another sort, and a cursor with an offset', async () => {
    const cursor = encodeURIComponent((await list('coopo', 'limit=5&sort=price_desc')).nextCursor ?? '');
    // Well-formed base64url whose SKU holds a NUL byte, which PostgreSQL would refuse with a 500.
    const nul = Buffer.from(JSON.stringify([1, 'sku', 0, 100, 'A\u0000B'])).toString('base64url');
    for (const [query, field] of [['cursor=abc', 'cursor'], [`cursor=${nul}&sort=sku`, 'cursor'], ['cursor=%22%3E', 'cursor'], [`cursor=${cursor}&sort=sku`, 'cursor'], [`cursor=${cursor}&sort=price_desc&offset=5`, 'offset']]) {
      const res = await p.app.inject({ method: 'GET', url: `/api/v1/shops/coopo/products?${query}` });
      assert.equal(res.statusCode, 400, query);
      assert.equal(res.json().error.field, field, query);
    }
  });

  test('should keep the next page link working on the shop page, with the page number and an estimated total', async () => {
    const first = await p.app.inject({ method: 'GET', url: '/shops/coopo?sort=price_asc' });
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /environ \d+ produits/);
    const next = /<a href="([^"]+)" rel="next">/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(next, 'a next page link');
    const second = await p.app.inject({ method: 'GET', url: next });
    assert.equal(second.statusCode, 200);
    assert.match(second.body, /Page 2/);
    const ids = (body: string) => new Set([...body.matchAll(/href="\/shops\/coopo\/products\/([0-9a-f-]{36})"/g)].map((m) => m[1]));
    const [one, two] = [ids(first.body), ids(second.body)];
    assert.equal(one.size, 24);
    assert.equal(two.size, 24);
    assert.deepEqual([...one].filter((id) => two.has(id)), []);
  });
});

describe('catalogue query plans (STYLE.md §11)', () => {
  const after = { sort: 'price_desc' as const, tier: 0 as const, priceCents: 1200, sku: 'SERIE-00500' };
  const cases: [string, q.CatalogueFilter, q.SearchTier, q.PageStart][] = [
    ['list by SKU', { sort: 'sku' }, 0, { offset: 0 }],
    ['price ≤ 5 €, ascending', { sort: 'price_asc', maxPriceCents: 500 }, 0, { offset: 0 }],
    ['price descending after a cursor', { sort: 'price_desc' }, 0, { after }],
    ['search as typed', { sort: 'sku', search: 'série 1000' }, 0, { offset: 0 }],
    ['search, close matches', { sort: 'sku', search: 'serei 1000' }, 1, { offset: 0 }],
  ];

  // Big enough that the planner's choice means something: 20 times the bounded count's cap.
  before(async () => {
    await sql`insert into products (shop_id, sku, name, description, unit_price_cents, vat_rate_bp, stock)
      select 'coopo', 'SERIE-' || lpad(i::text, 5, '0'), jsonb_build_object('fr', 'Produit de série ' || i), '{"fr": ""}'::jsonb, (i % 50) * 100 + 100, 2000, 10
      from generate_series(${SERIES + 1}, 20000) as i`.execute(p.database.db);
    await sql`analyze products`.execute(p.database.db);
  });

  test('should read each page and each bounded count from an index, never by scanning the table', async () => {
    const db = p.database.db;
    for (const [name, filter, tier, start] of cases) {
      const queries: [string, { explain(format: 'text'): Promise<Record<string, unknown>[]> }][] = [['page', q.productPageQuery(db, 'coopo', filter, tier, start, 25)]];
      if (!filter.search) queries.push(['count', q.countUpToQuery(db, 'coopo', filter, 1001)]);
      for (const [what, query] of queries) {
        const plan = (await query.explain('text')).map((r) => Object.values(r)[0]).join('\n');
        assert.match(plan, /Index Scan|Bitmap Index Scan/, `${name} (${what}):\n${plan}`);
        assert.doesNotMatch(plan, /Seq Scan on products/, `${name} (${what}):\n${plan}`);
      }
    }
  });

  test('should page by row comparison on the sort key and the SKU, not by offset', () => {
    const { sql: text, parameters } = q.productPageQuery(p.database.db, 'coopo', { sort: 'price_desc' }, 0, { after }, 25).compile();
    assert.match(text, /where "shop_id" = \$1 and "active" = \$2 and \("unit_price_cents", "sku"\) < \(\$3, \$4\) order by "unit_price_cents" desc, "sku" desc limit \$5$/);
    assert.deepEqual(parameters, ['coopo', true, 1200, 'SERIE-00500', 25]);
  });
});
