/**
 * `comptoir serve` as `npm start` runs it stays within the memory ceilings when idle
 * (issue 9): ≤ 300 MB resident with the embedded PGlite, on a new data directory and on an
 * existing one, and ≤ 150 MB with a PostgreSQL server (run with DATABASE_URL). Before, the same
 * processes held 916, 478 and 247 MB (bench/memory.ts). Start-up time is measured by the bench,
 * not asserted here: it depends on the machine's load.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { buildServer, residentMb, serve, stop } from './support/serve-process.ts';

const IDLE_MS = 3000;

/** The server's resident memory after it has been idle a moment, and the time it said it took to be ready. */
async function idleRss(env: Record<string, string>): Promise<{ rss: number; readyMs: number }> {
  const { child, readyMs } = await serve(env);
  try {
    await sleep(IDLE_MS);
    return { rss: residentMb(child.pid as number).rss, readyMs };
  } finally {
    await stop(child);
  }
}

before(() => buildServer());

describe('idle memory of comptoir serve', { timeout: 180_000 }, () => {
  if (!process.env.DATABASE_URL) {
    const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-memory-test-'));
    after(() => rmSync(dataDir, { recursive: true, force: true }));

    test('should hold at most 300 MB with PGlite on a new data directory, then on the existing one', async () => {
      const fresh = await idleRss({ COMPTOIR_DATA_DIR: dataDir });
      assert.ok(fresh.rss <= 300, `new data directory: ${fresh.rss} MB resident`);
      const existing = await idleRss({ COMPTOIR_DATA_DIR: dataDir });
      assert.ok(existing.rss <= 300, `existing data directory: ${existing.rss} MB resident`);
    });
    return;
  }

  const url = process.env.DATABASE_URL;
  const name = `comptoir_memory_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  before(async () => {
    await admin.connect();
    await admin.query(`create database ${name}`);
  });
  after(async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  test('should hold at most 150 MB with a PostgreSQL server', async () => {
    const target = new URL(url);
    target.pathname = `/${name}`;
    const { rss } = await idleRss({ DATABASE_URL: target.toString() });
    assert.ok(rss <= 150, `${rss} MB resident`);
  });
});
