/**
 * Exporting the pending transfer refunds as one pain.001 file for the shop's bank (issue 4 §5,
 * API `POST /shops/{shop}/refunds/export`). The refunds are locked and marked `exported` with
 * the file's `MsgId` in the same transaction that builds the file, so two exports at once never
 * put one refund in two files. The file is answered, not stored: it can be rebuilt from the
 * refunds carrying its id.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Clock, today } from '../../kernel/clock.ts';
import { t } from '../../kernel/i18n/index.ts';
import { cents } from '../../kernel/money.ts';
import type { Shop } from '../../shops/service.ts';
import type { OrderSide } from '../record-payment.ts';
import { bankTransferMethod } from '../transfer.ts';
import { RefundRefused } from './errors.ts';
import { pain001 } from './pain001.ts';
import * as q from './queries.ts';
import { recordStep } from './settle.ts';

export type Pain001File = { fileId: string; filename: string; xml: string; count: number; totalCents: number };

/** `RBT-20260310T091500-1A2B3C`: unique per file (≤ 35 characters, SEPA set). */
const messageIdFor = (now: Date) => `RBT-${now.toISOString().slice(0, 19).replace(/[-:]/g, '')}-${randomBytes(3).toString('hex').toUpperCase()}`;

export async function exportPendingTransfers(deps: { db: Kysely<DB>; clock: Clock; orders: OrderSide }, shop: Shop, actor: string): Promise<Pain001File> {
  const account = bankTransferMethod(shop.profile)?.account;
  if (!account) throw new RefundRefused('refund_no_shop_account');
  const now = new Date(deps.clock.now().epochMilliseconds);
  return deps.db.transaction().execute(async (trx) => {
    const pending = await q.lockPendingTransfers(trx, shop.slug);
    if (pending.length === 0) throw new RefundRefused('nothing_to_export');
    const fileId = messageIdFor(now);
    const xml = pain001({
      messageId: fileId,
      createdAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      executionDate: today(deps.clock, shop.timeZone).toString(),
      debtor: { iban: account.iban, bic: account.bic, name: account.beneficiary },
      transfers: pending.map((r) => ({
        endToEndId: r.end_to_end_id ?? '',
        amountCents: cents(Number(r.amount_cents)),
        creditorName: r.creditor_name ?? '',
        creditorIban: r.creditor_iban ?? '',
        remittance: t(shop.language, 'refund.remittance', { number: r.order_number }),
      })),
    });
    // Orders locked in id order, so two exports (or an export and a refund) never deadlock.
    const orderIds = [...new Set(pending.map((r) => r.order_id))].sort();
    const orders = new Map<string, NonNullable<Awaited<ReturnType<typeof q.lockOrder>>>>();
    for (const id of orderIds) {
      const order = await q.lockOrder(trx, shop.slug, id);
      if (order) orders.set(id, order);
    }
    for (const r of pending) {
      const refund = await q.updateRefund(trx, shop.slug, r.id, { status: 'exported', payment_file_id: fileId, exported_at: now });
      const order = orders.get(r.order_id);
      if (order) await recordStep({ trx, shop, now, actor, orders: deps.orders }, order, refund, 'refund_exported', { paymentFileId: fileId });
    }
    const totalCents = pending.reduce((sum, r) => sum + Number(r.amount_cents), 0);
    return { fileId, filename: `${fileId}.xml`, xml, count: pending.length, totalCents };
  });
}
