/**
 * Closing a group-purchase campaign (issue 12 §5; SPEC C09): at its closing instant (a due job,
 * src/platform/jobs.ts) or when staff press "close now". Spans the campaigns capability (its
 * totals, minimums, documents), orders and payments (cancel-order: a minimum not reached cancels
 * the affected orders and turns what was paid into money owed back, with an explanation e-mail)
 * and the outbox (each supplier's purchase order, CSV and PDF, as stored).
 *
 * The documents are rendered before the transaction (no PDF inside a lock); the transaction then
 * locks the campaign, checks the orders are those the documents were made from (else it starts
 * again), cancels, stores, enqueues and marks the campaign closed — all or nothing.
 */
import type { Kysely, Transaction } from 'kysely';
import { campaignSheets, supplierFiles, supplierName } from '../campaigns/documents.ts';
import { productsBelowMinimum } from '../campaigns/rules.ts';
import { campaignLines, campaignProducts, dueForClosing, findCampaign, lockCampaign, markClosed, storeDocument } from '../campaigns/service.ts';
import type { SheetLine } from '../campaigns/sheets.ts';
import { supplierOrders } from '../campaigns/sheets.ts';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../kernel/clock.ts';
import { DomainError } from '../kernel/errors.ts';
import { t } from '../kernel/i18n/index.ts';
import { money } from '../kernel/i18n/money.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import { lockOrder } from '../orders/state.ts';
import { paidSoFar } from '../payments/record-payment.ts';
import { getShop, type Shop } from '../shops/service.ts';
import { cancelOrder } from './cancel-order.ts';
import { orderSide } from './record-payment.ts';
import { refundWhatWasPaid } from './seller-decisions.ts';
import type { StripeGateway } from '../payments/card/stripe-client.ts';
import { sendCreditRefund, type StartedCreditRefund } from '../payments/refunds/owed-credit.ts';
import { customerLang } from '../shops/customer-language.ts';

/** `stripe`: sends the card refunds of the orders cancelled for a missed minimum (null: they stay credit, or a simulated one settles). */
type Deps = { db: Kysely<DB>; clock: Clock; stripe?: StripeGateway | null };
export type ClosingReport = { campaignId: string; minimumReached: boolean; cancelledOrders: string[]; supplierOrders: { supplier: string; email: string | null; quantity: number; cases: number; documents: string[] }[] };

/** Statuses an order may still be cancelled in when its campaign does not go ahead (its goods have not left). */
const CANCELLABLE = ['awaiting_payment', 'awaiting_acceptance', 'accepted', 'preparing'];

const digest = (lines: readonly { order_id: string; line_no: number; quantity: number; status: string }[]) => lines.map((l) => `${l.order_id}:${l.line_no}:${l.quantity}:${l.status}`).join(',');

/**
 * Closes the campaign now. `byStaff`: refused if already closed (409) or not yet open (422); the
 * job passes false and skips a campaign another run closed.
 */
export async function closeCampaign(deps: Deps, shop: Shop, campaignId: string, actor: string, byStaff = true): Promise<ClosingReport | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = new Date(deps.clock.now().epochMilliseconds);
    const campaign = await findCampaign(deps.db, shop.slug, campaignId);
    if (campaign.status === 'closed') {
      if (byStaff) throw new DomainError('campaign_already_closed', 'conflict');
      return null;
    }
    if (byStaff && now.getTime() < campaign.opens_at.getTime()) throw new DomainError('campaign_not_over', 'refused');
    const { lines } = await campaignSheets(deps.db, shop.slug, campaignId);
    const products = await campaignProducts(deps.db, shop.slug, [campaignId]);
    // Which products missed a minimum, and so which orders do not go ahead.
    const totals = products.map((p) => ({ productId: p.product_id, quantity: lines.filter((l) => l.product_id === p.product_id).reduce((n, l) => n + l.quantity, 0), minimumQuantity: p.minimum_quantity }));
    const below = productsBelowMinimum(campaign.minimum_quantity, totals);
    const cancelled = new Set(lines.filter((l) => below.products.includes(l.product_id)).map((l) => l.order_id));
    const kept: SheetLine[] = lines.filter((l) => !cancelled.has(l.order_id));
    const orders = supplierOrders(products, kept);
    const files = await Promise.all(orders.map((o) => supplierFiles(shop, campaign.title, o, now)));
    const before = digest(await campaignLines(deps.db, shop.slug, campaign));
    const report = await deps.db.transaction().execute(async (trx) => {
      const locked = await lockCampaign(trx, shop.slug, campaignId);
      if (!locked || locked.status === 'closed') return 'closed' as const;
      if (digest(await campaignLines(trx, shop.slug, campaign)) !== before) return 'changed' as const;
      const cancelledOrders: string[] = [];
      const refunds: StartedCreditRefund[] = [];
      for (const orderId of [...cancelled].sort()) {
        const outcome = await cancelForMinimum(trx, shop, orderId, campaign.title, actor, now, deps.stripe != null);
        if (!outcome) continue;
        cancelledOrders.push(orderId);
        if (outcome.refund) refunds.push(outcome.refund);
      }
      const sent: ClosingReport['supplierOrders'] = [];
      for (const [i, o] of orders.entries()) {
        const f = files[i];
        if (!f) continue;
        const name = supplierName(shop.language, o);
        const csv = await storeDocument(trx, shop.slug, campaignId, { supplier: name, format: 'csv', ...f.csv }, now);
        const pdf = await storeDocument(trx, shop.slug, campaignId, { supplier: name, format: 'pdf', ...f.pdf }, now);
        if (o.email) {
          const lang = shop.language;
          await enqueueEmail(
            trx,
            {
              shopId: shop.slug,
              to: o.email,
              subject: t(lang, 'campaign.mail.supplier.subject', { title: campaign.title, shop: shop.name }),
              text: t(lang, 'campaign.mail.supplier.body', { title: campaign.title, lines: o.rows.length, cases: o.cases, shop: shop.name }),
              attachments: [
                { type: CAMPAIGN_DOCUMENT_ATTACHMENT, id: csv.id },
                { type: CAMPAIGN_DOCUMENT_ATTACHMENT, id: pdf.id },
              ],
            },
            now,
          );
        }
        sent.push({ supplier: name, email: o.email, quantity: o.quantity, cases: o.cases, documents: [csv.id, pdf.id] });
      }
      await markClosed(trx, shop.slug, campaignId, now, below.reached);
      return { report: { campaignId, minimumReached: below.reached, cancelledOrders, supplierOrders: sent }, refunds };
    });
    if (report === 'closed') {
      if (byStaff) throw new DomainError('campaign_already_closed', 'conflict');
      return null;
    }
    if (report === 'changed') continue;
    // Card refunds are sent once the closing has committed: no network call holds the campaign's locks.
    for (const refund of report.refunds) await sendCreditRefund({ db: deps.db, clock: deps.clock, stripe: deps.stripe ?? null, orders: orderSide }, shop, refund, actor);
    return report.report;
  }
  throw new DomainError('service_unavailable', 'unavailable');
}

/** The outbox attachment naming a stored campaign document (src/platform/email-templates.ts resolves it). */
export const CAMPAIGN_DOCUMENT_ATTACHMENT = 'campaign_document';

/**
 * Cancels one order of a campaign that does not go ahead, with its explanation e-mail, and starts
 * the refund of what was paid (001 online §2.4 "avec remboursement des sommes versées"): to the
 * card or the paying account, sent after the commit; what has no known way back stays credit.
 */
async function cancelForMinimum(trx: Transaction<DB>, shop: Shop, orderId: string, title: string, actor: string, now: Date, cardRefunds: boolean): Promise<{ refund: StartedCreditRefund | null } | null> {
  const order = await lockOrder(trx, shop.slug, orderId);
  if (!order || !CANCELLABLE.includes(order.status)) return null;
  const customer = await trx.selectFrom('customers').select(['email', 'language']).where('shop_id', '=', shop.slug).where('id', '=', order.customer_id).executeTakeFirstOrThrow();
  const lang = customerLang(shop, customer.language);
  const paid = await paidSoFar(trx, shop.slug, order.id);
  const subject = t(lang, 'campaign.mail.cancelled.subject', { number: order.number, title });
  const text = t(lang, 'campaign.mail.cancelled.body', { title, number: order.number, paid: money(lang, paid), shop: shop.name });
  const mail = await enqueueEmail(trx, { shopId: shop.slug, to: customer.email, subject, text, order: { id: order.id, lang } }, now);
  const cancelled = await cancelOrder(trx, order, {
    reason: 'by_seller',
    actor,
    at: now,
    now,
    note: `campaign minimum not reached: ${title}`,
    evidence: { campaignMinimumNotReached: title, emailOutboxId: mail.id, emailTo: customer.email },
  });
  return { refund: await refundWhatWasPaid(trx, shop, order, cancelled.creditCents, 'campaign_minimum_not_reached', actor, now, cardRefunds) };
}

/** The due job: every open campaign whose closing instant has come is closed (by `system`). */
export async function closeDueCampaigns(deps: Deps): Promise<number> {
  let closed = 0;
  const now = new Date(deps.clock.now().epochMilliseconds);
  for (const due of await dueForClosing(deps.db, now)) {
    const shop = await getShop(deps.db, due.shop_id);
    if (await closeCampaign(deps, shop, due.id, 'system', false)) closed++;
  }
  return closed;
}
