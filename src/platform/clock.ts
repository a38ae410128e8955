/**
 * The platform's clock. Real time by default; with COMPTOIR_TEST_CLOCK a test clock that an
 * operator moves forward through the API (API.md "Test clock"). Its time is stored in the
 * database so a restart does not send the platform back to the real date.
 */
import type { Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB } from '../db/schema.ts';
import { type Clock, systemClock, TestClock } from '../kernel/clock.ts';

export type PlatformClock = Clock & {
  readonly test: TestClock | null;
  /** Moves the test clock forward and stores it; fails when the clock is not a test clock. */
  moveTo(instant: Temporal.Instant): Promise<void>;
};

export async function createPlatformClock(db: Kysely<DB>, testClock: string | undefined): Promise<PlatformClock> {
  if (!testClock) {
    return { now: systemClock.now, test: null, moveTo: async () => { throw new Error('not a test clock'); } };
  }
  const stored = await db.selectFrom('platform_clock').select('now').where('id', '=', 1).executeTakeFirst();
  const start = stored
    ? Temporal.Instant.fromEpochMilliseconds(stored.now.getTime())
    : testClock === '1'
      ? Temporal.Now.instant()
      : Temporal.Instant.from(new Date(testClock).toISOString());
  const clock = new TestClock(start);
  const save = (instant: Temporal.Instant) =>
    db
      .insertInto('platform_clock')
      .values({ id: 1, now: new Date(instant.epochMilliseconds) })
      .onConflict((oc) => oc.column('id').doUpdateSet({ now: new Date(instant.epochMilliseconds) }))
      .execute();
  await save(start);
  return {
    now: () => clock.now(),
    test: clock,
    async moveTo(instant) {
      clock.set(instant);
      await save(instant);
    },
  };
}
