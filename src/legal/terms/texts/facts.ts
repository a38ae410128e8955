/**
 * What a published text states: the profile's values, except where the profile checker found
 * them weaker than the law — there the text states the legal value the platform applies
 * (`Finding.applied`, from `shops/profile/check.ts` and `floors.ts`). A text never promises less
 * than the software does.
 */
import { checkProfile, type Finding } from '../../../shops/profile/check.ts';
import type { Profile } from '../../../shops/profile/schema.ts';

export type Facts = {
  profile: Profile;
  findings: readonly Finding[];
  /** The value applied instead of the profile's at `path`, if the checker replaced it. */
  applied(path: string): string | number | boolean | undefined;
  /** True when the checker reported something at `path` (whatever the value). */
  flagged(path: string): boolean;
};

export function factsOf(profile: Profile): Facts {
  const findings = checkProfile(profile);
  return {
    profile,
    findings,
    applied: (path) => findings.find((f) => f.path === path && f.applied !== undefined)?.applied,
    flagged: (path) => findings.some((f) => f.path === path),
  };
}

/** A duration the platform applies at `path`: the checker's legal value, or the profile's own. */
export function durationAt(facts: Facts, path: string, own: string | undefined, fallback: string): string {
  const applied = facts.applied(path);
  return typeof applied === 'string' && /^P/.test(applied) ? applied : (own ?? fallback);
}

/** The seller as named at the top of each document. */
export function sellerLine(p: Profile): string {
  const id = p.identity;
  const name = [id.legalName, id.legalForm].filter(Boolean).join(', ');
  const reg = id.registrationNumber
    ? p.legalSystem === 'BE'
      ? `, inscrite à la Banque-Carrefour des Entreprises sous le numéro ${id.registrationNumber}`
      : `, immatriculée sous le numéro ${id.registrationNumber}`
    : '';
  return `${name}${reg}`;
}

/** "par e-mail à …, par téléphone au …" — the contact means the profile gives. */
export function contactMeans(p: Profile): string[] {
  const id = p.identity;
  const means: string[] = [];
  if (id.email) means.push(`par e-mail à ${id.email}`);
  if (id.phone) means.push(`par téléphone au ${id.phone}`);
  const post = id.returnsAddress ?? id.registeredOffice;
  if (id.registeredOffice) means.push(`par courrier au ${addressOf(id.registeredOffice)}`);
  else if (post) means.push(`par courrier au ${addressOf(post)}`);
  return means;
}

function addressOf(a: { line1: string; line2?: string | undefined; postalCode: string; city: string }): string {
  return [a.line1, a.line2, `${a.postalCode} ${a.city}`].filter(Boolean).join(', ');
}

export function siteName(p: Profile): string {
  return p.identity.website ? p.identity.website.replace(/^https?:\/\//, '').replace(/\/$/, '') : `${p.name} (plateforme Comptoir)`;
}
