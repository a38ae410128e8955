/** Table types for credit notes (issue 10 §6, issue 11 §8); joined into `DB` by src/db/schema.ts. */

/** No table yet: an interface of tables replaces this. */
export type CreditNoteTables = Record<never, never>;
