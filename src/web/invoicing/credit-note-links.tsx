/**
 * Links to an order's credit notes (PDF), under its invoice on the customer's order page and in
 * the staff order page: "Avoir N° AV-2026-000001 du 5 décembre 2026 : 23,30 € (PDF)" (BE: "Note
 * de crédit"). Same address as the invoice's PDF (src/web/invoicing/routes.ts).
 */
import { invoicePdfUrl } from '../../invoicing/service.ts';
import { type Lang, t } from '../../kernel/i18n/index.ts';
import { money } from '../../kernel/i18n/money.ts';
import type { Shop } from '../../shops/service.ts';
import { longDate } from './pdf.ts';

export type CreditNoteLink = { id: string; number: string; issuedOn: string; grossCents: number };

export function CreditNoteLinks({ lang, shop, notes, heading }: { lang: Lang; shop: Pick<Shop, 'slug' | 'legalSystem'>; notes: readonly CreditNoteLink[] | undefined; heading?: boolean }) {
  if (!notes || notes.length === 0) return null;
  const title = t(lang, shop.legalSystem === 'BE' ? 'creditNote.title.BE' : 'creditNote.title.FR');
  const links = (
    <ul class="credit-notes">
      {notes.map((c) => (
        <li>
          <a href={invoicePdfUrl(shop.slug, c.id)}>{t(lang, 'creditNote.link', { title, number: c.number, date: longDate(lang, c.issuedOn), amount: money(lang, c.grossCents) })}</a>
        </li>
      ))}
    </ul>
  );
  if (!heading) return links;
  return (
    <section aria-labelledby="credit-notes">
      <h2 id="credit-notes">{t(lang, 'creditNote.heading')}</h2>
      {links}
    </section>
  );
}
