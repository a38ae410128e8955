/**
 * The profile checker: compares every parameter of a loaded profile with the legal floors of
 * its system (`floors.ts`) and reports what is weaker than the law, the legal value that will
 * apply instead, and the source. Loading never fails on these findings: the seeds' own values
 * are kept and the rules engine applies the law (SPEC §4 general principle, AS-73).
 * Severities are defined in `checks/finding.ts`.
 */
import { checkGuarantee } from './checks/guarantee.ts';
import { checkIdentity } from './checks/identity.ts';
import { checkPerformance } from './checks/performance.ts';
import { checkPrivacy } from './checks/privacy.ts';
import { checkSales } from './checks/sales.ts';
import { checkWithdrawal } from './checks/withdrawal.ts';
import type { Finding, Severity } from './checks/finding.ts';
import type { Profile } from './schema.ts';

export type { Finding, Severity } from './checks/finding.ts';

const CHECKS: readonly ((profile: Profile) => Finding[])[] = [
  checkIdentity,
  checkSales,
  checkPerformance,
  checkWithdrawal,
  checkGuarantee,
  checkPrivacy,
];

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Every finding, errors first, then in the order of the profile's sections. */
export function checkProfile(profile: Profile): Finding[] {
  const findings = CHECKS.flatMap((check) => check(profile));
  return findings
    .map((finding, order) => ({ finding, order }))
    .sort((a, b) => RANK[a.finding.severity] - RANK[b.finding.severity] || a.order - b.order)
    .map(({ finding }) => finding);
}

/** Publishing is blocked while any error or warning remains. */
export function blocksPublishing(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity !== 'info');
}

/** One line per finding, for the CLI: `bible-et-jeux  error    withdrawal.returnWithin: …`. */
export function formatFindings(slug: string, findings: readonly Finding[]): string {
  if (findings.length === 0) return `${slug}  ok       no finding`;
  return findings.map((f) => `${slug}  ${f.severity.padEnd(7)}  ${f.path}: ${f.message}`).join('\n');
}
