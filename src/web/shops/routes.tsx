/**
 * Pages: the platform home listing the shops, each shop's home with its catalogue, product pages
 * and the legal pages. The footer's terms links show the version in force (legal/terms); the
 * legal notice is built from the profile's identity.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { pageStart, SORTS } from '../../catalogue/cursor.ts';
import { cachedCatalogue } from '../../catalogue/listing-cache.ts';
import { getProduct, localized } from '../../catalogue/service.ts';
import { ProductPage } from '../catalogue/views/product-page.tsx';
import { today } from '../../kernel/clock.ts';
import { t } from '../../kernel/i18n/index.ts';
import { parseOrThrow, text } from '../../kernel/validation.ts';
import { sendCurrentTerms } from '../terms/routes.tsx';
import { paymentNotice } from '../../payments/card/availability.ts';
import { currentTerms } from '../../legal/terms/service.ts';
import { frameFor, sendPage } from '../context.ts';
import { Page } from '../layout.tsx';
import { getShop, listShops } from '../../shops/service.ts';
import { PlatformHome } from '../../shops/views/home.tsx';
import { LEGAL_DOCS, LegalPage, type LegalDoc } from './views/legal.tsx';
import { keptPage } from './kept-fragment.ts';
import { ShopHome } from './views/shop-home.tsx';

const PAGE = 24;
const CatalogueQuery = z.object({
  q: text().max(100).default(''),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  /** Maximum price in whole euros incl. VAT; empty means no limit. */
  max: z.union([z.literal(''), z.coerce.number().int().min(0).max(1_000_000)]).default(''),
  sort: z.enum(SORTS).default('sku'),
  /** The next page's start (the catalogue's opaque cursor) and its number, shown as "page N". */
  after: text().max(200).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  lang: text().optional(),
});

type ShopParams = { Params: { shop: string } };

export const shopsPages: FastifyPluginAsync = async (app) => {
  const db = app.deps.database.db;
  /** Who takes card payments here, for the home page's word on paying (issue 8 §12). */
  const cards = { stripe: app.deps.stripe, simulated: app.deps.config.simulatedPayments };
  /** Professionals see prices HT (SPEC A-33); everyone else TTC. */
  const showsHt = (actorKind: string, customerKind?: string) => actorKind === 'customer' && customerKind === 'professional';

  app.get('/', async (request, reply) => {
    const shops = await listShops(db);
    const frame = frameFor(request, reply, t(request.lang, 'home.title'));
    return sendPage(reply, <Page frame={frame}><PlatformHome lang={request.lang} shops={shops} /></Page>);
  });

  app.get<ShopParams>('/shops/:shop', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const query = parseOrThrow(CatalogueQuery, request.query);
    const maxPriceCents = query.max === '' ? undefined : query.max * 100;
    const start = pageStart(query.after, query.offset, query.sort, 'after');
    const catalogue = await cachedCatalogue(db, shop.slug, { search: query.q || undefined, maxPriceCents, sort: query.sort, limit: PAGE, start });
    const page = 'after' in start ? query.page : Math.floor(query.offset / PAGE) + 1;
    const frame = frameFor(request, reply, shop.name, { slug: shop.slug, name: shop.name });
    const ht = showsHt(request.actor.kind, await customerKindOf(request));
    const payment = paymentNotice(shop.profile.payments?.methods ?? [], cards);
    const draw = (csrf: string | undefined) => (
      <Page frame={{ ...frame, csrfToken: csrf }}>
        <ShopHome lang={request.lang} shop={shop} catalogue={catalogue} page={page} search={query.q} max={String(query.max)} sort={query.sort} showHt={ht} csrf={csrf} payment={payment} />
      </Page>
    );
    // An anonymous visitor's page (no name, no account link: the frame's viewer is null) is the
    // same for every such visitor of this URL but for the CSRF token: rendered once per cached
    // catalogue page, each visitor's token written in (kept-fragment.ts). The URL holds every
    // query parameter the page shows; the test clock's banner changes at every request.
    const shared = request.actor.kind === 'anonymous' && frame.viewer === null && frame.testClockNow === undefined;
    if (!shared || frame.csrfToken === undefined) return sendPage(reply, draw(frame.csrfToken));
    const variant = JSON.stringify([request.url, request.lang, shop.name, shop.profile.customers.kinds, ht, payment]);
    return reply.code(200).type('text/html; charset=utf-8').send(keptPage(catalogue, variant, frame.csrfToken, draw));
  });

  app.get<{ Params: { shop: string; id: string } }>('/shops/:shop/products/:id', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const product = await getProduct(db, shop.slug, request.params.id);
    const frame = frameFor(request, reply, localized(product.name, request.lang), { slug: shop.slug, name: shop.name });
    const ht = showsHt(request.actor.kind, await customerKindOf(request));
    return sendPage(reply, <Page frame={frame}><ProductPage lang={request.lang} shop={shop} product={product} showHt={ht} csrf={frame.csrfToken} /></Page>);
  });

  app.get<{ Params: { shop: string; doc: string } }>('/shops/:shop/legal/:doc', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const doc = request.params.doc as LegalDoc;
    if (!LEGAL_DOCS.includes(doc)) return reply.callNotFound();
    if (doc !== 'notice') {
      const inForce = await currentTerms(db, shop.slug, today(app.deps.clock, shop.timeZone));
      if (inForce.some((v) => v.kind === doc)) return sendCurrentTerms(app, request, reply, shop, doc);
    }
    // The legal notice, or a document with no version in force: the profile's parameters.
    const frame = frameFor(request, reply, t(request.lang, `legal.${doc}`), { slug: shop.slug, name: shop.name });
    return sendPage(reply, <Page frame={frame}><LegalPage lang={request.lang} shop={shop} doc={doc} /></Page>);
  });

  async function customerKindOf(request: { actor: { kind: string; id?: string; shopId?: string } }) {
    const a = request.actor;
    if (a.kind !== 'customer' || !a.id || !a.shopId) return undefined;
    const row = await db.selectFrom('customers').select('kind').where('shop_id', '=', a.shopId).where('id', '=', a.id).executeTakeFirst();
    return row?.kind;
  }
};
