/**
 * Importing a camt.053 statement (issue 4 §2, API `POST /shops/{shop}/bank-statements` and the
 * back office): the file is parsed and checked first, so a refused file changes nothing; then it
 * is stored in `statement_imports` and its entries are imported in chunks of CHUNK_SIZE, one
 * transaction each, counting progress as they go. Each entry is inserted once (`on conflict do
 * nothing` on the bank's id, DESIGN.md principle 8), so a statement imported twice changes nothing
 * and two imports at once cannot both apply a payment. A credit whose reference names an order waiting for payment becomes an order
 * payment, with its evidence event and an e-mail to the customer through the outbox.
 */
import type { Kysely, Transaction } from 'kysely';
import { paidCentsColumn } from '../db/paid-cents.ts';
import type { DB } from '../db/schema.ts';
import { type Clock, today } from '../kernel/clock.ts';
import { cents } from '../kernel/money.ts';
import type { Shop } from '../shops/service.ts';
import { type BankStatement, type Camt053Document, parseCamt053, type StatementEntry } from './camt053.ts';
import { StatementRejected } from './errors.ts';
import { formatIban, normalizeIban } from '../kernel/iban.ts';
import { type OrderSide, recordPayment } from './record-payment.ts';
import { decideEntry, entryKey, type PayableOrder, referenceOf, storedForms } from './reconcile.ts';
import { readRemittance, type RemittanceReading } from './references.ts';
import { confirmDebitedRefund, refundDebitedBy } from './refunds/confirm.ts';
import { addProgress, findImport, type ImportCounts, insertImport, lockImport } from './statement-imports.ts';

export type ImportSummary = { entries: number; matched: number; unmatched: number; duplicates: number; ignored: number };

const CURRENCY = 'EUR';

/** Every account and entry must be in euros (issue 4, "Bad input": another currency). */
function requireEuros(statements: readonly BankStatement[]): void {
  for (const s of statements) {
    const other = [s.currency, ...s.entries.map((e) => e.currency)].find((c) => c !== null && c !== CURRENCY);
    if (other) throw new StatementRejected('statement_currency', { currency: other });
  }
}

/**
 * Every statement must be of one of the shop's own accounts (the IBANs its profile gives for
 * transfers): a statement of another account, uploaded by mistake, would let that account's
 * credits pay this shop's orders. A statement without an IBAN cannot be shown to be the shop's.
 */
function requireShopAccount(shop: Shop, statements: readonly BankStatement[]): void {
  const accounts = (shop.profile.payments?.methods ?? []).flatMap((m) => (m.method === 'bank_transfer' ? [normalizeIban(m.account.iban)] : []));
  for (const s of statements) {
    if (s.iban !== null && accounts.includes(normalizeIban(s.iban))) continue;
    throw new StatementRejected('statement_wrong_account', { statement: s.statementId, account: s.iban === null ? '-' : formatIban(s.iban), expected: accounts.map(formatIban).join(', ') || '-' });
  }
}

type Ctx = { trx: Transaction<DB>; shop: Shop; now: Date; today: string; actor: string; orders: OrderSide };

/** The statement, parsed and checked: what is refused here never reaches the database. */
export function readStatement(file: Uint8Array | string): Camt053Document {
  const document = parseCamt053(file);
  requireEuros(document.statements);
  return document;
}

/** `orders`: how a payment changes the order (src/flows/record-payment.ts). */
export type Deps = { db: Kysely<DB>; clock: Clock; orders: OrderSide };
type Item = { statement: BankStatement; entry: StatementEntry };

/** Entries per transaction: short locks on the orders paid, and progress a person can watch. */
export const CHUNK_SIZE = 50;

const itemsOf = (document: Camt053Document): Item[] => document.statements.flatMap((statement) => statement.entries.map((entry) => ({ statement, entry })));
const nowOf = (clock: Clock) => new Date(clock.now().epochMilliseconds);

/** Checks the file, then stores it as a running import; its entries are imported by `continueImport`. */
export async function beginImport(deps: Deps, shop: Shop, file: Uint8Array | string, meta: { filename: string; actor: string }): Promise<{ id: string; document: Camt053Document }> {
  const document = readStatement(file);
  requireShopAccount(shop, document.statements);
  const bytes = typeof file === 'string' ? new TextEncoder().encode(file) : file;
  const id = await insertImport(deps.db, { shopId: shop.slug, filename: meta.filename, document: bytes, totalEntries: itemsOf(document).length, actor: meta.actor, now: nowOf(deps.clock) });
  return { id, document };
}

/**
 * Imports the entries not yet processed, one chunk per transaction, until the import is done.
 * Safe to run again after a crash or from two processes: each chunk locks the import's row and
 * starts where the last committed chunk stopped, and entries are idempotent by their key.
 */
export async function continueImport(deps: Deps, shop: Shop, importId: string, document: Camt053Document): Promise<void> {
  const items = itemsOf(document);
  while (await importChunk(deps, shop, importId, items));
}

async function importChunk(deps: Deps, shop: Shop, importId: string, items: Item[]): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockImport(trx, shop.slug, importId);
    if (row?.status !== 'running') return false;
    const now = nowOf(deps.clock);
    const ctx: Ctx = { trx, shop, now, today: today(deps.clock, shop.timeZone).toString(), actor: row.actor, orders: deps.orders };
    const slice = items.slice(row.processed_entries, row.processed_entries + CHUNK_SIZE);
    const counts: ImportCounts = { matched: 0, unmatched: 0, duplicates: 0, ignored: 0 };
    for (const { statement, entry } of slice) counts[await importEntry(ctx, statement, entry)]++;
    const done = row.processed_entries + slice.length >= items.length;
    await addProgress(trx, shop.slug, importId, slice.length, counts, done ? now : null);
    return !done;
  });
}

/** The whole import, waited for (the API's synchronous contract). */
export async function importStatement(deps: Deps, shop: Shop, file: Uint8Array | string, actor: string, filename = 'statement.xml'): Promise<ImportSummary & { importId: string }> {
  const { id, document } = await beginImport(deps, shop, file, { filename, actor });
  await continueImport(deps, shop, id, document);
  const progress = await findImport(deps.db, shop.slug, id);
  if (!progress) throw new Error(`statement import ${id} vanished`);
  const { totalEntries: entries, matched, unmatched, duplicates, ignored } = progress;
  return { entries, matched, unmatched, duplicates, ignored, importId: id };
}

async function importEntry(ctx: Ctx, statement: BankStatement, entry: StatementEntry): Promise<'matched' | 'unmatched' | 'duplicates' | 'ignored'> {
  const reading = entry.creditDebit === 'CRDT' ? readRemittance(entry) : ({ status: 'none' } as const);
  const orders = await ordersByReference(ctx, reading, entry);
  const decision = decideEntry(entry, reading, orders);
  // Pending entries are not stored: the booked version will come on a later statement.
  if (decision.kind === 'ignored' && decision.reason === 'not_booked') return 'ignored';
  const externalId = entryKey(statement, entry);
  // A debit carrying the EndToEndId of an exported refund confirms that refund (issue 4 §5).
  const refund = decision.kind === 'ignored' && decision.reason === 'debit' ? await refundDebitedBy(ctx.trx, ctx.shop.slug, entry) : null;
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
      debtor_iban: entry.debtorIban,
      unstructured: entry.unstructured,
      order_id: decision.kind === 'matched' ? decision.order.id : (refund?.refund.order_id ?? null),
      status: refund ? 'matched' : decision.kind,
      imported_at: ctx.now,
    })
    .onConflict((oc) => oc.columns(['shop_id', 'external_id']).doNothing())
    .returning('external_id')
    .executeTakeFirst();
  if (!inserted) return 'duplicates';
  if (refund) {
    await confirmDebitedRefund(ctx, refund, externalId, entry.bookingDate?.toString() ?? null);
    return 'matched';
  }
  if (decision.kind !== 'matched') return decision.kind;
  await applyPayment(ctx, decision.order, externalId, entry);
  return 'matched';
}

/**
 * The orders the reading's references point to, locked: their payment is about to change and
 * their evidence log to grow (`appendEvent` needs the order row locked).
 */
async function ordersByReference(ctx: Ctx, reading: RemittanceReading, entry: StatementEntry): Promise<PayableOrder[]> {
  if (reading.status !== 'found') return [];
  const forms = reading.references.flatMap(storedForms);
  const rows = await ctx.trx
    .selectFrom('orders')
    .select(['id', 'payment_reference', 'payment_status', 'gross_cents', 'status', 'payment_not_before'])
    .select(paidCentsColumn)
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
    open: !CLOSED.has(r.status) && (r.payment_not_before === null || receivedOn(ctx, entry) >= r.payment_not_before),
  }));
}

/** Orders that take no more money: a credit naming one waits for staff in the queue. */
const CLOSED = new Set(['cancelled', 'refused']);

/** `YYYY-MM-DD`: the day the money reached the account. */
const receivedOn = (ctx: Ctx, entry: StatementEntry) => (entry.bookingDate ?? entry.valueDate)?.toString() ?? ctx.today;

async function applyPayment(ctx: Ctx, order: PayableOrder, externalId: string, entry: StatementEntry): Promise<void> {
  await recordPayment({ trx: ctx.trx, shop: ctx.shop, now: ctx.now, actor: ctx.actor, orders: ctx.orders }, order.id, {
    method: 'bank_transfer',
    amountCents: entry.amountCents,
    receivedOn: receivedOn(ctx, entry),
    bankEntryExternalId: externalId,
    evidence: { bookingDate: receivedOn(ctx, entry), debtorName: entry.debtorName },
  });
}
