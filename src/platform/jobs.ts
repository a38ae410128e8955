/**
 * Jobs due at the platform's time. Today: delivering the e-mail outbox; later capabilities add
 * their legal-deadline jobs here. The test clock calls this after moving time (API.md).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../kernel/clock.ts';
import { deliverPendingEmails, type Mailer } from '../notifications/outbox.ts';

export function dueJobsRunner(db: Kysely<DB>, mailer: Mailer, mailFrom: string, clock: Clock): () => Promise<void> {
  let running: Promise<void> | null = null;
  const run = async () => {
    await deliverPendingEmails(db, mailer, mailFrom, () => new Date(clock.now().epochMilliseconds));
  };
  // Concurrent callers share the run in progress, then run once more so nothing enqueued meanwhile waits.
  return async () => {
    while (running) await running;
    running = run().finally(() => {
      running = null;
    });
    await running;
  };
}
