/**
 * Statement imports run in the background of the server process: the upload page answers at
 * once with the import's progress page, and the chunks go on after the response. An import a
 * crash left running is resumed when the app is ready; closing the app waits for the imports in
 * progress, so no chunk is cut off by a closing database.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../kernel/errors.ts';
import type { Clock } from '../kernel/clock.ts';
import type { OrderSide } from './record-payment.ts';
import { getShop, type Shop } from '../shops/service.ts';
import type { Camt053Document } from './camt053.ts';
import { continueImport, readStatement } from './import-statement.ts';
import { markFailed, runningImports } from './statement-imports.ts';

export type ImportRunner = {
  /** Continues the import in the background; a second start of the same import is ignored. */
  start(shop: Shop, importId: string, document: Camt053Document): void;
  /** Starts every import left running (after a crash or a restart). */
  resumeRunning(): Promise<void>;
  /** Resolves once every import started here has stopped. */
  drain(): Promise<void>;
};

export function importRunner(deps: { db: Kysely<DB>; clock: Clock; orders: OrderSide }, log: (error: unknown, importId: string) => void): ImportRunner {
  const inProgress = new Map<string, Promise<void>>();

  const run = async (shop: Shop, importId: string, document: Camt053Document) => {
    try {
      await continueImport(deps, shop, importId, document);
    } catch (error) {
      log(error, importId);
      await markFailed(deps.db, shop.slug, importId, error instanceof DomainError ? error.code : 'internal', new Date(deps.clock.now().epochMilliseconds)).catch((e) => log(e, importId));
    }
  };

  const start = (shop: Shop, importId: string, document: Camt053Document) => {
    if (inProgress.has(importId)) return;
    inProgress.set(
      importId,
      run(shop, importId, document).finally(() => inProgress.delete(importId)),
    );
  };

  return {
    start,
    async resumeRunning() {
      for (const left of await runningImports(deps.db)) {
        try {
          // The stored file passed these checks when it was uploaded; a stricter parser may now refuse it.
          start(await getShop(deps.db, left.shopId), left.id, readStatement(left.document));
        } catch (error) {
          log(error, left.id);
          await markFailed(deps.db, left.shopId, left.id, error instanceof DomainError ? error.code : 'internal', new Date(deps.clock.now().epochMilliseconds));
        }
      }
    },
    async drain() {
      while (inProgress.size > 0) await Promise.allSettled([...inProgress.values()]);
    },
  };
}
