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
import { escapeHtml, type Html, raw, render } from '#jsx/jsx-runtime';
import type { CataloguePage } from '../../catalogue/service.ts';

/** Stands for the visitor's token: random per process, so no product text can contain it. */
const TOKEN_SLOT = `csrf-slot-${randomBytes(16).toString('hex')}`;
/** Variants kept per page (language, price display, page number…): a visitor varying `page=` must not grow memory. */
const MAX_VARIANTS = 32;

const kept = new WeakMap<CataloguePage, Map<string, string>>();

/**
 * The section `draw` renders for `page` and `variant` (everything else it depends on), with
 * `csrf` in place of the slot. `draw` must put its token argument only where the token goes.
 */
export function keptFragment(page: CataloguePage, variant: string, csrf: string, draw: (csrf: string) => Html): Html {
  let variants = kept.get(page);
  if (!variants) {
    variants = new Map();
    kept.set(page, variants);
  }
  let html = variants.get(variant);
  if (html === undefined) {
    html = render(draw(TOKEN_SLOT));
    if (variants.size < MAX_VARIANTS) variants.set(variant, html);
  }
  // Safe: `html` was rendered by the JSX runtime (every text escaped) and the token is escaped as
  // the runtime escapes an attribute value.
  return raw(html.replaceAll(TOKEN_SLOT, escapeHtml(csrf)));
}
