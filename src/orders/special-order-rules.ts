/**
 * Special orders not collected (issue 11 §6; 003 art.7.2; SPEC C03, C07, A-47), as pure rules.
 *
 * "En cas de refus de prendre la marchandise livrée ou de non enlèvement … le vendeur pourra en
 * disposer huit jours après notification par LRAR demeurée sans effet. Il conservera l'acompte …
 * sauf pour les marchandises commandées spécialement pour le client et pour lesquelles ce dernier
 * restera redevable de la totalité du prix de vente et des frais supplémentaires."
 *
 * - The seller may dispose of the goods once the registered letter's period has passed (counted
 *   from its first presentation, A-47: src/orders/formal-notice-rules.ts) — for special orders too.
 * - An order holding goods ordered specially is then not cancelled with the deposit kept: the
 *   customer stays liable for the whole price of those goods (the whole order's price, delivery
 *   and fees included, when all its lines are special) and for the storage costs staff document.
 *   What the other lines of a mixed order cost is not claimed (the general rule: the seller
 *   disposes of them).
 * - A storage cost is entered excl. VAT with its rate (a professional's terms speak HT); its
 *   amount incl. VAT is rounded half-up to the cent, as each invoice line.
 * - What was already paid (deposit included) counts towards what is due; the balance is owed by
 *   the customer (or, if paid beyond it, owed back).
 */
import { DomainError } from '../kernel/errors.ts';

/** Incl. VAT, half-up to the cent: `amountExclVatCents × (1 + vatRateBp / 10 000)`. */
export function grossOf(amountExclVatCents: number, vatRateBp: number): number {
  const tenThousandths = amountExclVatCents * (10_000 + vatRateBp);
  return Math.floor((tenThousandths + 5_000) / 10_000);
}

export type SettlementLine = { totalCents: number; specialOrder: boolean };
export type SettlementInput = {
  lines: readonly SettlementLine[];
  /** The order's price incl. VAT, delivery and fees included. */
  orderGrossCents: number;
  storageCosts: readonly { grossCents: number }[];
  paidCents: number;
};
export type Settlement = {
  /** The price of the goods ordered specially, due in full. */
  priceDueCents: number;
  storageCents: number;
  totalDueCents: number;
  paidCents: number;
  /** Still owed by the customer (> 0), or owed back to them (< 0). */
  balanceCents: number;
  /** Whether every line is special: the whole order's price is due. */
  wholeOrder: boolean;
};

export function hasSpecialOrderLines(lines: readonly SettlementLine[]): boolean {
  return lines.some((l) => l.specialOrder);
}

/** What the customer owes once a special order is closed for non-collection. */
export function specialOrderSettlement(input: SettlementInput): Settlement {
  if (!hasSpecialOrderLines(input.lines)) throw new DomainError('not_a_special_order', 'refused');
  const wholeOrder = input.lines.every((l) => l.specialOrder);
  const priceDueCents = wholeOrder ? input.orderGrossCents : input.lines.filter((l) => l.specialOrder).reduce((s, l) => s + l.totalCents, 0);
  const storageCents = input.storageCosts.reduce((s, c) => s + c.grossCents, 0);
  const totalDueCents = priceDueCents + storageCents;
  return { priceDueCents, storageCents, totalDueCents, paidCents: input.paidCents, balanceCents: totalDueCents - input.paidCents, wholeOrder };
}

/** Whether the shop's terms make a special order not collected due in full (003 art.7.2 `specialOrderFullPrice`). */
export function fullPriceWhenNotCollected(profile: { delivery?: { nonCollection?: { specialOrderFullPrice: boolean } | undefined } | undefined }): boolean {
  return profile.delivery?.nonCollection?.specialOrderFullPrice === true;
}
