/**
 * What the outbox needs to render a row at send time, registered by the composition root
 * (src/platform/email-templates.ts): the notifications base knows no capability (DESIGN.md §
 * Layout), so the order confirmation's template and the attachment renderers are handed to it.
 */
import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { DB, EmailAttachment } from '../db/schema.ts';
import type { OrderLinkSigning } from './order-links.ts';

/**
 * An attachment named by what it is made from: `{ type: 'terms_pdf', id: <terms version id> }`,
 * `{ type: 'epc_qr', id: <EPC069-12 payload> }`. 'stored' carries its content: only rows written
 * before migration 0010.
 */
export type AttachmentRef = { type: string; id: string; contentType?: string; contentBase64?: string };

export type RenderedEmail = { subject: string; text: string; html?: string; attachments: AttachmentRef[] };

export type EmailTemplate = (db: Kysely<DB>, row: { shopId: string | null; to: string; data: Record<string, unknown> }) => Promise<RenderedEmail>;
export type AttachmentRenderer = (db: Kysely<DB>, shopId: string | null, id: string) => Promise<EmailAttachment>;

/**
 * `orderLinks`: signs the order links of the e-mails sent (./order-links.ts), given by the
 * composition root from the configuration; without it the text is sent as written.
 */
export type EmailTemplates = { templates: Record<string, EmailTemplate>; attachments: Record<string, AttachmentRenderer>; orderLinks?: OrderLinkSigning };

/**
 * An attachment renderer that renders each (shop, id) once while it is used: terms versions are
 * immutable and a QR payload fully determines its PNG. Bounded (LRU) so a long-running process
 * sending many distinct QR codes keeps a few megabytes, not one PNG per order ever sent.
 */
export function cachedAttachments(render: AttachmentRenderer, max = 64): AttachmentRenderer {
  const cache = new LRUCache<string, Promise<EmailAttachment>>({ max });
  return (db, shopId, id) => {
    const key = `${shopId ?? ''}\u0000${id}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = render(db, shopId, id);
      // A failed render is not cached: the next attempt renders again.
      hit.catch(() => cache.delete(key));
      cache.set(key, hit);
    }
    return hit;
  };
}
