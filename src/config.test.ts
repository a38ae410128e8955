/**
 * Issue 8 §2, §3 and "Also": production never starts on defaults that would forge links or sign
 * cookies with a known secret; proxies are trusted only when named; loopback by default.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigInvalid, loadConfig } from './config.ts';

const SECRET = 'a-production-secret-of-at-least-32-characters';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigInvalid, String(error));
    return error.problems;
  }
  assert.fail('the configuration was accepted');
}

describe('configuration', () => {
  test('should refuse to start in production without PUBLIC_URL and COMPTOIR_SECRET, naming both', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0] ?? '', /^PUBLIC_URL: required when NODE_ENV=production/);
    assert.match(problems[1] ?? '', /^COMPTOIR_SECRET: required when NODE_ENV=production/);
    assert.deepEqual(problemsOf({ NODE_ENV: 'production', PUBLIC_URL: 'https://shop.example.org' }).map((p) => p.split(':')[0]), ['COMPTOIR_SECRET']);
    assert.deepEqual(problemsOf({ NODE_ENV: 'production', COMPTOIR_SECRET: SECRET }).map((p) => p.split(':')[0]), ['PUBLIC_URL']);
  });

  test('should list the production requirements with every other bad variable', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'eighty' });
    assert.deepEqual(problems.map((p) => p.split(':')[0]), ['PORT', 'PUBLIC_URL', 'COMPTOIR_SECRET']);
  });

  test('should start in production with both, links on PUBLIC_URL and cookies signed with COMPTOIR_SECRET', () => {
    const config = loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://shop.example.org/', COMPTOIR_SECRET: SECRET });
    assert.equal(config.publicUrl, 'https://shop.example.org');
    assert.equal(config.secret, SECRET);
    assert.equal(config.secretGenerated, false);
    assert.equal(config.production, true);
  });

  test('should accept only an http(s) PUBLIC_URL', () => {
    assert.deepEqual(problemsOf({ PUBLIC_URL: 'ftp://shop.example.org' }).map((p) => p.split(':')[0]), ['PUBLIC_URL']);
    assert.deepEqual(problemsOf({ PUBLIC_URL: 'evil.example' }).map((p) => p.split(':')[0]), ['PUBLIC_URL']);
  });

  test('should sign cookies in development with a random secret, never the same twice', () => {
    const first = loadConfig({});
    const second = loadConfig({});
    assert.equal(first.secretGenerated, true);
    assert.ok(first.secret.length >= 32);
    assert.notEqual(first.secret, second.secret);
    assert.equal(first.publicUrl, undefined);
  });

  test('should listen on the loopback unless HOST says otherwise', () => {
    assert.equal(loadConfig({}).host, '127.0.0.1');
    assert.equal(loadConfig({ HOST: '0.0.0.0' }).host, '0.0.0.0');
  });

  test('should trust no proxy unless TRUST_PROXY names them, by address or CIDR', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy, ['127.0.0.1']);
    assert.deepEqual(loadConfig({ TRUST_PROXY: ' 10.0.0.0/8, ::1,fd00::/8 , loopback' }).trustProxy, ['10.0.0.0/8', '::1', 'fd00::/8', 'loopback']);
    for (const bad of ['1', 'true', '*', '10.0.0.0/33', '::1/129', 'proxy.example', '127.0.0.1,', '10.0.0.0/8/1']) {
      assert.deepEqual(problemsOf({ TRUST_PROXY: bad }).map((p) => p.split(':')[0]), ['TRUST_PROXY'], bad);
    }
  });
});

/** Every source file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

test('should keep no constant cookie secret anywhere in the code', () => {
  // A secret written in the code would sign the cookies of every installation that forgot to set one.
  const literalSecret = /secret\w*['"]?\s*(?::|=|\?\?|\|\|)\s*['"`]/i;
  const found = sources(new URL('.', import.meta.url).pathname).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => ({ at: `${file}:${i + 1}`, line }))
      .filter(({ line }) => literalSecret.test(line)),
  );
  assert.deepEqual(found, []);
  assert.match(readFileSync(new URL('./app.ts', import.meta.url), 'utf8'), /fastifyCookie, \{ secret: deps\.config\.secret \}/);
});
