/** Table types for issue 12: volunteer rounds and run sheets; joined into `DB` by src/db/schema.ts. */

/** No table yet: an interface of tables replaces this. */
export type RoundsTables = Record<never, never>;
