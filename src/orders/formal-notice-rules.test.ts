import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { DomainError } from '../kernel/errors.ts';
import { loadProfileFile } from '../shops/profile/load.ts';
import { PROFILES_DIR } from '../shops/profile/test-support.ts';
import { checkLetterDates, checkNoticeTermination, noticeState, noticeTerms } from './formal-notice-rules.ts';

const d = (s: string) => Temporal.PlainDate.from(s);
const distritec = loadProfileFile(join(PROFILES_DIR, 'distritec.yaml'));
const coopso = loadProfileFile(join(PROFILES_DIR, 'coopso.yaml'));
const bible = loadProfileFile(join(PROFILES_DIR, 'bible-et-jeux.yaml'));
const letter = (sentOn: string, presentedOn: string | null, receivedOn: string | null) => ({ sentOn: d(sentOn), presentedOn: presentedOn ? d(presentedOn) : null, receivedOn: receivedOn ? d(receivedOn) : null });
const code = (f: () => void) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'allowed';
};

describe('formal notices by registered letter (003 art.19, art.7.2)', () => {
  const fault = noticeTerms(distritec, 'non_payment');
  const collect = noticeTerms(distritec, 'non_collection');
  test('003 gives 15 days from receipt or first presentation for non-payment, 8 days from first presentation for goods not collected; 001 gives neither', () => {
    assert.deepEqual(fault, { days: 15, from: 'received_or_first_presented', depositKept: true, clause: 'art.19' });
    assert.deepEqual(collect, { days: 8, from: 'first_presented', depositKept: true, clause: 'art.7.2' });
    assert.equal(noticeTerms(coopso, 'non_payment'), null);
    assert.equal(noticeTerms(coopso, 'non_collection'), null);
  });
  test('non-payment: presented Tue 04-07, received Wed 04-08 → counted from 04-07, ends Wed 04-22, termination from Thu 04-23', () => {
    assert.deepEqual(noticeState(fault!, letter('2026-04-03', '2026-04-07', '2026-04-08')), { periodEndsOn: '2026-04-22', effectiveFrom: '2026-04-23' });
    // Received before any presentation is known: the receipt counts.
    assert.deepEqual(noticeState(fault!, letter('2026-04-03', null, '2026-04-06')), { periodEndsOn: '2026-04-21', effectiveFrom: '2026-04-22' });
  });
  test('not collected: first presented Fri 03-27 → 8 days end Sat 04-04; refused that day, allowed Sun 04-05; never while unpresented or once cured', () => {
    const l = letter('2026-03-20', '2026-03-27', null);
    assert.equal(code(() => checkNoticeTermination(collect!, l, false, d('2026-04-04'))), 'formal_notice_period_running');
    assert.equal(code(() => checkNoticeTermination(collect!, l, false, d('2026-04-05'))), 'allowed');
    assert.equal(code(() => checkNoticeTermination(collect!, letter('2026-03-20', null, null), false, d('2026-06-01'))), 'formal_notice_not_presented');
    assert.equal(code(() => checkNoticeTermination(collect!, l, true, d('2026-06-01'))), 'formal_notice_cured');
  });
  test('004 art.16-5 (O18, the variant chosen): 30 days from the receipt of the notice — sent 04-01, presented 04-03, received Mon 04-06 → ends Wed 05-06, termination from Thu 05-07; no deposit kept', () => {
    const clause = noticeTerms(bible, 'non_payment');
    assert.deepEqual(clause, { days: 30, from: 'received', depositKept: false, clause: 'art.16-5' });
    assert.deepEqual(noticeState(clause!, letter('2026-04-01', '2026-04-03', '2026-04-06')), { periodEndsOn: '2026-05-06', effectiveFrom: '2026-05-07' });
    assert.deepEqual(noticeState(clause!, letter('2026-04-01', '2026-04-03', null)), { periodEndsOn: null, effectiveFrom: null }, 'presented but not received: the period has not started');
    assert.equal(noticeTerms(bible, 'non_collection'), null);
  });
  test('the letter’s dates: never before it was sent, never in the future', () => {
    assert.equal(code(() => checkLetterDates(letter('2026-03-20', '2026-03-19', null), d('2026-04-01'))), 'letter_dates_out_of_order');
    assert.equal(code(() => checkLetterDates(letter('2026-03-20', null, '2026-04-02'), d('2026-04-01'))), 'event_in_future');
    assert.equal(code(() => checkLetterDates(letter('2026-03-20', '2026-03-21', '2026-03-23'), d('2026-04-01'))), 'allowed');
  });
});
