/**
 * Pages of legal-warranty claims (issue 10 §4): the customer opens a claim on their delivered
 * order (multipart form with up to 3 photos) and reads it with the guarantee information box;
 * staff record the decision from the back-office order page (its section is
 * views/claims-pages.tsx's StaffClaimsSection). Forms carry the CSRF token; no JavaScript.
 */
import type { Kysely } from 'kysely';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireAccess, requireCustomer } from '../../accounts/actor.ts';
import { ClaimFactInput, recordClaimFact } from '../../aftersale/claim-facts.ts';
import { MAX_CLAIM_PHOTOS, photoTypeOf } from '../../aftersale/claim-photos.ts';
import { claimJsonOf, claimPhoto, DecisionInput, findClaimFor, openClaim, todayOf, warrantyStanding } from '../../aftersale/claims.ts';
import { guaranteeInformationBox } from '../../aftersale/guarantee-box.ts';
import { findOrder, orderLines } from '../../aftersale/queries.ts';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../kernel/clock.ts';
import { notFound } from '../../kernel/errors.ts';
import { type Lang, t } from '../../kernel/i18n/index.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { getShop, type Shop } from '../../shops/service.ts';
import { staffShop } from '../../shops/staff-access.ts';
import { frameFor, sendPage } from '../context.ts';
import { fieldErrors, flatForm } from '../form-errors.ts';
import type { FieldErrors } from '../forms.tsx';
import { Page } from '../layout.tsx';
import { actorName } from './api.ts';
import { acceptClaimPhotos, claimFromBody } from './claims-api.ts';
import { ClaimEntry, ClaimFormPage, ClaimPage } from './views/claims-pages.tsx';
import { warrantyClaimJson } from '../../flows/warranty-claim-json.ts';
import { decideWarrantyClaim } from '../../flows/warranty-decision.ts';
import { eurosToCents } from '../../payments/refunds/schema.ts';

type IdParams = { Params: { shop: string; id: string } };

/** The entry on the customer's order page once the goods were handed over (or the manufacturer's warranty, for a professional). */
export async function claimEntry(deps: { db: Kysely<DB>; clock: Clock }, lang: Lang, shop: Shop, orderId: string) {
  const order = await findOrder(deps.db, shop.slug, orderId);
  if (!order) return null;
  const standing = await warrantyStanding(deps.db, shop, order, todayOf(deps.clock, shop));
  // After the conformity warranty's 2 years a hidden defect may still be claimed (2 years from discovery).
  const shown = standing.offered || (standing.why === 'professional' && standing.manufacturerWarranty !== null);
  return shown ? <ClaimEntry lang={lang} href={`/shops/${shop.slug}/orders/${orderId}/warranty-claims/new`} /> : null;
}

/** The box in the reader's language, unless the shop's legal language is locked. */
const boxFor = (shop: Shop, lang: Lang) => guaranteeInformationBox(shop.legalSystem, shop.profile.legalLanguageLocked ? shop.language : lang);

export const claimsPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock };
  const decisionDeps = { ...deps, stripe: app.deps.stripe };
  await acceptClaimPhotos(app);
  const frame = (request: FastifyRequest, reply: FastifyReply, shop: Shop, title: string) => frameFor(request, reply, title, { slug: shop.slug, name: shop.name });

  /** The signed-in customer's own order, or a redirect to sign in; anyone else finds no such order. */
  async function ownOrder(request: FastifyRequest<IdParams>, reply: FastifyReply) {
    const shop = await getShop(db, request.params.shop);
    if (request.actor.kind === 'anonymous') {
      reply.redirect(`/shops/${shop.slug}/login`, 303);
      return null;
    }
    const customerId = requireCustomer(request.actor, shop.slug);
    const order = await findOrder(db, shop.slug, request.params.id);
    if (!order || order.customer_id !== customerId) throw notFound('order');
    return { shop, customerId, order };
  }
  type Own = NonNullable<Awaited<ReturnType<typeof ownOrder>>>;

  async function formPage(request: FastifyRequest, reply: FastifyReply, own: Own, values: Record<string, string>, errors: FieldErrors, status = 200) {
    const { shop, order } = own;
    const [standing, lines] = await Promise.all([warrantyStanding(db, shop, order, todayOf(deps.clock, shop)), orderLines(db, shop.slug, order.id)]);
    const f = frame(request, reply, shop, t(request.lang, 'claim.form.title', { number: order.number }));
    const page = (
      <ClaimFormPage lang={request.lang} csrf={f.csrfToken ?? ''} action={`/shops/${shop.slug}/orders/${order.id}/warranty-claims`} number={order.number} standing={standing}
        lines={lines.map((l) => ({ lineNo: l.line_no, sku: l.sku, name: l.name, quantity: l.quantity }))} box={boxFor(shop, request.lang)} values={values} errors={errors} />
    );
    return sendPage(reply, <Page frame={f}>{page}</Page>, status);
  }

  app.get<IdParams>('/shops/:shop/orders/:id/warranty-claims/new', async (request, reply) => {
    const own = await ownOrder(request, reply);
    return own ? formPage(request, reply, own, {}, {}) : reply;
  });

  app.post<IdParams>('/shops/:shop/orders/:id/warranty-claims', { preValidation: app.csrfProtection }, async (request, reply) => {
    const own = await ownOrder(request, reply);
    if (!own) return reply;
    const values = Object.fromEntries(Object.entries((request.body ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    try {
      const { input, photos } = claimFromBody({ ...(request.body as object), kind: values.kind, description: values.description, discoveredOn: values.kind === 'hidden_defect' ? values.discoveredOn : undefined });
      const claim = await openClaim(deps, own.shop, own.order.id, { customerId: own.customerId, input, photos, lang: request.lang }, actorName(request));
      return reply.redirect(`/shops/${own.shop.slug}/warranty-claims/${claim.id}`, 303);
    } catch (error) {
      return formPage(request, reply, own, values, fieldErrors(error, request.lang), 422);
    }
  });

  app.get<IdParams>('/shops/:shop/warranty-claims/:id', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    if (request.actor.kind === 'anonymous') return reply.redirect(`/shops/${shop.slug}/login`, 303);
    const customerId = requireCustomer(request.actor, shop.slug);
    const row = await findClaimFor(db, shop, request.params.id, { customerId });
    const order = await findOrder(db, shop.slug, row.order_id);
    const number = order?.number ?? '';
    const f = frame(request, reply, shop, t(request.lang, 'claim.page.title', { number }));
    const page = <ClaimPage lang={request.lang} claim={await warrantyClaimJson(db, shop, await claimJsonOf(db, shop, row))} number={number} box={boxFor(shop, request.lang)} orderUrl={`/shops/${shop.slug}/orders/${row.order_id}`} photoUrl={(n) => `/shops/${shop.slug}/warranty-claims/${row.id}/photos/${n}`} />;
    return sendPage(reply, <Page frame={f}>{page}</Page>);
  });

  // A photo sent with the claim, to its customer and the shop's staff (the staff section shows it too).
  // Its type is read again from its first bytes, and nosniff + inline keep a browser from treating it
  // as anything but that image; no-store because it is the customer's, not a public asset.
  app.get<{ Params: { shop: string; id: string; n: string } }>('/shops/:shop/warranty-claims/:id/photos/:n', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const { actor } = request;
    if (actor.kind === 'anonymous') return reply.redirect(`/shops/${shop.slug}/login`, 303);
    const own = actor.kind === 'customer' && actor.shopId === shop.slug;
    if (!own) requireAccess(actor, 'shop.manage', shop.slug);
    const row = await findClaimFor(db, shop, request.params.id, own ? { customerId: actor.id } : 'staff');
    const no = /^[1-9]$/.test(request.params.n) ? Number(request.params.n) : 0;
    const photo = no >= 1 && no <= MAX_CLAIM_PHOTOS ? await claimPhoto(db, shop.slug, row.id, no) : null;
    const type = photo ? photoTypeOf(photo.bytes) : null;
    if (!photo || !type) throw notFound('photo');
    return reply
      .header('content-type', type)
      .header('content-disposition', `inline; filename="claim-photo-${no}.${type.slice('image/'.length).replace('jpeg', 'jpg')}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(photo.bytes);
  });

  // What staff did about a repair or a replacement (claim-facts.ts), from the same section.
  app.post<IdParams>('/shops/:shop/staff/warranty-claims/:id/events', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const claim = await findClaimFor(db, shop, request.params.id, 'staff');
    const values = flatForm(request.body);
    try {
      const input = parseOrThrow(ClaimFactInput, { type: values.type, at: values.at, ...(values.trackingNumber?.trim() && { trackingNumber: values.trackingNumber }), ...(values.note?.trim() && { note: values.note }) });
      await recordClaimFact(deps, shop, claim.id, input, actorName(request));
      return reply.redirect(`/shops/${shop.slug}/staff/orders/${claim.order_id}`, 303);
    } catch (error) {
      return staffError(request, reply, shop, claim.order_id, 'claim.staff.fact', fieldErrors(error, request.lang));
    }
  });

  // Staff's decision, from the claim's section of the back-office order page.
  app.post<IdParams>('/shops/:shop/staff/warranty-claims/:id/decision', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const claim = await findClaimFor(db, shop, request.params.id, 'staff');
    const values = flatForm(request.body);
    try {
      const percent = values.percent?.trim() ? Number(values.percent.trim().replace(',', '.')) : undefined;
      const input = parseOrThrow(DecisionInput, { remedy: values.remedy, at: values.at, ...(values.amount?.trim() && { amountCents: eurosToCents(values.amount) }), ...(percent !== undefined && { percent }), ...(values.note && { note: values.note }) });
      await decideWarrantyClaim(decisionDeps, shop, claim.id, input, actorName(request));
      return reply.redirect(`/shops/${shop.slug}/staff/orders/${claim.order_id}`, 303);
    } catch (error) {
      return staffError(request, reply, shop, claim.order_id, 'claim.staff.decide', fieldErrors(error, request.lang));
    }
  });

  /** A staff form refused: its errors, in the reader's language, and the way back to the order. */
  function staffError(request: FastifyRequest, reply: FastifyReply, shop: Shop, orderId: string, title: 'claim.staff.decide' | 'claim.staff.fact', errors: FieldErrors) {
    const f = frame(request, reply, shop, t(request.lang, title));
    const page = (
      <>
        <h1>{t(request.lang, title)}</h1>
        <ul class="errors">{Object.values(errors).map((m) => <li>{m}</li>)}</ul>
        <p><a href={`/shops/${shop.slug}/staff/orders/${orderId}`}>{t(request.lang, 'claim.page.back')}</a></p>
      </>
    );
    return sendPage(reply, <Page frame={f}>{page}</Page>, 422);
  }
};
