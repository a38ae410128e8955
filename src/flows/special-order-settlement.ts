/**
 * A special order not collected, closed (issue 11 §6; 003 art.7.2; SPEC C07, A-47): once the
 * registered letter's period has passed without the goods being collected, staff close the order
 * with `POST /shops/{shop}/orders/{id}/special-order-settlement` instead of the non-collection
 * termination (src/flows/formal-notice.ts refuses it for such an order). In one transaction that
 * locks the order: orders' rules say disposal is open and the order holds goods ordered specially;
 * invoicing bills the storage costs staff documented on an invoice of their own (the order's own
 * invoice, for the full price, issued first if it has none); the order ends as `completed` with a
 * `special_order_settled` event carrying what is due; the customer is told by e-mail (outbox).
 * Nothing is cancelled, no stock given back, nothing refunded: the whole price stays due.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { paidCentsColumn } from '../db/paid-cents.ts';
import { localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { DomainError } from '../kernel/errors.ts';
import { t } from '../kernel/i18n/index.ts';
import { money } from '../kernel/i18n/money.ts';
import type { StoredEvent } from '../legal/evidence/chain.ts';
import { appendEvent, orderEvents } from '../legal/evidence/service.ts';
import { issueCreditNote } from '../invoicing/credit-notes.ts';
import { issueStorageCostsInvoice } from '../invoicing/issue.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import { creditOwedOnAccount } from '../payments/refunds/owed.ts';
import { checkNoticeTermination, noticeTerms } from '../orders/formal-notice-rules.ts';
import { type FormalNotice, formalNoticesOfOrder, letterOf } from '../orders/formal-notices.ts';
import { customerOf, lockOwnOrder, longDay } from '../orders/late-delivery.ts';
import { type Settlement, specialOrderSettlement } from '../orders/special-order-rules.ts';
import { isSpecialOrder, markSettled, markStorageCostsInvoiced, type StorageCost, specialOrderLines, storageCostsOf } from '../orders/special-orders.ts';
import { WAITING_FOR_PICKUP } from '../orders/uncollected-pickup-rules.ts';
import { customerLang } from '../shops/customer-language.ts';
import type { Shop } from '../shops/service.ts';

type Deps = { db: Kysely<DB>; clock: Clock };
type Db = Parameters<typeof orderEvents>[0];

export const SETTLED_EVENT = 'special_order_settled';

/** What the order's pages and the API show of a special order. */
export type SpecialOrderJson = {
  orderId: string;
  /** Whether the order holds goods ordered specially under terms that make them due in full; the rest is empty when not. */
  specialOrder: boolean;
  lines: { sku: string; name: string; totalCents: number; specialOrder: boolean }[];
  storageCosts: StorageCost[];
  /** The non-collection notice and the day disposal becomes open, if one was sent. */
  notice: Pick<FormalNotice, 'id' | 'sentOn' | 'presentedOn' | 'periodEndsOn' | 'effectiveFrom' | 'cured'> | null;
  /** What would be due if closed today, or what was due when it was closed. */
  settlement: Settlement | null;
  /** Once closed: the invoices, and for a mixed order the credit note taking the other goods off the invoice. */
  settled: { on: string; invoiceNumber: string | null; storageInvoiceNumber: string | null; creditNoteNumber: string | null } | null;
};

async function paidOf(db: Db, shopId: string, orderId: string): Promise<number> {
  const row = await db.selectFrom('orders').select(paidCentsColumn).where('shop_id', '=', shopId).where('id', '=', orderId).executeTakeFirst();
  return Number(row?.paid_cents ?? 0);
}

const settledEvent = (events: readonly Pick<StoredEvent, 'type' | 'data'>[]) => events.find((e) => e.type === SETTLED_EVENT)?.data as (Settlement & { settledOn: string; invoiceNumber: string | null; storageInvoiceNumber: string | null; creditNoteNumber?: string | null }) | undefined;

export async function specialOrderJson(db: Kysely<DB>, shop: Shop, order: { id: string; gross_cents: number }): Promise<SpecialOrderJson> {
  if (!(await isSpecialOrder(db, shop, order.id))) return { orderId: order.id, specialOrder: false, lines: [], storageCosts: [], notice: null, settlement: null, settled: null };
  const [lines, storageCosts, notices, events, paidCents] = await Promise.all([specialOrderLines(db, shop.slug, order.id), storageCostsOf(db, shop.slug, order.id), formalNoticesOfOrder(db, shop, order.id), orderEvents(db, shop.slug, order.id), paidOf(db, shop.slug, order.id)]);
  const n = notices.filter((x) => x.kind === 'non_collection').at(-1);
  const done = settledEvent(events);
  return {
    orderId: order.id,
    specialOrder: true,
    lines,
    storageCosts,
    notice: n ? { id: n.id, sentOn: n.sentOn, presentedOn: n.presentedOn, periodEndsOn: n.periodEndsOn, effectiveFrom: n.effectiveFrom, cured: n.cured } : null,
    settlement: done ? { priceDueCents: done.priceDueCents, storageCents: done.storageCents, totalDueCents: done.totalDueCents, paidCents: done.paidCents, balanceCents: done.balanceCents, wholeOrder: done.wholeOrder } : specialOrderSettlement({ lines, orderGrossCents: order.gross_cents, storageCosts, paidCents }),
    settled: done ? { on: done.settledOn, invoiceNumber: done.invoiceNumber, storageInvoiceNumber: done.storageInvoiceNumber, creditNoteNumber: done.creditNoteNumber ?? null } : null,
  };
}

/** Staff close a special order not collected: the full price and the storage costs invoiced and due. */
export async function settleSpecialOrder(deps: Deps, shop: Shop, orderId: string, input: { noticeId: string; note?: string | undefined }, actor: string): Promise<SpecialOrderJson> {
  const nowInstant = deps.clock.now();
  const now = new Date(nowInstant.epochMilliseconds);
  const today = localDate(nowInstant, shop.timeZone);
  await deps.db.transaction().execute(async (trx) => {
    const order = await lockOwnOrder(trx, shop.slug, orderId, null);
    const notice = (await formalNoticesOfOrder(trx, shop, order.id)).find((n) => n.id === input.noticeId && n.kind === 'non_collection');
    const terms = notice ? noticeTerms(shop.profile, 'non_collection') : null;
    if (!notice || !terms) throw new DomainError('not_found', 'not_found', { what: 'formal_notice' });
    if (!(await isSpecialOrder(trx, shop, order.id))) throw new DomainError('not_a_special_order', 'refused', {}, 'noticeId');
    checkNoticeTermination(terms, letterOf(notice), notice.cured, today);
    if (!(WAITING_FOR_PICKUP as readonly string[]).includes(order.status)) throw new DomainError('transition_not_allowed', 'refused', { status: order.status, event: SETTLED_EVENT }, 'noticeId');
    const [lines, costs, paidCents] = await Promise.all([specialOrderLines(trx, shop.slug, order.id), storageCostsOf(trx, shop.slug, order.id), paidOf(trx, shop.slug, order.id)]);
    const settlement = specialOrderSettlement({ lines, orderGrossCents: order.gross_cents, storageCosts: costs, paidCents });
    const billed = await issueStorageCostsInvoice(trx, shop, order.id, costs, today, now);
    if (billed.storageInvoiceId) await markStorageCostsInvoiced(trx, shop.slug, order.id, billed.storageInvoiceId);
    // A mixed order: what was not ordered specially is the seller's to dispose of and is not
    // claimed — its lines (and the delivery) are taken off the order's invoice by a credit note.
    const credit = settlement.wholeOrder
      ? null
      : await issueCreditNote(trx, shop, { orderId: order.id, reason: 'other', note: t(shop.language, 'specialOrder.creditNote'), sourceId: `special-order:${notice.id}`, actor, now, lines: [...lines.filter((l) => !l.specialOrder).map((l) => ({ lineNo: l.lineNo })), ...(order.shipping_cents > 0 ? [{ shipping: true as const }] : [])] });
    // Paid beyond what is due (a mixed order): owed back, kept as the customer's credit tied to the order, refunded from there — as a cancellation's sums.
    const owedBackCents = settlement.balanceCents < 0 ? await creditOwedOnAccount(trx, shop.slug, order.id, -settlement.balanceCents, now) : 0;
    await markSettled(trx, shop.slug, order.id);
    await appendEvent(
      trx,
      {
        shopId: shop.slug,
        orderId: order.id,
        type: SETTLED_EVENT,
        at: now,
        actor,
        data: { statusTo: 'completed', reason: 'special_order_not_collected', clause: terms.clause, noticeId: notice.id, sentOn: notice.sentOn, presentedOn: notice.presentedOn, periodEndsOn: notice.periodEndsOn, settledOn: today.toString(), ...settlement, invoiceNumber: billed.orderInvoiceNumber, storageInvoiceNumber: billed.storageInvoiceNumber, creditNoteNumber: credit?.number ?? null, owedBackCents, storageCostIds: costs.map((c) => c.id), ...(input.note && { note: input.note }) },
      },
      now,
    );
    const customer = await customerOf(trx, shop.slug, order.customer_id);
    const lang = customerLang(shop, customer.language);
    await enqueueEmail(
      trx,
      {
        shopId: shop.slug,
        to: customer.email,
        order: { id: order.id, lang },
        subject: t(lang, 'specialOrder.mail.subject', { number: order.number }),
        text: t(lang, settlement.balanceCents >= 0 ? 'specialOrder.mail.text' : 'specialOrder.mail.textOwedBack', {
          name: customer.first_name,
          number: order.number,
          shop: shop.name,
          sentOn: longDay(lang, notice.sentOn),
          on: longDay(lang, today.toString()),
          price: money(lang, settlement.priceDueCents),
          storage: money(lang, settlement.storageCents),
          total: money(lang, settlement.totalDueCents),
          paid: money(lang, settlement.paidCents),
          balance: money(lang, Math.abs(settlement.balanceCents)),
          invoices: [billed.orderInvoiceNumber, billed.storageInvoiceNumber].filter(Boolean).join(', '),
        }),
      },
      now,
    );
  });
  return specialOrderJson(deps.db, shop, await deps.db.selectFrom('orders').select(['id', 'gross_cents']).where('shop_id', '=', shop.slug).where('id', '=', orderId).executeTakeFirstOrThrow());
}
