/** Table types for issue 12: group-purchase campaigns, promises, supplier orders; joined into `DB` by src/db/schema.ts. */

/** No table yet: an interface of tables replaces this. */
export type CampaignTables = Record<never, never>;
