/**
 * C06 — the shops' legal documents as immutable, dated versions.
 *
 * At boot, each shop's profile publishes a version of each document it lists (Comptoir's own text,
 * generated from the profile: texts/). A version is (shop, kind, version label), its exact body
 * and the SHA-256 of that body; it never changes once published, and earlier versions stay
 * readable. Which version is in force is a pure rule of the dates (rules.ts, A-68); checkout asks
 * `termsToAccept` for the versions an order binds (001 §11.1, 004 art.1).
 */
import type { Kysely } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { DB } from '../../db/schema.ts';
import { DomainError } from '../../kernel/errors.ts';
import { isUuid } from '../../kernel/ids.ts';
import type { Profile } from '../../shops/profile/schema.ts';
import type { Shop } from '../../shops/service.ts';
import { renderTermsPdf } from './pdf.ts';
import * as q from './queries.ts';
import { inForce, isTermsKind, isVersionLabel, planPublication, type TermsKind, termsSha256 } from './rules.ts';
import { documentBody } from './texts/document.ts';
import type { TermsDocument } from './texts/terms-document.ts';
import type { TermsVersion, TermsVersionSummary } from './version.ts';

export type { TermsVersion, TermsVersionSummary } from './version.ts';

function toSummary(row: q.TermsVersionMeta): TermsVersionSummary {
  return {
    id: row.id,
    kind: row.kind,
    version: row.version,
    title: row.title,
    language: row.language,
    sha256: row.sha256,
    effectiveFrom: row.effective_from,
    effectiveUntil: row.effective_until,
    publishedAt: row.published_at,
  };
}

function toVersion(row: q.TermsVersionRow): TermsVersion {
  const { publishedAt: _, ...summary } = toSummary(row);
  return { ...summary, body: row.body };
}

/** Raised at boot: a profile would publish a different text under a version already published. */
export class TermsVersionConflict extends Error {
  constructor(readonly shop: string, readonly kind: string, readonly version: string) {
    super(
      `profiles/${shop}.yaml: the ${kind} version "${version}" is already published with another text or other dates. ` +
        'Published versions never change: give the new text a new versionLabel and effectiveFrom in terms.documents.',
    );
    this.name = 'TermsVersionConflict';
  }
}

/** The documents of a profile that can be published: a kind Comptoir writes, and a date. */
function publishableDocuments(profile: Profile): { label: string; doc: TermsDocument }[] {
  const out: { label: string; doc: TermsDocument }[] = [];
  profile.terms.documents.forEach((d, i) => {
    if (!isTermsKind(d.kind) || !d.effectiveFrom) return; // no date, no publication
    const label = d.versionLabel ?? d.effectiveFrom;
    if (!isVersionLabel(label)) {
      throw new Error(`profiles/${profile.slug}.yaml terms.documents[${i}].versionLabel "${label}" must be a short identifier such as 2026-01-01 or 1.0 (letters, digits, ".", "-", "_")`);
    }
    out.push({ label, doc: { kind: d.kind, title: d.title, language: d.language, effectiveFrom: d.effectiveFrom, effectiveUntil: d.effectiveUntil ?? null } });
  });
  return out;
}

export type PublishReport = { shop: string; kind: string; version: string; outcome: 'published' | 'unchanged' }[];

/**
 * Publishes each shop's documents from its profile. Idempotent: a version already published with
 * the same text is left alone; the same label with another text stops start-up.
 */
export async function publishTermsFromProfiles(db: Kysely<DB>, profiles: readonly Profile[], now: Date): Promise<PublishReport> {
  const report: PublishReport = [];
  for (const profile of profiles) {
    for (const { label, doc } of publishableDocuments(profile)) {
      const body = documentBody(profile, doc);
      const outcome = await publish(db, profile.slug, { ...doc, version: label, body }, now);
      if (outcome === 'conflict') throw new TermsVersionConflict(profile.slug, doc.kind, label);
      report.push({ shop: profile.slug, kind: doc.kind, version: label, outcome: outcome === 'insert' ? 'published' : 'unchanged' });
    }
  }
  return report;
}

export type NewTermsVersion = TermsDocument & { version: string; body: string };

async function publish(db: Kysely<DB>, shopId: string, v: NewTermsVersion, now: Date) {
  const wanted = { sha256: termsSha256(v.body), title: v.title, language: v.language, effectiveFrom: v.effectiveFrom, effectiveUntil: v.effectiveUntil };
  const before = await q.findVersion(db, shopId, v.kind, v.version);
  const plan = planPublication(before && toSummary(before), wanted);
  if (plan !== 'insert') return plan;
  await q.insertVersionIfAbsent(db, { shopId, ...v, sha256: wanted.sha256, publishedAt: now });
  publications++; // process-local lists of versions are stale now (versionsOf)
  // Another instance may have won the race: compare with what is stored now.
  const stored = await q.findVersion(db, shopId, v.kind, v.version);
  publications++; // once more, committed now: a read between the two may have kept the old list
  return planPublication(stored && toSummary(stored), wanted) === 'unchanged' ? 'insert' : 'conflict';
}

/**
 * Publishes one more version of a shop's document (a successor text, or a test's future
 * version). Refuses a bad label or dates, and a label already used with another text.
 */
export async function publishTermsVersion(db: Kysely<DB>, shopSlug: string, v: NewTermsVersion, now: Date): Promise<TermsVersion> {
  const validDates = /^\d{4}-\d{2}-\d{2}$/.test(v.effectiveFrom) && (v.effectiveUntil === null || v.effectiveUntil >= v.effectiveFrom);
  if (!isTermsKind(v.kind) || !isVersionLabel(v.version) || !validDates) throw new DomainError('terms_version_invalid', 'malformed', {}, 'version');
  if ((await publish(db, shopSlug, v, now)) === 'conflict') throw new DomainError('terms_version_exists', 'conflict', {}, 'version');
  const row = await q.findVersion(db, shopSlug, v.kind, v.version);
  if (!row) throw new DomainError('terms_not_found', 'not_found');
  return toVersion(row);
}

/**
 * A shop's versions kept in process (issue 9: two round trips per order saved). Versions are
 * immutable once published (C06), so a version read is kept; the list of a shop's versions only
 * grows, by a publication, which forgets it here at once; another process's publication is seen
 * within TERMS_CACHE_MS. Which version is in force is still decided on each call, from today.
 */
export const TERMS_CACHE_MS = 10_000;
type ShopVersions = { summaries: TermsVersionSummary[]; until: number; generation: number; versions: Map<string, TermsVersion> };
const cachedVersions = new WeakMap<Kysely<DB>, Map<string, ShopVersions>>();
let publications = 0;

async function versionsOf(db: Kysely<DB>, shopSlug: string): Promise<ShopVersions> {
  let shops = cachedVersions.get(db);
  const hit = shops?.get(shopSlug);
  if (hit && hit.generation === publications && hit.until > performance.now()) return hit;
  const generation = publications;
  const entry = { summaries: (await q.listVersionMeta(db, shopSlug)).map(toSummary), until: performance.now() + TERMS_CACHE_MS, generation, versions: hit?.versions ?? new Map() };
  if (!shops) {
    shops = new Map();
    cachedVersions.set(db, shops);
  }
  shops.set(shopSlug, entry);
  return entry;
}

/** The version of each kind in force on `today` (a date of the shop's zone), in TERMS_KINDS order. */
export async function currentTerms(db: Kysely<DB>, shopSlug: string, today: Temporal.PlainDate): Promise<TermsVersion[]> {
  const known = await versionsOf(db, shopSlug);
  const chosen = inForce(known.summaries, today);
  const missing = chosen.filter((v) => !known.versions.has(v.id));
  for (const r of await q.findVersionsByIds(db, shopSlug, missing.map((v) => v.id))) known.versions.set(r.id, toVersion(r));
  return chosen.flatMap((v) => known.versions.get(v.id) ?? []);
}

/**
 * The versions an order binds: each kind of `profile.checkout.termsToAccept`, in that order,
 * in force on `today`. None in force for a kind → `terms_expired`: checkout is blocked until a
 * successor is published (004 after 2027-01-01, A-68).
 */
export async function termsToAccept(db: Kysely<DB>, shop: Shop, today: Temporal.PlainDate): Promise<TermsVersion[]> {
  const current = await currentTerms(db, shop.slug, today);
  return shop.profile.checkout.termsToAccept.map((kind) => {
    const version = current.find((v) => v.kind === kind);
    if (!version) throw new DomainError('terms_expired', 'refused', { kind }, 'acceptedTerms');
    return version;
  });
}

/** A version by id, within the shop; a malformed or foreign id is `terms_not_found`. */
export async function getTermsVersion(db: Kysely<DB>, shopSlug: string, id: string): Promise<TermsVersion> {
  const row = isUuid(id) ? await q.findVersionById(db, shopSlug, id) : undefined;
  if (!row) throw new DomainError('terms_not_found', 'not_found');
  return toVersion(row);
}

/** A version by kind and label, as in its URL; hostile or unknown values are `terms_not_found`. */
export async function findTermsVersion(db: Kysely<DB>, shopSlug: string, kind: string, version: string): Promise<TermsVersion> {
  const row = isTermsKind(kind) && isVersionLabel(version) ? await q.findVersion(db, shopSlug, kind, version) : undefined;
  if (!row) throw new DomainError('terms_not_found', 'not_found');
  return toVersion(row);
}

/** Every version of one kind, newest effective date first. */
export async function listTermsVersions(db: Kysely<DB>, shopSlug: string, kind: TermsKind): Promise<TermsVersionSummary[]> {
  return (await q.listVersionMeta(db, shopSlug))
    .filter((r) => r.kind === kind)
    .map(toSummary)
    .sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? b.publishedAt.getTime() - a.publishedAt.getTime() : a.effectiveFrom < b.effectiveFrom ? 1 : -1));
}

export function versionStatus(version: TermsVersion | TermsVersionSummary, current: readonly { id: string }[], today: Temporal.PlainDate): 'current' | 'past' | 'future' {
  if (current.some((c) => c.id === version.id)) return 'current';
  // Not in force today: either not yet, or ended or replaced by a newer version.
  return version.effectiveFrom > today.toString() ? 'future' : 'past';
}

const pdfCache = new Map<string, Buffer>();
const PDF_CACHE_SIZE = 64;

/** The version as a PDF. Versions are immutable, so each is rendered once per process and shop profile. */
export async function termsPdf(version: TermsVersion, shop: Shop): Promise<Buffer> {
  const key = `${shop.slug}:${version.id}:${version.sha256}:${shop.profileSha256}`;
  const cached = pdfCache.get(key);
  if (cached) return cached;
  const pdf = await renderTermsPdf(version, shop);
  if (pdfCache.size >= PDF_CACHE_SIZE) pdfCache.delete(pdfCache.keys().next().value as string);
  pdfCache.set(key, pdf);
  return pdf;
}

/**
 * When the customer was told of this version by the change notice (A-03: the per-user
 * "informedAt" that binds 000's orders), or null if never.
 */
export async function informedAt(db: Kysely<DB>, shopSlug: string, versionId: string, customerId: string): Promise<Date | null> {
  if (!isUuid(versionId) || !isUuid(customerId)) return null;
  return (await q.findNotice(db, shopSlug, versionId, customerId))?.notified_at ?? null;
}

export { notifyTermsChanges } from './notices.ts';
