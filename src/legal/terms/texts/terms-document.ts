/**
 * A document as the shop's profile lists it. A leaf of its own: document.ts picks each kind's
 * text generator and the generators take this type, so it cannot live in document.ts without a cycle.
 */
import type { TermsKind } from '../rules.ts';

/** A document as the profile lists it, with the dates it needs to be published. */
export type TermsDocument = {
  kind: TermsKind;
  title: string;
  language: string;
  effectiveFrom: string;
  effectiveUntil: string | null;
};
