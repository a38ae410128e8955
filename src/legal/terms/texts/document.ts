/**
 * Comptoir's own texts of each shop's documents, generated from its profile: one function per
 * document kind, so every shop gets all of them with its own parameters. The same profile and
 * document always give the same body, byte for byte: the body is what the SHA-256 covers.
 */
import type { Profile } from '../../../shops/profile/schema.ts';
import type { TermsKind } from '../rules.ts';
import { cguText } from './cgu.ts';
import { cgvText, particularConditionsText } from './cgv.ts';
import { cookiesText } from './cookies.ts';
import { type Facts, factsOf } from './facts.ts';
import { privacyText } from './privacy.ts';
import type { TermsDocument } from './terms-document.ts';

const GENERATORS: Readonly<Record<TermsKind, (facts: Facts, doc: TermsDocument) => string>> = {
  cgv: cgvText,
  particular_conditions: particularConditionsText,
  cgu: cguText,
  privacy: privacyText,
  cookies: cookiesText,
};

export function documentBody(profile: Profile, doc: TermsDocument): string {
  return GENERATORS[doc.kind](factsOf(profile), doc);
}
