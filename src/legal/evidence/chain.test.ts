import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicalJson, chainEvents, type StoredEvent, verifyChain } from './chain.ts';

const chain = chainEvents;

const placed = { type: 'placed', at: '2026-11-22T10:00:00.000Z', recordedAt: '2026-11-22T10:00:00.000Z', actor: 'customer:1', data: { terms: [{ kind: 'cgv', version: '2026-11', sha256: 'ab' }], totalCents: 2990 } };

test('should give the same hash whatever the key order of the data (jsonb reorders keys)', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } }), '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
  const [a] = chain([placed]);
  const [b] = chain([{ ...placed, data: { totalCents: 2990, terms: [{ sha256: 'ab', version: '2026-11', kind: 'cgv' }] } }]);
  assert.equal(a?.hash, b?.hash);
});

/** canonicalJson as every hash stored before issue 9 was computed: its rewrite must write the same bytes. */
function firstCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(firstCanonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${firstCanonicalJson(v)}`).join(',')}}`;
}

test('should write the very bytes the first canonical form wrote, for any value (property)', () => {
  assert.equal(canonicalJson({ 10: 'a', 9: 'b', z: undefined, d: new Date(0), l: [undefined, 1] }), '{"10":"a","9":"b","d":{},"l":[null,1]}');
  const anything = fc.anything({ withBoxedValues: true, withDate: true, withNullPrototype: true, withSparseArray: true, withObjectString: true, maxDepth: 4 });
  fc.assert(fc.property(anything, (value) => assert.equal(canonicalJson(value), firstCanonicalJson(value))), { numRuns: 2000 });
});

test('should verify an intact chain and name the first tampered event', () => {
  const events = chain([placed, { ...placed, type: 'paid', data: { amountCents: 2990 } }, { ...placed, type: 'shipped', data: {} }]);
  assert.deepEqual(verifyChain(events), { verified: true, brokenAt: null, reason: null });
  const tampered = events.map((e) => (e.seq === 2 ? { ...e, data: { amountCents: 1 } } : e));
  assert.deepEqual(verifyChain(tampered), { verified: false, brokenAt: 2, reason: 'content does not match its hash' });
  assert.equal(verifyChain(events.filter((e) => e.seq !== 2)).brokenAt, 3);
});

test('should detect any change to any field of any event (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 4 }), fc.constantFrom('type', 'at', 'actor', 'data'), fc.string({ minLength: 1 }), (index, field, value) => {
      const events = chain(Array.from({ length: 5 }, (_, i) => ({ ...placed, data: { i } })));
      const target = events[index] as StoredEvent;
      if (String((target as Record<string, unknown>)[field]) === value) return;
      const tampered = events.map((e, i) => (i === index ? { ...e, [field]: value } : e));
      assert.equal(verifyChain(tampered).verified, false);
    }),
  );
});
