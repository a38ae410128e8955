/**
 * The queue of credits no reference matched (issue 4 §2, LEGAL.md §A10 step 4: "sent to manual
 * review"), with suggestions by amount and name, and the manual match that turns one of them into
 * the payment of an order staff chose.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Actor } from '../accounts/actor.ts';
import { Temporal } from 'temporal-polyfill';
import { paidCentsColumn } from '../db/paid-cents.ts';
import type { BankEntriesTable, DB } from '../db/schema.ts';
import { type Clock, today } from '../kernel/clock.ts';
import { DomainError, notFound } from '../kernel/errors.ts';
import { isUuid } from '../kernel/ids.ts';
import { cents } from '../kernel/money.ts';
import type { Shop } from '../shops/service.ts';
import { BankEntryRefused } from './errors.ts';
import { type OrderSide, recordPayment } from './record-payment.ts';
import { type OpenOrder, type Suggestion, storedForms, suggestOrders } from './reconcile.ts';
import { parsePaymentReference } from './references.ts';

/** Who did it, as recorded on the entry and in the evidence (`staff:<id>`). */
export const actorLabel = (actor: Actor) => (actor.kind === 'anonymous' ? 'anonymous' : `${actor.kind}:${actor.id}`);

export type UnmatchedReason = 'check_digits' | 'unknown_reference' | 'no_reference' | 'not_awaiting_payment';

type EntryRow = Selectable<BankEntriesTable>;

export type BankEntry = {
  id: string;
  bookingDate: string | null;
  amountCents: number;
  debtorName: string | null;
  reference: string | null;
  referenceStatus: EntryRow['reference_status'];
  unstructured: string;
  status: EntryRow['status'];
  orderId: string | null;
  matchedBy: string | null;
  matchedAt: string | null;
};

export type QueuedEntry = BankEntry & { reason: UnmatchedReason; suggestions: Suggestion[] };

function rowToEntry(row: EntryRow): BankEntry {
  return {
    id: row.id,
    bookingDate: row.booking_date,
    amountCents: row.amount_cents,
    debtorName: row.debtor_name,
    reference: row.reference,
    referenceStatus: row.reference_status,
    unstructured: row.unstructured,
    status: row.status,
    orderId: row.order_id,
    matchedBy: row.matched_by,
    matchedAt: row.matched_at ? new Date(row.matched_at).toISOString() : null,
  };
}

/** Every stored form of a valid reference kept on an entry ([] for none or a typo). */
const formsOf = (reference: string | null): string[] => {
  const check = reference === null ? null : parsePaymentReference(reference);
  return check?.ok ? storedForms(check.reference) : [];
};

/** Why no order was paid: what the import saw, and whether the reference names an order at all. */
export function unmatchedReason(entry: Pick<EntryRow, 'reference_status'>, namesAnOrder: boolean): UnmatchedReason {
  if (entry.reference_status === 'invalid') return 'check_digits';
  if (entry.reference_status === 'none') return 'no_reference';
  return namesAnOrder ? 'not_awaiting_payment' : 'unknown_reference';
}

/** Payment statuses in which an order still expects money (as `decideEntry`). */
const AWAITING = ['awaiting', 'partially_paid'];

async function openOrders(db: Kysely<DB>, shop: Shop): Promise<OpenOrder[]> {
  const rows = await db
    .selectFrom('orders')
    .innerJoin('customers', (j) => j.onRef('customers.shop_id', '=', 'orders.shop_id').onRef('customers.id', '=', 'orders.customer_id'))
    .select(['orders.id', 'orders.number', 'orders.gross_cents', 'orders.placed_at', 'customers.first_name', 'customers.last_name', 'customers.company_name'])
    .select(paidCentsColumn)
    .where('orders.shop_id', '=', shop.slug)
    .where('orders.payment_status', 'in', AWAITING)
    // A cancelled order takes no more money, whatever its payment status says.
    .where('orders.status', 'not in', ['cancelled', 'refused'])
    .orderBy('orders.placed_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    customerName: [r.first_name, r.last_name, r.company_name ?? ''].join(' '),
    balanceDueCents: cents(Math.max(0, r.gross_cents - Number(r.paid_cents ?? 0))),
    placedOn: Temporal.Instant.fromEpochMilliseconds(new Date(r.placed_at).getTime()).toZonedDateTimeISO(shop.timeZone).toPlainDate(),
  }));
}

/** The shop's unmatched credits, oldest first, each with why and with suggested orders. */
export async function unmatchedQueue(db: Kysely<DB>, shop: Shop, limit = 200): Promise<QueuedEntry[]> {
  const rows = await db
    .selectFrom('bank_entries')
    .selectAll()
    .where('shop_id', '=', shop.slug)
    .where('status', '=', 'unmatched')
    .where('credit_debit', '=', 'CRDT')
    .orderBy('booking_date')
    .orderBy('imported_at')
    .limit(limit)
    .execute();
  if (rows.length === 0) return [];
  const forms = rows.flatMap((r) => formsOf(r.reference));
  const known = new Set(
    forms.length === 0
      ? []
      : (await db.selectFrom('orders').select('payment_reference').where('shop_id', '=', shop.slug).where('payment_reference', 'in', forms).execute()).map((o) => o.payment_reference),
  );
  const open = await openOrders(db, shop);
  return rows.map((row) => ({
    ...rowToEntry(row),
    reason: unmatchedReason(row, formsOf(row.reference).some((f) => known.has(f))),
    suggestions: suggestOrders({ amountCents: cents(row.amount_cents), debtorName: row.debtor_name }, open),
  }));
}

export async function findBankEntry(db: Kysely<DB>, shopId: string, id: string): Promise<BankEntry | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db.selectFrom('bank_entries').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
  return row && rowToEntry(row);
}

/** The order staff named, by id or by its number, locked: its payments are about to change. */
async function lockOrder(trx: Transaction<DB>, shopId: string, order: { orderId: string } | { number: string }) {
  if ('orderId' in order && !isUuid(order.orderId)) return undefined;
  return trx
    .selectFrom('orders')
    .select(['id', 'number', 'payment_status', 'status'])
    .where('shop_id', '=', shopId)
    .where((eb) => ('orderId' in order ? eb('id', '=', order.orderId) : eb('number', '=', order.number.trim())))
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Staff match an unmatched credit to an order: the order's payment (`recordPayment`, with its
 * evidence and e-mail) and the entry's new status in one transaction that locks the entry first,
 * so of two staff matching the same entry at once, one wins and the other is told it is taken.
 */
export async function matchBankEntry(
  deps: { db: Kysely<DB>; clock: Clock; orders: OrderSide },
  shop: Shop,
  entryId: string,
  order: { orderId: string } | { number: string },
  actor: string,
): Promise<BankEntry & { orderNumber: string }> {
  if (!isUuid(entryId)) throw notFound('bank_entry');
  return deps.db.transaction().execute(async (trx) => {
    const entry = await trx.selectFrom('bank_entries').selectAll().where('shop_id', '=', shop.slug).where('id', '=', entryId).forUpdate().executeTakeFirst();
    if (!entry) throw notFound('bank_entry');
    if (entry.status === 'matched') throw new BankEntryRefused('bank_entry_already_matched');
    if (entry.status !== 'unmatched' || entry.credit_debit !== 'CRDT') throw new BankEntryRefused('bank_entry_not_matchable');
    const target = await lockOrder(trx, shop.slug, order);
    if (!target) throw new DomainError('order_not_found', 'not_found', {}, 'orderId');
    // A cancelled or refused order takes no more money: the credit is given back, not applied.
    if (!AWAITING.includes(target.payment_status) || target.status === 'cancelled' || target.status === 'refused') throw new BankEntryRefused('order_not_awaiting_payment');
    const now = new Date(deps.clock.now().epochMilliseconds);
    const receivedOn = entry.booking_date ?? today(deps.clock, shop.timeZone).toString();
    const recorded = await recordPayment({ trx, shop, now, actor, orders: deps.orders }, target.id, {
      method: 'bank_transfer',
      amountCents: cents(entry.amount_cents),
      receivedOn,
      bankEntryExternalId: entry.external_id,
      evidence: { bookingDate: receivedOn, debtorName: entry.debtor_name, matchedManually: true },
    });
    if (!recorded) throw new BankEntryRefused('bank_entry_already_matched');
    const updated = await trx
      .updateTable('bank_entries')
      .set({ status: 'matched', order_id: target.id, matched_by: actor, matched_at: now })
      .where('shop_id', '=', shop.slug)
      .where('id', '=', entryId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ...rowToEntry(updated), orderNumber: target.number };
  });
}
