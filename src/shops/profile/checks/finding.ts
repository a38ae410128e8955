/**
 * What the profile checker reports. Severity is decided the same way everywhere:
 * - error: the clause holds the *customer* to something the law forbids — a shorter period to
 *   act, a condition or channel the law does not allow, a right or remedy taken away or given
 *   to the seller, a charge the law forbids. The law applies, but the text must be fixed
 *   before it is shown to customers.
 * - warning: an obligation of the *seller* is weaker than the law (a later refund, an old
 *   surcharge schedule, a longer data-request reply…) and the platform silently applies the
 *   legal value; or required information is missing and publishing stays blocked.
 * - info: how the platform reads a clause; nothing is weaker than the law.
 */
import { describeDuration } from '../duration.ts';
import { type Floor, type FloorKey, type FloorValue, floorOf } from '../floors.ts';
import type { LegalSystem } from '../schema.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  readonly severity: Severity;
  /** Dotted path in the profile, e.g. `withdrawal.returnWithin`. */
  readonly path: string;
  /** Plain sentence: the shop's value, the legal one and its source, and what will apply. */
  readonly message: string;
  /** The legal value, in the profile's own notation (`P14D`, `consumer`, 4000…). */
  readonly legalMinimum?: string | number | boolean;
  /** The value the platform applies instead, when it differs from the shop's. */
  readonly applied?: string | number | boolean;
  readonly source: string;
}

/** Looks a floor up and fails loudly if the data file lacks it: a checker bug, not a shop's. */
export function requireFloor<K extends FloorKey>(key: K, system: LegalSystem): Floor<FloorValue<K>> {
  const floor = floorOf(key, system);
  if (!floor) throw new Error(`floors.ts has no "${key}" floor for ${system}`);
  return floor;
}

export const days = describeDuration;

/** "… (C. consom. L221-23)" with the source's confidence noted when it is only recalled. */
export function cite(floor: Floor<unknown>): string {
  return floor.confidence === 'R' ? `${floor.source}, to verify` : floor.source;
}

/** The common "shorter than the legal …; … will apply" finding for a period. */
export function periodBelowFloor(
  severity: Severity,
  path: string,
  value: string,
  floor: Floor<string>,
  what = 'the legal',
): Finding {
  return {
    severity,
    path,
    message: `${days(value)} is shorter than ${what} ${days(floor.value)} (${cite(floor)}); ${days(floor.value)} will apply`,
    legalMinimum: floor.value,
    applied: floor.value,
    source: floor.source,
  };
}

/** The common "longer than the legal maximum …" finding for a period the seller must meet. */
export function periodAboveCeiling(severity: Severity, path: string, value: string, floor: Floor<string>, what: string): Finding {
  return {
    severity,
    path,
    message: `${days(value)} is longer than the legal ${days(floor.value)} ${what} (${cite(floor)}); ${days(floor.value)} will apply`,
    legalMinimum: floor.value,
    applied: floor.value,
    source: floor.source,
  };
}

export const sellsTo = (kinds: readonly string[] | undefined, kind: string): boolean => !kinds || kinds.includes(kind);
