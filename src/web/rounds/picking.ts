/**
 * A volunteer round's picking list (issue 12 §5, "per round"), for the staff who load the goods:
 * each article's total, then each stop's items in the round's order, as CSV and PDF. Names and
 * quantities only, like the run sheet: no price, no e-mail.
 */
import { csv } from '../../campaigns/rules.ts';
import { tablesPdf } from '../../campaigns/pdf.ts';
import type { RoundStop } from '../../flows/volunteer-rounds.ts';
import { type Lang, t } from '../../kernel/i18n/index.ts';
import type { RoundRow } from '../../rounds/service.ts';
import { pickingTotals } from '../../rounds/rules.ts';
import type { Shop } from '../../shops/service.ts';

const itemsOf = (stops: readonly RoundStop[]) => stops.map((s) => ({ stop: s, items: s.order?.items ?? [] }));
const who = (s: RoundStop) => (s.order ? `${s.order.customerName} — ${s.order.address?.postalCode ?? ''} ${s.order.address?.city ?? ''}`.trim() : s.order_id);

export function roundPickingCsv(lang: Lang, stops: readonly RoundStop[]): string {
  const rows: (string | number)[][] = [[t(lang, 'rounds.picking.stop'), t(lang, 'rounds.picking.customer'), t(lang, 'campaign.doc.product'), t(lang, 'campaign.doc.quantity')]];
  itemsOf(stops).forEach(({ stop, items }, i) => {
    for (const item of items) rows.push([i + 1, who(stop), item.name, item.quantity]);
  });
  for (const total of pickingTotals(itemsOf(stops))) rows.push(['', t(lang, 'rounds.picking.totals'), total.name, total.quantity]);
  return csv(rows);
}

export function roundPickingPdf(lang: Lang, shop: Shop, round: Pick<RoundRow, 'name' | 'round_on'>, stops: readonly RoundStop[], at: Date): Promise<Buffer> {
  const product = { label: t(lang, 'campaign.doc.product'), width: 330 };
  const quantity = { label: t(lang, 'campaign.doc.quantity'), width: 70, align: 'right' as const };
  return tablesPdf({
    title: `${t(lang, 'rounds.picking.title')} — ${round.name}`,
    author: shop.profile.identity.legalName,
    subtitle: [shop.name, round.round_on],
    at,
    lang,
    sections: [
      { heading: t(lang, 'rounds.picking.totals'), columns: [product, quantity], rows: pickingTotals(itemsOf(stops)).map((x) => [x.name, String(x.quantity)]) },
      {
        heading: t(lang, 'rounds.picking.byStop'),
        columns: [{ label: t(lang, 'rounds.picking.stop'), width: 40 }, { label: t(lang, 'rounds.picking.customer'), width: 160 }, { ...product, width: 170 }, { ...quantity, width: 60 }],
        rows: itemsOf(stops).flatMap(({ stop, items }, i) => items.map((item) => [String(i + 1), who(stop), item.name, String(item.quantity)])),
      },
    ],
  });
}
