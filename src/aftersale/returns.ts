/**
 * How the goods go back after a withdrawal, from the shop's profile (C13) with the legal floors
 * applied: the consumer has at least 14 days from the notice to send them (L221-23, VI.51; the
 * seed's 10 days of 004 art.7 are below it, AS-11), and bears the direct cost only when the terms
 * say so (L221-23 al. 2). Pure.
 */
import type { Temporal } from 'temporal-polyfill';
import { parseDuration } from '../shops/profile/duration.ts';
import type { Profile } from '../shops/profile/schema.ts';

const LEGAL_RETURN_DAYS = 14;

export type ReturnInstructions = {
  /** Last day to send the goods back. */
  returnBy: Temporal.PlainDate;
  withinDays: number;
  /** Who pays the return: the consumer only when the terms say so beforehand. */
  costBorneBy: 'consumer' | 'seller' | 'consumer_unless_nonconforming';
  conditions: readonly string[];
  address: { line1: string; line2?: string | undefined; postalCode: string; city: string; country: string } | null;
};

export function returnInstructions(profile: Profile, notifiedOn: Temporal.PlainDate): ReturnInstructions {
  const w = profile.withdrawal;
  const configured = w?.returnWithin ? parseDuration(w.returnWithin).days + 7 * parseDuration(w.returnWithin).weeks : 0;
  const withinDays = Math.max(LEGAL_RETURN_DAYS, configured);
  const address = profile.identity.returnsAddress ?? profile.identity.registeredOffice ?? null;
  return {
    returnBy: notifiedOn.add({ days: withinDays }),
    withinDays,
    costBorneBy: w?.returnCostBorneBy ?? 'seller',
    conditions: w?.returnConditions ?? [],
    address,
  };
}
