/**
 * The rows of `statement_imports` (migration 0005): one per uploaded statement, holding the file
 * as received and the progress of its entries, so a page can show how far a long import has come
 * and an import interrupted by a crash can be resumed from its stored document.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, StatementImportsTable } from '../db/schema.ts';
import { isUuid } from '../kernel/ids.ts';

type ImportRow = Selectable<StatementImportsTable>;

/** What each entry of a statement came to, counted per import. */
export type ImportCounts = { matched: number; unmatched: number; duplicates: number; ignored: number };

export type ImportProgress = ImportCounts & {
  id: string;
  filename: string;
  status: ImportRow['status'];
  totalEntries: number;
  processedEntries: number;
  errorCode: string | null;
  startedAt: string;
  finishedAt: string | null;
};

export function rowToProgress(row: Omit<ImportRow, 'document' | 'shop_id' | 'actor'>): ImportProgress {
  return {
    id: row.id,
    filename: row.filename,
    status: row.status,
    totalEntries: row.total_entries,
    processedEntries: row.processed_entries,
    matched: row.matched,
    unmatched: row.unmatched,
    duplicates: row.duplicates,
    ignored: row.ignored,
    errorCode: row.error_code,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

const PROGRESS = ['id', 'filename', 'status', 'total_entries', 'processed_entries', 'matched', 'unmatched', 'duplicates', 'ignored', 'error_code', 'started_at', 'finished_at'] as const;

export async function insertImport(
  db: Kysely<DB>,
  row: { shopId: string; filename: string; document: Uint8Array; totalEntries: number; actor: string; now: Date },
): Promise<string> {
  const empty = row.totalEntries === 0;
  const inserted = await db
    .insertInto('statement_imports')
    .values({
      shop_id: row.shopId,
      filename: row.filename,
      document: row.document,
      status: empty ? 'done' : 'running',
      total_entries: row.totalEntries,
      error_code: null,
      actor: row.actor,
      started_at: row.now,
      finished_at: empty ? row.now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function findImport(db: Kysely<DB>, shopId: string, id: string): Promise<ImportProgress | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db.selectFrom('statement_imports').select(PROGRESS).where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirst();
  return row && rowToProgress(row);
}

/**
 * The import's row, locked for the chunk about to run: two processes resuming the same import
 * take turns, and each continues where the other's committed chunk stopped.
 */
export async function lockImport(trx: Transaction<DB>, shopId: string, id: string) {
  return trx.selectFrom('statement_imports').select(['status', 'processed_entries', 'total_entries', 'actor']).where('shop_id', '=', shopId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function addProgress(trx: Transaction<DB>, shopId: string, id: string, processed: number, counts: ImportCounts, finishedAt: Date | null): Promise<void> {
  await trx
    .updateTable('statement_imports')
    .set((eb) => ({
      processed_entries: eb('processed_entries', '+', processed),
      matched: eb('matched', '+', counts.matched),
      unmatched: eb('unmatched', '+', counts.unmatched),
      duplicates: eb('duplicates', '+', counts.duplicates),
      ignored: eb('ignored', '+', counts.ignored),
      ...(finishedAt && { status: 'done' as const, finished_at: finishedAt }),
    }))
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .execute();
}

export async function markFailed(db: Kysely<DB>, shopId: string, id: string, errorCode: string, now: Date): Promise<void> {
  await db.updateTable('statement_imports').set({ status: 'failed', error_code: errorCode, finished_at: now }).where('shop_id', '=', shopId).where('id', '=', id).where('status', '=', 'running').execute();
}

/** Imports a crash left running, with their documents, oldest first. */
export async function runningImports(db: Kysely<DB>): Promise<{ shopId: string; id: string; document: Uint8Array }[]> {
  const rows = await db.selectFrom('statement_imports').select(['shop_id', 'id', 'document']).where('status', '=', 'running').orderBy('started_at').execute();
  return rows.map((r) => ({ shopId: r.shop_id, id: r.id, document: r.document }));
}
