/**
 * Back office of group purchases (issue 12 §1, §5, §6): staff list campaigns, create one, copy
 * one for next season, follow a campaign on its dashboard, close it now, and download its
 * documents (picking lists, totals, signature sheets, the supplier orders sent at closing).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import { campaignSheets, distributionFile, groupLabel } from '../../campaigns/documents.ts';
import { CampaignInput } from '../../campaigns/schema.ts';
import { campaignLines, documentsOf, findCampaign, findDocument, getCampaign, listCampaigns } from '../../campaigns/service.ts';
import { localized } from '../../catalogue/service.ts';
import { pointLists } from '../../delivery/service.ts';
import { closeCampaign } from '../../flows/close-campaign.ts';
import { cloneCampaign, createCampaign } from '../../flows/create-campaign.ts';
import { notFound } from '../../kernel/errors.ts';
import { type Lang, t } from '../../kernel/i18n/index.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { staffShop } from '../../shops/staff-access.ts';
import type { Shop } from '../../shops/service.ts';
import { actorLabel } from './api.ts';
import { frameFor, sendPage } from '../context.ts';
import { fieldErrors, flatForm } from '../form-errors.ts';
import { Page } from '../layout.tsx';
import { CampaignDashboard, CampaignForm, CampaignList, type DashboardFacts, type ProductChoice } from './views/campaign-pages.tsx';

type ShopParams = { Params: { shop: string } };
type CampaignParams = { Params: { shop: string; id: string } };
type FileParams = { Params: { shop: string; id: string; file: string } };

/** `YYYY-MM-DDTHH:MM` in the shop's zone → an instant with its offset; anything else is passed on for the schema to refuse. */
function instantOf(local: string | undefined, timeZone: string): string | undefined {
  if (!local) return undefined;
  try {
    return Temporal.PlainDateTime.from(local, { overflow: 'reject' }).toZonedDateTime(timeZone).toString({ timeZoneName: 'never', smallestUnit: 'second' });
  } catch {
    return local;
  }
}

const numberOf = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v);
const dayAfter = (d: string) => {
  try {
    return Temporal.PlainDate.from(d).add({ days: 1 }).toString();
  } catch {
    return d;
  }
};

/** The form's fields as the API's input, and how to bring the API's field names back to the form's. */
function formInput(values: Record<string, string>, products: ProductChoice[], timeZone: string) {
  const included = products.map((p, i) => ({ p, i })).filter(({ i }) => values[`p.${i}.include`] === 'on');
  const early = values.earlyUntil
    ? [{ orderedUntil: values.earlyUntil, ...(values.earlyFrom && { deliveryFrom: values.earlyFrom }), deliveryLatestOn: values.earlyLatest ?? '' }]
    : [];
  const lateFrom = values.earlyUntil ? { orderedFrom: dayAfter(values.earlyUntil) } : {};
  const late = [{ ...lateFrom, ...(values.lateFrom && { deliveryFrom: values.lateFrom }), deliveryLatestOn: values.lateLatest ?? '' }];
  const input = {
    title: values.title ?? '',
    opensAt: instantOf(values.opensAt, timeZone),
    closesAt: instantOf(values.closesAt, timeZone),
    ...(numberOf(values.minimumQuantity) !== undefined && { minimumQuantity: numberOf(values.minimumQuantity) }),
    products: included.map(({ p, i }) => ({ productId: p.id, ...(numberOf(values[`p.${i}.cap`]) !== undefined && { cap: numberOf(values[`p.${i}.cap`]) }), ...(numberOf(values[`p.${i}.minimum`]) !== undefined && { minimumQuantity: numberOf(values[`p.${i}.minimum`]) }) })),
    promises: [...early, ...late],
  };
  const promiseFields = early.length > 0 ? [{ orderedUntil: 'earlyUntil', deliveryFrom: 'earlyFrom', deliveryLatestOn: 'earlyLatest' }, { orderedFrom: 'earlyUntil', deliveryFrom: 'lateFrom', deliveryLatestOn: 'lateLatest' }] : [{ deliveryFrom: 'lateFrom', deliveryLatestOn: 'lateLatest' }];
  const formField = (field: string): string => {
    const product = /^products\.(\d+)\.(\w+)$/.exec(field);
    if (product) {
      const i = included[Number(product[1])]?.i ?? 0;
      return product[2] === 'cap' ? `p.${i}.cap` : product[2] === 'minimumQuantity' ? `p.${i}.minimum` : `p.${i}.include`;
    }
    const promise = /^promises\.(\d+)\.(\w+)$/.exec(field);
    if (promise) return (promiseFields[Number(promise[1])] as Record<string, string> | undefined)?.[promise[2] ?? ''] ?? 'lateLatest';
    return field === 'promises' ? 'lateLatest' : field;
  };
  return { input, formField };
}

export const campaignStaffPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const { clock } = app.deps;
  const deps = { db, clock };
  const now = () => new Date(clock.now().epochMilliseconds);

  async function choices(shop: Shop, lang: Lang): Promise<ProductChoice[]> {
    const rows = await db.selectFrom('products').select(['id', 'sku', 'name']).where('shop_id', '=', shop.slug).where('active', '=', true).orderBy('sku').execute();
    return rows.map((r) => ({ id: r.id, sku: r.sku, name: localized(r.name as never, lang) }));
  }

  async function list(request: FastifyRequest<ShopParams>, reply: FastifyReply, shop: Shop, notice?: string) {
    const f = frameFor(request, reply, t(request.lang, 'campaign.list.title'), { slug: shop.slug, name: shop.name });
    const campaigns = await listCampaigns(db, shop.slug, now());
    return sendPage(reply, <Page frame={f}><CampaignList lang={request.lang} shop={shop.slug} csrf={f.csrfToken ?? ''} campaigns={campaigns} timeZone={shop.timeZone} notice={notice} /></Page>);
  }

  async function form(request: FastifyRequest<ShopParams>, reply: FastifyReply, shop: Shop, values: Record<string, string>, errors: Record<string, string>, status = 200) {
    const f = frameFor(request, reply, t(request.lang, 'campaign.new.title'), { slug: shop.slug, name: shop.name });
    const products = await choices(shop, request.lang);
    return sendPage(reply, <Page frame={f}><CampaignForm lang={request.lang} shop={shop.slug} csrf={f.csrfToken ?? ''} products={products} values={values} errors={errors} /></Page>, status);
  }

  app.get<ShopParams>('/shops/:shop/staff/campaigns', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const q = request.query as Record<string, unknown>;
    return list(request, reply, shop, q.cloned ? t(request.lang, 'campaign.clone.done') : undefined);
  });

  app.get<ShopParams>('/shops/:shop/staff/campaigns/new', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    return form(request, reply, shop, {}, {});
  });

  app.post<ShopParams>('/shops/:shop/staff/campaigns', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const values = flatForm(request.body);
    const { input, formField } = formInput(values, await choices(shop, request.lang), shop.timeZone);
    try {
      const campaign = await createCampaign(deps, shop, parseOrThrow(CampaignInput, input), actorLabel(request.actor));
      return reply.redirect(`/shops/${shop.slug}/staff/campaigns/${campaign.id}?created=1`, 303);
    } catch (error) {
      const errors = Object.fromEntries(Object.entries(fieldErrors(error, request.lang)).map(([k, v]) => [formField(k), v]));
      return form(request, reply, shop, values, errors, 422);
    }
  });

  app.get<CampaignParams>('/shops/:shop/staff/campaigns/:id', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const lang = request.lang;
    const campaign = await getCampaign(db, shop.slug, request.params.id, now());
    const row = await findCampaign(db, shop.slug, campaign.id);
    const lines = await campaignLines(db, shop.slug, row);
    const sheets = await campaignSheets(db, shop.slug, campaign.id);
    const byOrder = new Map(lines.map((l) => [l.order_id, l]));
    const outstanding = [...byOrder.values()].filter((o) => Number(o.paid_cents) < Number(o.gross_cents));
    const label = groupLabel(shop, lang);
    const base = `/shops/${shop.slug}/staff/campaigns/${campaign.id}/documents`;
    const stored = await documentsOf(db, shop.slug, campaign.id);
    // The fill of the pickup slots the campaign's orders hold, while they are ahead (issue 12 §3, §6).
    const slotFill = new Map((await pointLists(db, shop, clock.now())).flatMap((l) => l.slots.map((x) => [x.id, { taken: x.taken, capacity: x.capacity }] as const)));
    const facts: DashboardFacts = {
      orders: byOrder.size,
      amountCents: lines.reduce((n, l) => n + Number(l.total_cents), 0),
      outstanding: { orders: outstanding.length, cents: outstanding.reduce((n, o) => n + Number(o.gross_cents) - Number(o.paid_cents), 0) },
      points: sheets.groups.map((g) => ({ ...label(g), orders: g.orders.length, units: g.quantity, slotFill: g.slotId ? (slotFill.get(g.slotId) ?? null) : null })),
      documents: [
        { href: `${base}/picking-list.pdf`, label: t(lang, 'campaign.doc.pickingPdf') },
        { href: `${base}/picking-list.csv`, label: t(lang, 'campaign.doc.pickingCsv') },
        { href: `${base}/picking-totals.csv`, label: t(lang, 'campaign.doc.totalsCsv') },
        { href: `${base}/signature-sheets.pdf`, label: t(lang, 'campaign.doc.signaturePdf') },
        ...stored.map((d) => ({ href: `${base}/supplier-${d.id}.${d.format}`, label: t(lang, 'campaign.doc.supplier', { supplier: d.supplier, format: d.format.toUpperCase() }) })),
      ],
    };
    const q = request.query as Record<string, unknown>;
    const notice = q.created ? t(lang, 'campaign.created') : typeof q.closed === 'string' ? t(lang, 'campaign.closed.done', { cancelled: q.closed, suppliers: String(q.suppliers ?? 0) }) : undefined;
    const f = frameFor(request, reply, campaign.title, { slug: shop.slug, name: shop.name });
    return sendPage(reply, <Page frame={f}><CampaignDashboard lang={lang} shop={shop.slug} csrf={f.csrfToken ?? ''} campaign={campaign} facts={facts} timeZone={shop.timeZone} notice={notice} /></Page>);
  });

  app.post<CampaignParams>('/shops/:shop/staff/campaigns/:id/close', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    await findCampaign(db, shop.slug, request.params.id);
    const report = await closeCampaign({ ...deps, stripe: app.deps.stripe }, shop, request.params.id, actorLabel(request.actor));
    return reply.redirect(`/shops/${shop.slug}/staff/campaigns/${request.params.id}?closed=${report?.cancelledOrders.length ?? 0}&suppliers=${report?.supplierOrders.length ?? 0}`, 303);
  });

  app.post<CampaignParams>('/shops/:shop/staff/campaigns/:id/clone', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    await cloneCampaign(deps, shop, request.params.id, {}, actorLabel(request.actor));
    return reply.redirect(`/shops/${shop.slug}/staff/campaigns?cloned=1`, 303);
  });

  app.get<FileParams>('/shops/:shop/staff/campaigns/:id/documents/:file', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const { id, file } = request.params;
    const supplier = /^supplier-([0-9a-f-]{36})\.(csv|pdf)$/.exec(file);
    if (supplier) {
      const d = await findDocument(db, shop.slug, supplier[1] ?? '');
      if (d.campaign_id !== (await findCampaign(db, shop.slug, id)).id || d.format !== supplier[2]) throw notFound('document');
      return send(reply, d.filename, d.format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8', Buffer.from(d.content));
    }
    const sheets = await campaignSheets(db, shop.slug, id);
    const out = await distributionFile(shop, sheets, file, request.lang, now());
    if (!out) throw notFound('document');
    return send(reply, out.filename, out.contentType, out.content);
  });
};

function send(reply: FastifyReply, filename: string, contentType: string, body: Buffer) {
  return reply
    .type(contentType)
    .header('content-disposition', `${contentType.startsWith('application/pdf') ? 'inline' : 'attachment'}; filename="${filename}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}
