/**
 * A campaign's documents (issue 12 §5) in the reader's language: supplier purchase orders (CSV
 * and PDF, stored and e-mailed at closing), picking lists per distribution point and slot with
 * their totals per product (CSV and PDF), and the pickup signature sheets (PDF), read from the
 * campaign's orders as they stand.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Lang, t } from '../kernel/i18n/index.ts';
import type { Shop } from '../shops/service.ts';
import { tablesPdf } from './pdf.ts';
import * as q from './queries.ts';
import { findCampaign } from './service.ts';
import { type Labels, type PickingGroup, pickingCsv, pickingGroups, type SheetLine, type SupplierOrder, supplierCsv, supplierOrders, totalsCsv } from './sheets.ts';

export function labels(lang: Lang): Labels {
  return {
    sku: t(lang, 'campaign.doc.sku'),
    product: t(lang, 'campaign.doc.product'),
    quantity: t(lang, 'campaign.doc.quantity'),
    caseSize: t(lang, 'campaign.doc.caseSize'),
    cases: t(lang, 'campaign.doc.cases'),
    unitsOrdered: t(lang, 'campaign.doc.unitsOrdered'),
    order: t(lang, 'campaign.doc.order'),
    customer: t(lang, 'campaign.doc.customer'),
    point: t(lang, 'campaign.doc.point'),
    slot: t(lang, 'campaign.doc.slot'),
    total: t(lang, 'campaign.doc.total'),
  };
}

type Point = { id?: string; name: string };

/** "2027-09-11 09:00–12:00" in the shop's zone: sortable, the same in every language. */
export function slotText(slot: { startsAt: string; endsAt: string }, timeZone: string): string {
  const f = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
  return `${f(slot.startsAt)}–${f(slot.endsAt).slice(11)}`;
}

/** A pickup point's name from the profile: by its id, else by its position (`'0'`: the first point). */
function pointName(shop: Shop, id: string): string {
  const points = (shop.profile.delivery?.modes ?? []).flatMap((m) => ('points' in m ? ((m as { points?: Point[] }).points ?? []) : []));
  const byId = points.find((p) => p.id === id);
  if (byId) return byId.name;
  const byIndex = /^\d+$/.test(id) ? points[Number(id)] : undefined;
  return byIndex?.name ?? id;
}

/** The point (or delivery mode) and slot of a group, as the sheets print them. */
export function groupLabel(shop: Shop, lang: Lang): (g: PickingGroup) => { point: string; slot: string } {
  return (g) => {
    const point =
      g.pointId !== null
        ? pointName(shop, g.pointId)
        : g.mode === 'volunteer' || g.mode === 'carrier' || g.mode === 'pickup'
          ? t(lang, `campaign.mode.${g.mode}`)
          : t(lang, 'campaign.mode.other', { mode: g.mode });
    return { point: g.pointName ?? point, slot: g.slot ? slotText(g.slot, shop.timeZone) : (g.slotId ?? t(lang, 'campaign.doc.noSlot')) };
  };
}

export type CampaignSheets = { campaign: Awaited<ReturnType<typeof findCampaign>>; lines: SheetLine[]; groups: PickingGroup[]; suppliers: SupplierOrder[] };

/** The campaign's live orders (cancelled and refused left out) as lines, groups and supplier orders. */
export async function campaignSheets(db: Kysely<DB>, shopId: string, campaignId: string): Promise<CampaignSheets> {
  const campaign = await findCampaign(db, shopId, campaignId);
  const [lines, products] = await Promise.all([q.campaignLines(db, shopId, campaign), q.campaignProductRows(db, shopId, [campaign.id])]);
  const sheetLines = lines.map((l) => ({ ...l, quantity: Number(l.quantity) }));
  return { campaign, lines: sheetLines, groups: pickingGroups(sheetLines), suppliers: supplierOrders(products, sheetLines) };
}

const fileSafe = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'x';

export function supplierName(lang: Lang, order: SupplierOrder): string {
  return order.supplier ?? t(lang, 'campaign.doc.noSupplier');
}

/** A supplier order's two files: CSV and PDF, in the shop's language (what the supplier receives). */
export async function supplierFiles(shop: Shop, title: string, order: SupplierOrder, at: Date): Promise<{ csv: { filename: string; content: Buffer }; pdf: { filename: string; content: Buffer } }> {
  const lang = shop.language;
  const l = labels(lang);
  const base = `${fileSafe(shop.slug)}-${fileSafe(title)}-${fileSafe(supplierName(lang, order))}`;
  const pdf = await tablesPdf({
    title: `${t(lang, 'campaign.doc.supplierTitle')} — ${supplierName(lang, order)}`,
    author: shop.profile.identity.legalName,
    subtitle: [shop.name, title, ...(order.email ? [order.email] : [])],
    at,
    lang,
    sections: [
      {
        heading: title,
        columns: [
          { label: l.sku, width: 90 },
          { label: l.product, width: 175 },
          { label: l.quantity, width: 55, align: 'right' },
          { label: l.caseSize, width: 55, align: 'right' },
          { label: l.cases, width: 55, align: 'right' },
          { label: l.unitsOrdered, width: 65, align: 'right' },
        ],
        rows: order.rows.map((r) => [r.sku, r.name, String(r.quantity), String(r.caseSize ?? 1), String(r.cases), String(r.units)]),
        total: [l.total, '', String(order.quantity), '', String(order.cases), String(order.rows.reduce((n, r) => n + r.units, 0))],
      },
    ],
  });
  return { csv: { filename: `${base}.csv`, content: Buffer.from(supplierCsv(order, l), 'utf8') }, pdf: { filename: `${base}.pdf`, content: pdf } };
}

export type SheetFile = { filename: string; contentType: string; content: Buffer };

/** The picking lists and signature sheets staff download: `picking-list.csv|pdf`, `picking-totals.csv`, `signature-sheets.pdf`. */
export async function distributionFile(shop: Shop, sheets: CampaignSheets, file: string, lang: Lang, at: Date): Promise<SheetFile | null> {
  const l = labels(lang);
  const label = groupLabel(shop, lang);
  const base = `${fileSafe(shop.slug)}-${fileSafe(sheets.campaign.title)}`;
  const title = sheets.campaign.title;
  if (file === 'picking-list.csv') return { filename: `${base}-picking-list.csv`, contentType: 'text/csv; charset=utf-8', content: Buffer.from(pickingCsv(sheets.groups, label, l), 'utf8') };
  if (file === 'picking-totals.csv') return { filename: `${base}-picking-totals.csv`, contentType: 'text/csv; charset=utf-8', content: Buffer.from(totalsCsv(sheets.groups, label, l), 'utf8') };
  if (file === 'picking-list.pdf') {
    const pdf = await tablesPdf({
      title: `${t(lang, 'campaign.doc.pickingTitle')} — ${title}`,
      author: shop.profile.identity.legalName,
      subtitle: [shop.name],
      at,
      lang,
      sections: sheets.groups.flatMap((g) => {
        const { point, slot } = label(g);
        const heading = `${point} — ${slot}`;
        return [
          {
            heading,
            newPage: true,
            columns: [
              { label: l.sku, width: 110 },
              { label: l.product, width: 290 },
              { label: l.quantity, width: 95, align: 'right' as const },
            ],
            rows: g.totals.map((t) => [t.sku, t.name, String(t.quantity)]),
            total: [l.total, '', String(g.quantity)],
          },
          {
            heading: `${heading} — ${l.order}`,
            columns: [
              { label: l.order, width: 110 },
              { label: l.customer, width: 130 },
              { label: l.product, width: 200 },
              { label: l.quantity, width: 55, align: 'right' as const },
            ],
            rows: g.orders.flatMap((o) => o.items.map((i, n) => [n === 0 ? o.number : '', n === 0 ? o.customer : '', `${i.sku} — ${i.name}`, String(i.quantity)])),
          },
        ];
      }),
    });
    return { filename: `${base}-picking-list.pdf`, contentType: 'application/pdf', content: pdf };
  }
  if (file === 'signature-sheets.pdf') {
    const pickups = sheets.groups.filter((g) => g.mode === 'pickup');
    const pdf = await tablesPdf({
      title: `${t(lang, 'campaign.doc.signatureTitle')} — ${title}`,
      author: shop.profile.identity.legalName,
      subtitle: [shop.name],
      at,
      lang,
      sections: pickups.map((g) => {
        const { point, slot } = label(g);
        return {
          heading: `${point} — ${slot}`,
          newPage: true,
          rowHeight: 24,
          columns: [
            { label: l.order, width: 100 },
            { label: l.customer, width: 150 },
            { label: t(lang, 'campaign.doc.items'), width: 60, align: 'right' as const },
            { label: t(lang, 'campaign.doc.signature'), width: 185 },
          ],
          rows: g.orders.map((o) => [o.number, o.customer, String(o.quantity), '']),
        };
      }),
    });
    return { filename: `${base}-signature-sheets.pdf`, contentType: 'application/pdf', content: pdf };
  }
  return null;
}
