/**
 * Issuing and reading credit notes (issue 10 §6, issue 11 §8; rules in credit-note-rules.ts).
 *
 * `issueCreditNote` runs inside the caller's transaction — the cancellation, refusal, withdrawal
 * refund or warranty decision that causes it, which has locked the order row — so the note, its
 * number and the counter commit or roll back with that fact: a rolled-back note gives its number
 * back and the series stays gapless. The parties are the invoice's own snapshots.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { CreditNoteLineJson, CreditNoteReason, CreditNotesTable, DB, InvoiceLineJson, InvoiceParty, InvoiceTotalsJson } from '../db/schema.ts';
import { localDate } from '../kernel/calendar.ts';
import { DomainError } from '../kernel/errors.ts';
import { isUuid } from '../kernel/ids.ts';
import type { Shop } from '../shops/service.ts';
import { CreditExceedsInvoice, type CreditRequestLine, creditedSoFar, creditNoteContent, creditNoteNumber, spreadAmount } from './credit-note-rules.ts';
import { invoiceSeries } from './rules.ts';

export type CreditNoteRow = Selectable<CreditNotesTable>;
export type { CreditNoteReason };

/**
 * A line to credit, named as the caller knows it: an order line by its number (`lineNo`), or the
 * delivery (`shipping: true`); for a `quantity` of it, or an `amountCents` off it, or all that is
 * left of it (neither).
 */
export type CreditLine = ({ lineNo: number } | { shipping: true }) & { quantity?: number; amountCents?: number };

export type CreditNoteRequest = {
  orderId: string;
  reason: CreditNoteReason;
  /** Free text printed on the note (the refusal's or the claim's note…). */
  note?: string | null;
  /** What caused it (a withdrawal's id…): a second call for the same cause returns the first note. */
  sourceId?: string;
  actor: string;
  now: Date;
} & ({ full: true } | { lines: readonly CreditLine[] } | { spread: { amountCents: number; over: readonly CreditLine[] | 'goods' } });

export type IssuedCreditNote = { id: string; number: string; issuedOn: string; totals: InvoiceTotalsJson };

/** 422 `credit_exceeds_invoice`: more than what is left of an invoice line to credit. */
export class CreditNoteRefused extends DomainError {
  constructor(code: string, params: Record<string, string | number> = {}, field?: string) {
    super(code, 'refused', params, field);
  }
}

async function nextSerial(trx: Transaction<DB>, shopId: string, year: number): Promise<number> {
  const row = await trx
    .insertInto('credit_note_counters')
    .values({ shop_id: shopId, year, last: 1 })
    .onConflict((oc) => oc.columns(['shop_id', 'year']).doUpdateSet((eb) => ({ last: eb(eb.ref('credit_note_counters.last'), '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

const asIssued = (r: Pick<CreditNoteRow, 'id' | 'number' | 'issued_on' | 'totals'>): IssuedCreditNote => ({ id: r.id, number: r.number, issuedOn: r.issued_on, totals: r.totals });

/**
 * Issues the credit note of `request` against the order's invoice, numbered next in the shop's
 * credit-note series of today's (shop-local) year. `shopOrId`: the shop, or its id (a flow holding
 * only the order row). Null when the order has no invoice (nothing
 * was invoiced, nothing to credit) or nothing is left of it to credit.
 */
export async function issueCreditNote(trx: Transaction<DB>, shopOrId: Pick<Shop, 'slug'> | string, request: CreditNoteRequest): Promise<IssuedCreditNote | null> {
  const shop = { slug: typeof shopOrId === 'string' ? shopOrId : shopOrId.slug };
  const invoice = await trx
    .selectFrom('invoices')
    .innerJoin('shops', 'shops.id', 'invoices.shop_id')
    .select(['invoices.id', 'invoices.seller', 'invoices.buyer', 'invoices.lines', 'shops.time_zone'])
    .where('invoices.shop_id', '=', shop.slug)
    .where('invoices.order_id', '=', request.orderId)
    .where('invoices.kind', '=', 'invoice')
    .executeTakeFirst();
  if (!invoice) return null;
  const earlier = await trx.selectFrom('credit_notes').select(['id', 'number', 'issued_on', 'totals', 'lines', 'reason', 'source_id']).where('shop_id', '=', shop.slug).where('invoice_id', '=', invoice.id).execute();
  if (request.sourceId !== undefined) {
    const same = earlier.find((c) => c.reason === request.reason && c.source_id === request.sourceId);
    if (same) return asIssued(same);
  }
  const invoiceLines = invoice.lines as InvoiceLineJson[];
  const credited = creditedSoFar(earlier.map((c) => c.lines as CreditNoteLineJson[]));
  let content: ReturnType<typeof creditNoteContent>;
  try {
    let requested: CreditRequestLine[] | null = null;
    if ('lines' in request) requested = await toInvoiceLines(trx, shop.slug, request.orderId, invoiceLines, request.lines);
    if ('spread' in request) {
      // 'goods': every line of the invoice but the delivery (its last line when the order had one).
      const goods = async () => (await trx.selectFrom('order_lines').select('line_no').where('shop_id', '=', shop.slug).where('order_id', '=', request.orderId).execute()).map((_, i) => i);
      const over = request.spread.over === 'goods' ? await goods() : (await toInvoiceLines(trx, shop.slug, request.orderId, invoiceLines, request.spread.over)).map((l) => l.invoiceLine);
      requested = spreadAmount(invoiceLines, credited, over, request.spread.amountCents);
    }
    content = creditNoteContent(invoiceLines, credited, requested ? { lines: requested } : { full: true });
  } catch (error) {
    if (error instanceof CreditExceedsInvoice) throw new CreditNoteRefused('credit_exceeds_invoice', { leftCents: error.leftCents }, 'lines');
    throw error;
  }
  if (content.lines.length === 0) return null;
  const issuedOn = localDate(Temporal.Instant.fromEpochMilliseconds(request.now.getTime()), invoice.time_zone);
  // Last before the insert: the counter row stays locked from here to the commit.
  const year = invoiceSeries(issuedOn);
  const serial = await nextSerial(trx, shop.slug, year);
  const number = creditNoteNumber(year, serial);
  const row = await trx
    .insertInto('credit_notes')
    .values({
      shop_id: shop.slug,
      number,
      invoice_id: invoice.id,
      order_id: request.orderId,
      issued_on: issuedOn.toString(),
      reason: request.reason,
      source_id: request.sourceId ?? null,
      note: request.note ?? null,
      seller: JSON.stringify(invoice.seller),
      buyer: JSON.stringify(invoice.buyer),
      lines: JSON.stringify(content.lines),
      totals: JSON.stringify(content.totals),
      created_by: request.actor,
      created_at: request.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, number, issuedOn: issuedOn.toString(), totals: content.totals };
}

/**
 * What is left to credit of some lines of the order's invoice, all taxes included: each line's
 * total less what earlier credit notes took of it. Null when the order has no invoice.
 */
export async function creditableCents(trx: Transaction<DB>, shopId: string, orderId: string, lines: readonly CreditLine[]): Promise<number | null> {
  const invoice = await trx.selectFrom('invoices').select(['id', 'lines']).where('shop_id', '=', shopId).where('order_id', '=', orderId).where('kind', '=', 'invoice').executeTakeFirst();
  if (!invoice) return null;
  const invoiceLines = invoice.lines as InvoiceLineJson[];
  const earlier = await trx.selectFrom('credit_notes').select('lines').where('shop_id', '=', shopId).where('invoice_id', '=', invoice.id).execute();
  const credited = creditedSoFar(earlier.map((c) => c.lines as CreditNoteLineJson[]));
  const indexes = new Set((await toInvoiceLines(trx, shopId, orderId, invoiceLines, lines)).map((l) => l.invoiceLine));
  return [...indexes].reduce((sum, i) => sum + Math.max(0, (invoiceLines[i]?.totalCents ?? 0) - (credited.get(i)?.cents ?? 0)), 0);
}

/** Order line numbers → the invoice's line indexes (its lines follow the order's by number, then delivery). */
async function toInvoiceLines(trx: Transaction<DB>, shopId: string, orderId: string, invoiceLines: readonly InvoiceLineJson[], lines: readonly CreditLine[]): Promise<CreditRequestLine[]> {
  const numbers = (await trx.selectFrom('order_lines').select('line_no').where('shop_id', '=', shopId).where('order_id', '=', orderId).orderBy('line_no').execute()).map((l) => l.line_no);
  return lines.map((l) => {
    const index = 'shipping' in l ? (invoiceLines.length > numbers.length ? numbers.length : -1) : numbers.indexOf(l.lineNo);
    if (index < 0) throw new CreditNoteRefused('credit_exceeds_invoice', { leftCents: 0 }, 'lines');
    return { invoiceLine: index, ...(l.quantity !== undefined && { quantity: l.quantity }), ...(l.amountCents !== undefined && { amountCents: l.amountCents }) };
  });
}

/** Reading (the caller has checked access to the order). */
export async function creditNotesOfOrder(db: Kysely<DB>, shopId: string, orderId: string): Promise<CreditNoteRow[]> {
  return db.selectFrom('credit_notes').selectAll().where('shop_id', '=', shopId).where('order_id', '=', orderId).orderBy('number').execute();
}

export async function creditNoteById(db: Kysely<DB>, shopId: string, id: string): Promise<CreditNoteRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('credit_notes').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
}

export type CreditNote = {
  id: string;
  number: string;
  kind: 'credit_note';
  issuedOn: string;
  dueOn: null;
  orderId: string;
  orderNumber: string;
  invoiceId: string;
  invoiceNumber: string;
  reason: CreditNoteReason;
  note: string | null;
  seller: InvoiceParty;
  buyer: InvoiceParty;
  lines: CreditNoteLineJson[];
  totals: InvoiceTotalsJson;
  /** What the note credits, all taxes included: the customer's due falls by this much. */
  creditedCents: number;
};

/** The credit note as the API shows it, beside invoices (API.md `kind: "credit_note"`). */
export function creditNoteJsonOf(row: CreditNoteRow, order: { number: string }, invoiceNumber: string): CreditNote {
  return {
    id: row.id,
    number: row.number,
    kind: 'credit_note',
    issuedOn: row.issued_on,
    dueOn: null,
    orderId: row.order_id,
    orderNumber: order.number,
    invoiceId: row.invoice_id,
    invoiceNumber,
    reason: row.reason,
    note: row.note,
    seller: row.seller,
    buyer: row.buyer,
    lines: row.lines,
    totals: row.totals,
    creditedCents: row.totals.grossCents,
  };
}

/** For the order pages, whose routes have already checked access to the order. */
export async function creditNoteLinksOf(db: Kysely<DB>, shopId: string, orderId: string): Promise<{ id: string; number: string; issuedOn: string; grossCents: number }[]> {
  return (await creditNotesOfOrder(db, shopId, orderId)).map((c) => ({ id: c.id, number: c.number, issuedOn: c.issued_on, grossCents: c.totals.grossCents }));
}
