/**
 * The ceiling of any Node server on this machine (issue 9): the anchor's own transaction
 * (../shared/bench/checkout.sql: a guarded stock update, an order, 3 lines) served over HTTP by a
 * bare `node:http` server with a `pg` pool of 20 — no framework, no validation, no rule, no
 * evidence — on the anchor's scratch database, right after pgbench, with the same autocannon
 * client as the checkout phases (20 connections, a worker thread, 10 s after 3 s unmeasured).
 * Comptoir's orders/s ÷ the anchor is to be read beside this row's ratio: what is left between
 * pgbench and this row is HTTP, Node and the client, sharing the machine's cores with PostgreSQL.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import pg from 'pg';

export type BareResult = { ordersPerSecond: number; p50: number; p99: number; non2xx: number; nodeCpuMsPerOrder: number | null; ordersInDb: number };

const random = (n: number) => 1 + Math.floor(Math.random() * n);

/** One order as checkout.sql places it, its ids drawn as pgbench draws them. */
async function placeAnchorOrder(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('update stock set qty = qty - 1 where product_id = $1 and qty > 0', [random(10_000)]);
    const { rows } = await client.query<{ id: string }>("insert into orders (customer_id, total_cents, status) values ($1, 4200, 'placed') returning id", [random(100_000)]);
    const orderId = rows[0]?.id;
    for (const product of [random(10_000), random(10_000), random(10_000)]) {
      await client.query('insert into order_lines (order_id, product_id, qty, unit_cents) values ($1, $2, 1, 1400)', [orderId, product]);
    }
    await client.query('commit');
    return Number(orderId);
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export async function benchBareServer(databaseUrl: string, mainThreadCpuMs: () => number | null, connections: number, durationS: number, warmupS: number): Promise<BareResult> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      placeAnchorOrder(pool).then(
        (id) => {
          res.writeHead(201, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id }));
        },
        () => {
          res.writeHead(500).end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/orders`;
  const fire = (duration: number) => autocannon({ url, connections, workers: 1, duration, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const count = async () => Number((await pool.query<{ n: string }>('select count(*) as n from orders')).rows[0]?.n ?? 0);
  try {
    if (warmupS > 0) await fire(warmupS);
    const before = await count();
    const cpu0 = mainThreadCpuMs();
    const r = await fire(durationS);
    const cpu1 = mainThreadCpuMs();
    const placed = r['2xx'];
    return {
      ordersPerSecond: placed / r.duration,
      p50: r.latency.p50,
      p99: r.latency.p99,
      non2xx: r.non2xx + r.errors,
      nodeCpuMsPerOrder: cpu0 === null || cpu1 === null || placed === 0 ? null : (cpu1 - cpu0) / placed,
      ordersInDb: (await count()) - before,
    };
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await pool.end();
  }
}
