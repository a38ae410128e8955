import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { communeKey, offeredMode, offeredModes } from './delivery-zone-rules.ts';
import { parse, stringify } from 'yaml';
import { loadProfileFile, parseProfile } from './load.ts';
import { PROFILES_DIR } from './test-support.ts';

const coopso = loadProfileFile(join(PROFILES_DIR, 'coopso.yaml'));
const coopconnexion = loadProfileFile(join(PROFILES_DIR, 'coopconnexion.yaml'));
const BE = (postalCode: string, city?: string) => ({ country: 'BE', postalCode, city });
const modes = (postalCode: string, city?: string) => offeredModes(coopso, 'consumer', BE(postalCode, city)).map((o) => o.mode.mode);

describe('coopso’s zones (001 CG §4)', () => {
  test('should send Charleroi and its sections, 6000 to 6061, to home delivery by members, with its 3.50 € demo fee', () => {
    for (const pc of ['6000', '6001', '6010', '6061']) assert.deepEqual(modes(pc), ['volunteer'], pc);
    assert.equal(offeredModes(coopso, 'consumer', BE('6000'))[0]?.mode.fee?.amountCents, 350);
  });

  test('should send Liège 4000–4032, Mons 7000–7034 and Dison 4820–4821 to their own centre only', () => {
    const points = (pc: string) => offeredModes(coopso, 'consumer', BE(pc)).flatMap((o) => o.points.map((p) => p.id));
    for (const pc of ['4000', '4020', '4032']) assert.deepEqual([modes(pc), points(pc)], [['pickup'], ['liege']], pc);
    for (const pc of ['7000', '7034']) assert.deepEqual(points(pc), ['mons'], pc);
    for (const pc of ['4820', '4821']) assert.deepEqual(points(pc), ['dison'], pc);
  });

  test('should send every other Belgian postcode to the carrier (Namur 5000, 4033 just past Liège, 6062 just past Charleroi)', () => {
    for (const pc of ['5000', '4033', '6062', '1000', '9999', '4819']) assert.deepEqual(modes(pc), ['carrier'], pc);
  });

  test('should read the postcode before the commune’s name: "Liège" written beside 5000 is Namur’s carrier', () => {
    assert.deepEqual(modes('5000', 'Liège'), ['carrier']);
  });

  test('should refuse a postcode Belgium does not have', () => {
    for (const pc of ['0999', '60000', 'ABCD', '600']) {
      assert.throws(() => modes(pc), (e: { code?: string; field?: string }) => e.code === 'unknown_postcode' && e.field === 'delivery.address.postalCode', pc);
    }
  });

  test('should refuse a mode the address is not offered, naming the mode and the address', () => {
    assert.throws(
      () => offeredMode(coopso, 'consumer', BE('6000', 'Charleroi'), { mode: 'pickup', pickupPointId: 'liege' }),
      (e: { code?: string; params?: Record<string, string> }) => e.code === 'delivery_mode_not_offered' && e.params?.address === '6000 Charleroi' && e.params.mode === 'Centre de distribution local',
    );
    // Liège's member may not pick a Mons slot: the point is of another commune.
    assert.throws(() => offeredMode(coopso, 'consumer', BE('4000'), { mode: 'pickup', pickupPointId: 'mons' }), /delivery_mode_not_offered/);
    assert.equal(offeredMode(coopso, 'consumer', BE('4000'), { mode: 'pickup', pickupPointId: '0' }).point?.id, 'liege');
  });

  test('should offer exactly one home or pickup mode to any Belgian postcode (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), (n) => {
        const offered = modes(String(n));
        return offered.length === 1;
      }),
    );
  });
});

describe('profiles without zones', () => {
  test('should offer their modes to every address, as before', () => {
    assert.deepEqual(offeredModes(coopconnexion, 'consumer', { country: 'FR', postalCode: 'whatever' }).map((o) => o.mode.mode), ['carrier']);
  });

  test('should compare communes without case, accents or hyphens', () => {
    assert.equal(communeKey(' LIÈGE '), communeKey('liege'));
    assert.equal(communeKey('Mont-Saint-Guibert'), 'mont saint guibert');
  });
});

describe('zones in a profile', () => {
  // biome-ignore lint/suspicious/noExplicitAny: free-form edit of the parsed YAML, re-checked by the schema
  const variant = (edit: (d: any) => void) => {
    const data = parse(readFileSync(join(PROFILES_DIR, 'coopso.yaml'), 'utf8'));
    edit(data);
    return () => parseProfile(stringify(data), 'coopso-variant.yaml');
  };
  test('should place French addresses by their 5-digit postcodes too (a Lille zone 59000–59800, carrier elsewhere in France)', () => {
    const fr = variant((d) => {
      d.territories.served = ['BE', 'FR'];
      d.delivery.modes[0].postcodes.push({ country: 'FR', from: '59000', to: '59800', commune: 'Lille', feeCents: 500 });
    })();
    const at = (postalCode: string) => offeredModes(fr, 'consumer', { country: 'FR', postalCode }).map((o) => [o.mode.mode, o.zoneFeeCents, o.commune]);
    assert.deepEqual(at('59000'), [['volunteer', 500, 'Lille']]);
    assert.deepEqual(at('75011'), [['carrier', undefined, undefined]]);
    assert.throws(() => at('5900'), /unknown_postcode/);
    assert.throws(() => at('99000'), /unknown_postcode/);
  });

  test('should refuse two zones sharing a postcode, a capacity of 0, and two points with one id', () => {
    assert.throws(variant((d) => d.delivery.modes[0].postcodes.push({ country: 'BE', from: '4030', to: '4040' })), /4030–4040 overlaps 4000–4032 of delivery\.modes\[1\]|4000–4032 overlaps/);
    assert.throws(variant((d) => { d.delivery.modes[1].points[0].capacity = 0; }), /capacity/);
    assert.throws(variant((d) => { d.delivery.modes[1].points[1].id = 'liege'; }), /two pickup points have the same id/);
    assert.doesNotThrow(variant(() => {}));
  });
});
