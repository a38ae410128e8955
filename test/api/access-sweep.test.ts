/**
 * LEGAL.md T-23, the IDOR sweep (ASVS 8.2.2 data-specific access, 8.2.3 field/object level,
 * 8.4.1 multi-tenant isolation). Every route whose path names an object by id is read from
 * Fastify's own route tree and asked for customer A1's object (an order, its invoice, A1's
 * customer id, shop A's product, statement import and bank entry) by the wrong callers: another
 * customer of the same shop, a customer of another shop (with shop A's slug and with their own),
 * the other shop's staff, and nobody. Each must be refused (401, 403, 404, or a page's redirect to
 * its sign-in) and change nothing; the rightful callers read the same URLs with 2xx, so the sweep
 * is known to aim at real objects. A route added later with an id in its path and no line in the
 * table below fails the first test with its name.
 *
 * Callers authenticate by Bearer token on pages too (src/web/hooks.ts resolves it everywhere);
 * page writes carry a valid CSRF pair from the sign-in form, so they reach the route's own access
 * check instead of stopping at the CSRF one. Bodies are valid, so no 400/422 hides a missing check.
 * Card payments are Bible et Jeux's (Coopso takes transfers only): for those routes the roles swap,
 * customer B owns the order and shop A's customers and staff are the outsiders.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { issueApiToken } from '../../src/accounts/service.ts';
import { sha256Hex } from '../../src/kernel/ids.ts';
import { bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { fillParams, type Route, routeInventory } from '../support/routes.ts';
import { customerToken, productIdBySku, termsVersion } from '../support/shoppers.ts';

const A = 'coopso'; // issues its invoice at order
/** The run-sheet link of shop A's volunteer round (issue 12 §4), expired long ago. */
const EXPIRED_SHEET_TOKEN = 'sweep-expired-run-sheet-token-0123456789ab';
const B = 'bible-et-jeux';

let p: TestPlatform;
const token: Record<'a1' | 'a2' | 'b' | 'b2' | 'staffA' | 'staffB', string> = { a1: '', a2: '', b: '', b2: '', staffA: '', staffB: '' };
/** Each shop's object owner, another customer of the same shop, and its staff. */
const side = (shop: string) => (shop === A ? { owner: token.a1, neighbour: token.a2, staff: token.staffA, other: B } : { owner: token.b, neighbour: token.b2, staff: token.staffB, other: A });
/** Customer A1's objects, and shop A's, that the sweep asks for. */
const ids: Record<'transferOrder' | 'cardOrder' | 'invoice' | 'invoiceFile' | 'customer' | 'product' | 'statementImport' | 'bankEntry' | 'withdrawal' | 'claim' | 'complaint' | 'changeRequest' | 'forceMajeure' | 'round' | 'campaign' | 'slot', string> = {
  slot: '',
  campaign: '',
  changeRequest: '',
  transferOrder: '',
  cardOrder: '',
  invoice: '',
  invoiceFile: '',
  customer: '',
  product: '',
  statementImport: '',
  bankEntry: '',
  withdrawal: '',
  claim: '',
  complaint: '',
  round: '',
  forceMajeure: '',
};

type Owner = 'customer' | 'staff';
/** `home`: the shop owning the object, shop A unless said (card payments are Bible et Jeux's, where customer B is the owner and A the outsider). */
type Swept = { params: Record<string, () => string>; owners: Owner[]; body?: () => Record<string, unknown>; home?: string };
type Public = { public: string };

const order = (which: 'transferOrder' | 'cardOrder' = 'transferOrder') => ({ id: () => ids[which] });
const PUBLIC_CATALOGUE: Public = { public: 'the catalogue is public: a product page is no one’s object' };
const PUBLIC_TERMS: Public = { public: 'terms and legal notices are published to everyone (LCEN art. 6 III, Code conso. L221-5)' };

/** How to aim each route with an id in its path at A1's (or shop A's) object, and who rightfully reads it. */
const SWEEP: Record<string, Swept | Public> = {
  'GET /api/v1/shops/:shop/products/:id': PUBLIC_CATALOGUE,
  'PATCH /api/v1/shops/:shop/products/:id': { params: { id: () => ids.product }, owners: ['staff'], body: () => ({ stock: 1 }) },
  'GET /api/v1/shops/:shop/customers/:id/credit': { params: { id: () => ids.customer }, owners: ['staff'] },
  'POST /api/v1/shops/:shop/customers/:id/credit/refund': { params: { id: () => ids.customer }, owners: ['staff'], body: () => ({ amountCents: 100, iban: 'BE68539007547034', creditorName: 'Camille Martin' }) },
  'GET /api/v1/shops/:shop/terms/:kind': PUBLIC_TERMS,
  'GET /api/v1/shops/:shop/orders/:id': { params: order(), owners: ['customer', 'staff'] },
  'GET /api/v1/shops/:shop/orders/:id/evidence': { params: order(), owners: ['customer', 'staff'] },
  'POST /api/v1/shops/:shop/orders/:id/events': { params: order(), owners: ['staff'], body: () => ({ type: 'cancelled', at: '2026-03-10T10:00:00+01:00', by: 'seller', note: 'sweep' }) },
  'POST /api/v1/shops/:shop/orders/:id/refunds': { params: order(), owners: ['staff'], body: () => ({ amountCents: 100, reason: 'sweep' }) },
  'PUT /api/v1/shops/:shop/orders/:id/service-start': { params: order(), owners: ['staff'], body: () => ({ startedOn: '2026-03-10' }) },
  'POST /api/v1/shops/:shop/orders/:id/withdrawal': { params: order(), owners: ['customer', 'staff'], body: () => ({}) },
  // Customer changes (issue 11 §3): A1's modification request on its order is the decisions' object.
  'GET /api/v1/shops/:shop/orders/:id/changes': { params: order(), owners: ['customer', 'staff'] },
  'POST /api/v1/shops/:shop/orders/:id/cancellation': { params: order(), owners: ['customer'], body: () => ({}) },
  'POST /api/v1/shops/:shop/orders/:id/modification': { params: order(), owners: ['customer'], body: () => ({ message: 'Balayage' }) },
  'POST /api/v1/shops/:shop/orders/:id/change-requests/:requestId/decision': { params: { ...order(), requestId: () => ids.changeRequest }, owners: ['staff'], body: () => ({ decision: 'declined' }) },
  'POST /shops/:shop/orders/:id/cancellation': { params: order(), owners: ['customer'], body: () => ({ confirmed: 'yes' }) },
  'POST /shops/:shop/orders/:id/modification': { params: order(), owners: ['customer'], body: () => ({ message: 'Balayage' }) },
  'POST /shops/:shop/staff/orders/:id/change-requests/:requestId/decision': { params: { ...order(), requestId: () => ids.changeRequest }, owners: ['staff'], body: () => ({ decision: 'declined' }) },
  'POST /api/v1/shops/:shop/orders/:id/planned-shipment': { params: order(), owners: ['staff'], body: () => ({ on: '2026-12-31' }) },
  'POST /shops/:shop/staff/orders/:id/planned-shipment': { params: order(), owners: ['staff'], body: () => ({ on: '2026-12-31' }) },
  'POST /shops/:shop/staff/orders/:id/service-start': { params: order(), owners: ['staff'], body: () => ({ startedOn: '2026-03-10' }) },
  // Late delivery and force majeure (issue 11 §4–§5): A1's order, and a period of force majeure declared on it.
  'GET /api/v1/shops/:shop/orders/:id/late-delivery': { params: order(), owners: ['customer', 'staff'] },
  'POST /api/v1/shops/:shop/orders/:id/late-delivery-notice': { params: order(), owners: ['customer'], body: () => ({}) },
  'POST /api/v1/shops/:shop/orders/:id/termination': { params: order(), owners: ['customer', 'staff'], body: () => ({ ground: 'force_majeure' }) },
  'POST /api/v1/shops/:shop/force-majeure/:id/end': { params: { id: () => ids.forceMajeure }, owners: ['staff'], body: () => ({ endsOn: '2026-03-09' }) },
  'GET /shops/:shop/orders/:id/late-delivery': { params: order(), owners: ['customer'] },
  // Formal notices by registered letter (issue 11 §6) on A1's order.
  'GET /api/v1/shops/:shop/orders/:id/formal-notices': { params: order(), owners: ['customer', 'staff'] },
  'POST /api/v1/shops/:shop/orders/:id/formal-notices': { params: order(), owners: ['staff'], body: () => ({ kind: 'non_payment', sentOn: '2026-03-09' }) },
  'POST /api/v1/shops/:shop/orders/:id/formal-notices/dates': { params: order(), owners: ['staff'], body: () => ({ noticeId: '0b6f1d2e-3c4a-4b5c-8d6e-7f8091a2b3c4', presentedOn: '2026-03-09' }) },
  'POST /api/v1/shops/:shop/orders/:id/formal-notice-termination': { params: order(), owners: ['staff'], body: () => ({ noticeId: '0b6f1d2e-3c4a-4b5c-8d6e-7f8091a2b3c4' }) },
  'GET /api/v1/shops/:shop/orders/:id/special-order': { params: order(), owners: ['customer', 'staff'] },
  'POST /api/v1/shops/:shop/orders/:id/storage-costs': { params: order(), owners: ['staff'], body: () => ({ description: 'Stockage 3 semaines à 25,00 € HT', amountExclVatCents: 7500 }) },
  'POST /api/v1/shops/:shop/orders/:id/special-order-settlement': { params: order(), owners: ['staff'], body: () => ({ noticeId: '0b6f1d2e-3c4a-4b5c-8d6e-7f8091a2b3c4' }) },
  'GET /shops/:shop/staff/orders/:id/formal-notices': { params: order(), owners: ['staff'] },
  'POST /shops/:shop/staff/orders/:id/formal-notices': { params: order(), owners: ['staff'], body: () => ({ kind: 'non_payment', sentOn: '2026-03-09' }) },
  'POST /shops/:shop/staff/orders/:id/formal-notices/dates': { params: order(), owners: ['staff'], body: () => ({ noticeId: '0b6f1d2e-3c4a-4b5c-8d6e-7f8091a2b3c4', presentedOn: '2026-03-09' }) },
  'POST /shops/:shop/staff/orders/:id/formal-notice-termination': { params: order(), owners: ['staff'], body: () => ({ noticeId: '0b6f1d2e-3c4a-4b5c-8d6e-7f8091a2b3c4' }) },
  'POST /shops/:shop/staff/orders/:id/storage-costs': { params: order(), owners: ['staff'], body: () => ({ description: 'Stockage', amount: '75,00' }) },
  'POST /shops/:shop/staff/orders/:id/special-order-settlement': { params: order(), owners: ['staff'], body: () => ({ noticeId: '0b6f1d2e-3c4a-4b5c-8d6e-7f8091a2b3c4', confirm: 'yes' }) },
  'POST /shops/:shop/orders/:id/late-delivery-notice': { params: order(), owners: ['customer'], body: () => ({}) },
  'POST /shops/:shop/orders/:id/termination': { params: order(), owners: ['customer'], body: () => ({ confirm: 'yes' }) },
  'POST /shops/:shop/staff/force-majeure/:id/end': { params: { id: () => ids.forceMajeure }, owners: ['staff'], body: () => ({ endsOn: '2026-03-09' }) },
  'GET /api/v1/shops/:shop/withdrawals/:id': { params: { id: () => ids.withdrawal }, owners: ['customer', 'staff'] },
  'POST /api/v1/shops/:shop/orders/:id/complaints': { params: order(), owners: ['customer', 'staff'], body: () => ({ kind: 'invoice_dispute' }) },
  'GET /api/v1/shops/:shop/complaints/:id': { params: { id: () => ids.complaint }, owners: ['customer', 'staff'] },
  'POST /api/v1/shops/:shop/complaints/:id/letters': { params: { id: () => ids.complaint }, owners: ['staff'], body: () => ({ direction: 'in', sentOn: '2026-03-09' }) },
  'POST /api/v1/shops/:shop/complaints/:id/decision': { params: { id: () => ids.complaint }, owners: ['staff'], body: () => ({ decision: 'refused', note: 'Pas de retour sans accord préalable.' }) },
  'POST /api/v1/shops/:shop/withdrawals/:id/events': { params: { id: () => ids.withdrawal }, owners: ['staff'], body: () => ({ type: 'goods_received', at: '2026-03-10' }) },
  'POST /api/v1/shops/:shop/orders/:id/warranty-claims': { params: order(), owners: ['customer'], body: () => ({ kind: 'conformity', description: 'Balayage : un défaut.' }) },
  'POST /api/v1/shops/:shop/warranty-claims/:id/decision': { params: { id: () => ids.claim }, owners: ['staff'], body: () => ({ remedy: 'repair', at: '2026-03-10' }) },
  'GET /api/v1/shops/:shop/warranty-claims/:id': { params: { id: () => ids.claim }, owners: ['customer', 'staff'] },
  'GET /shops/:shop/orders/:id/warranty-claims/new': { params: order(), owners: ['customer'] },
  'POST /shops/:shop/orders/:id/warranty-claims': { params: order(), owners: ['customer'], body: () => ({ kind: 'conformity', description: 'Balayage : un défaut.' }) },
  'GET /shops/:shop/warranty-claims/:id': { params: { id: () => ids.claim }, owners: ['customer'] },
  'GET /shops/:shop/warranty-claims/:id/photos/:n': { params: { id: () => ids.claim, n: () => '1' }, owners: ['customer', 'staff'] },
  'POST /shops/:shop/staff/warranty-claims/:id/decision': { params: { id: () => ids.claim }, owners: ['staff'], body: () => ({ remedy: 'repair', at: '2026-03-10' }) },
  'POST /api/v1/shops/:shop/warranty-claims/:id/events': { params: { id: () => ids.claim }, owners: ['staff'], body: () => ({ type: 'repaired', at: '2026-03-10' }) },
  'POST /shops/:shop/staff/warranty-claims/:id/events': { params: { id: () => ids.claim }, owners: ['staff'], body: () => ({ type: 'repaired', at: '2026-03-10' }) },
  // Volunteer rounds (issue 12 §4): a round of shop A with A1's order on it; the run sheet is reached by its link only (last test).
  'GET /shops/:shop/staff/rounds/:id': { params: { id: () => ids.round }, owners: ['staff'] },
  'GET /shops/:shop/staff/rounds/:id/picking.csv': { params: { id: () => ids.round }, owners: ['staff'] },
  'GET /shops/:shop/staff/rounds/:id/picking.pdf': { params: { id: () => ids.round }, owners: ['staff'] },
  'GET /api/v1/shops/:shop/campaigns/:id': { public: 'a group purchase is an offer to everyone: its window, products and delivery promises (issue 12 §8)' },
  'POST /api/v1/shops/:shop/campaigns/:id/close': { params: { id: () => ids.campaign }, owners: ['staff'], body: () => ({}) },
  'POST /api/v1/shops/:shop/campaigns/:id/clone': { params: { id: () => ids.campaign }, owners: ['staff'], body: () => ({}) },
  'GET /shops/:shop/staff/campaigns/:id': { params: { id: () => ids.campaign }, owners: ['staff'] },
  'POST /shops/:shop/staff/campaigns/:id/close': { params: { id: () => ids.campaign }, owners: ['staff'], body: () => ({}) },
  'POST /shops/:shop/staff/campaigns/:id/clone': { params: { id: () => ids.campaign }, owners: ['staff'], body: () => ({}) },
  'GET /shops/:shop/staff/campaigns/:id/documents/:file': { params: { id: () => ids.campaign, file: () => 'picking-list.csv' }, owners: ['staff'] },
  'POST /shops/:shop/staff/rounds/:id/volunteer': { params: { id: () => ids.round }, owners: ['staff'], body: () => ({ name: 'Balayage', phone: '0470 00 00 00' }) },
  'POST /shops/:shop/staff/rounds/:id/link': { params: { id: () => ids.round }, owners: ['staff'], body: () => ({}) },
  'POST /shops/:shop/staff/rounds/:id/sort': { params: { id: () => ids.round }, owners: ['staff'], body: () => ({}) },
  'POST /shops/:shop/staff/rounds/:id/stops/:orderId/move': { params: { id: () => ids.round, orderId: () => ids.transferOrder }, owners: ['staff'], body: () => ({ direction: 'down' }) },
  'POST /shops/:shop/staff/rounds/:id/stops/:orderId': { params: { id: () => ids.round, orderId: () => ids.transferOrder }, owners: ['staff'], body: () => ({ phone: '0470 00 00 00', doorNotes: 'Balayage' }) },
  'POST /shops/:shop/run-sheet/stops/:orderId': { public: 'the volunteer’s run sheet is opened by its link’s token, not by an account: a wrong or expired token is swept in the last test' },
  'GET /api/v1/shops/:shop/bank-statements/imports/:id': { params: { id: () => ids.statementImport }, owners: ['staff'] },
  'POST /api/v1/shops/:shop/bank-entries/:id/match': { params: { id: () => ids.bankEntry }, owners: ['staff'], body: () => ({ orderId: ids.transferOrder }) },
  'GET /api/v1/shops/:shop/invoices/:id': { params: { id: () => ids.invoice }, owners: ['customer', 'staff'] },
  'GET /shops/:shop/products/:id': PUBLIC_CATALOGUE,
  'GET /shops/:shop/legal/:doc': PUBLIC_TERMS,
  'GET /shops/:shop/terms/:kind': PUBLIC_TERMS,
  'GET /shops/:shop/terms/:kind/:version': PUBLIC_TERMS,
  'GET /shops/:shop/orders/:id': { params: order(), owners: ['customer'] },
  'GET /shops/:shop/orders/:id/transfer-qr.svg': { params: order(), owners: ['customer'] },
  'GET /shops/:shop/orders/:id/transfer-qr.png': { params: order(), owners: ['customer'] },
  'GET /shops/:shop/orders/:id/simulated-payment': { params: order('cardOrder'), owners: ['customer'], home: B },
  'POST /shops/:shop/orders/:id/simulated-payment': { params: order('cardOrder'), owners: ['customer'], body: () => ({ outcome: 'success' }), home: B },
  'POST /shops/:shop/orders/:id/card-checkout': { params: order('cardOrder'), owners: ['customer'], body: () => ({}), home: B },
  'GET /shops/:shop/invoices/:file': { params: { file: () => ids.invoiceFile }, owners: ['customer', 'staff'] },
  'GET /shops/:shop/staff/orders/:id': { params: order(), owners: ['staff'] },
  'POST /shops/:shop/staff/orders/:id/events': { params: order(), owners: ['staff'], body: () => ({ type: 'cancelled' }) },
  'GET /shops/:shop/orders/:id/withdrawal': { params: order(), owners: ['customer'] },
  'POST /shops/:shop/orders/:id/withdrawal': { params: order(), owners: ['customer'], body: () => ({ scope: 'whole' }) },
  'POST /shops/:shop/orders/:id/withdrawal/confirm': { params: order(), owners: ['customer'], body: () => ({ token: '8f0e2c36-5a51-4c8e-9a43-2f4f3bb1a0c1' }) },
  // A guest's account from the order's signed link (issue 10 §1): no bearer, not even the owner's, reaches it.
  'POST /shops/:shop/orders/:id/account': { params: order(), owners: ['customer'], body: () => ({ password: 'une phrase de passe du balayage' }) },
  'POST /shops/:shop/orders/:id/withdrawal/goodwill': { params: order(), owners: ['customer'], body: () => ({}) },
  'GET /shops/:shop/withdrawals/:id': { params: { id: () => ids.withdrawal }, owners: ['customer'] },
  'GET /shops/:shop/withdrawals/:id/statement.pdf': { params: { id: () => ids.withdrawal }, owners: ['customer'] },
  'GET /shops/:shop/orders/:id/withdrawal-form.pdf': { params: order(), owners: ['customer', 'staff'] },
  'GET /shops/:shop/orders/:id/complaints/new': { params: order(), owners: ['customer'] },
  'POST /shops/:shop/orders/:id/complaints': { params: order(), owners: ['customer'], body: () => ({ kind: 'invoice_dispute' }) },
  'GET /shops/:shop/complaints/:id': { params: { id: () => ids.complaint }, owners: ['customer'] },
  'GET /shops/:shop/staff/orders/:id/complaints': { params: order(), owners: ['staff'] },
  'POST /shops/:shop/staff/pickup-slots/:id/close': { params: { id: () => ids.slot }, owners: ['staff'], body: () => ({ reason: 'sweep' }) },
  'POST /shops/:shop/staff/pickup-slots/:id/reopen': { params: { id: () => ids.slot }, owners: ['staff'], body: () => ({}) },
  'POST /shops/:shop/staff/orders/:id/complaints': { params: order(), owners: ['staff'], body: () => ({ kind: 'invoice_dispute', madeOn: '2026-03-09' }) },
  'POST /shops/:shop/staff/complaints/:id/letters': { params: { id: () => ids.complaint }, owners: ['staff'], body: () => ({ direction: 'in', sentOn: '2026-03-09' }) },
  'POST /shops/:shop/staff/orders/:id/withdrawal': { params: order(), owners: ['staff'], body: () => ({ notifiedOn: '2026-03-10', channel: 'letter' }) },
  'POST /shops/:shop/staff/orders/:id/withdrawal/goodwill-answer': { params: order(), owners: ['staff'], body: () => ({ decision: 'declined', note: 'Hors délai.' }) },
  'POST /shops/:shop/staff/withdrawals/:id/events': { params: { id: () => ids.withdrawal }, owners: ['staff'], body: () => ({ type: 'goods_received', on: '2026-03-10' }) },
  'POST /shops/:shop/staff/orders/:id/refunds': { params: order(), owners: ['staff'], body: () => ({ amountCents: '1', reason: 'sweep' }) },
  'GET /shops/:shop/staff/products/:id': { params: { id: () => ids.product }, owners: ['staff'] },
  'POST /shops/:shop/staff/products/:id': { params: { id: () => ids.product }, owners: ['staff'], body: () => ({ sku: 'CALC-SCI', 'name.fr': 'Balayé', 'description.fr': 'Balayé', price: '1,00', vatRate: '21', stock: '1' }) },
  'GET /shops/:shop/staff/bank/imports/:id': { params: { id: () => ids.statementImport }, owners: ['staff'] },
  'POST /shops/:shop/staff/bank/entries/:id/match': { params: { id: () => ids.bankEntry }, owners: ['staff'], body: () => ({ orderId: ids.transferOrder }) },
};

/** Routes naming an object by id: any path parameter other than the shop's slug. */
const idRoutes = (): Route[] => routeInventory(p.app).filter((r) => r.method !== 'HEAD' && /:(?!shop\b)\w+/.test(r.url));
const key = (r: Route) => `${r.method} ${r.url}`;
const swept = (): [Route, Swept][] => idRoutes().flatMap((r) => (SWEEP[key(r)] && !('public' in (SWEEP[key(r)] as object)) ? [[r, SWEEP[key(r)] as Swept]] : []));

function urlOf(r: Route, s: Swept, shop: string): string {
  return fillParams(r.url, (name) => (name === 'shop' ? shop : (s.params[name]?.() ?? `no-filler-for-${name}`)));
}

async function staffToken(shop: string): Promise<string> {
  const row = await p.database.db.selectFrom('staff').select(['id', 'name']).where('shop_id', '=', shop).executeTakeFirstOrThrow();
  return issueApiToken({ db: p.database.db, clock: p.clock }, { kind: 'staff', shopId: shop, id: row.id, name: row.name }, 'test', 1);
}

async function place(shop: string, customer: string, paymentMethod: string): Promise<Record<string, unknown> & { id: string }> {
  const productId = shop === A ? await productIdBySku(p, A, 'CALC-SCI') : await productIdBySku(p, B, 'JHS-JEU');
  const delivery = shop === A ? { mode: 'pickup', pickupPointId: '0' } : { mode: 'carrier' };
  const res = await p.app.inject({
    method: 'POST',
    url: `/api/v1/shops/${shop}/orders`,
    headers: bearer(customer),
    payload: { lines: [{ productId, quantity: 1 }], acceptedTerms: { version: await termsVersion(p, shop) }, delivery, paymentMethod },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

/** Rows that a wrongly allowed write would add or change. */
async function snapshot(): Promise<string> {
  const counts = await sql<Record<string, string>>`select
      (select count(*) from orders) as orders, (select count(*) from order_events) as order_events,
      (select count(*) from refunds) as refunds, (select count(*) from order_payments) as order_payments, (select count(*) from withdrawals) as withdrawals,
      (select count(*) from warranty_claims) as warranty_claims, (select count(*) from warranty_claims where remedy is not null) as warranty_decisions`.execute(p.database.db);
  const orders = await p.database.db.selectFrom('orders').select(['id', 'status']).orderBy('id').execute();
  const product = await p.database.db.selectFrom('products').select(['stock', 'name', 'unit_price_cents']).where('id', '=', ids.product).execute();
  const entries = await p.database.db.selectFrom('bank_entries').selectAll().orderBy('id').execute();
  const withdrawals = await p.database.db.selectFrom('withdrawals').select(['id', 'goods_received_on', 'refunded_on']).orderBy('id').execute();
  const rounds = await p.database.db.selectFrom('volunteer_rounds').select(['id', 'volunteer_name', 'volunteer_phone', 'sheet_token_hash']).orderBy('id').execute();
  const slots = await p.database.db.selectFrom('pickup_slots').select(['id', 'taken', 'closed_at']).where('closed_at', 'is not', null).orderBy('id').execute();
  const stops = await p.database.db.selectFrom('round_stops').select(['order_id', 'position', 'phone', 'door_notes', 'outcome']).orderBy('order_id').execute();
  return JSON.stringify({ slots, rounds, stops, counts: counts.rows[0], orders, product, entries, withdrawals });
}

before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '1' }, { stripe: false });
  token.a1 = await customerToken(p, A, 'a1@sweep.example');
  token.a2 = await customerToken(p, A, 'a2@sweep.example');
  token.b = await customerToken(p, B, 'b@sweep.example');
  token.b2 = await customerToken(p, B, 'b2@sweep.example');
  token.staffA = await staffToken(A);
  token.staffB = await staffToken(B);
  const transfer = await place(A, token.a1, 'bank_transfer');
  ids.transferOrder = transfer.id;
  // Its pickup slot (issue 12 §3): the staff's close and reopen routes' object.
  ids.slot = (await p.database.db.selectFrom('pickup_slots').select('id').where('shop_id', '=', A).orderBy('starts_at').executeTakeFirstOrThrow()).id;
  // A1 withdraws from it before delivery (issue 10): the withdrawal routes' object.
  const withdrawal = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${A}/orders/${ids.transferOrder}/withdrawal`, headers: bearer(token.a1), payload: {} });
  assert.equal(withdrawal.statusCode, 201, withdrawal.body);
  ids.withdrawal = withdrawal.json().id;
  const change = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${A}/orders/${ids.transferOrder}/modification`, headers: bearer(token.a1), payload: { message: 'Une autre couleur.' } });
  assert.equal(change.statusCode, 202, change.body);
  ids.changeRequest = change.json().request.id;
  // A complaint on that order (issue 10 §5): Coopso's terms open none before delivery, so it is written as staff would have recorded it.
  ids.complaint = '5b7c1e2a-9d3f-4c61-8a0e-3f2d1c4b5a69';
  await p.database.db.insertInto('complaints').values({ shop_id: A, id: ids.complaint, order_id: ids.transferOrder, kind: 'invoice_dispute', customer_kind: 'consumer', made_on: '2026-03-09', received_on: '2026-03-09', window_starts_on: null, window_ends_on: null, contractual_ends_at: null, on_time: true, binding: false, status: 'open', note: null, returned_cents: null, compensating_order_cents: null, abatement_cents: null, credit_cents: null, recorded_by: 'sweep', recorded_at: new Date() }).execute();
  // A1's warranty claim on it (issue 10 §4), written as the after-sale capability keeps one: the claim routes' object.
  ids.claim = '3c1d6f0e-9a2b-4c5d-8e7f-0a1b2c3d4e5f';
  await p.database.db.insertInto('warranty_claims').values({ shop_id: A, id: ids.claim, order_id: ids.transferOrder, kind: 'conformity', opened_on: '2026-03-10', delivered_on: '2026-03-09', discovered_on: null, warranty_ends_on: '2028-03-09', presumption_ends_on: '2028-03-09', presumption: true, description: 'Balayage', lines: JSON.stringify([]), remedy: null, decided_on: null, decision_note: null, refund_due_on: null, opened_by: 'sweep', opened_at: new Date() }).execute();
  await p.database.db.insertInto('warranty_claim_photos').values({ shop_id: A, claim_id: ids.claim, photo_no: 1, content_type: 'image/png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]) }).execute();
  // Shop A's demo group purchase, Rentrée 2027 (issue 12 §1): the campaign routes' object.
  ids.campaign = (await p.database.db.selectFrom('campaigns').select('id').where('shop_id', '=', A).executeTakeFirstOrThrow()).id;
  // A volunteer round with A1's order on it (issue 12 §4), as the rounds capability keeps one; its run-sheet link has expired.
  ids.round = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
  await p.database.db.insertInto('volunteer_rounds').values({ shop_id: A, id: ids.round, name: 'Balayage', zone: 'Charleroi', round_on: '2026-03-09', volunteer_name: null, volunteer_phone: null, volunteer_email: null, sheet_token_hash: sha256Hex(EXPIRED_SHEET_TOKEN), sheet_expires_at: new Date('2026-03-12T00:00:00Z'), created_by: 'sweep', created_at: new Date() }).execute();
  await p.database.db.insertInto('round_stops').values({ shop_id: A, round_id: ids.round, order_id: ids.transferOrder, position: 0, phone: '0471 22 33 44', door_notes: 'Sonnette Balayage', outcome: null, outcome_at: null, outcome_note: null }).execute();
  // A period of force majeure staff declared on that order (issue 11 §5), as the orders capability keeps one.
  ids.forceMajeure = '7d2e4f60-1b3c-4d5e-9f70-8a9b0c1d2e3f';
  await p.database.db.insertInto('force_majeure_periods').values({ shop_id: A, id: ids.forceMajeure, order_id: ids.transferOrder, cause: 'strike', starts_on: '2026-03-09', ends_on: null, note: null, declared_by: 'sweep', declared_at: new Date() }).execute();
  await place(A, token.a2, 'bank_transfer');
  ids.cardOrder = (await place(B, token.b, 'card')).id;
  await place(B, token.b2, 'card');
  const invoices = await p.database.db.selectFrom('invoices').select('id').where('order_id', '=', ids.transferOrder).execute();
  assert.equal(invoices.length, 1, 'Coopso issues the invoice at order');
  ids.invoice = invoices[0]?.id ?? '';
  ids.invoiceFile = `${ids.invoice}.pdf`;
  ids.customer = (await p.database.db.selectFrom('customers').select('id').where('shop_id', '=', A).where('email', '=', 'a1@sweep.example').executeTakeFirstOrThrow()).id;
  ids.product = await productIdBySku(p, A, 'CALC-SCI');
  const upload = await p.app.inject({
    method: 'POST',
    url: `/api/v1/shops/${A}/bank-statements`,
    headers: { ...bearer(token.staffA), 'content-type': 'application/xml' },
    payload: `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
  <GrpHdr><MsgId>SWEEP</MsgId><CreDtTm>2026-03-10T06:00:00+01:00</CreDtTm></GrpHdr><Stmt><Id>SWEEP</Id>
  <Acct><Id><IBAN>BE59000001234526</IBAN></Id><Ccy>EUR</Ccy></Acct><Ntry><Amt Ccy="EUR">1.23</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
  <BookgDt><Dt>2026-03-09</Dt></BookgDt><AcctSvcrRef>SWEEP-1</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Inconnu</Nm></Dbtr></RltdPties>
  <RmtInf><Ustrd>sans reference</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>`,
  });
  assert.equal(upload.statusCode, 200, upload.body);
  ids.bankEntry = (await p.database.db.selectFrom('bank_entries').select('id').where('shop_id', '=', A).executeTakeFirstOrThrow()).id;
  const form = await p.app.inject({ method: 'GET', url: `/shops/${A}/login` });
  csrf.token = /name="_csrf" value="([^"]*)"/.exec(form.body)?.[1] ?? '';
  csrf.cookie = [form.headers['set-cookie'] ?? []].flat().map((c) => String(c).split(';')[0]).join('; ');
  assert.ok(csrf.token && csrf.cookie.includes('_csrf'), 'a CSRF pair from the sign-in form');
  ids.statementImport = (await p.database.db.selectFrom('statement_imports').select('id').where('shop_id', '=', A).executeTakeFirstOrThrow()).id;
});
after(async () => p?.stop());

const csrf = { token: '', cookie: '' };
let requests = 0;
async function call(method: string, url: string, who: string | null, body?: Record<string, unknown>) {
  requests++;
  const auth = who ? bearer(who) : {};
  if (body === undefined) return p.app.inject({ method: method as 'GET', url, headers: auth });
  if (url.startsWith('/api/')) return p.app.inject({ method: method as 'POST', url, headers: auth, payload: body });
  // A page form: a valid CSRF pair, so the request reaches the route's own access check.
  const fields = new URLSearchParams({ _csrf: csrf.token, ...Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)])) });
  return p.app.inject({ method: method as 'POST', url, headers: { ...auth, cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: fields.toString() });
}

/** Refused: 401, 403, 404, or a page sending the caller to a sign-in form. */
function refused(res: { statusCode: number; headers: Record<string, unknown> }): boolean {
  if ([401, 403, 404].includes(res.statusCode)) return true;
  return res.statusCode === 303 && /\/(staff\/)?login(\?|$)/.test(String(res.headers.location ?? ''));
}

describe('IDOR sweep over every route naming an object by id (T-23)', () => {
  test('should have every such route in the sweep table, and no stale line in it', () => {
    const routes = idRoutes().map(key);
    for (const r of routes) assert.ok(SWEEP[r], `route not in the access sweep: ${r}`);
    for (const k of Object.keys(SWEEP)) assert.ok(routes.includes(k), `sweep line for a route that no longer exists: ${k}`);
  });

  test('should serve each object to its owner and its shop’s staff, so the sweep aims at real ids', async () => {
    for (const [r, s] of swept()) {
      if (r.method !== 'GET') continue;
      for (const owner of s.owners) {
        const home = side(s.home ?? A);
        const res = await call('GET', urlOf(r, s, s.home ?? A), owner === 'customer' ? home.owner : home.staff);
        assert.ok(res.statusCode >= 200 && res.statusCode < 300, `${owner} got ${res.statusCode} on ${key(r)}: ${res.body.slice(0, 300)}`);
      }
    }
  });

  test('should refuse the objects to everyone else, on reads and writes, and change nothing', async () => {
    const before = await snapshot();
    const leaks: string[] = [];
    const answers: Record<string, number> = {};
    let routes = 0;
    for (const [r, s] of swept()) {
      routes++;
      const H = s.home ?? A;
      const home = side(H);
      const away = side(home.other);
      const callers: [string, string | null, string][] = [
        ['another customer of the same shop', home.neighbour, H],
        ['a customer of the other shop (owner’s slug)', away.owner, H],
        ['a customer of the other shop (own slug)', away.owner, home.other],
        ['the other shop’s staff (owner’s slug)', away.staff, H],
        ['the other shop’s staff (own slug)', away.staff, home.other],
        ['anonymous', null, H],
      ];
      if (!s.owners.includes('customer')) callers.push(['the owning customer on a staff route', home.owner, H]);
      for (const [who, bearerToken, shop] of callers) {
        const res = await call(r.method, urlOf(r, s, shop), bearerToken, r.method === 'GET' ? undefined : (s.body?.() ?? {}));
        const answer = `${r.url.startsWith('/api/') ? 'api' : 'page'} ${r.method} ${res.statusCode}`;
        answers[answer] = (answers[answer] ?? 0) + 1;
        if (!refused(res)) leaks.push(`${who} got ${res.statusCode} on ${r.method} ${urlOf(r, s, shop)}: ${res.body.slice(0, 200)}`);
      }
    }
    assert.deepEqual(leaks, []);
    assert.equal(await snapshot(), before, 'a refused request changed rows');
    assert.ok(routes >= 20, `only ${routes} routes swept`);
    console.log(`access sweep: ${routes} routes, ${requests} requests; answers ${JSON.stringify(answers)}`);
  });
});

describe('run sheets, public by their link (issue 12 §4)', () => {
  test('should show nothing through a wrong or expired link, and change nothing through it', async () => {
    const before = await snapshot();
    const wrong = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const pages = [await call('GET', `/shops/${A}/run-sheet?token=${wrong}`, null), await call('GET', `/shops/${A}/run-sheet?token=${EXPIRED_SHEET_TOKEN}`, null), await call('GET', `/shops/${A}/run-sheet`, null)];
    assert.deepEqual(pages.map((r) => r.statusCode), [404, 410, 404]);
    for (const t of [wrong, EXPIRED_SHEET_TOKEN]) {
      for (const who of [null, token.a2, token.staffB]) {
        const res = await call('POST', `/shops/${A}/run-sheet/stops/${ids.transferOrder}`, who, { token: t, outcome: 'delivered' });
        assert.ok([403, 404, 410].includes(res.statusCode), `${res.statusCode} through a ${t === wrong ? 'wrong' : 'expired'} link`);
        pages.push(res);
      }
    }
    for (const res of pages) {
      for (const secret of ['Camille', 'Martin', 'Calculatrice', '0471 22 33 44', 'Sonnette', 'a1@sweep.example']) assert.ok(!res.body.includes(secret), `${secret} shown through a dead link`);
    }
    assert.equal(await snapshot(), before, 'a dead link changed rows');
  });
});
