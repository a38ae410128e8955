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

/**
 * JSON with object keys sorted at every level: the database's jsonb does not keep key order.
 * Undefined properties are left out, an undefined array item is null, and an object's own
 * enumerable keys are all it shows (a Date is `{}`): every hash already stored depends on it.
 * Written with plain loops: it runs over every order's `placed` event (issue 9).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // A hole (never in parsed JSON) is written as nothing, as Array.prototype.join writes it.
      if (i in value) out += canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  // Sorted by UTF-16 code units, as `<` compares strings.
  const keys = Object.keys(object).sort();
  let out = '{';
  for (const key of keys) {
    const v = object[key];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
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
