/**
 * The languages and the shape of one message: a leaf that every messages file imports, so the
 * files never import index.ts (which imports them all) and the catalogue has no import cycle.
 */
export const LANGS = ['fr', 'en', 'nl'] as const;
export type Lang = (typeof LANGS)[number];
/** One message in every language: leaving one out is a compile error. */
export type Entry = Readonly<Record<Lang, string>>;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
