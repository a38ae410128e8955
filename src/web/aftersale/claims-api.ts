/**
 * API of legal-warranty claims (issue 10 §4, §7; API.md style):
 * `POST /shops/{shop}/orders/{id}/warranty-claims` — the order's customer, JSON without photos or
 * multipart/form-data with up to 3 (`photos`) → `201 {id, kind, openedOn, warrantyEndsOn, presumption, …}`,
 * `422 warranty_period_over` / `not_a_consumer_order`;
 * `POST /shops/{shop}/warranty-claims/{id}/decision` — staff: `{remedy, at, amountCents?, percent?, note?}`;
 *   a refund or price reduction answers with its `settlement` (credit note, refund), `422
 *   warranty_amount_exceeds_paid` beyond the claimed lines' price paid less what was refunded;
 * `POST /shops/{shop}/warranty-claims/{id}/events` — staff: `{type: repaired|replacement_shipped|replacement_delivered, at, trackingNumber?, note?}`;
 * `GET /shops/{shop}/warranty-claims/{id}` — its customer, staff.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { requireAccess, requireCustomer } from '../../accounts/actor.ts';
import { ClaimFactInput, recordClaimFact } from '../../aftersale/claim-facts.ts';
import { MAX_CLAIM_PHOTOS, MAX_PHOTO_BYTES } from '../../aftersale/claim-photos.ts';
import { ClaimInput, claimJsonOf, DecisionInput, findClaimFor, openClaim, type Photo } from '../../aftersale/claims.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { getShop } from '../../shops/service.ts';
import { actorName } from './api.ts';
import { warrantyClaimJson } from '../../flows/warranty-claim-json.ts';
import { decideWarrantyClaim } from '../../flows/warranty-decision.ts';

type IdParams = { Params: { shop: string; id: string } };

/**
 * Multipart for the plugin that calls it: each file is read whole (one byte over 5 MB at most, so
 * a larger photo is refused by name, not cut), one more file than allowed so a fourth is refused
 * with a message instead of a bare 413.
 */
export async function acceptClaimPhotos(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_PHOTO_BYTES + 1, files: MAX_CLAIM_PHOTOS + 1, fields: 520 },
    async onFile(part) {
      const data = await part.toBuffer();
      Object.assign(part, { value: { filename: part.filename, data } satisfies Photo });
    },
  });
}

const isPhoto = (v: unknown): v is Photo => typeof v === 'object' && v !== null && Buffer.isBuffer((v as Photo).data);

/** The files of a multipart body's `photos` field (an empty file input sends one nameless, empty part: not a photo). */
export const photosOf = (body: unknown): Photo[] => [((body ?? {}) as Record<string, unknown>).photos].flat().filter(isPhoto).filter((p) => p.data.byteLength > 0 || p.filename);

/** A claim from a JSON body or a multipart form (fields as text; `lines` repeated or comma-separated). */
export function claimFromBody(body: unknown): { input: ClaimInput; photos: Photo[] } {
  const b = (body ?? {}) as Record<string, unknown>;
  const photos = photosOf(b);
  const lines = [b.lines, b.line].flat().filter((v) => v !== undefined && v !== '');
  const lineNos = lines.flatMap((v) => (typeof v === 'number' ? [v] : String(v).split(',').map((s) => Number(s.trim()))));
  const fields = {
    ...(b.kind !== undefined && { kind: b.kind }),
    ...(b.description !== undefined && { description: b.description }),
    ...(lineNos.length > 0 && { lines: lineNos }),
    ...(typeof b.discoveredOn === 'string' && b.discoveredOn !== '' && { discoveredOn: b.discoveredOn }),
  };
  return { input: parseOrThrow(ClaimInput, fields), photos };
}

export const claimsApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock };
  const decisionDeps = { ...deps, stripe: app.deps.stripe };
  await acceptClaimPhotos(app);

  app.post<IdParams>('/shops/:shop/orders/:id/warranty-claims', { schema: { tags: ['aftersale'], summary: 'Open a legal-warranty claim on a delivered order (its consumer customer): conformity or hidden defect, JSON or multipart with up to 3 photos' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const customerId = requireCustomer(request.actor, shop.slug);
    const { input, photos } = claimFromBody(request.body);
    return reply.code(201).send(await openClaim(deps, shop, request.params.id, { customerId, input, photos, lang: request.lang }, actorName(request)));
  });

  app.post<IdParams>('/shops/:shop/warranty-claims/:id/decision', { schema: { tags: ['aftersale'], summary:
        'Decide a warranty claim (staff): repair, replacement, price_reduction (amountCents, or percent of the claimed lines rounded half up) or refund (amountCents, default the claimed lines in full), or declined with its reason (note). ' +
        'A refund or reduction issues a credit note (AV-<year>-<serial>) and pays back through the refund means (the card that paid; a SEPA transfer to the account that paid, in the next export; recorded as paid back by hand otherwise), answered in `settlement {creditNote, refund}` with `decision.refundDueOn`; ' +
        '422 warranty_amount_exceeds_paid (more than the claimed lines paid less what was already refunded: nothing changed), 409 warranty_claim_already_decided' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(DecisionInput, request.body);
    return reply.code(201).send(await decideWarrantyClaim(decisionDeps, shop, request.params.id, input, actorName(request)));
  });

  app.post<IdParams>('/shops/:shop/warranty-claims/:id/events', { schema: { tags: ['aftersale'], summary: 'Record what was done about a repair or replacement decided on a warranty claim (staff): repaired, replacement_shipped, replacement_delivered, with `at` (an instant or a day) and an optional trackingNumber; no invoice (the legal warranty is free of charge); the customer is e-mailed; 422 warranty_fact_not_for_remedy, event_before_decision, event_in_future; 409 warranty_fact_already_recorded' } }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    const input = parseOrThrow(ClaimFactInput, request.body);
    return reply.code(201).send(await warrantyClaimJson(db, shop, await recordClaimFact(deps, shop, request.params.id, input, actorName(request))));
  });

  app.get<IdParams>('/shops/:shop/warranty-claims/:id', { schema: { tags: ['aftersale'], summary: 'A warranty claim, with its warranty end, presumption, decision and settlement (credit note and refund with its status) (its customer, staff)' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    const { actor } = request;
    const own = actor.kind === 'customer' && actor.shopId === shop.slug;
    if (!own) requireAccess(actor, 'shop.manage', shop.slug);
    const row = await findClaimFor(db, shop, request.params.id, own ? { customerId: actor.id } : 'staff');
    return warrantyClaimJson(db, shop, await claimJsonOf(db, shop, row));
  });
};
