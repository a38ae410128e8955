/**
 * Runs of a task shared by the callers that come while one is in progress: a caller arriving
 * during a run waits for the run after it, which starts once that one ends and serves every caller
 * that arrived meanwhile. So whatever a caller did before calling is seen by the run it waits for
 * (it started after the call), and a burst of N callers costs two runs, not N.
 *
 *   const numberInvoices = nextRun(() => issueRequested(db, shop));
 *   await numberInvoices(); // after this order's commit: its invoice is numbered
 */
export function nextRun(task: () => Promise<void>): () => Promise<void> {
  let current: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const start = (): Promise<void> => {
    current = task().finally(() => {
      current = null;
    });
    return current;
  };
  return () => {
    if (!current) return start();
    next ??= current.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      next = null;
      return start();
    });
    return next;
  };
}
