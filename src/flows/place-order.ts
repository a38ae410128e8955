/**
 * Placing an order, in one transaction: every rule of the shop's terms is checked first, with no
 * lock held; then the guarded updates that may still refuse it (pickup slot, campaign caps, stock
 * by product id); then the shop's order number, and one statement writing the order, its lines,
 * its evidence, its confirmation e-mail and its invoice, whose number is given after the commit.
 * Locks are always taken in that order, so two orders never deadlock, and each is held only from
 * its update to the commit. Anything failing rolls back the whole (DESIGN.md §8, §11).
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { precompile } from '../db/precompiled.ts';
import type { CustomerKind } from '../accounts/schema.ts';
import type { DB, OrderLinesTable, OrdersTable } from '../db/schema.ts';
import type { Clock } from '../kernel/clock.ts';
import { localDate } from '../kernel/calendar.ts';
import { DomainError } from '../kernel/errors.ts';
import { isUuid } from '../kernel/ids.ts';
import { chainNewOrderEvents, type NewEvent, newOrderEventRows, orderEventsInsertFromJson } from '../legal/evidence/service.ts';
import { takeStockExpression } from '../catalogue/stock.ts';
import { invoiceRequestsAtPlacement } from '../invoicing/issue.ts';
import { invoiceRequestsInsertFromJson } from '../invoicing/queries.ts';
import { outboxInsertFromJson, outboxRowJson } from '../notifications/outbox.ts';
import { paymentAtPlacement } from '../payments/at-placement.ts';
import { applyCredit, creditForOrder } from '../payments/credit/service.ts';
import { orderSide } from './record-payment.ts';
import { bankTransferMethod, newOrderReference, orderReferenceSerial, TRANSFER_QR_FILENAME, transferInstructions } from '../payments/transfer.ts';
import { type OrderJson, orderJsonOf } from './order-json.ts';
import { viaStripe } from '../payments/card/availability.ts';
import { customerLang } from '../shops/customer-language.ts';
import type { Shop } from '../shops/service.ts';
import type { AcceptedDocument } from '../checkout/accepted-document.ts';
import { confirmationToSend } from '../checkout/emails.ts';
import { modelFormApplies, modelFormFileName } from '../aftersale/model-form.ts';
import * as q from '../checkout/queries.ts';
import { campaignsForOrder, takeCampaignCaps } from '../campaigns/service.ts';
import { holdSlot } from '../delivery/service.ts';
import { pointHasSlots } from '../shops/profile/delivery-zone-rules.ts';
import type { PromiseJson } from '../campaigns/rules.ts';
import { catalogueLine, quoteOrder } from '../checkout/quote.ts';
import * as rules from '../checkout/rules.ts';
import type { OrderInput } from '../checkout/schema.ts';

export type PlaceOrderContext = {
  ip: string;
  userAgent: string | null;
  /** The documents to accept, in force now; the first is the one the customer names by version. */
  terms: readonly AcceptedDocument[];
  orderUrl: (orderId: string) => string;
  /**
   * The order's id chosen by the caller: a one-time checkout token, so a second submission of
   * the same review form collides with the first order instead of placing another.
   */
  orderId?: string;
  /** Runs first inside the order's transaction (emptying the cart, claiming a key); throwing rolls back all. */
  first?: (trx: Transaction<DB>) => Promise<void>;
  /**
   * Runs inside the order's transaction once the order is written, before its invoice (the last
   * statement, holding the shop's invoice counter): opens the simulated payment page and stores
   * the API's answer to an Idempotency-Key, so a committed order always has its answer (issue 8
   * §5). It may complete `placed.json` (its `payment.checkoutUrl`).
   */
  last?: (trx: Transaction<DB>, placed: PlacedOrder) => Promise<void>;
};
/**
 * `json`: the order as API.md shows it, built from what the transaction wrote. `invoiceRequested`:
 * its invoice waits for its number, which the caller has given after the commit (migration 0026).
 */
export type PlacedOrder = { id: string; number: string; json: OrderJson; email: string; evidence: { evidence_head: string; evidence_count: number }; invoiceRequested: boolean };

const PENDING_STATUS: Record<string, string> = { on_account: 'awaiting_acceptance' };

function mergeLines(lines: OrderInput['lines']): OrderInput['lines'] {
  const merged = new Map<string, number>();
  for (const l of lines) merged.set(l.productId, (merged.get(l.productId) ?? 0) + l.quantity);
  return [...merged].map(([productId, quantity]) => ({ productId, quantity }));
}

function checkTerms(input: OrderInput, terms: readonly AcceptedDocument[]): void {
  const current = terms[0];
  if (!input.acceptedTerms || !current) throw new DomainError('terms_not_accepted', 'refused', {}, 'acceptedTerms');
  if (input.acceptedTerms.version !== current.version) {
    throw new DomainError('terms_version_outdated', 'refused', { current: current.version }, 'acceptedTerms.version');
  }
}

function orderNumber(shopSlug: string, year: number, serial: number): string {
  const initials = shopSlug.split('-').map((w) => w[0]).join('').toUpperCase();
  const prefix = initials.length > 1 ? initials : shopSlug.slice(0, 3).toUpperCase();
  return `${prefix}-${year}-${String(serial).padStart(6, '0')}`;
}

/** The campaign's promise on the order: `earliestOn` (API.md `delivery.earliestOn`) and `latestOn` (its `deadlines.deliveryLatestOn`). */
function withPromise<D extends object>(delivery: D, promise: PromiseJson | null): D & { earliestOn?: string; latestOn?: string } {
  if (!promise) return delivery;
  return { ...delivery, ...(promise.deliveryFrom && { earliestOn: promise.deliveryFrom }), latestOn: promise.deliveryLatestOn };
}

/** Stock to take per product: a bundle draws from its parts (C03 "lot de 3 jeux et 7 cartes"). */
async function stockNeeds(db: Kysely<DB>, shopId: string, lines: { productId: string; quantity: number; isBundle: boolean }[]) {
  const parts = await q.partsOf(db, shopId, lines.filter((l) => l.isBundle).map((l) => l.productId));
  const needs = new Map<string, { quantity: number; line: number }>();
  const add = (id: string, quantity: number, line: number) => needs.set(id, { quantity: (needs.get(id)?.quantity ?? 0) + quantity, line });
  lines.forEach((l, i) => {
    if (!l.isBundle) add(l.productId, l.quantity, i);
    else for (const p of parts.filter((p) => p.bundle_id === l.productId)) add(p.part_id, p.quantity * l.quantity, i);
  });
  return [...needs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The confirmation e-mail, the order, its lines and its evidence, written by one statement (issue
 * 9: three round trips less, each of which the products' locks were held for). Compiled once
 * (src/db/precompiled.ts).
 */
const insertPlacedOrder = precompile((_db, p: { mail: string; order: string; lines: string; events: string; invoices: string }) =>
  sql`with mail as (${outboxInsertFromJson(p.mail)}), placed as (${q.orderInsertFromJson(p.order)}), lines as (${q.orderLinesInsertFromJson(p.lines)}), invoices as (${invoiceRequestsInsertFromJson(p.invoices)}) ${orderEventsInsertFromJson(p.events)}`,
);

/**
 * An order's stock, then its number if every product had enough (`serial` null otherwise): one
 * statement (issue 9), the sub-select kept apart (`offset 0`) so the stock is taken first.
 */
const takeStockThenNumber = precompile((_db, p: { shopId: string; ids: string[]; quantities: number[]; year: number }) =>
  sql<{ short: number; serial: number | null }>`select s.short, case when s.short = 0 then ${q.nextOrderSerialExpression(p.shopId, p.year)} end as serial
    from (select ${takeStockExpression(p.shopId, p.ids, p.quantities)} as short offset 0) s`,
);

/**
 * One transaction from the first read to the answer (issue 9: at most 2 transactions and 15
 * statements per order, test/api/order-round-trips.test.ts): the reads take no lock, so holding
 * them in the order's transaction costs nothing, and each saves the round trip of its own.
 */
export async function placeOrder(deps: { db: Kysely<DB>; clock: Clock }, shop: Shop, customerId: string, input: OrderInput, ctx: PlaceOrderContext): Promise<PlacedOrder> {
  return deps.db.transaction().execute((trx) => placeIn(trx, deps.clock, shop, customerId, input, ctx));
}

async function placeIn(trx: Transaction<DB>, clock: Clock, shop: Shop, customerId: string, input: OrderInput, ctx: PlaceOrderContext): Promise<PlacedOrder> {
  if (ctx.first) await ctx.first(trx);
  const profile = shop.profile;
  const wanted = mergeLines(input.lines);
  // The customer and the products by one read; an id that is no UUID is refused below, in turn.
  const read = await q.customerAndProductsForOrder(trx, shop.slug, customerId, wanted.flatMap((l) => (isUuid(l.productId) ? [l.productId] : [])));
  const customer = read.customer;
  if (!customer) throw new DomainError('unauthenticated', 'unauthenticated');
  const kind = customer.kind as CustomerKind;
  rules.checkCustomerKind(profile, kind);
  checkTerms(input, ctx.terms);

  wanted.forEach((l, i) => {
    if (!isUuid(l.productId)) throw new DomainError('unknown_product', 'refused', {}, `lines.${i}.productId`);
  });
  const products = new Map(read.products.map((p) => [p.id, p]));
  const catalogueLines = wanted.map((l, i) => {
    const p = products.get(l.productId);
    if (!p) throw new DomainError('unknown_product', 'refused', {}, `lines.${i}.productId`);
    return catalogueLine(p, l.quantity);
  });
  const customerAddress = customer.address as unknown as { line1: string; postalCode: string; city: string; country: string };
  const quote = quoteOrder({ profile, legalSystem: shop.legalSystem, kind, customerAddress, lines: catalogueLines, delivery: input.delivery, paymentMethod: input.paymentMethod });
  // Campaign-only products (issue 12 §1): sold only inside their campaign's open window, each
  // campaign's promise for today's orders becoming the order's delivery dates. One read, and
  // only for an order with such a product.
  const inCampaign = wanted.flatMap((l, i) => {
    const p = products.get(l.productId);
    return p?.campaign_only ? [{ productId: l.productId, quantity: l.quantity, line: i, sku: p.sku }] : [];
  });
  const campaign = await campaignsForOrder(trx, shop.slug, inCampaign, new Date(clock.now().epochMilliseconds), shop.timeZone);
  const { lines: priced, totals } = quote;
  const delivery = withPromise(quote.delivery, campaign.promise);
  if (input.expectedGrossCents !== undefined && input.expectedGrossCents !== totals.grossCents) {
    throw new DomainError('cart_changed', 'conflict', { totalCents: totals.grossCents }, 'expectedGrossCents');
  }
  const needs = await stockNeeds(trx, shop.slug, catalogueLines);
  const accepted = ctx.terms.map(({ kind: k, version, sha256 }) => ({ kind: k, version, sha256 }));
  const now = new Date(clock.now().epochMilliseconds);
  const id = ctx.orderId ?? randomUUID();
  // The shop's day, computed once (time-zone arithmetic is among the order's costliest rules).
  const today = localDate(clock.now(), shop.timeZone);
  const year = today.year;
  // Payment window and deposit (003 art.2.3); the stock taken is kept to give it back exactly.
  const payment = paymentAtPlacement(profile, { paymentMethod: input.paymentMethod, customerKind: kind, grossCents: totals.grossCents, placedOn: today });
  // Customer credit from an earlier overpayment pays what it can of this order (issue 4 §5):
  // the e-mail asks only for the rest, and for nothing when the credit covers it.
  const credit = await creditForOrder(trx, shop.slug, customer.id, totals.grossCents, Number(customer.credit_balance ?? 0));

  // The locks, each held to the commit, always taken in one order — pickup slot, campaign caps,
  // products by id — so two orders never deadlock.
  // The pickup slot (issue 12 §3): one guarded update (taken < capacity), inside the campaign's
  // promised days when there is one.
  if (quote.point && pointHasSlots(quote.point)) {
    const slot = await holdSlot(trx, shop, quote.point, input.delivery.slotId, clock.now(), campaign.promise ?? undefined);
    Object.assign(delivery, { slotId: slot.id, slot: { startsAt: slot.startsAt, endsAt: slot.endsAt }, earliestOn: slot.on });
  }
  // A campaign's caps: one guarded update per campaign product, in product id order.
  await takeCampaignCaps(trx, shop.slug, campaign.takes);
  // Stock: each product row locked from its guarded update to the commit (DESIGN.md §8); then, in
  // the same statement, the shop's own order number for the year (issue 11 §9), from its sequence
  // (migration 0025): no lock, and taken only once the stock is, so a refused order takes none.
  const stockTaken = needs.map(([productId, need]) => ({ productId, quantity: need.quantity }));
  const taken = await takeStockThenNumber.first(trx, { shopId: shop.slug, ids: stockTaken.map((s) => s.productId), quantities: stockTaken.map((s) => s.quantity), year });
  const short = needs[(taken?.short ?? 0) - 1]?.[1];
  if (short) throw new DomainError('out_of_stock', 'conflict', { sku: priced[short.line]?.sku ?? '' }, `lines.${short.line}.quantity`);
  const serial = Number(taken?.serial);
  const number = orderNumber(shop.slug, year, serial);
  const status = PENDING_STATUS[input.paymentMethod] ?? 'awaiting_payment';
  // The express request to start a service during the withdrawal period (L221-25), kept only
  // when the order holds a service; its instant is the order's and the `placed` event's.
  const serviceStart = input.serviceStartRequested === true && catalogueLines.some((l) => l.serviceDays !== null) ? now : null;
  // The transfer reference is written with the order, so no committed order lacks one.
  const transfer = input.paymentMethod === 'bank_transfer' ? bankTransferMethod(profile) : undefined;
  const paymentReference = transfer ? newOrderReference(transfer.structuredReference, { serial: orderReferenceSerial(year, serial), number }).value : null;
  const dueNow = Math.max(0, (payment.deposit_cents ?? totals.grossCents) - credit);
  const instructions = dueNow > 0 ? transferInstructions(profile, { paymentMethod: input.paymentMethod, paymentReference, amountDueCents: dueNow }) : null;
  // A reference, rendered with its CGV PDF and QR code when sent, off the order path (issue 9).
  const modelFormFile = modelFormApplies(shop, kind) ? modelFormFileName(shop, number) : null;
  const email = confirmationToSend(shop, customer.email, customerLang(shop, customer.language), { id, number, url: ctx.orderUrl(id), amountDueCents: dueNow, transferQrFile: instructions !== null ? TRANSFER_QR_FILENAME : null, modelFormFile }, ctx.terms);
  const mail = outboxRowJson(email.email, now);
  // A new order's evidence starts at the genesis: chained here, with nothing read, the order row
  // inserted with its head.
  const newEvents: NewEvent[] = [{
    shopId: shop.slug, orderId: id, type: 'placed', at: now, actor: `customer:${customer.id}`,
    data: { number, paymentReference, customerKind: kind, terms: accepted, checkboxText: profile.checkout.termsCheckboxText, buttonLabel: profile.checkout.finalButtonLabel, ip: ctx.ip, userAgent: ctx.userAgent, lines: priced, totals, delivery, paymentMethod: input.paymentMethod, status, ...(serviceStart && { serviceStartRequestedAt: serviceStart.toISOString() }) },
  }, { shopId: shop.slug, orderId: id, type: 'confirmation_email_queued', at: now, actor: 'system', data: { outboxId: mail.id, to: customer.email, subject: email.subject, attachments: email.attachments } }];
  const { stored: events, head: chainHead } = chainNewOrderEvents(newEvents, now);
  // The order and its lines as written, every column a value known here (issue 9: nothing read back).
  const order: Selectable<OrdersTable> = {
    id,
    shop_id: shop.slug, number, customer_id: customer.id, customer_kind: kind, status, placed_at: now,
    net_cents: totals.netCents, vat_cents: totals.vatCents, gross_cents: totals.grossCents, shipping_cents: totals.shippingCents, fees_cents: totals.feesCents,
    payment_method: input.paymentMethod, payment_status: 'awaiting', payment_reference: paymentReference, ...payment, ...chainHead,
    payment_reminded_at: null, balance_due_on: null, payment_not_before: null,
    service_start_requested_at: serviceStart, service_started_on: null,
    delivery, accepted_terms: accepted, stock_taken: stockTaken,
  };
  const lines: Selectable<OrderLinesTable>[] = priced.map((l, i) => ({
    shop_id: shop.slug, order_id: id, line_no: i + 1, product_id: l.productId, sku: l.sku, name: l.name, quantity: l.quantity,
    unit_price_cents: l.unitPriceCents, vat_rate_bp: l.vatRateBp, total_cents: l.totalCents, withdrawable: l.withdrawable, withdrawal_exception: l.withdrawalException,
    service_days: catalogueLines[i]?.serviceDays ?? null,
    // The special-order flag as the customer was shown it (003 art.7.2), kept with the line sold.
    special_order: l.specialOrder === true,
  }));
  // The invoice as issued today, its number given after the commit (none for a shop invoicing on payment).
  const invoices = invoiceRequestsAtPlacement(shop, id, now, { order, lines, buyer: customer });
  // The confirmation e-mail, the order, its lines, its evidence and its invoice: one statement.
  await insertPlacedOrder.run(trx, { mail: JSON.stringify(mail.json), order: JSON.stringify(order), lines: JSON.stringify(lines), events: JSON.stringify(newOrderEventRows(newEvents, events, now)), invoices: JSON.stringify(invoices) });
  await applyCredit({ trx, shop, now, actor: `customer:${customer.id}`, today: today.toString(), orders: orderSide }, id, customer.id, credit);
  // The answer from what was just written; read back only when a credit paid part of it.
  const written = credit > 0 ? await q.orderWithPaid(trx, shop.slug, id) : { ...order, paid_cents: 0 };
  const head = events[events.length - 1];
  const evidence = credit > 0 || !head ? { evidence_head: written.evidence_head ?? '', evidence_count: written.evidence_count } : { evidence_head: head.hash, evidence_count: head.seq };
  const placed = { id, number, json: orderJsonOf(shop, written, lines, events, viaStripe(input.paymentMethod) ? null : undefined), email: customer.email, evidence, invoiceRequested: invoices.length > 0 };
  if (ctx.last) await ctx.last(trx, placed);
  return placed;
}
