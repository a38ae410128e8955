/** Table types for issue 12: delivery zones, fees, pickup points and slots; joined into `DB` by src/db/schema.ts. */

/** No table yet: an interface of tables replaces this. */
export type DeliveryTables = Record<never, never>;
