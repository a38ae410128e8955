/**
 * Staff's approval of a professional's goodwill return (issue 10 §6; 003 art.11: "only with prior
 * written approval … a credit note for the price minus an abatement of at least 30 %"), spanning
 * after-sale and invoicing: after-sale records the decision on the request; an acceptance issues,
 * in the same transaction, the credit note of the credit computed when the request was filed
 * (reason `goodwill_return`, one per request), spread over the goods of the order's invoice, and
 * what the professional already paid of it becomes their credit on account (payments), which the
 * compensating order spends when it is placed; what was not paid yet is simply no longer owed.
 * The professional is told by e-mail (outbox, their language): the credit note and the credit.
 */
import { type ComplaintDeps, type ComplaintJson, decideGoodwillReturn, type GoodwillDecisionInput } from '../aftersale/complaints.ts';
import { customerOf, findOrder } from '../aftersale/queries.ts';
import { issueCreditNote } from '../invoicing/credit-notes.ts';
import { type Lang, t } from '../kernel/i18n/index.ts';
import { money } from '../kernel/i18n/money.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import { customerLang } from '../shops/customer-language.ts';
import { creditOwedOnAccount } from '../payments/refunds/owed.ts';
import type { Shop } from '../shops/service.ts';

function goodwillEmail(shop: Shop, lang: Lang, number: string, note: { number: string; totals: { grossCents: number } }, onAccount: number): { subject: string; text: string } {
  const lines = [
    t(lang, 'complaints.mail.goodwillAccepted', { number, note: note.number, amount: money(lang, note.totals.grossCents) }),
    onAccount > 0 ? t(lang, 'complaints.mail.creditOnAccount', { amount: money(lang, onAccount) }) : '',
  ].filter(Boolean);
  return { subject: t(lang, 'complaints.mail.goodwillSubject', { shop: shop.name, number }), text: [...lines, '', shop.name].join('\n') };
}

export async function decideGoodwill(deps: ComplaintDeps, shop: Shop, id: string, input: GoodwillDecisionInput, actor: string): Promise<ComplaintJson> {
  return decideGoodwillReturn(deps, shop, id, input, actor, async (trx, complaint) => {
    const amountCents = Number(complaint.credit_cents ?? 0);
    if (amountCents <= 0) return {};
    const now = new Date(deps.clock.now().epochMilliseconds);
    const note = await issueCreditNote(trx, shop, { orderId: complaint.order_id, reason: 'goodwill_return', sourceId: complaint.id, note: input.note ?? null, actor, now, spread: { amountCents, over: 'goods' } });
    if (!note) return {};
    const onAccount = await creditOwedOnAccount(trx, shop.slug, complaint.order_id, note.totals.grossCents, now);
    const order = await findOrder(trx, shop.slug, complaint.order_id);
    const customer = order && (await customerOf(trx, shop.slug, order.customer_id));
    const mail = order && customer?.email ? await enqueueEmail(trx, { shopId: shop.slug, to: customer.email, ...goodwillEmail(shop, customerLang(shop, customer.language), order.number, note, onAccount), order: { id: order.id, lang: customerLang(shop, customer.language) } }, now) : null;
    return { creditNoteId: note.id, creditNoteNumber: note.number, creditNoteCents: note.totals.grossCents, creditOnAccountCents: onAccount, ...(mail && { emailOutboxId: mail.id, emailTo: customer?.email }) };
  });
}
