/**
 * One writer per embedded database (issue 8 §8): while `comptoir serve` runs on a PGlite data
 * directory, `comptoir token create` (as the README shows it) and `comptoir migrate` on the same
 * directory refuse with the server's pid and exit 1 instead of writing a copy that the server never
 * sees; once the server is gone, even killed -9, the CLI works and its token is the server's.
 *
 * Embedded database only: scripts/run-tests.mjs leaves this file out of a run on a server.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { LOCK_FILE } from '../src/db/data-dir-lock.ts';
import { bootPlatform } from '../src/platform/boot.ts';

const run = promisify(execFile);
// About the embedded database, even in the run against a PostgreSQL server.
const { DATABASE_URL: _server, ...baseEnv } = process.env;
/** The lock guards the embedded database's directory, whatever DATABASE_URL says: once per CI run is enough. */
const embeddedOnly = { skip: _server ? 'the CLI on its embedded database: the same run as without DATABASE_URL, which this file ignores' : false };
const dir = mkdtempSync(join(tmpdir(), 'comptoir-lock-'));
const dataDir = join(dir, 'data');
const env = { ...baseEnv, COMPTOIR_PROFILES_DIR: 'profiles', COMPTOIR_DATA_DIR: dataDir };
after(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { env }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

/** `comptoir serve` on the data directory, resolved once it listens. */
function serve(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], { env: { ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      output += d;
      if (output.includes('Ready in')) resolve(child);
    });
    child.stderr?.on('data', (d: Buffer) => {
      output += d;
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}):\n${output}`)));
  });
}

describe('comptoir beside a running server on the same data directory', embeddedOnly, () => {
  test('should refuse token create and migrate with the server’s pid, then work once the server is killed -9', async () => {
    const server = await serve();
    try {
      for (const args of [['token', 'create', '--shop', 'coopconnexion', '--staff', 'staff@coopconnexion.example'], ['migrate']]) {
        const out = await cli(args);
        assert.equal(out.code, 1, `${args.join(' ')}: ${out.stdout}`);
        assert.equal(out.stdout, '', 'no token printed');
        assert.ok(out.stderr.includes(`the server is running on ${dataDir} (pid ${server.pid}); use the back office or stop it`), out.stderr);
      }
    } finally {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGKILL');
      await exited;
    }
    assert.ok(existsSync(join(dataDir, LOCK_FILE)), 'a killed server leaves its lock behind');

    const token = await cli(['token', 'create', '--shop', 'coopconnexion', '--staff', 'staff@coopconnexion.example']);
    assert.equal(token.code, 0, token.stderr);
    assert.match(token.stdout.trim(), /^cpt_[A-Za-z0-9_-]{43}$/);
    assert.equal(existsSync(join(dataDir, LOCK_FILE)), false, 'the CLI released the directory');

    const restarted = await bootPlatform(loadConfig(env));
    try {
      const list = await restarted.app.inject({ method: 'GET', url: '/api/v1/shops/coopconnexion/customers', headers: { authorization: `Bearer ${token.stdout.trim()}` } });
      assert.equal(list.statusCode, 200, 'the token made after the kill is the server’s');
    } finally {
      await restarted.close();
    }
  });

  test('should refuse a second opening of the directory within one process', async () => {
    const first = await bootPlatform(loadConfig(env));
    try {
      await assert.rejects(bootPlatform(loadConfig(env)), new RegExp(`the server is running on .* \\(pid ${process.pid}\\)`));
    } finally {
      await first.close();
    }
    assert.equal(existsSync(join(dataDir, LOCK_FILE)), false, 'closing releases the directory');
  });
});
