/**
 * A published version of a shop's legal document, as the service returns it and the PDF renders
 * it. A leaf: service.ts renders PDFs (pdf.ts) and pdf.ts takes this type, so the type cannot live
 * in service.ts without an import cycle.
 */
export type TermsVersion = {
  id: string;
  kind: string;
  version: string;
  title: string;
  language: string;
  sha256: string;
  effectiveFrom: string;
  effectiveUntil: string | null;
  body: string;
};

/** A version without its text, for lists. */
export type TermsVersionSummary = Omit<TermsVersion, 'body'> & { publishedAt: Date };
