/**
 * Back office of bank statements (issue 4 §2): upload a CAMT.053 file, watch its import, match
 * the credits no reference matched. The upload answers at once (303 to the import's page); the
 * import goes on in the background of this process (import-runner.ts).
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { staffShop } from '../../shops/staff-access.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { t } from '../../kernel/i18n/index.ts';
import type { Shop } from '../../shops/service.ts';
import { frameFor, sendPage } from '../context.ts';
import { messageFor } from '../errors.tsx';
import { flatForm } from '../form-errors.ts';
import { Page } from '../layout.tsx';
import { orderSide } from '../../flows/record-payment.ts';
import { actorLabel, matchBankEntry, unmatchedQueue } from '../../payments/bank-queue.ts';
import { CAMT053_MAX_BYTES } from '../../payments/camt053.ts';
import { beginImport } from '../../payments/import-statement.ts';
import { importRunner } from '../../payments/import-runner.ts';
import { findImport } from '../../payments/statement-imports.ts';
import { ImportPage, QueuePage, UploadPage } from './views/bank-pages.tsx';

type Params = { Params: { shop: string; id?: string }; Querystring: { matched?: string } };
type UploadedFile = { filename: string; data: Buffer };

/** Seconds between two refreshes of a running import's page. */
const REFRESH_SECONDS = 2;

export const bankStaffPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock, orders: orderSide };
  const runner = importRunner(deps, (error, importId) => app.log.error({ err: error, importId }, 'statement import failed'));
  app.addHook('onReady', () => runner.resumeRunning());
  app.addHook('onClose', () => runner.drain());

  // Multipart for this plugin's upload form only; the file is kept with its name.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: CAMT053_MAX_BYTES, files: 1, fields: 5 },
    async onFile(part) {
      const data = await part.toBuffer();
      Object.assign(part, { value: { filename: part.filename, data } satisfies UploadedFile });
    },
  });

  async function uploadPage(request: FastifyRequest<Params>, reply: FastifyReply, shop: Shop, errors: Record<string, string>, status = 200) {
    const f = frameFor(request, reply, t(request.lang, 'bank.title'), { slug: shop.slug, name: shop.name });
    const queued = (await unmatchedQueue(db, shop)).length;
    return sendPage(reply, <Page frame={f}><UploadPage lang={request.lang} shop={shop.slug} csrf={f.csrfToken ?? ''} queued={queued} errors={errors} /></Page>, status);
  }

  app.get<Params>('/shops/:shop/staff/bank', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    return shop && uploadPage(request, reply, shop, {});
  });

  app.post<Params>('/shops/:shop/staff/bank/imports', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const file = (request.body as { statement?: UploadedFile | string } | undefined)?.statement;
    if (!file || typeof file === 'string' || file.data.byteLength === 0) {
      return uploadPage(request, reply, shop, { statement: messageFor(request.lang, 'statement_file_missing') }, 400);
    }
    try {
      const { id, document } = await beginImport(deps, shop, file.data, { filename: file.filename || 'statement.xml', actor: actorLabel(request.actor) });
      runner.start(shop, id, document);
      return reply.redirect(`/shops/${shop.slug}/staff/bank/imports/${id}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return uploadPage(request, reply, shop, { statement: messageFor(request.lang, error.code, error.params) }, error.status);
    }
  });

  app.get<Params>('/shops/:shop/staff/bank/imports/:id', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const progress = await findImport(db, shop.slug, request.params.id ?? '');
    if (!progress) throw notFound('statement_import');
    // Refreshed by the browser until done: no script needed, none allowed by the CSP.
    if (progress.status === 'running') reply.header('refresh', String(REFRESH_SECONDS));
    const f = frameFor(request, reply, t(request.lang, 'bank.import.title', { filename: progress.filename }), { slug: shop.slug, name: shop.name });
    return sendPage(reply, <Page frame={f}><ImportPage lang={request.lang} shop={shop.slug} progress={progress} /></Page>);
  });

  async function queuePage(request: FastifyRequest<Params>, reply: FastifyReply, shop: Shop, error: { entryId: string; message: string } | null, status = 200) {
    const f = frameFor(request, reply, t(request.lang, 'bank.queue.title'), { slug: shop.slug, name: shop.name });
    const entries = await unmatchedQueue(db, shop);
    return sendPage(reply, <Page frame={f}><QueuePage lang={request.lang} shop={shop.slug} csrf={f.csrfToken ?? ''} entries={entries} matched={request.query.matched} error={error} /></Page>, status);
  }

  app.get<Params>('/shops/:shop/staff/bank/queue', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    return shop && queuePage(request, reply, shop, null);
  });

  app.post<Params>('/shops/:shop/staff/bank/entries/:id/match', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const entryId = request.params.id ?? '';
    const values = flatForm(request.body);
    // A typed number wins over a ticked suggestion: it is the more deliberate choice.
    const number = values.number?.trim() ?? '';
    const order = number !== '' ? { number } : values.orderId ? { orderId: values.orderId } : null;
    try {
      if (!order) throw new DomainError('order_not_found', 'refused', {}, 'orderId');
      const matched = await matchBankEntry(deps, shop, entryId, order, actorLabel(request.actor));
      return reply.redirect(`/shops/${shop.slug}/staff/bank/queue?matched=${encodeURIComponent(matched.orderNumber)}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'forbidden' || error.kind === 'unauthenticated') throw error;
      return queuePage(request, reply, shop, { entryId, message: messageFor(request.lang, error.code, error.params) }, error.status);
    }
  });
};
