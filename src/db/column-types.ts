/**
 * Column shapes shared by every table file (schema.ts, schema-money.ts). A leaf: schema.ts gathers
 * the table files into `DB`, so a table file taking these from schema.ts would make a cycle.
 */
import type { ColumnType } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A JSON column: read as `T`, written as its serialised text. */
export type Json<T> = ColumnType<T, string, string>;

export type AddressJson = { line1: string; postalCode: string; city: string; country: string };
