/**
 * Issuing an invoice (issue 4 §1, LEGAL.md §A8). On payment (004 art.3 O8) and for storage costs:
 * inside the caller's transaction, so the invoice, its number and the counter commit or roll back
 * together with the fact that caused them. At placement: the order's transaction writes the
 * invoice as a request, numbered right after its commit with the shop's other orders committed
 * meanwhile (issue 9, migration 0026), so no order holds the shop's counter until its commit.
 *
 * Seller and buyer are snapshots: the invoice keeps the identity and address in force the day it
 * was issued, whatever the profile or the customer's account says later.
 */
import type { Kysely, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { AddressJson, DB, InvoiceParty } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import { nextRun } from '../kernel/next-run.ts';
import { t } from '../kernel/i18n/index.ts';
import { standardVatBp } from '../shops/profile/standard-vat.ts';
import type { Shop } from '../shops/service.ts';
import * as q from './queries.ts';
import { INVOICE_PREFIX, invoiceDueOn, invoiceLinesAndTotals, invoiceSeries, issueMoment, SERIAL_DIGITS, totalsOf } from './rules.ts';

function sellerOf(shop: Shop): InvoiceParty {
  const id = shop.profile.identity;
  return {
    name: id.legalName,
    ...(id.legalForm && { legalForm: id.legalForm }),
    ...(id.registeredOffice && { address: id.registeredOffice }),
    ...(id.registrationNumber && { registrationNumber: id.registrationNumber }),
    ...(id.vatNumber && { vatNumber: id.vatNumber }),
  };
}

function buyerOf(c: Awaited<ReturnType<typeof q.buyerOf>>): InvoiceParty {
  return {
    name: `${c.first_name} ${c.last_name}`,
    ...(c.company_name && { company: c.company_name }),
    address: c.address as unknown as AddressJson,
    ...(c.siret && { registrationNumber: c.siret }),
    ...(c.vat_number && { vatNumber: c.vat_number }),
  };
}

/** What the caller has just written (a new order): the invoice is built from it, with no read (issue 9). */
export type WrittenOrder = {
  order: Awaited<ReturnType<typeof q.orderForInvoice>>;
  lines: Awaited<ReturnType<typeof q.orderLinesForInvoice>>;
  buyer: Awaited<ReturnType<typeof q.buyerOf>>;
};

async function readOrder(trx: Transaction<DB>, shop: Shop, orderId: string): Promise<WrittenOrder> {
  const order = await q.orderForInvoice(trx, shop.slug, orderId);
  const [lines, buyer] = await Promise.all([q.orderLinesForInvoice(trx, shop.slug, orderId), q.buyerOf(trx, shop.slug, order.customer_id)]);
  return { order, lines, buyer };
}

/** The invoice's content as issued on `issuedOn`: the parties' snapshots, its lines and totals, its due date. */
function invoiceContent(shop: Shop, { order, lines, buyer }: WrittenOrder, issuedOn: Temporal.PlainDate) {
  const content = invoiceLinesAndTotals(lines, order, standardVatBp(shop.profile), t(shop.language, 'invoice.shipping'));
  return { issued_on: issuedOn.toString(), due_on: invoiceDueOn(order, issuedOn), seller: sellerOf(shop), buyer: buyerOf(buyer), lines: content.lines, totals: content.totals };
}

type Content = Pick<ReturnType<typeof invoiceContent>, 'due_on' | 'seller' | 'buyer' | 'lines' | 'totals'>;

/** Numbered next in the shop's series of `issuedOn`'s year and inserted by one statement: the counter row stays locked from it to the commit. */
function insertNumbered(trx: Transaction<DB>, shop: Shop, orderId: string, kind: 'invoice' | 'storage_costs', issuedOn: Temporal.PlainDate, now: Date, content: Content) {
  return q.insertNumberedInvoice(trx, {
    year: invoiceSeries(issuedOn),
    prefix: INVOICE_PREFIX,
    digits: SERIAL_DIGITS,
    shop_id: shop.slug,
    order_id: orderId,
    kind,
    issued_on: issuedOn.toString(),
    due_on: content.due_on,
    seller: JSON.stringify(content.seller),
    buyer: JSON.stringify(content.buyer),
    lines: JSON.stringify(content.lines),
    totals: JSON.stringify(content.totals),
    created_at: now,
  });
}

/** Issues the order's invoice, numbered next in the shop's series of `issuedOn`'s year. */
export async function issueInvoice(trx: Transaction<DB>, shop: Shop, orderId: string, issuedOn: Temporal.PlainDate, now: Date, written?: WrittenOrder): Promise<{ id: string; number: string }> {
  return insertNumbered(trx, shop, orderId, 'invoice', issuedOn, now, invoiceContent(shop, written ?? (await readOrder(trx, shop, orderId)), issuedOn));
}

/**
 * 003 art.7.2: a special order not collected stays due in full, with the storage costs staff
 * documented — invoiced here on an invoice of their own (kind `storage_costs`, one line per cost,
 * in the shop's one series), the order's own invoice being issued first if it has none yet.
 */
export async function issueStorageCostsInvoice(
  trx: Transaction<DB>,
  shop: Shop,
  orderId: string,
  costs: readonly { description: string; amountExclVatCents: number; vatRateBp: number; grossCents: number }[],
  issuedOn: Temporal.PlainDate,
  now: Date,
): Promise<{ orderInvoiceNumber: string; storageInvoiceId: string | null; storageInvoiceNumber: string | null }> {
  const written = await readOrder(trx, shop, orderId);
  // The order's own invoice first, should its request still wait for a number.
  await issueRequestedInvoices(trx, shop.slug);
  let orderInvoice = await q.invoiceOfOrder(trx, shop.slug, orderId);
  if (!orderInvoice) {
    await issueInvoice(trx, shop, orderId, issuedOn, now, written);
    orderInvoice = await q.invoiceOfOrder(trx, shop.slug, orderId);
  }
  if (!orderInvoice) throw new Error('order invoice not issued');
  if (costs.length === 0) return { orderInvoiceNumber: orderInvoice.number, storageInvoiceId: null, storageInvoiceNumber: null };
  const lines = costs.map((c) => ({ sku: '', name: c.description, quantity: 1, unitPriceCents: c.grossCents, vatRateBp: c.vatRateBp, totalCents: c.grossCents }));
  const { id, number } = await insertNumbered(trx, shop, orderId, 'storage_costs', issuedOn, now, { due_on: issuedOn.toString(), seller: sellerOf(shop), buyer: buyerOf(written.buyer), lines, totals: totalsOf(lines) });
  return { orderInvoiceNumber: orderInvoice.number, storageInvoiceId: id, storageInvoiceNumber: number };
}

const shopDay = (shop: Shop, now: Date) => localDate(Temporal.Instant.fromEpochMilliseconds(now.getTime()), shop.timeZone);

/**
 * At placement, for shops that invoice the order (the default): the invoice as issued today, its
 * number left to `issueRequestedInvoices` after the order's commit (migration 0026), as rows for
 * `invoiceRequestsInsertFromJson`; none for a shop that invoices on payment.
 */
export function invoiceRequestsAtPlacement(shop: Shop, orderId: string, now: Date, written: WrittenOrder): object[] {
  if (issueMoment(shop.profile.invoicing) !== 'order') return [];
  return [{ shop_id: shop.slug, order_id: orderId, created_at: now.toISOString(), ...invoiceContent(shop, written, shopDay(shop, now)) }];
}

/**
 * Numbers the shop's invoice requests committed so far, in one short transaction of their own or
 * in the caller's: after an order's commit, and by the due jobs for any left by a process that
 * stopped in between. Returns how many it numbered (0 when another call took them first).
 */
export function issueRequestedInvoices(db: Pick<Kysely<DB>, 'executeQuery'>, shopId: string): Promise<number> {
  return q.issueRequested(db, shopId, INVOICE_PREFIX, SERIAL_DIGITS);
}

const afterCommitRuns = new WeakMap<Kysely<DB>, Map<string, () => Promise<void>>>();

/**
 * After an order's commit: numbers its invoice, and those of the shop's orders committed
 * meanwhile. Orders of one shop committing while a numbering runs share the next one (one
 * statement for the burst, src/kernel/next-run.ts); the advisory lock of migration 0026 keeps
 * numberers of several processes apart.
 */
export function issueRequestedInvoicesAfterCommit(db: Kysely<DB>, shopId: string): Promise<void> {
  const shops = afterCommitRuns.get(db) ?? new Map<string, () => Promise<void>>();
  afterCommitRuns.set(db, shops);
  const run = shops.get(shopId) ?? nextRun(async () => void (await issueRequestedInvoices(db, shopId)));
  shops.set(shopId, run);
  return run();
}

/** The due jobs' sweep: every shop's requests left unnumbered. */
export async function issueAllRequestedInvoices(db: Kysely<DB>): Promise<void> {
  for (const shopId of await q.shopsWithInvoiceRequests(db)) await issueRequestedInvoices(db, shopId);
}

/**
 * Once the order is fully paid, for shops that invoice on payment (004 art.3 O8 "lors de la
 * réception du paiement"); the caller holds the order's row lock, so two payments issue one.
 */
export async function invoiceOnFullPayment(trx: Transaction<DB>, shop: Shop, orderId: string, now: Date): Promise<void> {
  if (issueMoment(shop.profile.invoicing) !== 'payment_received') return;
  if (await q.invoiceOfOrder(trx, shop.slug, orderId)) return;
  await issueInvoice(trx, shop, orderId, shopDay(shop, now), now);
}
