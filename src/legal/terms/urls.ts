/** Paths of the terms pages; a version label is URL-safe by construction (rules.ts), encoded anyway. */
export const termsUrl = (shop: string, kind: string, version?: string) =>
  `/shops/${shop}/terms/${kind}${version === undefined ? '' : `/${encodeURIComponent(version)}`}`;
