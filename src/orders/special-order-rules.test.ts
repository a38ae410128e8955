import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { DomainError } from '../kernel/errors.ts';
import { loadProfileFile } from '../shops/profile/load.ts';
import { PROFILES_DIR } from '../shops/profile/test-support.ts';
import { checkNoticeTermination, noticeState, noticeTerms } from './formal-notice-rules.ts';
import { fullPriceWhenNotCollected, grossOf, specialOrderSettlement } from './special-order-rules.ts';

const d = (s: string) => Temporal.PlainDate.from(s);
const distritec = loadProfileFile(join(PROFILES_DIR, 'distritec.yaml'));
const coopso = loadProfileFile(join(PROFILES_DIR, 'coopso.yaml'));
const code = (f: () => void) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'allowed';
};

describe('special orders not collected (003 art.7.2, A-47)', () => {
  test('DISTRITEC makes a special order not collected due in full; Coopso says nothing of it', () => {
    assert.equal(fullPriceWhenNotCollected(distritec), true);
    assert.equal(fullPriceWhenNotCollected(coopso), false);
  });

  test('a letter first presented on Tue 2026-03-10: the 8 days end on Wed 03-18, disposal is allowed from Thu 03-19', () => {
    const terms = noticeTerms(distritec, 'non_collection');
    assert.ok(terms);
    const letter = { sentOn: d('2026-03-09'), presentedOn: d('2026-03-10'), receivedOn: d('2026-03-16') };
    assert.deepEqual(noticeState(terms, letter), { periodEndsOn: '2026-03-18', effectiveFrom: '2026-03-19' });
    assert.equal(code(() => checkNoticeTermination(terms, letter, false, d('2026-03-18'))), 'formal_notice_period_running');
    assert.equal(code(() => checkNoticeTermination(terms, letter, false, d('2026-03-19'))), 'allowed');
    assert.equal(code(() => checkNoticeTermination(terms, letter, true, d('2026-03-19'))), 'formal_notice_cured', 'collected meanwhile');
  });

  test('storage costs incl. VAT, half-up to the cent: 3 weeks at 25.00 € HT = 75.00 € HT → 90.00 €; 12.34 € HT → 14.81 €; 0.10 € HT at 5.5 % → 0.11 €', () => {
    assert.equal(grossOf(3 * 2500, 2000), 9000);
    assert.equal(grossOf(1234, 2000), 1481); // 14.808
    assert.equal(grossOf(10, 550), 11); // 0.1055
    assert.equal(grossOf(100, 0), 100);
  });

  test('a special-order line of 1,250.00 € HT (1,500.00 € TTC), 3 weeks of storage at 25.00 € HT, a 30 % deposit of 450.00 € paid: 1,590.00 € due, 1,140.00 € still owed', () => {
    const s = specialOrderSettlement({ lines: [{ totalCents: grossOf(125_000, 2000), specialOrder: true }], orderGrossCents: 150_000, storageCosts: [{ grossCents: grossOf(7500, 2000) }], paidCents: 45_000 });
    assert.deepEqual(s, { priceDueCents: 150_000, storageCents: 9000, totalDueCents: 159_000, paidCents: 45_000, balanceCents: 114_000, wholeOrder: true });
  });

  test('all lines special: the whole order’s price is due, the 7.50 € HT admin fee included (1,509.00 € TTC + 90.00 €)', () => {
    const s = specialOrderSettlement({ lines: [{ totalCents: 150_000, specialOrder: true }], orderGrossCents: 150_900, storageCosts: [{ grossCents: 9000 }], paidCents: 0 });
    assert.equal(s.totalDueCents, 159_900);
  });

  test('a mixed order: only the special line’s price is due (the other goods are disposed of); paid beyond it is owed back', () => {
    const s = specialOrderSettlement({ lines: [{ totalCents: 150_000, specialOrder: true }, { totalCents: 46_800, specialOrder: false }], orderGrossCents: 196_800, storageCosts: [{ grossCents: 9000 }, { grossCents: 1481 }], paidCents: 196_800 });
    assert.deepEqual(s, { priceDueCents: 150_000, storageCents: 10_481, totalDueCents: 160_481, paidCents: 196_800, balanceCents: -36_319, wholeOrder: false });
  });

  test('an order with no special line is not settled this way', () => {
    assert.equal(code(() => specialOrderSettlement({ lines: [{ totalCents: 100, specialOrder: false }], orderGrossCents: 100, storageCosts: [], paidCents: 0 })), 'not_a_special_order');
  });
});
