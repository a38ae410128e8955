/**
 * C06 — which version of a shop's document is in force on a day, whether a publication is new,
 * unchanged or a forbidden rewrite, and which versions are news to announce. Pure functions of
 * values: no clock, no database (STYLE.md §3).
 */
import { createHash } from 'node:crypto';
import type { Temporal } from 'temporal-polyfill';

/** The documents Comptoir writes and versions, in the order pages and the API list them. */
export const TERMS_KINDS = ['cgv', 'particular_conditions', 'cgu', 'privacy', 'cookies'] as const;
export type TermsKind = (typeof TERMS_KINDS)[number];

/** Every shop publishes at least these four (issue 3 §5). */
export const REQUIRED_KINDS: readonly TermsKind[] = ['cgv', 'cgu', 'privacy', 'cookies'];

export function isTermsKind(value: string): value is TermsKind {
  return (TERMS_KINDS as readonly string[]).includes(value);
}

/**
 * A version label is an identifier: it appears in URLs, file names and the order's evidence
 * (`acceptedTerms.version`), so it is short and URL-safe ("2026-01-01", "1.0").
 */
const VERSION_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,38}[A-Za-z0-9])?$/;

export function isVersionLabel(value: string): boolean {
  return VERSION_LABEL.test(value) && !/\.(pdf|txt)$/i.test(value);
}

export function termsSha256(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

export type Dated = { kind: string; effectiveFrom: string; effectiveUntil: string | null };

/**
 * effectiveFrom ≤ day ≤ effectiveUntil, the end inclusive until 23:59:59 in the shop's zone.
 * The dates are ISO `YYYY-MM-DD`, which sort as the days do: compared as strings, with no date
 * parsed (issue 9: parsing every version on every order cost more than the rest of this file).
 */
export function isInForce(version: Dated, day: Temporal.PlainDate | string): boolean {
  const on = typeof day === 'string' ? day : day.toString();
  return version.effectiveFrom <= on && (version.effectiveUntil === null || on <= version.effectiveUntil);
}

const kindRank = (kind: string) => {
  const i = (TERMS_KINDS as readonly string[]).indexOf(kind);
  return i < 0 ? TERMS_KINDS.length : i;
};

/**
 * The version of each kind in force on `day`: the latest `effectiveFrom` wins; between two
 * versions starting the same day, the one listed later (published later) wins.
 * The result follows TERMS_KINDS order.
 */
export function inForce<T extends Dated>(versions: readonly T[], day: Temporal.PlainDate): T[] {
  const best = new Map<string, T>();
  const on = day.toString();
  for (const v of versions) {
    if (!isInForce(v, on)) continue;
    const held = best.get(v.kind);
    if (!held || v.effectiveFrom >= held.effectiveFrom) best.set(v.kind, v);
  }
  return [...best.values()].sort((a, b) => kindRank(a.kind) - kindRank(b.kind));
}

/** True when an earlier version of the same kind exists: only such a version is a *change*. */
export function supersedesAnother(version: Dated & { id: string }, all: readonly (Dated & { id: string })[]): boolean {
  return all.some((o) => o.id !== version.id && o.kind === version.kind && o.effectiveFrom < version.effectiveFrom);
}

/**
 * A change stays news for this many days after it takes effect: customers registered and not yet
 * told are told once during that time; afterwards the version is simply the one in force, which
 * a new customer reads when registering. It also bounds the job's work on a quiet day.
 */
export const NOTICE_WINDOW_DAYS = 30;

/**
 * The versions to announce on `day` (000 §20, A-03): in force, replacing an earlier version of
 * their kind, and taken effect at most NOTICE_WINDOW_DAYS ago. A version already superseded by a
 * newer one in force is not announced.
 */
export function noticesDue<T extends Dated & { id: string }>(versions: readonly T[], day: Temporal.PlainDate): T[] {
  const windowStart = day.subtract({ days: NOTICE_WINDOW_DAYS }).toString();
  return inForce(versions, day).filter((v) => v.effectiveFrom >= windowStart && supersedesAnother(v, versions));
}

export type Publication = 'insert' | 'unchanged' | 'conflict';

type Published = { sha256: string; title: string; language: string; effectiveFrom: string; effectiveUntil: string | null };

/** Versions are immutable: the same label with any other text or dates is a conflict. */
export function planPublication(existing: Published | undefined, wanted: Published): Publication {
  if (!existing) return 'insert';
  const same =
    existing.sha256 === wanted.sha256 &&
    existing.title === wanted.title &&
    existing.language === wanted.language &&
    existing.effectiveFrom === wanted.effectiveFrom &&
    existing.effectiveUntil === wanted.effectiveUntil;
  return same ? 'unchanged' : 'conflict';
}
