/**
 * Safe reading of the plain objects fast-xml-parser returns: an element is a string (text only),
 * an object (children, `@`-prefixed attributes and `#text`), or an array for the names the parser
 * was told repeat. Own properties only, so names such as `__proto__` in a hostile file lead
 * nowhere.
 *
 * The parser runs with entity processing off; text and attributes are decoded here, from the
 * five entities XML predefines and numeric character references only (XML 1.0 §4.1, §4.6).
 * Documents that declare entities are refused before parsing.
 */
export type XmlNode = { readonly [key: string]: unknown };

export function node(value: unknown): XmlNode | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as XmlNode) : undefined;
}

function own(parent: XmlNode | undefined, key: string): unknown {
  return parent !== undefined && Object.hasOwn(parent, key) ? parent[key] : undefined;
}

/** The child at a path of element names: `child(ntry, 'BookgDt', 'Dt')`. */
export function child(parent: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let current = parent;
  for (const key of path) current = node(own(current, key));
  return current;
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(raw: string): string {
  return raw.replace(/&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|(amp|lt|gt|quot|apos));/g, (whole, hex?: string, dec?: string, name?: string) => {
    if (name !== undefined) return PREDEFINED[name] ?? whole;
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
    // XML 1.0 §2.2 Char: tab, LF, CR and U+0020 upwards, without surrogates.
    const isChar = (code >= 0x20 || code === 0x9 || code === 0xa || code === 0xd) && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return isChar ? String.fromCodePoint(code) : whole;
  });
}

/** The text of an element (a string, or `#text` beside attributes), trimmed; undefined when empty. */
export function textOf(value: unknown): string | undefined {
  const raw = typeof value === 'string' ? value : node(value)?.['#text'];
  if (typeof raw !== 'string') return undefined;
  const trimmed = decodeEntities(raw).trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The text of the element at a path of element names. */
export function text(parent: XmlNode | undefined, ...path: string[]): string | undefined {
  return textOf(own(child(parent, ...path.slice(0, -1)), path.at(-1) ?? ''));
}

/** An attribute of the element at a path. */
export function attr(parent: XmlNode | undefined, name: string, ...path: string[]): string | undefined {
  const value = own(child(parent, ...path), `@${name}`);
  return typeof value === 'string' ? decodeEntities(value) : undefined;
}

/** The elements at a path as a list, whether the parser made an array or not. */
export function arr(parent: XmlNode | undefined, ...path: string[]): unknown[] {
  const value = own(child(parent, ...path.slice(0, -1)), path.at(-1) ?? '');
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
