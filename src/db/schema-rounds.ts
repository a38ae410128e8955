/** Table types for issue 12: volunteer rounds and run sheets; joined into `DB` by src/db/schema.ts. */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RoundsTables {}
