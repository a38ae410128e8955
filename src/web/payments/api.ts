/**
 * API: importing a bank statement (API.md `POST /shops/{shop}/bank-statements`, issue 4 §2).
 * The body is the camt.053 file itself, read as raw bytes: XML is accepted on this plugin's
 * routes only, up to the parser's own 10 MB limit.
 */
import type { FastifyPluginAsync } from 'fastify';
import { requireAccess } from '../../accounts/actor.ts';
import { getShop } from '../../shops/service.ts';
import { CAMT053_MAX_BYTES } from '../../payments/camt053.ts';
import { StatementRejected } from '../../payments/errors.ts';
import { importStatement } from '../../payments/import-statement.ts';
import { orderSide } from '../../flows/record-payment.ts';

type ShopParams = { Params: { shop: string } };

export const paymentsApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const clock = app.deps.clock;

  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'buffer', bodyLimit: CAMT053_MAX_BYTES }, (_request, body, done) => done(null, body));

  app.post<ShopParams>(
    '/shops/:shop/bank-statements',
    { bodyLimit: CAMT053_MAX_BYTES, schema: { tags: ['payments'], summary: 'Import a CAMT.053 bank statement (staff)', consumes: ['application/xml'] } },
    async (request) => {
      const shop = await getShop(db, request.params.shop);
      requireAccess(request.actor, 'shop.manage', shop.slug);
      if (!Buffer.isBuffer(request.body)) throw new StatementRejected('statement_not_camt053', { root: '', namespace: '' });
      const actor = request.actor.kind === 'anonymous' ? 'anonymous' : `${request.actor.kind}:${request.actor.id}`;
      return importStatement({ db, clock, orders: orderSide }, shop, request.body, actor);
    },
  );
};
