/**
 * The order's evidence log is a hash chain: each event's hash covers the previous hash and the
 * event's canonical JSON, so changing, removing or reordering any stored event breaks every hash
 * after it (DESIGN.md principle 3). Pure functions; storage is in service.ts.
 */
import { createHash } from 'node:crypto';

export const GENESIS = '0'.repeat(64);

export type ChainedEvent = {
  seq: number;
  type: string;
  at: string; // ISO instant
  recordedAt: string; // ISO instant
  actor: string;
  data: unknown;
};

/** JSON with object keys sorted at every level: the database's jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function eventHash(prevHash: string, event: ChainedEvent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(event)).digest('hex');
}

export type StoredEvent = ChainedEvent & { prevHash: string; hash: string };

export type ChainCheck = { verified: boolean; brokenAt: number | null; reason: string | null };

/** Recomputes the chain; reports the first event whose link or hash does not hold. */
export function verifyChain(events: readonly StoredEvent[]): ChainCheck {
  let prev = GENESIS;
  for (const [i, e] of events.entries()) {
    if (e.seq !== i + 1) return { verified: false, brokenAt: e.seq, reason: 'sequence gap' };
    if (e.prevHash !== prev) return { verified: false, brokenAt: e.seq, reason: 'previous hash does not match' };
    const { prevHash: _p, hash, ...event } = e;
    if (eventHash(prev, event) !== hash) return { verified: false, brokenAt: e.seq, reason: 'content does not match its hash' };
    prev = hash;
  }
  return { verified: true, brokenAt: null, reason: null };
}

/** Events hashed one after the other from the chain's start (a new order's first events). */
export function chainEvents(events: readonly Omit<ChainedEvent, 'seq'>[]): StoredEvent[] {
  let prevHash = GENESIS;
  return events.map((event, i) => {
    const chained = { ...event, seq: i + 1 };
    const hash = eventHash(prevHash, chained);
    const stored: StoredEvent = { ...chained, prevHash, hash };
    prevHash = hash;
    return stored;
  });
}
