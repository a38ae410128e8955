import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { decisionDueOn, reminderDue, slotEndDay, uncollectedDays } from './uncollected-pickup-rules.ts';

const d = (iso: string) => Temporal.PlainDate.from(iso);
const TZ = 'Europe/Brussels';
// A slot on Friday 5 June 2026, 16:00–18:00 in Brussels.
const delivery = { mode: 'pickup', pickupPoint: 'Centre de distribution de Liège', slot: { startsAt: '2026-06-05T14:00:00.000Z', endsAt: '2026-06-05T16:00:00.000Z' } };
const order = { status: 'shipped', delivery };

describe('pickup orders not collected (issue 12 §5)', () => {
  test('should take the slot’s last day in the shop’s zone, and none for another mode or no slot', () => {
    assert.equal(slotEndDay(delivery, TZ)?.toString(), '2026-06-05');
    // 23:30 UTC on the 5th is already the 6th in Brussels.
    assert.equal(slotEndDay({ ...delivery, slot: { ...delivery.slot, endsAt: '2026-06-05T22:30:00Z' } }, TZ)?.toString(), '2026-06-06');
    assert.equal(slotEndDay({ mode: 'carrier' }, TZ), null);
    assert.equal(slotEndDay({ mode: 'pickup' }, TZ), null);
  });
  test('should remind 2 days after the slot and ask staff to decide 7 days after that', () => {
    const days = uncollectedDays(d('2026-06-05'));
    assert.equal(days.remindOn.toString(), '2026-06-07');
    assert.equal(days.decideOn.toString(), '2026-06-14');
  });
  test('should remind from the reminder day on, only while the goods wait', () => {
    assert.equal(reminderDue(order, TZ, d('2026-06-06')), false);
    assert.equal(reminderDue(order, TZ, d('2026-06-07')), true);
    assert.equal(reminderDue(order, TZ, d('2026-06-09')), true);
    for (const status of ['awaiting_payment', 'awaiting_acceptance', 'delivered', 'refused', 'cancelled']) assert.equal(reminderDue({ ...order, status }, TZ, d('2026-06-09')), false, status);
    assert.equal(reminderDue({ status: 'accepted', delivery }, TZ, d('2026-06-07')), true);
  });
  test('should ask for a decision from its day on', () => {
    assert.equal(decisionDueOn(order, TZ, d('2026-06-13')), undefined);
    assert.equal(decisionDueOn(order, TZ, d('2026-06-14')), '2026-06-14');
    assert.equal(decisionDueOn(order, TZ, d('2026-06-20')), '2026-06-14');
    assert.equal(decisionDueOn({ ...order, status: 'delivered' }, TZ, d('2026-06-20')), undefined);
  });
});
