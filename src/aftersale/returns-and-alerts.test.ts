/**
 * The return instructions an acknowledgement gives (L221-23, VI.51: at least 14 days after the
 * notice, whatever the terms say) and the days staff are alerted before a refund falls due
 * (issue 10 §3: 10 and 3 days before), with SPEC AS-11's dates: Bible et Jeux's seed says 10
 * days, the law 14, so goods withdrawn on Fri 2026-07-10 may be sent back until Fri 2026-07-24.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { parseProfile } from '../shops/profile/load.ts';
import { PROFILES_DIR } from '../shops/profile/test-support.ts';
import { alertDue } from './alerts.ts';
import { returnInstructions } from './returns.ts';

const profile = (slug: string) => parseProfile(readFileSync(join(PROFILES_DIR, `${slug}.yaml`), 'utf8'), `${slug}.yaml`);
const d = (iso: string) => Temporal.PlainDate.from(iso);

describe('return instructions', () => {
  test('should give Bible et Jeux customers 14 days, not the seed’s 10, at their own cost (AS-11)', () => {
    const r = returnInstructions(profile('bible-et-jeux'), d('2026-07-10'));
    assert.deepEqual([r.returnBy.toString(), r.withinDays, r.costBorneBy], ['2026-07-24', 14, 'consumer']);
  });

  test('should say the seller pays the return when the terms do not put it on the consumer (L221-23 al. 2)', () => {
    assert.equal(returnInstructions(profile('coopconnexion'), d('2026-07-10')).costBorneBy, 'seller');
    assert.equal(returnInstructions(profile('coopso'), d('2026-07-10')).costBorneBy, 'consumer_unless_nonconforming');
  });
});

describe('refund alerts', () => {
  test('should alert 10 days, then 3 days, before a refund due on Fri 2026-07-24, and only the more urgent once both have passed', () => {
    const due = d('2026-07-24');
    const seen = ['2026-07-13', '2026-07-14', '2026-07-20', '2026-07-21', '2026-07-24', '2026-08-30'].map((day) => [day, alertDue(due, d(day))]);
    assert.deepEqual(seen, [['2026-07-13', null], ['2026-07-14', 10], ['2026-07-20', 10], ['2026-07-21', 3], ['2026-07-24', 3], ['2026-08-30', 3]]);
  });
});
