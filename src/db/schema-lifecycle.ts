/** Table types for issue 11: order lifecycle (per-shop order counters, deadlines, customer changes, late delivery, force majeure, terminations); joined into `DB` by src/db/schema.ts. */

/** No table yet: an interface of tables replaces this. */
export type LifecycleTables = Record<never, never>;
