/**
 * Supplier orders and picking lists add up (issue 12 "Done when"): whatever the orders, a
 * supplier order's quantities sum the campaign's lines of its products, cases cover them, and a
 * picking list's totals per destination and product sum its orders' lines.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { csv } from './rules.ts';
import { type SheetLine, type SheetProduct, destinationOf, pickingCsv, pickingGroups, supplierOrders } from './sheets.ts';

const PRODUCTS: SheetProduct[] = [
  { product_id: 'p1', sku: 'RENTREE-KIT-P1', name: { fr: 'Kit P1' }, supplier_name: 'Papeteries', supplier_email: 'a@example.org', case_size: 10 },
  { product_id: 's1', sku: 'RENTREE-KIT-S1', name: { fr: 'Kit S1' }, supplier_name: 'Meuse', supplier_email: 'b@example.org', case_size: 6 },
  { product_id: 'at', sku: 'ATLAS-SCOL', name: { fr: 'Atlas' }, supplier_name: null, supplier_email: null, case_size: null },
];
const DELIVERIES = [
  { mode: 'pickup', pickupPointId: 'liege', slotId: 'sat', pickupPoint: { name: 'Liège' }, slot: { startsAt: '2027-09-11T07:00:00.000Z', endsAt: '2027-09-11T10:00:00.000Z' } },
  { mode: 'pickup', pickupPointId: 'liege', slotId: 'wed', pickupPoint: { name: 'Liège' }, slot: { startsAt: '2027-09-08T12:00:00.000Z', endsAt: '2027-09-08T14:00:00.000Z' } },
  { mode: 'pickup', pickupPointId: 'mons' },
  { mode: 'volunteer' },
  { mode: 'carrier' },
];

const linesArb = fc.array(
  fc.record({ order: fc.integer({ min: 1, max: 12 }), product: fc.constantFrom('p1', 's1', 'at'), quantity: fc.integer({ min: 1, max: 40 }) }),
  { maxLength: 40 },
);
/** Lines of orders 1..12, each order with one delivery (by its number). */
function toLines(raw: { order: number; product: string; quantity: number }[]): SheetLine[] {
  return raw.map((r, i) => {
    const p = PRODUCTS.find((x) => x.product_id === r.product) ?? PRODUCTS[0];
    return { order_id: `o${r.order}`, number: `CS-2027-${String(r.order).padStart(6, '0')}`, first_name: 'Camille', last_name: `N${r.order}`, delivery: DELIVERIES[r.order % DELIVERIES.length], product_id: r.product, sku: p?.sku ?? '', name: 'x', quantity: r.quantity, line_no: i };
  });
}
const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);

describe('supplier orders and picking lists', () => {
  test('should order 7 P1 as 1 case of 10, 13 S1 as 3 cases of 6, and 2 atlases by the unit, one order per supplier', () => {
    const lines = toLines([{ order: 1, product: 'p1', quantity: 3 }, { order: 2, product: 'p1', quantity: 4 }, { order: 3, product: 's1', quantity: 13 }, { order: 4, product: 'at', quantity: 2 }]);
    assert.deepEqual(
      supplierOrders(PRODUCTS, lines).map((o) => [o.supplier, o.rows.map((r) => [r.sku, r.quantity, r.cases, r.units])]),
      [['Meuse', [['RENTREE-KIT-S1', 13, 3, 18]]], ['Papeteries', [['RENTREE-KIT-P1', 7, 1, 10]]], [null, [['ATLAS-SCOL', 2, 2, 2]]]],
    );
  });

  test('should make supplier orders sum the lines, and cover them with whole cases', () => {
    fc.assert(
      fc.property(linesArb, (raw) => {
        const lines = toLines(raw);
        const orders = supplierOrders(PRODUCTS, lines);
        assert.equal(sum(orders.map((o) => o.quantity)), sum(lines.map((l) => l.quantity)));
        for (const o of orders) for (const r of o.rows) assert.ok(r.units >= r.quantity && r.units - r.quantity < (r.caseSize ?? 1));
      }),
    );
  });

  test('should make picking totals per destination and product sum their orders’ lines, and the CSV sum all lines', () => {
    fc.assert(
      fc.property(linesArb, (raw) => {
        const lines = toLines(raw);
        const groups = pickingGroups(lines);
        for (const g of groups) {
          const own = lines.filter((l) => destinationOf(l.delivery).key === g.key);
          for (const t of g.totals) assert.equal(t.quantity, sum(own.filter((l) => l.sku === t.sku).map((l) => l.quantity)));
          assert.equal(g.quantity, sum(own.map((l) => l.quantity)));
          assert.equal(sum(g.orders.map((o) => o.quantity)), g.quantity);
        }
        const rows = pickingCsv(groups, (g) => ({ point: g.pointName ?? g.mode, slot: g.slotId ?? '' }), { sku: 'sku', product: 'p', quantity: 'q', caseSize: 'c', cases: 'n', unitsOrdered: 'u', order: 'o', customer: 'c', point: 'pt', slot: 's', total: 't' })
          .trim()
          .split('\r\n')
          .slice(1);
        assert.equal(sum(rows.map((r) => Number(r.split(',')[6]))), sum(lines.map((l) => l.quantity)));
      }),
    );
  });

  test('should list a point’s slots by their start: Wednesday before Saturday', () => {
    const groups = pickingGroups(toLines([{ order: 5, product: 'p1', quantity: 1 }, { order: 6, product: 'p1', quantity: 1 }]));
    assert.deepEqual(groups.map((g) => g.slotId), ['wed', 'sat']);
    assert.equal(csv([['Liège', 'x']]), 'Liège,x\r\n');
  });
});
