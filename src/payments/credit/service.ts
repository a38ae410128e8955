/**
 * Customer credit (issue 4 §2, §5): what a customer paid beyond an order's price, kept as a
 * signed ledger (`customer_credits`: overpayment +, applied −, refunded −) whose sum is the
 * balance. It pays part or all of a later order, or is refunded by transfer. Every use locks the
 * customer row first, so two orders (or an order and a refund) never spend the same credit.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../kernel/clock.ts';
import { notFound } from '../../kernel/errors.ts';
import { isUuid } from '../../kernel/ids.ts';
import { type Cents, cents } from '../../kernel/money.ts';
import type { Shop } from '../../shops/service.ts';
import { isValidIban, normalizeIban } from '../../kernel/iban.ts';
import { type OrderSide, recordPayment } from '../record-payment.ts';
import { RefundRefused } from '../refunds/errors.ts';
import { endToEndIdFor } from '../refunds/rules.ts';
import type { CreditRefundInput } from '../refunds/schema.ts';
import { type RefundJson, refundJson } from '../refunds/service.ts';
import { recordStep } from '../refunds/settle.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export async function creditBalance(db: Executor, shopId: string, customerId: string): Promise<Cents> {
  const row = await db
    .selectFrom('customer_credits')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('balance'))
    .where('shop_id', '=', shopId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return cents(Number(row?.balance ?? 0));
}

/** API `GET /shops/{shop}/customers/{id}/credit`: the balance and its ledger, newest first. */
export async function creditStatement(db: Kysely<DB>, shopId: string, customerId: string) {
  if (!isUuid(customerId)) throw notFound('customer');
  const customer = await db.selectFrom('customers').select('id').where('shop_id', '=', shopId).where('id', '=', customerId).executeTakeFirst();
  if (!customer) throw notFound('customer');
  const rows = await db.selectFrom('customer_credits').selectAll().where('shop_id', '=', shopId).where('customer_id', '=', customerId).orderBy('created_at', 'desc').orderBy('id').execute();
  return {
    customerId,
    balanceCents: rows.reduce((sum, r) => sum + Number(r.amount_cents), 0),
    entries: rows.map((r) => ({ id: r.id, kind: r.kind, amountCents: Number(r.amount_cents), orderId: r.order_id, refundId: r.refund_id, createdAt: r.created_at.toISOString() })),
  };
}

async function lockCustomer(trx: Transaction<DB>, shopId: string, customerId: string) {
  return trx.selectFrom('customers').select(['id', 'first_name', 'last_name']).where('shop_id', '=', shopId).where('id', '=', customerId).forUpdate().executeTakeFirst();
}

/**
 * The credit a new order will use: the balance, up to the order's total; 0 without credit. Locks
 * the customer row only when there is credit, so orders of customers without credit stay as
 * concurrent as before.
 */
export async function creditForOrder(trx: Transaction<DB>, shopId: string, customerId: string, totalCents: number, balanceRead?: number): Promise<Cents> {
  // `balanceRead`: the balance the caller read in this transaction (the order path reads it with the customer).
  if ((balanceRead ?? (await creditBalance(trx, shopId, customerId))) <= 0) return cents(0);
  await lockCustomer(trx, shopId, customerId);
  return cents(Math.max(0, Math.min(await creditBalance(trx, shopId, customerId), totalCents)));
}

/**
 * Pays `amount` of a just-placed order from the customer's credit: a payment with method
 * `credit` through `recordPayment` (so an order fully covered is accepted at once, with its
 * evidence and e-mail) and the `applied` row of the ledger. `creditForOrder` must have run first
 * in the same transaction.
 */
export async function applyCredit(ctx: { trx: Transaction<DB>; shop: Shop; now: Date; actor: string; today: string; orders: OrderSide }, orderId: string, customerId: string, amount: Cents): Promise<void> {
  if (amount <= 0) return;
  const { trx, shop, now } = ctx;
  await trx.insertInto('customer_credits').values({ shop_id: shop.slug, customer_id: customerId, amount_cents: -amount, kind: 'applied', order_id: orderId, refund_id: null, created_at: now }).execute();
  await recordPayment({ trx, shop, now, actor: ctx.actor, orders: ctx.orders }, orderId, { method: 'credit', amountCents: amount, receivedOn: ctx.today, evidence: { fromCustomerCredit: true } });
}

/** The order a credit refund is recorded on: the one whose overpayment made the credit, else the latest. */
async function creditOrigin(trx: Transaction<DB>, shopId: string, customerId: string): Promise<string | null> {
  const over = await trx.selectFrom('customer_credits').select('order_id').where('shop_id', '=', shopId).where('customer_id', '=', customerId).where('kind', '=', 'overpayment').where('order_id', 'is not', null).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  if (over?.order_id) return over.order_id;
  const last = await trx.selectFrom('orders').select('id').where('shop_id', '=', shopId).where('customer_id', '=', customerId).orderBy('placed_at', 'desc').limit(1).executeTakeFirst();
  return last?.id ?? null;
}

/**
 * Refunds (part of) a customer's credit by transfer (API `POST …/customers/{id}/credit/refund`):
 * a pending transfer refund with `from_credit`, exported in the next pain.001 like the others,
 * and the `refunded` row of the ledger. More than the balance → 422 `refund_exceeds_credit`.
 */
export async function refundCredit(deps: { db: Kysely<DB>; clock: Clock; orders: OrderSide }, shop: Shop, customerId: string, input: CreditRefundInput, actor: string): Promise<RefundJson> {
  if (!isUuid(customerId)) throw notFound('customer');
  const iban = normalizeIban(input.iban);
  if (!isValidIban(iban)) throw new RefundRefused('invalid_iban', {}, 'iban');
  const now = new Date(deps.clock.now().epochMilliseconds);
  return deps.db.transaction().execute(async (trx) => {
    if (!(await lockCustomer(trx, shop.slug, customerId))) throw notFound('customer');
    const balance = await creditBalance(trx, shop.slug, customerId);
    if (input.amountCents > balance) throw new RefundRefused('refund_exceeds_credit', { balanceCents: Math.max(0, balance) }, 'amountCents');
    const orderId = await creditOrigin(trx, shop.slug, customerId);
    if (!orderId) throw new RefundRefused('refund_exceeds_credit', { balance: '0.00' }, 'amountCents');
    const order = await trx.selectFrom('orders').select(['id', 'number', 'customer_id', 'gross_cents', 'payment_status']).where('shop_id', '=', shop.slug).where('id', '=', orderId).forUpdate().executeTakeFirstOrThrow();
    const id = randomUUID();
    const refund = await trx
      .insertInto('refunds')
      .values({
        shop_id: shop.slug, id, order_id: orderId, method: 'bank_transfer', amount_cents: input.amountCents, status: 'pending', reason: input.reason ?? 'customer_credit',
        from_credit: true, creditor_name: input.creditorName, creditor_iban: iban, end_to_end_id: endToEndIdFor(id), requested_by: actor, requested_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.insertInto('customer_credits').values({ shop_id: shop.slug, customer_id: customerId, amount_cents: -input.amountCents, kind: 'refunded', order_id: orderId, refund_id: id, created_at: now }).execute();
    await recordStep({ trx, shop, now, actor, orders: deps.orders }, order, refund, 'refund_requested', { reason: refund.reason, creditBalanceCents: balance - input.amountCents });
    return refundJson(refund);
  });
}
