/**
 * The only source of "now". Rules never read it: services ask a Clock and pass
 * the resulting instant or local date down (STYLE §9, §14). Tests use
 * TestClock to walk through deadlines deterministically.
 */
import { Temporal } from 'temporal-polyfill';

export interface Clock {
  now(): Temporal.Instant;
}

export const systemClock: Clock = {
  now: () => Temporal.Now.instant(),
};

/**
 * Thrown when a TestClock is asked to go back in time: timestamps already
 * recorded (orders, notices, audit rows) would otherwise appear to come from
 * the future. The app maps it through `code`.
 */
export class ClockCannotGoBack extends Error {
  readonly code = 'clock_cannot_go_back';

  constructor(from: Temporal.Instant, to: Temporal.Instant) {
    super(`Clock cannot go back from ${from.toString()} to ${to.toString()}`);
    this.name = 'ClockCannotGoBack';
  }
}

/** A clock that moves only when told, and only forward. */
export class TestClock implements Clock {
  #current: Temporal.Instant;

  constructor(start: Temporal.Instant = Temporal.Now.instant()) {
    this.#current = start;
  }

  now(): Temporal.Instant {
    return this.#current;
  }

  /** Jumps to `instant`; staying at the same instant is allowed. */
  set(instant: Temporal.Instant): void {
    if (Temporal.Instant.compare(instant, this.#current) < 0) {
      throw new ClockCannotGoBack(this.#current, instant);
    }
    this.#current = instant;
  }

  /**
   * Moves forward by an exact duration. Only hours and smaller units are
   * accepted, as by Temporal.Instant: a "day" is 23–25 h around DST changes,
   * so calendar steps belong to the caller (compute the target, then set()).
   */
  advanceBy(duration: Temporal.DurationLike): void {
    this.set(this.#current.add(Temporal.Duration.from(duration)));
  }
}

/** The local calendar date of the clock's instant in `timeZone` (e.g. Europe/Paris). */
export function today(clock: Clock, timeZone: string): Temporal.PlainDate {
  return clock.now().toZonedDateTimeISO(timeZone).toPlainDate();
}
