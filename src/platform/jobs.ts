/**
 * Jobs due at the platform's time: the notices of terms versions that took effect (000 §20),
 * then delivering the e-mail outbox, so a notice enqueued by this run is sent by it; later
 * capabilities add their legal-deadline jobs here. The test clock calls this after moving time
 * (API.md).
 */
import type { Kysely } from 'kysely';
import { purgeSignInRecords } from '../accounts/retention.ts';
import { purgeIdleGuests } from '../accounts/guests.ts';
import { runWithdrawalRefundAlerts } from '../aftersale/alerts.ts';
import type { DB } from '../db/schema.ts';
import { nextRun } from '../kernel/next-run.ts';
import type { Clock } from '../kernel/clock.ts';
import type { StripeGateway } from '../payments/card/stripe-client.ts';
import { notifyTermsChanges } from '../legal/terms/service.ts';
import { issueAllRequestedInvoices } from '../invoicing/issue.ts';
import { deliverPendingEmails, type Mailer, purgeSentEmails } from '../notifications/outbox.ts';
import { runPaymentWindow } from '../flows/payment-window.ts';
import { closeDueCampaigns } from '../flows/close-campaign.ts';
import { runCardAuthorisationExpiry } from '../flows/card-authorisation-expiry.ts';
import { todayDigestJob } from '../flows/today-digest.ts';
import { runUncollectedPickups } from '../flows/uncollected-pickups.ts';
import type { OrderLinkSigning } from '../notifications/order-links.ts';
import type { EmailTemplates } from '../notifications/templates.ts';
import { emailTemplates } from './email-templates.ts';
import { purgeIdempotencyKeys } from './idempotency-keys.ts';

/** `publicUrl`: the origin links in e-mails point to (PUBLIC_URL, or the local server). */
/** `stripe`: sends the card refunds a job starts (a campaign cancelled for its minimum); null without Stripe. */
/** `orderLinks`: the origin and COMPTOIR_SECRET that sign the order links of the customers' e-mails (issue 10 §1). */
export function dueJobsRunner(db: Kysely<DB>, mailer: Mailer, mailFrom: string, clock: Clock, options: { publicUrl: string; stripe?: StripeGateway | null; orderLinks?: OrderLinkSigning }): () => Promise<void> {
  const templates = signingTemplates(options.orderLinks);
  // Issue 11 §7: the staff "today" digest, once a shop day (it remembers the days it looked).
  const todayDigest = todayDigestJob({ db, clock, publicUrl: options.publicUrl });
  const run = async () => {
    // Invoices of orders committed by a process that stopped before numbering them (migration 0026).
    await issueAllRequestedInvoices(db);
    await notifyTermsChanges(db, clock.now(), options.publicUrl);
    // remind, then cancel, unpaid transfer orders; their e-mails go out in this run.
    await runPaymentWindow({ db, clock });
    // Issue 12 §5: campaigns whose closing time has come close (minimums, supplier orders).
    await closeDueCampaigns({ db, clock, stripe: options.stripe ?? null });
    // Issue 10 §3: staff alerts 10 and 3 days before a withdrawal's refund falls due.
    await runWithdrawalRefundAlerts({ db, clock, publicUrl: options.publicUrl });
    // SPEC.md A-63: a card authorisation that will have expired by the planned shipment: pay again.
    await runCardAuthorisationExpiry({ db, clock, publicUrl: options.publicUrl });
    // Issue 12 §5: pickup orders not collected: one reminder, then staff decide (the today view).
    await runUncollectedPickups({ db, clock });
    await todayDigest();
    // Idempotency keys are replayed for 24 h, then forgotten (issue 8 §5).
    await purgeIdempotencyKeys(db, new Date(clock.now().epochMilliseconds));
    // Sign-in failures, known callers, expired sessions and reset links: kept only while they serve.
    await purgeSignInRecords(db, new Date(clock.now().epochMilliseconds));
    // Guests of a checkout never finished: forgotten after two days (issue 10 §1).
    await purgeIdleGuests(db, new Date(clock.now().epochMilliseconds));
    // Sent e-mails are kept 30 days, then the order's evidence events are their trace (issue 9).
    await purgeSentEmails(db, new Date(clock.now().epochMilliseconds));
    await deliverPendingEmails(db, mailer, mailFrom, () => new Date(clock.now().epochMilliseconds), templates);
  };
  // A caller arriving during a run waits for one more, shared by all who arrived meanwhile, so
  // nothing enqueued before its call waits for the next tick.
  return nextRun(run);
}

/**
 * The outbox's own loop, apart from the 5-second due jobs: delivers, then looks again at once if it
 * sent anything, else one second after the last run ended (never two runs at once). Polling rather than LISTEN/NOTIFY: one
 * indexed query a second costs nothing, works the same on PGlite and PostgreSQL, needs no
 * dedicated connection, and cannot miss a notification sent while reconnecting; a second of
 * latency is nothing for an e-mail. Several processes may each run this loop: rows are claimed
 * with FOR UPDATE SKIP LOCKED and a lease (src/notifications/outbox.ts).
 */
export function startEmailDelivery(db: Kysely<DB>, mailer: Mailer, mailFrom: string, clock: Clock, onError: (error: unknown) => void, intervalMs = 1000, orderLinks?: OrderLinkSigning): { stop(): Promise<void> } {
  const templates = signingTemplates(orderLinks);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = deliverPendingEmails(db, mailer, mailFrom, () => new Date(clock.now().epochMilliseconds), templates)
      .catch((error) => {
        onError(error);
        return 0;
      })
      // Under load, look again at once: orders keep arriving while a batch is sent.
      .then((sent) => {
        if (!stopped) timer = setTimeout(tick, sent > 0 ? 0 : intervalMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}

/** The e-mail templates, with the signing of the customers' order links when the secret is given. */
function signingTemplates(orderLinks: OrderLinkSigning | undefined): EmailTemplates {
  return orderLinks ? { ...emailTemplates, orderLinks } : emailTemplates;
}
