/**
 * API: invoices (API.md `GET /shops/{shop}/invoices?orderId=`, `GET …/invoices/{id}`,
 * `GET …/invoices/{id}.pdf`), for the order's customer or the shop's staff.
 */
import type { FastifyPluginAsync } from 'fastify';
import { ValidationFailed } from '../../kernel/errors.ts';
import { getShop } from '../../shops/service.ts';
import { sendInvoicePdf } from './routes.ts';
import { findInvoiceOrCreditNoteFor, invoicesOfOrderFor } from '../../flows/invoice-json.ts';

type ListParams = { Params: { shop: string }; Querystring: { orderId?: string } };
type InvoiceParams = { Params: { shop: string; id: string } };

export const invoicesApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const { clock } = app.deps;

  app.get<ListParams>('/shops/:shop/invoices', { schema: { tags: ['invoices'], summary: 'The invoices and credit notes of an order (its customer, staff)' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    const { orderId } = request.query;
    if (typeof orderId !== 'string' || orderId === '') throw new ValidationFailed([{ field: 'orderId', code: 'required' }]);
    return { items: await invoicesOfOrderFor(db, request.actor, shop, orderId) };
  });

  // One route for both forms: `{id}.pdf` is the same parameter with a suffix.
  app.get<InvoiceParams>('/shops/:shop/invoices/:id', { schema: { tags: ['invoices'], summary: 'An invoice or credit note as JSON, or as PDF with `.pdf` (its customer, staff)' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const { id } = request.params;
    if (id.endsWith('.pdf')) return sendInvoicePdf({ db, clock }, reply, request.actor, shop, id.slice(0, -4));
    const found = await findInvoiceOrCreditNoteFor(db, request.actor, shop, id);
    return 'creditNote' in found ? found.creditNote : found.invoice;
  });
};
