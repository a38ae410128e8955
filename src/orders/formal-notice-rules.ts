/**
 * Termination by the seller after a formal notice sent by registered letter (issue 11 §6; SPEC
 * C21, C24; 003 art.19, art.7.2), as pure rules. Dates are local calendar days; "today" is a
 * parameter.
 *
 * - Non-payment (003 art.19, `contractRemedies.terminationForFault`): the contract is terminated
 *   15 calendar days after the letter is received or first presented, whichever comes first,
 *   unless the breach is cured meanwhile (the sums due paid). 004 art.16-5 (O18, chosen in the
 *   profile's `contractRemedies.nonPaymentTermination`): 30 days after the receipt of a notice
 *   stating the clause; its "automatic" variant needs no letter (the payment window cancels).
 * - Goods not collected (003 art.7.2, `delivery.nonCollection`): the seller may dispose of them
 *   8 days after the letter was first presented, unless collected meanwhile; the deposit is kept.
 * The period runs from the day after the start (calendar days, SPEC §0.2) and ends at the end of
 * its last day: the termination or the disposal is open from the next day.
 */
import type { Temporal } from 'temporal-polyfill';
import { DomainError } from '../kernel/errors.ts';
import type { Profile } from '../shops/profile/schema.ts';
import { parseDuration } from '../shops/profile/duration.ts';

export const FORMAL_NOTICE_KINDS = ['non_payment', 'non_collection'] as const;
export type FormalNoticeKind = (typeof FORMAL_NOTICE_KINDS)[number];

/** From which of the letter's dates the period counts. */
export type NoticeStart = 'first_presented' | 'received_or_first_presented' | 'received' | 'sent';
export type NoticeTerms = { days: number; from: NoticeStart; depositKept: boolean; clause: string };

const days = (iso: string) => {
  const p = parseDuration(iso);
  return p.weeks * 7 + p.days;
};

/** What the shop's terms say of a notice of this kind; null when they provide none. */
export function noticeTerms(profile: Profile, kind: FormalNoticeKind): NoticeTerms | null {
  if (kind === 'non_payment') {
    const clause = profile.contractRemedies?.nonPaymentTermination;
    if (clause?.mode === 'after_notice' && clause.within) return { days: days(clause.within), from: clause.from === 'notice_sent' ? 'sent' : 'received', depositKept: false, clause: 'art.16-5' };
    const p = profile.contractRemedies?.terminationForFault;
    if (!p) return null;
    return { days: days(p.within), from: p.from === 'registered_letter_first_presented' ? 'first_presented' : 'received_or_first_presented', depositKept: true, clause: 'art.19' };
  }
  const n = profile.delivery?.nonCollection;
  if (!n) return null;
  return { days: days(n.disposeAfter.within), from: n.disposeAfter.from === 'registered_letter_received_or_first_presented' ? 'received_or_first_presented' : 'first_presented', depositKept: n.depositKept === true, clause: 'art.7.2' };
}

export type LetterDates = { sentOn: Temporal.PlainDate; presentedOn: Temporal.PlainDate | null; receivedOn: Temporal.PlainDate | null };

/** The day the period starts from: the first presentation, or the receipt if earlier (or the only one known) where the terms say so. */
export function periodStart(terms: NoticeTerms, letter: LetterDates): Temporal.PlainDate | null {
  if (terms.from === 'sent') return letter.sentOn;
  if (terms.from === 'received') return letter.receivedOn;
  if (terms.from === 'first_presented') return letter.presentedOn ?? letter.receivedOn;
  const known = [letter.presentedOn, letter.receivedOn].filter((d): d is Temporal.PlainDate => d !== null);
  return known.reduce<Temporal.PlainDate | null>((a, b) => (a === null || b.until(a).days > 0 ? b : a), null);
}

export type NoticeState = { periodEndsOn: string | null; effectiveFrom: string | null };

export function noticeState(terms: NoticeTerms, letter: LetterDates): NoticeState {
  const start = periodStart(terms, letter);
  if (!start) return { periodEndsOn: null, effectiveFrom: null };
  const end = start.add({ days: terms.days });
  return { periodEndsOn: end.toString(), effectiveFrom: end.add({ days: 1 }).toString() };
}

/** Whether the seller may terminate today on this notice. Throws the refusal. */
export function checkNoticeTermination(terms: NoticeTerms, letter: LetterDates, cured: boolean, today: Temporal.PlainDate): void {
  if (cured) throw new DomainError('formal_notice_cured', 'refused');
  const { periodEndsOn, effectiveFrom } = noticeState(terms, letter);
  if (!periodEndsOn || !effectiveFrom) throw new DomainError('formal_notice_not_presented', 'refused', {}, 'presentedOn');
  if (today.toString() < effectiveFrom) throw new DomainError('formal_notice_period_running', 'refused', { periodEndsOn });
}

/** The letter's dates in order: presented and received never before it was sent, none in the future. */
export function checkLetterDates(letter: LetterDates, today: Temporal.PlainDate): void {
  for (const [field, d] of [['sentOn', letter.sentOn], ['presentedOn', letter.presentedOn], ['receivedOn', letter.receivedOn]] as const) {
    if (d && d.toString() > today.toString()) throw new DomainError('event_in_future', 'refused', {}, field);
    if (d && field !== 'sentOn' && d.toString() < letter.sentOn.toString()) throw new DomainError('letter_dates_out_of_order', 'refused', {}, field);
  }
}
