/**
 * API of special orders not collected (issue 11 §6; 003 art.7.2; API.md):
 * `GET /shops/{shop}/orders/{id}/special-order` — the goods ordered specially, the storage costs,
 *   the non-collection notice and what is (or would be) due (its customer, staff);
 * `POST /shops/{shop}/orders/{id}/storage-costs` — staff document a storage cost
 *   `{description, amountExclVatCents, vatRateBp?, document?}`;
 * `POST /shops/{shop}/orders/{id}/special-order-settlement` — staff close the order once the
 *   notice's period has passed `{noticeId, note?}`: the price and the storage costs invoiced and due.
 */
import type { FastifyPluginAsync } from 'fastify';
import { requireAccess } from '../../accounts/actor.ts';
import { settleSpecialOrder, specialOrderJson } from '../../flows/special-order-settlement.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { findOrderFor } from '../../orders/service.ts';
import { recordStorageCost, SpecialOrderSettlementInput, StorageCostInput } from '../../orders/special-orders.ts';
import { getShop } from '../../shops/service.ts';
import { actorName } from '../aftersale/api.ts';

type IdParams = { Params: { shop: string; id: string } };

export const SETTLEMENT_REFUSALS = 'formal_notice_period_running, formal_notice_not_presented, formal_notice_cured, not_a_special_order, transition_not_allowed';

export const specialOrderApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock };

  app.get<IdParams>('/shops/:shop/orders/:id/special-order', { schema: { tags: ['orders'], summary: 'A special order (003 art.7.2): the goods ordered specially, the storage costs documented, the non-collection notice with the day disposal becomes open, and what is due — the whole price of those goods plus the storage costs, less what was paid; after closing, the invoices (its customer, staff); `specialOrder: false` and nothing else when the order holds none under the shop’s terms' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    const order = await findOrderFor(db, request.actor, shop.slug, request.params.id);
    return specialOrderJson(db, shop, order);
  });

  app.post<IdParams>('/shops/:shop/orders/:id/storage-costs', { schema: { tags: ['orders'], summary: 'Document a storage cost on a special order waiting at the depot {description, amountExclVatCents, vatRateBp? (default: the standard rate), document?} (staff) → 201 {id, description, amountExclVatCents, vatRateBp, grossCents, document, recordedAt, invoiceId}; 422 not_a_special_order, order_not_waiting_for_collection' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(StorageCostInput, request.body ?? {});
    return reply.code(201).send(await recordStorageCost(deps, shop, request.params.id, input, actorName(request)));
  });

  app.post<IdParams>('/shops/:shop/orders/:id/special-order-settlement', { schema: { tags: ['orders'], summary: `Close a special order not collected once its non-collection notice has run {noticeId, note?} (staff; 003 art.7.2): not cancelled — the order completed, its whole price and the storage costs invoiced (storage costs on an invoice of kind storage_costs) and due, the customer told by e-mail → 201 the special order; 422 ${SETTLEMENT_REFUSALS}. The non-collection termination refuses such an order with special_order_full_price_due` } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(SpecialOrderSettlementInput, request.body ?? {});
    return reply.code(201).send(await settleSpecialOrder(deps, shop, request.params.id, input, actorName(request)));
  });
};
