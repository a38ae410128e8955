/**
 * A JSX runtime that renders straight to an HTML string, escaping every text and attribute by
 * default. The only way to emit markup unescaped is the grep-able `raw()` (STYLE.md §16), used for
 * trusted fragments such as inline JSON-LD or a pre-rendered page. No virtual DOM, no hooks:
 * pages are rendered once on the server and must work without JavaScript (DESIGN.md §10).
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Child = Html | string | number | bigint | boolean | null | undefined | Child[];
type Props = Record<string, unknown> & { children?: Child };
export type Component<P = Record<string, unknown>> = (props: P & { children?: Child }) => Html;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Marks a string as already-safe HTML. Every use must be justified in a comment. */
export function raw(html: string): Html {
  return new Html(html);
}

function renderChild(child: Child): string {
  if (child === null || child === undefined || child === false || child === true) return '';
  if (child instanceof Html) return child.value;
  if (Array.isArray(child)) return child.map(renderChild).join('');
  return escapeHtml(String(child));
}

function renderAttributes(props: Props): string {
  let out = '';
  for (const [name, value] of Object.entries(props)) {
    if (name === 'children' || name === 'key' || value === undefined || value === null || value === false) continue;
    const attr = name === 'className' ? 'class' : name === 'htmlFor' ? 'for' : name;
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:.-]*$/.test(attr)) throw new Error(`invalid attribute name ${attr}`);
    out += value === true ? ` ${attr}` : ` ${attr}="${escapeHtml(String(value))}"`;
  }
  return out;
}

export function jsx(type: string | Component<Props>, props: Props): Html {
  if (typeof type === 'function') return type(props);
  const attrs = renderAttributes(props);
  if (VOID.has(type)) return new Html(`<${type}${attrs}>`);
  return new Html(`<${type}${attrs}>${renderChild(props.children)}</${type}>`);
}

export const jsxs = jsx;
export const jsxDEV = jsx;

export function Fragment(props: { children?: Child }): Html {
  return new Html(renderChild(props.children));
}

export function render(node: Child): string {
  return renderChild(node);
}

export namespace JSX {
  export type Element = Html;
  export interface ElementChildrenAttribute {
    children: Child;
  }
  export interface IntrinsicElements {
    [name: string]: Record<string, unknown> & { children?: Child };
  }
}
