/**
 * What a new order's payment owes to the shop's profile, decided when it is placed (issue 4 §1,
 * §4): the last day to pay a transfer (A-14 payment window) and the deposit asked first. Pure.
 */
import { Temporal } from 'temporal-polyfill';
import type { Profile } from '../shops/profile/schema.ts';
import { depositCents, depositKind } from './deposits/rules.ts';

/** The last day to pay an order placed `placedOn` under `cancelAfter` (P7D: placed 09-01 → due 09-08). */
export function paymentDueOn(placedOn: Temporal.PlainDate, cancelAfter: string): Temporal.PlainDate {
  return placedOn.add(Temporal.Duration.from(cancelAfter));
}

/**
 * `paymentDueOn` as ISO text, remembered per day and window: every order of a day asks the same
 * question, and the date arithmetic cost more than the rest of placing an order's rules (issue 9).
 * Same answer as computing it each time; the memo is emptied when it grows past a few days' worth.
 */
const dueOnMemo = new Map<string, string>();
function dueOnText(placedOn: Temporal.PlainDate, cancelAfter: string): string {
  const key = `${placedOn.year}-${placedOn.month}-${placedOn.day}/${cancelAfter}`;
  let due = dueOnMemo.get(key);
  if (due === undefined) {
    due = paymentDueOn(placedOn, cancelAfter).toString();
    if (dueOnMemo.size >= 256) dueOnMemo.clear();
    dueOnMemo.set(key, due);
  }
  return due;
}

export type PaymentAtPlacement = { payment_due_on: string | null; deposit_cents: number | null; deposit_kind: 'acompte' | 'arrhes' | null };

/**
 * `deposit.appliesTo`: `all_orders` covers web orders; `offers` and `quotes` cover orders made
 * from a signed offer or an accepted quote, which the platform does not issue yet. A deposit that
 * would be the whole price is no deposit: the order is then simply paid in full.
 */
export function paymentAtPlacement(profile: Profile, o: { paymentMethod: string; customerKind: string; grossCents: number; placedOn: Temporal.PlainDate }): PaymentAtPlacement {
  const window = profile.payments?.paymentWindow;
  const deposit = profile.payments?.deposit;
  const amount = deposit?.appliesTo === 'all_orders' ? depositCents(o.grossCents, deposit.minBp) : 0;
  const hasDeposit = deposit !== undefined && amount > 0 && amount < o.grossCents;
  return {
    payment_due_on: window && o.paymentMethod === 'bank_transfer' ? dueOnText(o.placedOn, window.cancelAfter) : null,
    deposit_cents: hasDeposit ? amount : null,
    deposit_kind: hasDeposit ? depositKind(deposit.kind, o.customerKind) : null,
  };
}
