/**
 * API of statement imports and bank entries (issue 4 §2), for staff: an import's progress, the
 * unmatched credits with their suggestions, and the manual match of one of them to an order.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requireAccess } from '../../accounts/actor.ts';
import { notFound } from '../../kernel/errors.ts';
import { parseOrThrow, text } from '../../kernel/validation.ts';
import { getShop } from '../../shops/service.ts';
import { orderSide } from '../../flows/record-payment.ts';
import { actorLabel, matchBankEntry, unmatchedQueue } from '../../payments/bank-queue.ts';
import { findImport } from '../../payments/statement-imports.ts';

type Params = { Params: { shop: string; id: string } };

export const EntriesQuery = z.object({ status: z.literal('unmatched').default('unmatched') });
export const MatchBody = z.object({ orderId: text().min(1) }).strict();

export const bankEntriesApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock, orders: orderSide };

  const staffShop = async (shopSlug: string, actor: Parameters<typeof requireAccess>[0]) => {
    const shop = await getShop(db, shopSlug);
    requireAccess(actor, 'shop.manage', shop.slug);
    return shop;
  };

  app.get<Params>('/shops/:shop/bank-statements/imports/:id', { schema: { tags: ['payments'], summary: 'Progress of a statement import (staff)' } }, async (request) => {
    const shop = await staffShop(request.params.shop, request.actor);
    const progress = await findImport(db, shop.slug, request.params.id);
    if (!progress) throw notFound('statement_import');
    return progress;
  });

  app.get<{ Params: { shop: string } }>('/shops/:shop/bank-entries', { schema: { tags: ['payments'], summary: 'Unmatched credits with suggested orders (staff)' } }, async (request) => {
    const shop = await staffShop(request.params.shop, request.actor);
    parseOrThrow(EntriesQuery, request.query);
    const entries = await unmatchedQueue(db, shop);
    return {
      items: entries.map((e) => ({
        id: e.id,
        bookingDate: e.bookingDate,
        amountCents: e.amountCents,
        debtorName: e.debtorName,
        reference: e.reference,
        referenceStatus: e.referenceStatus,
        reason: e.reason,
        unstructured: e.unstructured,
        suggestions: e.suggestions,
      })),
    };
  });

  app.post<Params>('/shops/:shop/bank-entries/:id/match', { schema: { tags: ['payments'], summary: 'Match an unmatched credit to an order (staff)' } }, async (request) => {
    const shop = await staffShop(request.params.shop, request.actor);
    const { orderId } = parseOrThrow(MatchBody, request.body);
    const { orderNumber: _, ...entry } = await matchBankEntry(deps, shop, request.params.id, { orderId }, actorLabel(request.actor));
    return entry;
  });
};
