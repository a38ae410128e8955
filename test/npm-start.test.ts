/**
 * The README's front door: `npm start` runs the compiled server (scripts/build.mjs →
 * .build/comptoir.mjs), which must find its profiles, assets and migrations like the sources do,
 * and serve the five demo shops on a new data directory and again on the existing one. Memory and
 * start-up time are measured by bench/memory.ts, never asserted here.
 *
 * Embedded database only: scripts/run-tests.mjs leaves this file out of a run on a server.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildServer, serve, stop } from './support/serve-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-start-test-'));
before(() => buildServer());
after(() => rmSync(dataDir, { recursive: true, force: true }));

async function servesTheDemo(): Promise<void> {
  const { child, url } = await serve({ COMPTOIR_DATA_DIR: dataDir });
  try {
    const shops = (await (await fetch(`${url}/api/v1/shops`)).json()) as { slug: string }[];
    assert.deepEqual(shops.map((s) => s.slug).sort(), ['bible-et-jeux', 'coopconnexion', 'coopo', 'coopso', 'distritec']);
    const home = await fetch(`${url}/shops/coopso`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /Coopso/);
    assert.equal((await fetch(`${url}/assets/style.css`)).status, 200);
    assert.equal((await fetch(`${url}/shops/coopso/terms/cgv`)).status, 200);
  } finally {
    await stop(child);
  }
}

test('should serve the five demo shops from the compiled server on a new data directory, then on the existing one', { timeout: 180_000, skip: process.env.DATABASE_URL ? 'the embedded database is what npm start uses on a fresh machine' : false }, async () => {
  await servesTheDemo();
  await servesTheDemo();
});
