/** Table types for credit notes (issue 10 §6, issue 11 §8); joined into `DB` by src/db/schema.ts. */
import type { Generated } from 'kysely';
import type { Json, Timestamp } from './column-types.ts';
import type { InvoiceLineJson, InvoiceParty, InvoiceTotalsJson } from './schema-money.ts';

export type CreditNoteReason = 'order_cancelled' | 'order_refused' | 'withdrawal' | 'warranty_refund' | 'warranty_price_reduction' | 'goodwill_return' | 'other';

/** A credited line: which line of the invoice it credits (0-based), and what of it (amounts positive). */
export type CreditNoteLineJson = InvoiceLineJson & { invoiceLine: number };

export interface CreditNoteCountersTable {
  shop_id: string;
  year: number;
  /** The last number issued in the shop's credit-note series for that calendar year. */
  last: number;
}

export interface CreditNotesTable {
  shop_id: string;
  id: Generated<string>;
  /** `AV-2026-000001`: unique per shop, consecutive per calendar year, a series of its own (src/invoicing/credit-note-rules.ts). */
  number: string;
  invoice_id: string;
  order_id: string;
  /** `YYYY-MM-DD`, shop-local. */
  issued_on: string;
  reason: CreditNoteReason;
  /** What caused it (a withdrawal's or claim's id): one credit note per cause. */
  source_id: string | null;
  note: string | null;
  /** Snapshots, as on the invoice: kept as issued. */
  seller: Json<InvoiceParty>;
  buyer: Json<InvoiceParty>;
  lines: Json<CreditNoteLineJson[]>;
  totals: Json<InvoiceTotalsJson>;
  created_by: string;
  created_at: Timestamp;
}

export interface CreditNoteTables {
  credit_note_counters: CreditNoteCountersTable;
  credit_notes: CreditNotesTable;
}
