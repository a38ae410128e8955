/**
 * What staff did about a warranty claim decided as repair or replacement (issue 10 §4; API
 * `POST /shops/{shop}/warranty-claims/{id}/events`): the goods repaired, the replacement shipped,
 * the replacement delivered. Each is a fact of the order's evidence log (`warranty_claim_repaired`,
 * `warranty_claim_replacement_shipped`, `warranty_claim_replacement_delivered`), once per claim, never
 * before the decision nor in the future. A replacement is not a new sale: no invoice, no payment
 * (FR L217-11: repair or replacement "sans aucun frais" for the consumer). The customer is told by
 * e-mail (outbox, their language) when the repaired goods or the replacement are on their way.
 */
import type { Kysely, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { factTime, localDate } from '../kernel/calendar.ts';
import type { Clock } from '../kernel/clock.ts';
import { DomainError, type ErrorKind } from '../kernel/errors.ts';
import { t } from '../kernel/i18n/index.ts';
import { text } from '../kernel/validation.ts';
import { appendEvent, orderEvents } from '../legal/evidence/service.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import { customerLang } from '../shops/customer-language.ts';
import type { Shop } from '../shops/service.ts';
import { type ClaimJson, claimJsonOf, findClaimFor, type Remedy } from './claims.ts';
import * as q from './queries.ts';

export const CLAIM_FACTS = ['repaired', 'replacement_shipped', 'replacement_delivered'] as const;
export type ClaimFact = (typeof CLAIM_FACTS)[number];
/** Which remedy each fact carries out. */
const REMEDY_OF: Record<ClaimFact, Remedy> = { repaired: 'repair', replacement_shipped: 'replacement', replacement_delivered: 'replacement' };

export const ClaimFactInput = z.strictObject({
  type: z.enum(CLAIM_FACTS),
  /** An instant, or the day (in the shop's zone). */
  at: z.union([z.iso.datetime({ offset: true }), text().regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date')]),
  trackingNumber: text().trim().min(1).max(100).optional(),
  note: text().trim().max(2000).optional(),
});
export type ClaimFactInput = z.infer<typeof ClaimFactInput>;

type FactErrorCode = 'warranty_fact_not_for_remedy' | 'warranty_fact_already_recorded' | 'event_in_future' | 'event_before_decision';
const KIND: Record<FactErrorCode, ErrorKind> = { warranty_fact_not_for_remedy: 'refused', warranty_fact_already_recorded: 'conflict', event_in_future: 'refused', event_before_decision: 'refused' };

export class ClaimFactRefused extends DomainError {
  constructor(code: FactErrorCode, params: Record<string, string | number> = {}, field?: string) {
    super(code, KIND[code], params, field);
    this.name = 'ClaimFactRefused';
  }
}

export type RecordedFact = { type: ClaimFact; on: string; at: string; trackingNumber?: string; note?: string };

const eventType = (fact: ClaimFact) => `warranty_claim_${fact}`;

/** The facts recorded on a claim, from its order's evidence log, oldest first. */
export async function claimFacts(db: Kysely<DB> | Transaction<DB>, shop: Shop, orderId: string, claimId: string): Promise<RecordedFact[]> {
  const events = await orderEvents(db, shop.slug, orderId);
  return events.flatMap((e) => {
    const fact = CLAIM_FACTS.find((f) => eventType(f) === e.type);
    const data = e.data as { claimId?: string; trackingNumber?: string; note?: string };
    if (!fact || data.claimId !== claimId) return [];
    const at = Temporal.Instant.from(e.at);
    return [{ type: fact, on: localDate(at, shop.timeZone).toString(), at: e.at, ...(data.trackingNumber && { trackingNumber: data.trackingNumber }), ...(data.note && { note: data.note }) }];
  });
}

export async function recordClaimFact(deps: { db: Kysely<DB>; clock: Clock }, shop: Shop, id: string, input: ClaimFactInput, actor: string): Promise<ClaimJson> {
  const found = await findClaimFor(deps.db, shop, id, 'staff');
  if (found.remedy !== REMEDY_OF[input.type]) throw new ClaimFactRefused('warranty_fact_not_for_remedy', {}, 'type');
  const now = deps.clock.now();
  const { instant, on } = factTime(input.at, shop.timeZone);
  if (Temporal.Instant.compare(instant, now) > 0 || Temporal.PlainDate.compare(on, localDate(now, shop.timeZone)) > 0) throw new ClaimFactRefused('event_in_future', {}, 'at');
  if (found.decided_on && Temporal.PlainDate.compare(on, Temporal.PlainDate.from(found.decided_on)) < 0) throw new ClaimFactRefused('event_before_decision', {}, 'at');
  await deps.db.transaction().execute(async (trx) => {
    const order = await q.lockOrder(trx, shop.slug, found.order_id);
    if ((await claimFacts(trx, shop, found.order_id, id)).some((f) => f.type === input.type)) throw new ClaimFactRefused('warranty_fact_already_recorded', {}, 'type');
    const customer = order ? await q.customerOf(trx, shop.slug, order.customer_id) : undefined;
    const told = input.type !== 'replacement_delivered' && customer?.email && order;
    const lang = customerLang(shop, customer?.language);
    const mail = told
      ? await enqueueEmail(
          trx,
          {
            shopId: shop.slug, to: customer.email, order: { id: order.id, lang },
            subject: t(lang, 'claim.mail.factSubject', { shop: shop.name, number: order.number }),
            text: [
              t(lang, `claim.mail.fact.${input.type}`, { date: on.toString(), number: order.number }),
              ...(input.trackingNumber ? [t(lang, 'claim.page.tracking', { tracking: input.trackingNumber })] : []),
              t(lang, 'claim.mail.noInvoice'),
              '',
              shop.name,
            ].join('\n'),
          },
          new Date(now.epochMilliseconds),
        )
      : null;
    await appendEvent(
      trx,
      { shopId: shop.slug, orderId: found.order_id, type: eventType(input.type), at: new Date(instant.epochMilliseconds), actor, data: { claimId: id, on: on.toString(), ...(input.trackingNumber && { trackingNumber: input.trackingNumber }), ...(input.note && { note: input.note }), ...(mail && { emailOutboxId: mail.id, emailTo: customer?.email }) } },
      new Date(now.epochMilliseconds),
    );
  });
  return claimJsonOf(deps.db, shop, await findClaimFor(deps.db, shop, id, 'staff'));
}
