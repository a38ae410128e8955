/**
 * Pages: the invoice PDF for a signed-in customer or staff member (the order page links it; the
 * API takes tokens only, so the browser's session reaches the same document here).
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { Actor } from '../../accounts/actor.ts';
import type { DB } from '../../db/schema.ts';
import { type Clock, today } from '../../kernel/clock.ts';
import { pendingTransfer } from '../../payments/order-payment.ts';
import { getShop, type Shop } from '../../shops/service.ts';
import { renderInvoicePdf } from './pdf.ts';
import { findInvoiceOrCreditNoteFor } from '../../flows/invoice-json.ts';
import { renderCreditNotePdf } from './credit-note-pdf.ts';

/** The PDF as sent (an invoice, or a credit note read at the same address): the transfer block only while the order still awaits it, as of today (shop-local). */
export async function sendInvoicePdf(deps: { db: Kysely<DB>; clock: Clock }, reply: FastifyReply, actor: Actor, shop: Shop, invoiceId: string) {
  const found = await findInvoiceOrCreditNoteFor(deps.db, actor, shop, invoiceId);
  const { order } = found;
  const document = 'creditNote' in found ? found.creditNote : found.invoice;
  const body = 'creditNote' in found ? await renderCreditNotePdf(found.creditNote, shop) : await renderInvoicePdf(found.invoice, shop, pendingTransfer(shop, order, today(deps.clock, shop.timeZone).toString()));
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${document.number}.pdf"`)
    .header('cache-control', 'private, no-store')
    .send(body);
}

export const invoicePages: FastifyPluginAsync = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  app.get<{ Params: { shop: string; file: string } }>('/shops/:shop/invoices/:file', async (request, reply) => {
    const shop = await getShop(deps.db, request.params.shop);
    if (request.actor.kind === 'anonymous') return reply.redirect(`/shops/${shop.slug}/login`, 303);
    const { file } = request.params;
    return sendInvoicePdf(deps, reply, request.actor, shop, file.endsWith('.pdf') ? file.slice(0, -4) : '');
  });
};
