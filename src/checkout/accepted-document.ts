/** A document the customer accepts at checkout (CGV and the others in force), bound to the order for its whole life. */
export type AcceptedDocument = { kind: string; version: string; sha256: string; title: string };
