import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { checkRefusal, periodLastDay, type RefusalFacts, refusalUntil } from './refusal-rules.ts';

const BE = [{ country: 'BE' as const }];
const FR = [{ country: 'FR' as const }];
const day = (s: string) => Temporal.PlainDate.from(s);
const COOPSO = { reasons: ['any_reason' as const], notifyWithin: { within: 'P4D', counting: 'business_days' as const, from: 'order_received' as const }, customerKinds: ['consumer' as const, 'non_professional' as const, 'professional' as const] };
const BIBLE = { reasons: ['payment_dispute' as const] };
const DISTRITEC = { reasons: ['bad_faith' as const, 'earlier_default' as const] };

const facts = (f: Partial<RefusalFacts>): RefusalFacts => ({ terms: COOPSO, on: day('2026-12-24'), placedOn: day('2026-12-24'), customerKind: 'consumer', reason: undefined, customerInDispute: false, operator: false, overrideReason: undefined, jurisdictions: BE, ...f });

describe('refusal window (001 CG §3.2: 4 jours ouvrés, BE)', () => {
  test('should count 4 BE working days from the order’s receipt, skipping weekends and public holidays', () => {
    // Thu 12-24: Fri 12-25 Christmas, Sat 26, Sun 27 skipped; Mon 28 (1), Tue 29 (2), Wed 30 (3), Thu 31 (4).
    assert.equal(refusalUntil(COOPSO, day('2026-12-24'), BE)?.toString(), '2026-12-31');
    // Thu 04-02: Fri 04-03 (1); Sat, Sun; Mon 04-06 Easter Monday skipped; Tue 07 (2), Wed 08 (3), Thu 09 (4).
    assert.equal(refusalUntil(COOPSO, day('2026-04-02'), BE)?.toString(), '2026-04-09');
    // Tue 11-10: Wed 11-11 Armistice skipped; Thu 12 (1), Fri 13 (2), Mon 16 (3), Tue 17 (4).
    assert.equal(refusalUntil(COOPSO, day('2026-11-10'), BE)?.toString(), '2026-11-17');
    // Placed on a Saturday: Mon (1) … Thu (4).
    assert.equal(refusalUntil(COOPSO, day('2026-03-07'), BE)?.toString(), '2026-03-12');
  });

  test('should have no window when the terms set none', () => {
    assert.equal(refusalUntil(BIBLE, day('2026-12-24'), FR), undefined);
    assert.equal(refusalUntil(undefined, day('2026-12-24'), FR), undefined);
  });

  test('should end on a working day, after the order, at most 4 + holidays + weekends later', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 365 }), (n) => {
        const placed = day('2026-01-01').add({ days: n });
        const until = refusalUntil(COOPSO, placed, BE);
        assert.ok(until);
        assert.ok(until.dayOfWeek <= 5);
        const gap = placed.until(until).days;
        assert.ok(gap >= 4 && gap <= 12, `${placed} → ${until}`);
      }),
    );
  });

  test('should read the profiles’ other countings', () => {
    assert.equal(periodLastDay(day('2026-03-06'), { within: 'P7D', counting: 'working_days' }, BE).toString(), '2026-03-14', 'jours ouvrables: Mon–Sat');
    assert.equal(periodLastDay(day('2026-03-06'), { within: 'P8D' }, FR).toString(), '2026-03-14');
    assert.equal(periodLastDay(day('2026-03-06'), { within: 'P8D', counting: 'calendar_days_extended' }, FR).toString(), '2026-03-16', 'Sat 14 runs on to Mon 16');
    assert.equal(periodLastDay(day('2026-01-31'), { within: 'P1M' }, FR).toString(), '2026-02-28');
  });
});

describe('whether a refusal may be recorded', () => {
  test('should allow any reason within the window, to the last day inclusive', () => {
    assert.deepEqual(checkRefusal(facts({ on: day('2026-12-31') })), { ok: true, overridden: false });
  });

  test('should refuse staff after the window, and let an operator override it with a reason', () => {
    assert.deepEqual(checkRefusal(facts({ on: day('2027-01-04') })), { ok: false, code: 'refusal_window_over', params: { refusalUntil: '2026-12-31' }, field: 'at' });
    assert.equal(checkRefusal(facts({ on: day('2027-01-04'), operator: true })).ok, false);
    assert.deepEqual(checkRefusal(facts({ on: day('2027-01-04'), operator: true, overrideReason: 'courrier reçu le 30/12, saisi en retard' })), { ok: true, overridden: true });
  });

  test('should refuse a customer in dispute only when a dispute is open (004 art.2)', () => {
    assert.deepEqual(checkRefusal(facts({ terms: BIBLE, jurisdictions: FR, reason: 'payment_dispute', customerInDispute: true })), { ok: true, overridden: false });
    assert.equal((checkRefusal(facts({ terms: BIBLE, jurisdictions: FR, reason: 'payment_dispute' })) as { code?: string }).code, 'no_payment_dispute');
    assert.equal((checkRefusal(facts({ terms: BIBLE, jurisdictions: FR })) as { code?: string }).code, 'refusal_reason_not_allowed', 'a ground is needed');
    assert.equal((checkRefusal(facts({ terms: BIBLE, jurisdictions: FR, reason: 'bad_faith' })) as { code?: string }).code, 'refusal_reason_not_allowed');
  });

  test('should take the grounds of 003 art.2.6 and none other', () => {
    assert.equal(checkRefusal(facts({ terms: DISTRITEC, jurisdictions: FR, reason: 'earlier_default' })).ok, true);
    assert.equal((checkRefusal(facts({ terms: DISTRITEC, jurisdictions: FR, reason: 'unavailable' })) as { code?: string }).code, 'refusal_reason_not_allowed');
    assert.equal(checkRefusal(facts({ terms: undefined, jurisdictions: FR })).ok, true, 'terms silent: staff’s note is the reason');
  });
});
