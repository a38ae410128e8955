/** Table types for issue 11: order lifecycle (per-shop order counters, deadlines, customer changes, late delivery, force majeure, terminations); joined into `DB` by src/db/schema.ts. */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LifecycleTables {}
