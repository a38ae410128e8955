/**
 * Issue 12 §2, §3, §7, §8 over HTTP, at Coopso (001 CG §4): the address decides the delivery mode
 * (Charleroi 6000–6061 → members at home, 3.50 € demo fee; Liège 4000–4032 → a slot at the Liège
 * centre, no fee; Namur → carrier, 7.90 € demo fee), an order refuses a mode its address is not
 * offered, a full slot, a slot too late to book; 300 concurrent buyers on a slot of 40 seats get
 * exactly 40 places, the others 409 slot_full, and the options then offer the next slot; a
 * cancellation gives its place back. The platform's clock starts on Monday 2026-08-31 10:00 in
 * Brussels: the Liège centre opens on Wednesdays 14:00–18:00 (two slots) and Saturdays 09:00–12:00.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';
import { termsVersion } from '../support/shoppers.ts';

const SHOP = 'coopso';
let p: TestPlatform;
let version: string;
let productId: string;

type Slot = { id: string; startsAt: string; endsAt: string; remaining: number };
type Option = { mode: string; feeCents: number; label: string; pickupPoints?: { id: string; name: string; address: { city: string } | null; slots: Slot[] }[] };

const ADDRESSES = {
  charleroi: { line1: 'rue de la Montagne 3', postalCode: '6000', city: 'Charleroi', country: 'BE' },
  marcinelle: { line1: 'rue Destrée 1', postalCode: '6001', city: 'Marcinelle', country: 'BE' },
  liege: { line1: 'rue Saint-Léonard 8', postalCode: '4000', city: 'Liège', country: 'BE' },
  namur: { line1: 'rue de Fer 1', postalCode: '5000', city: 'Namur', country: 'BE' },
};

let registered = 0;
async function customer(address: (typeof ADDRESSES)[keyof typeof ADDRESSES]): Promise<string> {
  const email = `buyer-${++registered}@delivery.example`;
  const reg = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/customers`, payload: { kind: 'consumer', email, password: 'correct horse battery', firstName: 'Client', lastName: `N°${registered}`, address } });
  assert.equal(reg.statusCode, 201, reg.body);
  const session = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/session`, payload: { email, password: 'correct horse battery' } });
  return session.json().token;
}

const options = (query: string) => p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/delivery-options?${query}` });
const order = (token: string, delivery: Record<string, unknown>, quantity = 1) =>
  p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: bearer(token), payload: { lines: [{ productId, quantity }], acceptedTerms: { version }, delivery, paymentMethod: 'bank_transfer' } });
const refused = (res: { statusCode: number; body: string; json(): { error: { code: string } } }, status: number, code: string) => {
  assert.equal(res.statusCode, status, res.body);
  assert.equal(res.json().error.code, code);
};
const liegeSlots = async (): Promise<Slot[]> => {
  const res = await options('country=BE&postalCode=4000&city=Li%C3%A8ge');
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as Option[])[0]?.pickupPoints?.[0]?.slots ?? [];
};
const taken = async (slotId: string) => (await p.database.db.selectFrom('pickup_slots').select(['taken', 'capacity']).where('id', '=', slotId).executeTakeFirstOrThrow());

before(async () => {
  p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-08-31T10:00:00+02:00' });
  version = await termsVersion(p, SHOP);
  const res = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/products`, headers: bearer(ADMIN_TOKEN), payload: { sku: 'KIT-RENTREE', name: 'Kit rentrée', unitPriceCents: 1250, vatRateBp: 2100, stock: 1000 } });
  assert.equal(res.statusCode, 201, res.body);
  productId = res.json().id;
});
after(async () => p.stop());

describe('what an address is offered (GET delivery-options)', () => {
  test('should offer Charleroi and its sections (6000, 6061) home delivery by members only, 3.50 €', async () => {
    for (const postalCode of ['6000', '6061']) {
      const res = await options(`country=BE&postalCode=${postalCode}&city=Charleroi`);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), [{ mode: 'volunteer', label: 'Livraison à domicile par des membres de Coopso', feeCents: 350 }]);
    }
  });

  test('should offer Liège (4000, 4020) the Liège centre only, free, with its slots from Wednesday 2 September', async () => {
    for (const postalCode of ['4000', '4020']) {
      const res = await options(`country=BE&postalCode=${postalCode}&city=Li%C3%A8ge`);
      assert.equal(res.statusCode, 200, res.body);
      const [pickup, ...others] = res.json() as Option[];
      assert.deepEqual(others, []);
      assert.equal(pickup?.mode, 'pickup');
      assert.equal(pickup.feeCents, 0);
      assert.deepEqual(pickup.pickupPoints?.map((x) => [x.id, x.name, x.address?.city]), [['liege', 'Centre de distribution de Liège', 'Liège']]);
      const slots = pickup.pickupPoints?.[0]?.slots ?? [];
      // Wed 2 Sep 14:00–16:00 and 16:00–18:00, Sat 5 Sep 09:00–12:00 (Brussels, UTC+2), 40 places each.
      assert.deepEqual(slots.slice(0, 3).map((s) => [s.startsAt, s.endsAt, s.remaining]), [
        ['2026-09-02T12:00:00.000Z', '2026-09-02T14:00:00.000Z', 40],
        ['2026-09-02T14:00:00.000Z', '2026-09-02T16:00:00.000Z', 40],
        ['2026-09-05T07:00:00.000Z', '2026-09-05T10:00:00.000Z', 40],
      ]);
    }
  });

  test('should offer Namur (5000) carrier delivery, 7.90 €', async () => {
    const res = await options('country=BE&postalCode=5000&city=Namur');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), [{ mode: 'carrier', label: 'Livraison à domicile', feeCents: 790 }]);
  });

  test('should refuse a postcode Belgium does not have, and a country the shop does not deliver to, with a clear message', async () => {
    for (const postalCode of ['0999', '60000', 'ABCD']) {
      const res = await options(`country=BE&postalCode=${postalCode}`);
      refused(res, 422, 'unknown_postcode');
      assert.match(res.json().error.message, new RegExp(`Ce code postal \\(${postalCode}\\) n’existe pas en BE`));
    }
    const abroad = await options('country=FR&postalCode=59000&city=Lille');
    refused(abroad, 422, 'territory_not_served');
    assert.equal(abroad.json().error.message, 'Cette boutique ne livre pas dans ce pays (FR).');
    refused(await options('postalCode=4000'), 400, 'required');
  });
});

describe('the order’s delivery (POST orders)', () => {
  test('should charge a Charleroi member 3.50 € for home delivery, and refuse them the Liège centre', async () => {
    const token = await customer(ADDRESSES.marcinelle);
    const placed = await order(token, { mode: 'volunteer' });
    assert.equal(placed.statusCode, 201, placed.body);
    const o = placed.json();
    assert.deepEqual(o.delivery.address, ADDRESSES.marcinelle);
    assert.deepEqual([o.delivery.mode, o.delivery.commune], ['volunteer', 'Charleroi'], 'Marcinelle (6001) is a section of Charleroi');
    assert.deepEqual({ shipping: o.totals.shippingCents, gross: o.totals.grossCents }, { shipping: 350, gross: 1250 + 350 });
    const pickup = await order(token, { mode: 'pickup', pickupPointId: 'liege' });
    refused(pickup, 422, 'delivery_mode_not_offered');
    assert.equal(pickup.json().error.message, 'Ce mode de livraison (Centre de distribution local) n’est pas proposé à cette adresse (6001 Marcinelle).');
    // Another address given for the delivery decides instead: Namur is the carrier's.
    refused(await order(token, { mode: 'volunteer', address: ADDRESSES.namur }), 422, 'delivery_mode_not_offered');
    const carrier = await order(token, { mode: 'carrier', address: ADDRESSES.namur });
    assert.equal(carrier.statusCode, 201, carrier.body);
    assert.equal(carrier.json().totals.shippingCents, 790);
  });

  test('should hold the slot chosen at the Liège centre and show it on the order, with its day as delivery.earliestOn', async () => {
    const token = await customer(ADDRESSES.liege);
    const [wednesday] = await liegeSlots();
    assert.ok(wednesday);
    const placed = await order(token, { mode: 'pickup', pickupPointId: 'liege', slotId: wednesday.id });
    assert.equal(placed.statusCode, 201, placed.body);
    const d = placed.json().delivery;
    assert.deepEqual(
      { mode: d.mode, pickupPointId: d.pickupPointId, slotId: d.slotId, slot: d.slot, earliestOn: d.earliestOn, point: d.pickupPoint?.name },
      { mode: 'pickup', pickupPointId: 'liege', slotId: wednesday.id, slot: { startsAt: '2026-09-02T12:00:00.000Z', endsAt: '2026-09-02T14:00:00.000Z' }, earliestOn: '2026-09-02', point: 'Centre de distribution de Liège' },
    );
    assert.equal(placed.json().totals.shippingCents, 0);
    const read = await p.app.inject({ method: 'GET', url: `/api/v1/shops/${SHOP}/orders/${placed.json().id}`, headers: bearer(token) });
    assert.equal(read.json().delivery.slotId, wednesday.id);
    assert.equal((await taken(wednesday.id)).taken, 1);
    assert.equal((await liegeSlots())[0]?.remaining, 39);
    // Unknown, or not a slot of this point: refused, nothing taken.
    refused(await order(token, { mode: 'pickup', pickupPointId: 'liege', slotId: 'not-a-slot' }), 422, 'unknown_slot');
    refused(await order(token, { mode: 'pickup', pickupPointId: 'liege', slotId: '00000000-0000-4000-8000-000000000000' }), 422, 'unknown_slot');
    refused(await order(token, { mode: 'pickup', pickupPointId: 'mons' }), 422, 'delivery_mode_not_offered');
    assert.equal((await taken(wednesday.id)).taken, 1);
  });

  test('should give 300 concurrent buyers exactly the 40 places of a slot, refuse the others with 409 slot_full, then offer the next slot', async () => {
    const slots = await liegeSlots();
    const saturday = slots.find((s) => s.startsAt === '2026-09-05T07:00:00.000Z');
    assert.ok(saturday, JSON.stringify(slots.slice(0, 4)));
    const tokens = await Promise.all(Array.from({ length: 12 }, () => customer(ADDRESSES.liege)));
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => order(tokens[i % tokens.length] ?? '', { mode: 'pickup', pickupPointId: 'liege', slotId: saturday.id })));
    const byStatus: Record<number, number> = {};
    for (const r of results) byStatus[r.statusCode] = (byStatus[r.statusCode] ?? 0) + 1;
    assert.deepEqual(byStatus, { 201: 40, 409: 260 }, `in ${Date.now() - started} ms`);
    assert.ok(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'slot_full'));
    assert.deepEqual(await taken(saturday.id), { taken: 40, capacity: 40 });
    const inSlot = await p.database.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).where('shop_id', '=', SHOP).where((eb) => eb(eb.ref('delivery', '->>').key('slotId'), '=', saturday.id)).executeTakeFirstOrThrow();
    assert.equal(Number(inSlot.n), 40);
    const after = await liegeSlots();
    assert.ok(!after.some((s) => s.id === saturday.id), 'a full slot is not offered');
    assert.ok(after.some((s) => s.startsAt > saturday.startsAt), 'the next slots are');
    // One who lost the race takes the next slot offered.
    const next = after.find((s) => s.startsAt > saturday.startsAt);
    const second = await order(tokens[0] ?? '', { mode: 'pickup', pickupPointId: 'liege', slotId: next?.id });
    assert.equal(second.statusCode, 201, second.body);

    // A cancelled order gives its place back: the slot is offered again, with one place.
    const cancelledId = results.find((r) => r.statusCode === 201)?.json().id;
    const cancelled = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders/${cancelledId}/events`, headers: bearer(ADMIN_TOKEN), payload: { type: 'cancelled', at: '2026-08-31T10:00:00+02:00', note: 'désistement' } });
    assert.equal(cancelled.statusCode, 201, cancelled.body);
    assert.deepEqual(await taken(saturday.id), { taken: 39, capacity: 40 });
    assert.equal((await liegeSlots()).find((s) => s.id === saturday.id)?.remaining, 1);
  });

  test('should stop offering a slot 24 hours before it starts, and refuse it as too late', async () => {
    const token = await customer(ADDRESSES.liege);
    const [first] = await liegeSlots();
    assert.ok(first);
    assert.equal((await p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN), payload: { now: '2026-09-01T15:00:00+02:00' } })).statusCode, 200);
    const now = await liegeSlots();
    assert.ok(!now.some((s) => s.id === first.id), 'within 24 h of its start: no longer offered');
    refused(await order(token, { mode: 'pickup', pickupPointId: 'liege', slotId: first.id }), 422, 'slot_in_past');
    // With no slot named, the earliest with room is held.
    const any = await order(token, { mode: 'pickup', pickupPointId: 'liege' });
    assert.equal(any.statusCode, 201, any.body);
    assert.equal(any.json().delivery.slotId, now[0]?.id);
  });
});

test('should describe delivery-options and the order’s delivery in the OpenAPI description', async () => {
  const doc = (await p.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  const get = doc.paths['/api/v1/shops/{shop}/delivery-options']?.get;
  assert.deepEqual(get?.tags, ['delivery']);
  assert.deepEqual(get.parameters.filter((x: { in: string }) => x.in === 'query').map((x: { name: string }) => x.name).sort(), ['city', 'country', 'postalCode']);
  assert.match(doc.tags.find((x: { name: string }) => x.name === 'delivery')?.description ?? '', /slot_full/);
  assert.match(doc.paths['/api/v1/shops/{shop}/orders'].post.description, /delivery_mode_not_offered/);
});

test('should hold a pickup slot only within a campaign’s promised days (slot_outside_promise), the earliest within them when none is named', async () => {
  // The clock stands on Tue 2026-09-01 15:00 (previous test). A campaign promises delivery from Wed 9 to Sun 20 September.
  const made = await p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/products`, headers: bearer(ADMIN_TOKEN), payload: { sku: 'KIT-CAMPAGNE', name: 'Kit de campagne', unitPriceCents: 900, vatRateBp: 2100, stock: 50 } });
  assert.equal(made.statusCode, 201, made.body);
  const campaign = await p.app.inject({
    method: 'POST',
    url: `/api/v1/shops/${SHOP}/campaigns`,
    headers: bearer(ADMIN_TOKEN),
    payload: { title: 'Rentrée tardive', opensAt: '2026-09-01T00:00:00+02:00', closesAt: '2026-09-30T23:59:00+02:00', products: [{ productId: made.json().id }], promises: [{ deliveryFrom: '2026-09-09', deliveryLatestOn: '2026-09-20' }] },
  });
  assert.equal(campaign.statusCode, 201, campaign.body);
  const token = await customer(ADDRESSES.liege);
  const slots = await liegeSlots();
  const early = slots.find((s) => s.startsAt === '2026-09-02T14:00:00.000Z');
  assert.ok(early, 'Wed 2 Sep 16:00–18:00 is still open to booking');
  const place = (delivery: Record<string, unknown>) =>
    p.app.inject({ method: 'POST', url: `/api/v1/shops/${SHOP}/orders`, headers: bearer(token), payload: { lines: [{ productId: made.json().id, quantity: 1 }], acceptedTerms: { version }, delivery, paymentMethod: 'bank_transfer' } });
  const before = (await taken(early.id)).taken;
  refused(await place({ mode: 'pickup', pickupPointId: 'liege', slotId: early.id }), 422, 'slot_outside_promise');
  assert.equal((await taken(early.id)).taken, before, 'the place taken is rolled back with the order');
  const held = await place({ mode: 'pickup', pickupPointId: 'liege' });
  assert.equal(held.statusCode, 201, held.body);
  assert.deepEqual([held.json().delivery.slot.startsAt, held.json().delivery.earliestOn], ['2026-09-09T12:00:00.000Z', '2026-09-09']);
});
