/**
 * A shop page rendered once per cached catalogue page (issue 9): rendering the frame and 24 product
 * cards was most of a shop page's CPU, and the page an anonymous visitor gets is the same for all
 * such visitors of that URL but for one piece, their CSRF token (in each add-to-cart form). It is
 * rendered with a slot where the token goes, kept beside the catalogue page it shows (a WeakMap on
 * the cached page object: it goes when that page expires or the shop's products change), and each
 * visitor's own token is written into the slot. Nothing else personal is in it: the caller shares
 * it only between anonymous visitors (no name, no account link, no cart in the frame); a signed-in
 * visitor's page is rendered afresh.
 */
import { randomBytes } from 'node:crypto';
import { escapeHtml, type Html, render } from '#jsx/jsx-runtime';
import type { CataloguePage } from '../../catalogue/service.ts';

/** Stands for the visitor's token: random per process, so no product text can contain it. */
const TOKEN_SLOT = `csrf-slot-${randomBytes(16).toString('hex')}`;
/**
 * Variants kept per catalogue page (URL, language…): a few cover a crowd (the page, ?lang=en…); a
 * visitor varying the query string gets pages rendered afresh, not memory grown (≤ 8 × ≈ 20 KB
 * per page kept, each kept ≤ 2 s).
 */
const MAX_VARIANTS = 8;

/** The page's bytes around each token slot: joined with a visitor's token, the page as sent. */
const kept = new WeakMap<CataloguePage, Map<string, Buffer[]>>();

/**
 * The whole HTML document `draw` renders for `page` and `variant` (everything else it depends
 * on), with `csrf` in each slot, as bytes ready to send (no re-encoding of 20 KB per request).
 * `draw` must put its token argument only where the token goes.
 */
export function keptPage(page: CataloguePage, variant: string, csrf: string, draw: (csrf: string) => Html): Buffer {
  let variants = kept.get(page);
  if (!variants) {
    variants = new Map();
    kept.set(page, variants);
  }
  let parts = variants.get(variant);
  if (parts === undefined) {
    // As sendPage writes a page (web/context.ts).
    parts = `<!doctype html>${render(draw(TOKEN_SLOT))}`.split(TOKEN_SLOT).map((part) => Buffer.from(part));
    if (variants.size < MAX_VARIANTS) variants.set(variant, parts);
  }
  // Safe: the parts were rendered by the JSX runtime (every text escaped) and the token is escaped
  // as the runtime escapes an attribute value.
  const token = Buffer.from(escapeHtml(csrf));
  const out: Buffer[] = [];
  parts.forEach((part, i) => {
    if (i > 0) out.push(token);
    out.push(part);
  });
  return Buffer.concat(out);
}
