/** What the staff order page shows: lines, payments, refunds and what may still be refunded. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../kernel/errors.ts';
import { isUuid } from '../../kernel/ids.ts';
import { cents } from '../../kernel/money.ts';
import type { Shop } from '../../shops/service.ts';
import { creditedFrom, listRefunds } from './queries.ts';
import { refundableCents } from './rules.ts';
import { refundJson } from './service.ts';

/** The refund side of an order: its lines, the payments received and what may still be refunded. */
export type StaffOrder = {
  id: string;
  number: string;
  status: string;
  paymentStatus: string;
  grossCents: number;
  lines: { sku: string; name: string; quantity: number; unitPriceCents: number; totalCents: number }[];
  payments: { method: string; amountCents: number; receivedOn: string }[];
  refundableCents: number;
};

export async function staffOrder(db: Kysely<DB>, shop: Shop, orderId: string) {
  if (!isUuid(orderId)) throw notFound('order');
  const order = await db.selectFrom('orders').selectAll().where('shop_id', '=', shop.slug).where('id', '=', orderId).executeTakeFirst();
  if (!order) throw notFound('order');
  const [lines, payments, refunds, credited] = await Promise.all([
    db.selectFrom('order_lines').select(['sku', 'name', 'quantity', 'unit_price_cents', 'total_cents']).where('shop_id', '=', shop.slug).where('order_id', '=', orderId).orderBy('line_no').execute(),
    db.selectFrom('order_payments').select(['method', 'amount_cents', 'received_on']).where('shop_id', '=', shop.slug).where('order_id', '=', orderId).orderBy('recorded_at').execute(),
    listRefunds(db, shop.slug, { orderId }),
    creditedFrom(db, shop.slug, orderId),
  ]);
  const paid = cents(payments.reduce((sum, p) => sum + Number(p.amount_cents), 0));
  const facts = refunds.map((r) => ({ amountCents: cents(Number(r.amount_cents)), status: r.status, fromCredit: r.from_credit }));
  const view: StaffOrder = {
    id: order.id,
    number: order.number,
    status: order.status,
    paymentStatus: order.payment_status,
    grossCents: Number(order.gross_cents),
    lines: lines.map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: Number(l.unit_price_cents), totalCents: Number(l.total_cents) })),
    payments: payments.map((p) => ({ method: p.method, amountCents: Number(p.amount_cents), receivedOn: String(p.received_on) })),
    refundableCents: refundableCents(cents(Number(order.gross_cents)), paid, facts, credited),
  };
  return { order: view, refunds: refunds.map(refundJson) };
}
