/** Table types for credit notes (issue 10 §6, issue 11 §8); joined into `DB` by src/db/schema.ts. */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CreditNoteTables {}
