/** Table types for issue 12: delivery zones, fees, pickup points and slots; joined into `DB` by src/db/schema.ts. */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DeliveryTables {}
