/**
 * What a closed campaign hands to its supplier and its distribution (issue 12 §5), built from the
 * campaign's order lines: supplier purchase orders (per supplier, quantities rounded up to whole
 * cases), picking lists per distribution point and slot (or delivery mode) with their totals per
 * product, and the pickup signature sheets. Pure: the same lines give the same documents, and the
 * totals hold by construction (a supplier order's quantities sum the campaign's lines; a picking
 * list's, its group's).
 */
import { casesFor, csv } from './rules.ts';

export type SheetLine = {
  order_id: string;
  number: string;
  first_name: string;
  last_name: string;
  delivery: unknown;
  product_id: string;
  sku: string;
  name: string;
  quantity: number;
};
export type SheetProduct = { product_id: string; sku: string; name: unknown; supplier_name: string | null; supplier_email: string | null; case_size: number | null };

export type SupplierRow = { sku: string; name: string; quantity: number; caseSize: number | null; cases: number; units: number };
export type SupplierOrder = { supplier: string | null; email: string | null; rows: SupplierRow[]; quantity: number; cases: number };

const frName = (name: unknown, fallback: string) => (name && typeof name === 'object' && 'fr' in name ? String((name as { fr: unknown }).fr) : fallback);

/** One order per supplier (products without a supplier together, `supplier: null`), by SKU; every campaign product ordered at least once appears. */
export function supplierOrders(products: readonly SheetProduct[], lines: readonly SheetLine[]): SupplierOrder[] {
  const ordered = new Map<string, number>();
  for (const l of lines) ordered.set(l.product_id, (ordered.get(l.product_id) ?? 0) + l.quantity);
  const bySupplier = new Map<string, SupplierOrder>();
  for (const p of [...products].sort((a, b) => (a.sku < b.sku ? -1 : 1))) {
    const quantity = ordered.get(p.product_id) ?? 0;
    if (quantity === 0) continue;
    const key = p.supplier_name ?? '';
    const order = bySupplier.get(key) ?? { supplier: p.supplier_name, email: p.supplier_email, rows: [], quantity: 0, cases: 0 };
    const { cases, units } = casesFor(quantity, p.case_size);
    order.rows.push({ sku: p.sku, name: frName(p.name, p.sku), quantity, caseSize: p.case_size, cases, units });
    order.quantity += quantity;
    order.cases += cases;
    order.email ??= p.supplier_email;
    bySupplier.set(key, order);
  }
  return [...bySupplier.values()].sort((a, b) => (a.supplier ?? '\uffff').localeCompare(b.supplier ?? '\uffff'));
}

export type Labels = { sku: string; product: string; quantity: string; caseSize: string; cases: string; unitsOrdered: string; order: string; customer: string; point: string; slot: string; total: string };

export function supplierCsv(order: SupplierOrder, l: Labels): string {
  return csv([[l.sku, l.product, l.quantity, l.caseSize, l.cases, l.unitsOrdered], ...order.rows.map((r) => [r.sku, r.name, r.quantity, r.caseSize ?? 1, r.cases, r.units])]);
}

/** Where an order's goods go: its mode, and for a pickup its point and slot. */
export type Destination = { key: string; mode: string; pointId: string | null; slotId: string | null; pointName: string | null; slot: { startsAt: string; endsAt: string } | null };

/** The order's delivery as checkout kept it (the point's name and the slot's times since issue 12 §3). */
export function destinationOf(delivery: unknown): Destination {
  const d = (delivery && typeof delivery === 'object' ? delivery : {}) as { mode?: unknown; pickupPointId?: unknown; slotId?: unknown; pickupPoint?: { name?: unknown }; slot?: { startsAt?: unknown; endsAt?: unknown } };
  const mode = typeof d.mode === 'string' ? d.mode : 'unknown';
  const pointId = mode === 'pickup' && typeof d.pickupPointId === 'string' ? d.pickupPointId : null;
  const slotId = pointId !== null && typeof d.slotId === 'string' ? d.slotId : null;
  const pointName = pointId !== null && typeof d.pickupPoint?.name === 'string' ? d.pickupPoint.name : null;
  const slot = slotId !== null && typeof d.slot?.startsAt === 'string' && typeof d.slot.endsAt === 'string' ? { startsAt: d.slot.startsAt, endsAt: d.slot.endsAt } : null;
  // Slots sort by their start: the key orders the lists by point, then day and hour.
  return { key: [mode, pointId ?? '', slot?.startsAt ?? '', slotId ?? ''].join('|'), mode, pointId, slotId, pointName, slot };
}

export type PickingOrder = { orderId: string; number: string; customer: string; items: { sku: string; name: string; quantity: number }[]; quantity: number };
export type PickingGroup = Destination & { orders: PickingOrder[]; totals: { sku: string; name: string; quantity: number }[]; quantity: number };

/** The campaign's lines grouped by destination (point and slot, else mode), each with its orders and its totals per product. */
export function pickingGroups(lines: readonly SheetLine[]): PickingGroup[] {
  const groups = new Map<string, PickingGroup>();
  for (const l of lines) {
    const dest = destinationOf(l.delivery);
    const group = groups.get(dest.key) ?? { ...dest, orders: [], totals: [], quantity: 0 };
    let order = group.orders.find((o) => o.orderId === l.order_id);
    if (!order) {
      order = { orderId: l.order_id, number: l.number, customer: `${l.first_name} ${l.last_name}`.trim(), items: [], quantity: 0 };
      group.orders.push(order);
    }
    order.items.push({ sku: l.sku, name: l.name, quantity: l.quantity });
    order.quantity += l.quantity;
    const total = group.totals.find((t) => t.sku === l.sku);
    if (total) total.quantity += l.quantity;
    else group.totals.push({ sku: l.sku, name: l.name, quantity: l.quantity });
    group.quantity += l.quantity;
    groups.set(dest.key, group);
  }
  for (const g of groups.values()) {
    g.orders.sort((a, b) => a.number.localeCompare(b.number));
    g.totals.sort((a, b) => a.sku.localeCompare(b.sku));
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** One row per order line, with the group's point (or mode) and slot labels as given by `label`. */
export function pickingCsv(groups: readonly PickingGroup[], label: (g: PickingGroup) => { point: string; slot: string }, l: Labels): string {
  const rows: (string | number)[][] = [[l.point, l.slot, l.order, l.customer, l.sku, l.product, l.quantity]];
  for (const g of groups) {
    const { point, slot } = label(g);
    for (const o of g.orders) for (const i of o.items) rows.push([point, slot, o.number, o.customer, i.sku, i.name, i.quantity]);
  }
  return csv(rows);
}

/** One row per destination and product: what to prepare for each point and slot. */
export function totalsCsv(groups: readonly PickingGroup[], label: (g: PickingGroup) => { point: string; slot: string }, l: Labels): string {
  const rows: (string | number)[][] = [[l.point, l.slot, l.sku, l.product, l.quantity]];
  for (const g of groups) {
    const { point, slot } = label(g);
    for (const t of g.totals) rows.push([point, slot, t.sku, t.name, t.quantity]);
  }
  return csv(rows);
}
