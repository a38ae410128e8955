/**
 * A warranty claim as its customer and staff read it (API `GET …/warranty-claims/{id}`, the claim
 * page, the staff order page): after-sale's claim, with what its decision paid back — the credit
 * note that credits it (invoicing) and the refund that moves the money, as it stands now
 * (payments: `pending` until the card refund succeeds or the transfer leaves in an export and is
 * seen debited); or, for a repair or a replacement, what staff recorded of it (claim-facts.ts).
 */
import type { Kysely } from 'kysely';
import { claimFacts, type RecordedFact } from '../aftersale/claim-facts.ts';
import { type ClaimJson, claimsWithRefundDue } from '../aftersale/claims.ts';
import type { DB } from '../db/schema.ts';
import { creditNotesOfOrder } from '../invoicing/credit-notes.ts';
import { listRefunds } from '../payments/refunds/queries.ts';
import type { RefundStatus } from '../payments/refunds/rules.ts';
import type { Shop } from '../shops/service.ts';

export type WarrantySettlement = {
  creditNote: { id: string; number: string; issuedOn: string; grossCents: number; pdfUrl: string } | null;
  refund: { id: string; method: 'card' | 'bank_transfer'; amountCents: number; status: RefundStatus; paidOutside: boolean } | null;
};

/** `facts`: what staff did about a repair or replacement (claim-facts.ts), oldest first. */
export type WarrantyClaimView = ClaimJson & { settlement: WarrantySettlement | null; facts: RecordedFact[] };

const WARRANTY_REASONS: ReadonlySet<string> = new Set(['warranty_refund', 'warranty_price_reduction']);

export async function warrantyClaimJson(db: Kysely<DB>, shop: Shop, claim: ClaimJson): Promise<WarrantyClaimView> {
  const remedy = claim.decision?.remedy;
  if (remedy === 'repair' || remedy === 'replacement') return { ...claim, settlement: null, facts: await claimFacts(db, shop, claim.orderId, claim.id) };
  if (remedy !== 'refund' && remedy !== 'price_reduction') return { ...claim, settlement: null, facts: [] };
  const [notes, refunds] = await Promise.all([creditNotesOfOrder(db, shop.slug, claim.orderId), listRefunds(db, shop.slug, { orderId: claim.orderId })]);
  const note = notes.find((n) => n.source_id === claim.id && WARRANTY_REASONS.has(n.reason));
  const refund = refunds.find((r) => r.reason === `warranty claim ${claim.id}`);
  return {
    ...claim,
    facts: [],
    settlement: {
      creditNote: note ? { id: note.id, number: note.number, issuedOn: note.issued_on, grossCents: note.totals.grossCents, pdfUrl: `/shops/${shop.slug}/invoices/${note.id}.pdf` } : null,
      refund: refund ? { id: refund.id, method: refund.method, amountCents: Number(refund.amount_cents), status: refund.status, paidOutside: refund.method === 'bank_transfer' && refund.creditor_iban === null } : null,
    },
  };
}

/** Several claims at once (an order's, for the staff order page). */
export async function warrantyClaimsJson(db: Kysely<DB>, shop: Shop, claims: readonly ClaimJson[]): Promise<WarrantyClaimView[]> {
  return Promise.all(claims.map((c) => warrantyClaimJson(db, shop, c)));
}

/**
 * Warranty refunds the today view watches until the money has left (issue 10 §4, like a
 * withdrawal's refund): a decided refund or price reduction with a due day whose refund is still
 * to be exported (a transfer `pending`), or failed. A card refund sent to the provider, a
 * transfer exported or confirmed, a refund recorded as made by hand: done.
 */
export async function warrantyRefundsToWatch(db: Kysely<DB>, shop: Shop): Promise<{ orderId: string; number: string; customerName: string; status: string; refundDueOn: string }[]> {
  const claims = await claimsWithRefundDue(db, shop.slug);
  if (claims.length === 0) return [];
  const refunds = await db.selectFrom('refunds').select(['reason', 'method', 'status', 'provider_ref']).where('shop_id', '=', shop.slug).where('reason', 'like', 'warranty claim %').execute();
  const left = (r: (typeof refunds)[number]) => r.status === 'exported' || r.status === 'succeeded' || r.status === 'confirmed' || (r.method === 'card' && r.status === 'pending' && r.provider_ref !== null);
  return claims
    .filter((c) => !refunds.some((r) => r.reason === `warranty claim ${c.id}` && left(r)))
    .map((c) => ({ orderId: c.order_id, number: c.number, customerName: c.company_name ?? `${c.first_name} ${c.last_name}`, status: c.status, refundDueOn: c.refund_due_on ?? '' }));
}
