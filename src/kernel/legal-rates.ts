/**
 * Legal interest rates a late refund is counted with (after a withdrawal or a late delivery) (LEGAL.md §A7 for France, by semester and
 * for a consumer creditor; §A2 for Belgium). Data, no I/O.
 */
import type { Temporal } from 'temporal-polyfill';

/** France, taux de l'intérêt légal for natural persons not acting professionally, in basis points. */
const FR_CONSUMER: readonly { from: string; bp: number }[] = [
  { from: '2025-01-01', bp: 721 },
  { from: '2025-07-01', bp: 665 },
  // Arrêté of 15 Dec 2025. H2 2026's arrêté is not in LEGAL.md: the last known rate goes on.
  { from: '2026-01-01', bp: 667 },
];

/** Belgium: the legal rate of 2026 (4.5 %), LEGAL.md §A2, used for every year until others are listed. */
const BE_LEGAL_BP = 450;

/** The rate in force on `on` (the first day late) for a consumer creditor of a shop under `legalSystem`. */
export function legalRateBp(legalSystem: 'FR' | 'BE', on: Temporal.PlainDate): number {
  if (legalSystem === 'BE') return BE_LEGAL_BP;
  const iso = on.toString();
  let rate = FR_CONSUMER[0]?.bp ?? 0;
  for (const r of FR_CONSUMER) if (r.from <= iso) rate = r.bp;
  return rate;
}
