/**
 * The database's own pace on Comptoir's own order (issue 9; the project's rule: compare with the
 * database on the same work, in the same run). The anchor (../shared/bench/checkout.sql) writes
 * 0.4 KB per order; a Comptoir order writes about 7.5 KB: its row, its lines, two hash-chained
 * evidence events with the terms, IP and lines, its confirmation e-mail and its invoice. This
 * replays, with pgbench, the very statements one order of the phase sent to the server — recorded
 * from the pg driver, values and all — on the phase's own database, at the anchor's 20 clients for
 * 10 s, each statement prepared once per connection and run from its generic plan, as the app
 * runs its own (-M prepared, plan_cache_mode). Per transaction, only what must differ for the
 * database to accept it: 3 products drawn at random among the phase's (in id order, as placement
 * locks them), fresh ids for the order and its e-mail — both given by one keyed read per order
 * that the app does not make (pgbench has no uuid of its own) — and the order number and transfer
 * reference made from the serial the stock statement returns. The invoice numbering after the
 * commit is replayed once every `NUMBERING_EVERY` orders, the app's own rate under load (orders
 * of one shop that commit during a numbering share the next one, src/kernel/next-run.ts).
 *
 * Comptoir's orders/s ÷ this row is what Node, HTTP and the rules cost on top of the database
 * doing the same writes; the anchor's ratio adds what the order's legal content costs.
 * BENCH_REPLAY_SCRIPT=<file> keeps a copy of the script.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';
import { GENERIC_PLANS } from '../src/db/connect.ts';
import { type PgbenchSummary, runPgbench } from './pgbench.ts';

/** The driver's own conversion of a value to the text it sends (arrays, dates, JSON). */
const pgUtils = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue(value: unknown): string | null };

type Sent = { client: object; text: string; values: unknown[] };

let recording: Sent[] | null = null;

/**
 * Every statement the pg driver sends while `f` runs. Installed on the driver's class when this
 * module loads, before any connection is made: each client's `query` is taken from it.
 */
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: object, text: unknown, values?: unknown, callback?: unknown) {
  const config = text as { text?: string; values?: unknown[] };
  const statement = typeof text === 'string' ? text : config?.text;
  if (recording && typeof statement === 'string') recording.push({ client: this, text: statement, values: (Array.isArray(values) ? values : config?.values) ?? [] });
  return (original as (...a: unknown[]) => unknown).call(this, text, values, callback);
} as typeof original;

export async function recordStatements(f: () => Promise<void>): Promise<Sent[]> {
  const sent: Sent[] = [];
  recording = sent;
  try {
    await f();
    return sent;
  } finally {
    recording = null;
  }
}

/** Orders per invoice numbering in the app under load (2,478 numberings for 7,083 orders in the 05:08 run). */
const NUMBERING_EVERY = 3;
/** Stands for a colon in a literal of the script (a private-use character, in no recorded value). */
const COLON = '\uE000';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

const literal = (value: unknown): string => {
  const text = pgUtils.prepareValue(value);
  return text === null ? 'null' : `'${String(text).replaceAll("'", "''")}'`;
};

/**
 * The pgbench script replaying one recorded order. `table` numbers the phase's products in id
 * order (n = 1…count), so three draws from three thirds are three distinct products in lock order.
 * `ordersPerTransaction` > 1 places that many orders in each transaction, as grouping concurrent
 * customers' orders would (one commit, one invoice numbering for all), each order's products drawn
 * from slices further on, so the whole transaction still locks in id order: the most such
 * grouping could give, the app's own work per order left out.
 */
export async function replayScript(sent: Sent[], table: string, count: number, parameterTypes: (text: string) => Promise<string[]>, ordersPerTransaction = 1): Promise<{ script: string; statementsPerOrder: number }> {
  const stock = sent.find((s) => s.text.includes('comptoir_take_stock'));
  if (!stock) throw new Error('no stock statement recorded');
  const ofOrder = sent.filter((s) => s.client === stock.client);
  const begin = ofOrder.findLastIndex((s, i) => i <= ofOrder.indexOf(stock) && /^begin/i.test(s.text.trim()));
  const commit = ofOrder.findIndex((s, i) => i > ofOrder.indexOf(stock) && /^commit/i.test(s.text.trim()));
  if (begin < 0 || commit < 0) throw new Error('the order was not one transaction');
  const transaction = ofOrder.slice(begin, commit + 1);
  const numbering = sent.find((s) => s.text.includes('comptoir_issue_requested_invoices'));
  const read = transaction[1];
  if (!read) throw new Error('no read recorded');
  // The ids the order read (its customer, its products) stay; the products are drawn per transaction.
  const products = [...new Set(JSON.stringify(stock.values).match(UUID) ?? [])].sort();
  const known = new Set(JSON.stringify(read.values).match(UUID) ?? []);
  const written = transaction.slice(2).map((s) => s.values.map(literal).join(', ')).join('\n');
  const fresh = [...new Set(written.match(UUID) ?? [])].filter((id) => !known.has(id));
  const order = transaction.flatMap((s) => s.values).flatMap((v) => {
    try {
      const o = typeof v === 'string' && v.startsWith('{') ? (JSON.parse(v) as { number?: string; payment_reference?: string | null }) : null;
      return o?.number ? [o] : [];
    } catch {
      return [];
    }
  })[0];
  if (!order?.number) throw new Error('no order row recorded');
  if (JSON.stringify(sent.map((x) => x.values)).includes(COLON)) throw new Error('a recorded value holds the colon stand-in');
  // What must differ per order, and the expression of the script giving it.
  const swaps: [string, string][] = [
    ...products.map((id, i): [string, string] => [id, `:p${i + 1}`]),
    ...fresh.map((id, i): [string, string] => [id, `:u${i + 1}`]),
    ...(order.payment_reference ? [[order.payment_reference, "'REPLAY-' || (:serial)::text"] as [string, string]] : []),
    [order.number, `'${order.number.replace(/\d+$/, '')}R' || (:serial)::text`],
  ];
  /**
   * A recorded value as an expression of the script. pgbench (-M prepared) turns every `:name` of
   * a command into a parameter, even inside a quoted literal, so a literal's colons before a name
   * character (a time of day in JSON) are hidden, then given back by `replace`.
   */
  const expression = (value: unknown, type: string | undefined) => {
    const text = literal(value);
    const hidden = text.replace(/:(?=[A-Za-z0-9_])/g, COLON);
    let out = hidden === text ? text : `replace(${hidden}, '${COLON}', ':')`;
    for (const [token, by] of swaps) if (text.includes(token)) out = `replace(${out}, '${token}', ${by})`;
    // A `replace` is text: cast back to the type the server gave the parameter.
    return out === text ? out : `(${out})::${type ?? 'text'}`;
  };
  const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
  const typesOf = new Map<string, string[]>();
  for (const s of [...transaction, ...(numbering ? [numbering] : [])]) if (s.values.length > 0) typesOf.set(s.text, await parameterTypes(s.text));
  const run = (s: Sent) => oneLine(s.text.replace(/\$(\d+)/g, (_, n: string) => `(${expression(s.values[Number(n) - 1], typesOf.get(s.text)?.[Number(n) - 1])})`));
  const slice = Math.floor(count / (products.length * ordersPerTransaction));
  const [first, ...rest] = transaction;
  const body = rest.slice(0, -1);
  const last = rest.at(-1);
  if (!first || !last) throw new Error('no transaction recorded');
  // One line per SQL command, ended by `;` or by `\gset` (which stores its row's columns as variables).
  const lines = [`${run(first)};`];
  for (let o = 0; o < ordersPerTransaction; o++) {
    const draw = (i: number) => (o * products.length + i) * slice;
    lines.push(
      ...products.map((_, i) => `\\set r${i + 1} random(${draw(i) + 1}, ${draw(i) + slice})`),
      `select ${[...products.map((_, i) => `(select id from ${table} where n = :r${i + 1}) as p${i + 1}`), ...fresh.map((_, i) => `gen_random_uuid() as u${i + 1}`)].join(', ')} \\gset`,
      // The serial the stock statement returns names the order (its number, its reference).
      ...body.map((s) => `${run(s)}${s === stock ? ' \\gset' : ';'}`),
    );
  }
  lines.push(`${run(last)};`);
  if (numbering && ordersPerTransaction === 1) lines.push(`\\if :serial % ${NUMBERING_EVERY} = 0`, `${run(numbering)};`, '\\endif');
  else if (numbering) lines.push(`${run(numbering)};`);
  const numberings = numbering ? 1 / (ordersPerTransaction === 1 ? NUMBERING_EVERY : ordersPerTransaction) : 0;
  const statementsPerOrder = body.filter((s) => s.values.length > 0).length + numberings;
  return { script: `${lines.join('\n')}\n`, statementsPerOrder };
}

/**
 * pgbench on the script: `-c clients -j 2 -T seconds`, as the anchor, but each command prepared
 * once per connection and run from its generic plan, as the app runs its statements.
 */
export async function runReplay(pgbench: string, target: string, script: string, clients: number, seconds: number): Promise<PgbenchSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-replay-'));
  try {
    const file = join(dir, 'order.sql');
    writeFileSync(file, script);
    if (process.env.BENCH_REPLAY_SCRIPT) writeFileSync(process.env.BENCH_REPLAY_SCRIPT, script);
    return await runPgbench(pgbench, target, file, { clients, seconds, args: ['-M', 'prepared'], env: { PGOPTIONS: GENERIC_PLANS } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
