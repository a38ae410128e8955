/**
 * Recording money received for an order, whatever brought it (a statement credit, a manual
 * match, a Stripe webhook, a staff entry, customer credit): the one place where a payment
 * changes the order's payment status and state, turns an overpayment into customer credit, and
 * leaves its evidence event and the customer's e-mail (issue 4 §2, §6).
 *
 * Runs inside the caller's transaction, which must not have read the order's payments yet: the
 * order row is locked first, so two payments of one order are applied one after the other.
 *
 * The order's state and its invoice belong to orders and invoicing (STYLE.md §5): a payment asks
 * them through `OrderSide`, which src/flows/record-payment.ts implements and every caller passes.
 */
import type { Selectable, Transaction } from 'kysely';
import { money } from '../kernel/i18n/money.ts';
import type { DB, OrdersTable } from '../db/schema.ts';
import { notFound } from '../kernel/errors.ts';
import { t } from '../kernel/i18n/index.ts';
import { type Cents, cents } from '../kernel/money.ts';
import { appendEvent } from '../legal/evidence/service.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import type { Shop } from '../shops/service.ts';
import { PaymentBlockedOffPremises } from './deposits/errors.ts';
import { type Settlement, settle } from './reconcile.ts';
import { formatPaymentReference, parsePaymentReference } from './references.ts';

export type PaymentMethodUsed = 'bank_transfer' | 'card' | 'credit' | 'manual';

export type PaymentInput = {
  method: PaymentMethodUsed;
  amountCents: Cents;
  /** `YYYY-MM-DD`: the day the money arrived (booking date, capture date). */
  receivedOn: string;
  /** The statement entry that brought it: one payment per entry. */
  bankEntryExternalId?: string;
  /** The provider's payment id (Stripe PaymentIntent): one payment per intent. */
  providerRef?: string;
  /** More facts for the evidence event (debtor name, Stripe event id…). */
  evidence?: Record<string, unknown>;
};

type OrderRow = Selectable<OrdersTable>;

/** What a payment asks of the order it pays; src/flows/record-payment.ts answers with orders' and invoicing's services. */
export type OrderSide = {
  /** The order row, locked until the transaction ends. */
  lock(trx: Transaction<DB>, shopId: string, orderId: string): Promise<OrderRow | undefined>;
  /** The order's new payment status; `confirmed`: the deposit or the price is in. Resolves to its status after. */
  paid(trx: Transaction<DB>, order: OrderRow, change: { paymentStatus: string; confirmed: boolean }): Promise<string>;
  /** The price is received in full on an order still open (004 art.3 O8: some shops invoice then). */
  fullyPaid(trx: Transaction<DB>, shop: Shop, orderId: string, now: Date): Promise<void>;
  /** The order's payment status after its refunds (API.md `payment.status`: refunded, partially_refunded…). */
  refunded(trx: Transaction<DB>, shopId: string, orderId: string, paymentStatus: string): Promise<void>;
};

export type PaymentContext = { trx: Transaction<DB>; shop: Shop; now: Date; actor: string; orders: OrderSide };

export type RecordedPayment = Settlement & { paymentId: string; statusFrom: string; statusTo: string; newCreditCents: Cents };

/**
 * What a confirmed order needs before it is executed: the deposit when the order has one
 * (003 art.2.6: valid once the deposit is encashed), otherwise the whole price (001 online §2.3).
 */
export const amountToConfirm = (order: { gross_cents: number; deposit_cents: number | null }): Cents => cents(order.deposit_cents ?? order.gross_cents);

/** Sum of the payments recorded for an order, in cents. */
export async function paidSoFar(trx: Transaction<DB>, shopId: string, orderId: string): Promise<Cents> {
  const row = await trx
    .selectFrom('order_payments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('paid'))
    .where('shop_id', '=', shopId)
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  return cents(Number(row?.paid ?? 0));
}

/**
 * Records the payment, or returns null when it was already recorded (same statement entry or
 * same provider payment): a webhook delivered twice, or two at once, pays once.
 */
export async function recordPayment(ctx: PaymentContext, orderId: string, input: PaymentInput): Promise<RecordedPayment | null> {
  const { trx, shop, now } = ctx;
  const order = await ctx.orders.lock(trx, shop.slug, orderId);
  if (!order) throw notFound('order');
  // L221-10 (003 art.2.4): no payment before day 8 of an off-premises consumer contract.
  if (order.payment_not_before !== null && input.receivedOn < order.payment_not_before) throw new PaymentBlockedOffPremises(order.payment_not_before);
  const paid = await paidSoFar(trx, shop.slug, orderId);
  const inserted = await trx
    .insertInto('order_payments')
    .values({
      shop_id: shop.slug,
      order_id: orderId,
      method: input.method,
      bank_entry_external_id: input.bankEntryExternalId ?? null,
      provider_ref: input.providerRef ?? null,
      amount_cents: input.amountCents,
      received_on: input.receivedOn,
      recorded_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;

  const settlement = settle(cents(order.gross_cents), paid, input.amountCents);
  // Money reaching a cancelled or refused order (a card paid late, a transfer matched by hand
  // before the cancellation was known) is owed back whole: it all becomes credit.
  const closed = order.status === 'cancelled' || order.status === 'refused';
  const newCreditCents = closed ? input.amountCents : cents(settlement.customerCreditCents - Math.max(0, paid - order.gross_cents));
  if (newCreditCents > 0) {
    await trx
      .insertInto('customer_credits')
      .values({ shop_id: shop.slug, customer_id: order.customer_id, amount_cents: newCreditCents, kind: 'overpayment', order_id: orderId, refund_id: null, created_at: now })
      .execute();
  }
  // Execution is suspended until paid (001 online §2.3) or the deposit encashed (003 art.2.6).
  const statusTo = await ctx.orders.paid(trx, order, { paymentStatus: settlement.paymentStatus, confirmed: settlement.paidCents >= amountToConfirm(order) });
  if (settlement.paymentStatus === 'paid' && !closed) await ctx.orders.fullyPaid(trx, shop, orderId, now);

  const recorded: RecordedPayment = { ...settlement, paymentId: inserted.id, statusFrom: order.status, statusTo, newCreditCents };
  const mail = await paymentEmail(ctx, order, input, recorded);
  await appendEvent(
    trx,
    {
      shopId: shop.slug,
      orderId,
      type: 'payment_received',
      at: now,
      actor: ctx.actor,
      data: {
        method: input.method,
        amountCents: input.amountCents,
        receivedOn: input.receivedOn,
        ...(input.bankEntryExternalId && { bankEntryId: input.bankEntryExternalId }),
        ...(input.providerRef && { providerRef: input.providerRef }),
        ...input.evidence,
        paymentStatus: settlement.paymentStatus,
        paidCents: settlement.paidCents,
        balanceDueCents: settlement.balanceDueCents,
        ...(newCreditCents > 0 && { customerCreditCents: newCreditCents }),
        ...(statusTo !== order.status && { statusFrom: order.status, statusTo }),
        ...(mail && { emailOutboxId: mail.id, emailTo: mail.to }),
      },
    },
    now,
  );
  return recorded;
}

const printed = (stored: string | null) => {
  if (stored === null) return '';
  const check = parsePaymentReference(stored);
  return check.ok ? formatPaymentReference(check.reference) : stored;
};

async function paymentEmail(
  ctx: PaymentContext,
  order: { id: string; number: string; customer_id: string; payment_reference: string | null; status: string },
  input: PaymentInput,
  recorded: RecordedPayment,
): Promise<{ id: string; to: string } | null> {
  const { trx, shop } = ctx;
  const customer = await trx.selectFrom('customers').select(['email', 'first_name']).where('shop_id', '=', shop.slug).where('id', '=', order.customer_id).executeTakeFirst();
  if (!customer) return null;
  const lang = shop.language;
  const text = [
    t(lang, 'payment.mail.received', { name: customer.first_name, amount: money(lang, input.amountCents), date: input.receivedOn, number: order.number }),
    '',
    ...(order.status === 'cancelled' || order.status === 'refused'
      ? [t(lang, 'payment.mail.closed', { credit: money(lang, recorded.newCreditCents) })]
      : [
          recorded.paymentStatus === 'paid'
            ? t(lang, 'payment.mail.paid')
            : t(lang, 'payment.mail.balance', { balance: money(lang, recorded.balanceDueCents), reference: printed(order.payment_reference) }),
          ...(recorded.newCreditCents > 0 ? ['', t(lang, 'payment.mail.credit', { credit: money(lang, recorded.newCreditCents) })] : []),
        ]),
    '',
    shop.name,
  ].join('\n');
  const subject = t(lang, 'payment.mail.subject', { shop: shop.name, number: order.number });
  const { id } = await enqueueEmail(trx, { shopId: shop.slug, to: customer.email, subject, text, order: { id: order.id, lang } }, ctx.now);
  return { id, to: customer.email };
}
