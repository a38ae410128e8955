/** Table types for issue 12: group-purchase campaigns, promises, supplier orders; joined into `DB` by src/db/schema.ts. */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CampaignTables {}
