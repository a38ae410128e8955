/**
 * Importing a camt.053 statement (issue 4 §2, API `POST /shops/{shop}/bank-statements`): one
 * transaction; each entry is inserted once (`on conflict do nothing` on the bank's id, DESIGN.md
 * principle 8), so a statement imported twice changes nothing and two imports at once cannot both
 * apply a payment. A credit whose reference names an order waiting for payment becomes an order
 * payment, with its evidence event and an e-mail to the customer through the outbox.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Clock, today } from '../kernel/clock.ts';
import { cents } from '../kernel/money.ts';
import type { Shop } from '../shops/service.ts';
import { type BankStatement, parseCamt053, type StatementEntry } from './camt053.ts';
import { StatementRejected } from './errors.ts';
import { recordPayment } from './record-payment.ts';
import { decideEntry, entryKey, type PayableOrder, referenceOf, storedForms } from './reconcile.ts';
import { readRemittance, type RemittanceReading } from './references.ts';

export type ImportSummary = { entries: number; matched: number; unmatched: number; duplicates: number; ignored: number };

const CURRENCY = 'EUR';

/** Every account and entry must be in euros (issue 4, "Bad input": another currency). */
function requireEuros(statements: readonly BankStatement[]): void {
  for (const s of statements) {
    const other = [s.currency, ...s.entries.map((e) => e.currency)].find((c) => c !== null && c !== CURRENCY);
    if (other) throw new StatementRejected('statement_currency', { currency: other });
  }
}

type Ctx = { trx: Transaction<DB>; shop: Shop; now: Date; today: string; actor: string };

export async function importStatement(deps: { db: Kysely<DB>; clock: Clock }, shop: Shop, file: Uint8Array | string, actor: string): Promise<ImportSummary> {
  const document = parseCamt053(file);
  requireEuros(document.statements);
  const now = new Date(deps.clock.now().epochMilliseconds);
  const summary: ImportSummary = { entries: 0, matched: 0, unmatched: 0, duplicates: 0, ignored: 0 };
  await deps.db.transaction().execute(async (trx) => {
    const ctx: Ctx = { trx, shop, now, today: today(deps.clock, shop.timeZone).toString(), actor };
    for (const statement of document.statements) {
      for (const entry of statement.entries) {
        summary.entries++;
        summary[await importEntry(ctx, statement, entry)]++;
      }
    }
  });
  return summary;
}

async function importEntry(ctx: Ctx, statement: BankStatement, entry: StatementEntry): Promise<'matched' | 'unmatched' | 'duplicates' | 'ignored'> {
  const reading = entry.creditDebit === 'CRDT' ? readRemittance(entry) : ({ status: 'none' } as const);
  const orders = await ordersByReference(ctx, reading);
  const decision = decideEntry(entry, reading, orders);
  // Pending entries are not stored: the booked version will come on a later statement.
  if (decision.kind === 'ignored' && decision.reason === 'not_booked') return 'ignored';
  const externalId = entryKey(statement, entry);
  const inserted = await ctx.trx
    .insertInto('bank_entries')
    .values({
      shop_id: ctx.shop.slug,
      external_id: externalId,
      statement_id: statement.statementId,
      booking_date: entry.bookingDate?.toString() ?? null,
      amount_cents: entry.amountCents,
      credit_debit: entry.creditDebit,
      reference: referenceOf(reading),
      reference_status: reading.status,
      debtor_name: entry.debtorName,
      end_to_end_id: entry.endToEndId,
      unstructured: entry.unstructured,
      order_id: decision.kind === 'matched' ? decision.order.id : null,
      status: decision.kind,
      imported_at: ctx.now,
    })
    .onConflict((oc) => oc.columns(['shop_id', 'external_id']).doNothing())
    .returning('external_id')
    .executeTakeFirst();
  if (!inserted) return 'duplicates';
  if (decision.kind !== 'matched') return decision.kind;
  await applyPayment(ctx, decision.order, externalId, entry);
  return 'matched';
}

/**
 * The orders the reading's references point to, locked: their payment is about to change and
 * their evidence log to grow (`appendEvent` needs the order row locked).
 */
async function ordersByReference(ctx: Ctx, reading: RemittanceReading): Promise<PayableOrder[]> {
  if (reading.status !== 'found') return [];
  const forms = reading.references.flatMap(storedForms);
  const rows = await ctx.trx
    .selectFrom('orders')
    .select(['id', 'payment_reference', 'payment_status', 'gross_cents'])
    .select((eb) =>
      eb
        .selectFrom('order_payments')
        .select((p) => p.fn.coalesce(p.fn.sum<number>('amount_cents'), p.lit(0)).as('paid'))
        .whereRef('order_payments.shop_id', '=', 'orders.shop_id')
        .whereRef('order_payments.order_id', '=', 'orders.id')
        .as('paid_cents'),
    )
    .where('shop_id', '=', ctx.shop.slug)
    .where('payment_reference', 'in', forms)
    .forUpdate()
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.payment_reference ?? '',
    paymentStatus: r.payment_status,
    grossCents: cents(r.gross_cents),
    paidCents: cents(Number(r.paid_cents ?? 0)),
  }));
}

async function applyPayment(ctx: Ctx, order: PayableOrder, externalId: string, entry: StatementEntry): Promise<void> {
  const receivedOn = (entry.bookingDate ?? entry.valueDate)?.toString() ?? ctx.today;
  await recordPayment({ trx: ctx.trx, shop: ctx.shop, now: ctx.now, actor: ctx.actor }, order.id, {
    method: 'bank_transfer',
    amountCents: entry.amountCents,
    receivedOn,
    bankEntryExternalId: externalId,
    evidence: { bookingDate: receivedOn, debtorName: entry.debtorName },
  });
}
