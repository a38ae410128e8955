/**
 * The `comptoir` command as a newcomer runs it: start-up refuses an invalid profile with every
 * error listed, the profile checker reports clauses weaker than the law, `token create` issues a
 * working token, and data survives a restart of the embedded database.
 *
 * Embedded database only: scripts/run-tests.mjs leaves this file out of a run on a server.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { termsForOrder } from '../src/checkout/terms-for-order.ts';
import { loadConfig } from '../src/config.ts';
import { openPglite } from '../src/db/connect.ts';
import { bootPlatform } from '../src/platform/boot.ts';
import { getShop } from '../src/shops/service.ts';

const run = promisify(execFile);
// These tests are about the embedded database, even in the run against a PostgreSQL server.
const { DATABASE_URL: _server, ...baseEnv } = process.env;
/** These run the CLI on its embedded database whatever DATABASE_URL says: once per CI run is enough. */
const embeddedOnly = { skip: _server ? 'the CLI on its embedded database: the same run as without DATABASE_URL, which this file ignores' : false };
const cli = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { env: { ...baseEnv, ...env } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

const dir = mkdtempSync(join(tmpdir(), 'comptoir-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('comptoir profile check', embeddedOnly, () => {
  test('should report clauses weaker than the law with the legal value that applies', async () => {
    const out = await cli(['profile', 'check', 'profiles/bible-et-jeux.yaml', 'profiles/coopso.yaml']);
    assert.equal(out.code, 0);
    assert.match(out.stdout, /bible-et-jeux {2}error {4}withdrawal\.returnWithin: 10 days is shorter than the legal 14 days \(C\. consom\. L221-23\); 14 days will apply/);
    assert.match(out.stdout, /coopso .*guarantee\.consumer\.presumption: 6 months is shorter than the legal presumption of 24 months/);
    assert.match(out.stdout, /coopso: valid; \d+ errors/);
  });

  test('should list every error of an invalid profile by path and exit 1', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'slug: Bad Slug\nname: 3\nlegalSystem: DE\ntimeZone: Mars/Olympus\n');
    const out = await cli(['profile', 'check', broken]);
    assert.equal(out.code, 1);
    for (const path of ['slug', 'legalSystem', 'timeZone', 'identity']) assert.match(out.stderr, new RegExp(`${path}: `));
  });
});

describe('start-up', embeddedOnly, () => {
  test('should refuse to start on an invalid profile, listing every error, and touch nothing', async () => {
    const profiles = join(dir, 'profiles-bad');
    mkdirSync(profiles);
    copyFileSync('profiles/coopo.yaml', join(profiles, 'coopo.yaml'));
    writeFileSync(join(profiles, 'x.yaml'), 'slug: x-shop\nlegalSystem: FR\ncheckout: {maxPerProduct: four}\n');
    const config = loadConfig({ COMPTOIR_PROFILES_DIR: profiles, COMPTOIR_DATA_DIR: join(dir, 'never') });
    await assert.rejects(bootPlatform(config), (error: Error) => {
      assert.match(error.message, /x\.yaml: name: is missing/);
      assert.match(error.message, /x\.yaml: checkout\.maxPerProduct: must be a whole number/);
      return true;
    });
    assert.equal(existsSync(join(dir, 'never')), false, 'no database was created');
  });

  test('should keep data across restarts and accept a token made by `token create`', async () => {
    const env = { COMPTOIR_PROFILES_DIR: 'profiles', COMPTOIR_DATA_DIR: join(dir, 'data') };
    const first = await bootPlatform(loadConfig(env));
    const created = await first.app.inject({
      method: 'POST',
      url: '/api/v1/shops/coopconnexion/customers',
      payload: { kind: 'consumer', email: 'persist@example.fr', password: 'still here tomorrow', firstName: 'A', lastName: 'B', address: { line1: '1 rue', postalCode: '62300', city: 'Lens', country: 'FR' } },
    });
    assert.equal(created.statusCode, 201);
    await first.close();

    const token = await cli(['token', 'create', '--shop', 'coopconnexion', '--staff', 'staff@coopconnexion.example'], env);
    assert.equal(token.code, 0, token.stderr);
    assert.match(token.stdout.trim(), /^cpt_[A-Za-z0-9_-]{43}$/);

    const second = await bootPlatform(loadConfig(env));
    const list = await second.app.inject({ method: 'GET', url: '/api/v1/shops/coopconnexion/customers', headers: { authorization: `Bearer ${token.stdout.trim()}` } });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().items.map((c: { email: string }) => c.email), ['persist@example.fr']);
    const elsewhere = await second.app.inject({ method: 'GET', url: '/api/v1/shops/coopso/customers', headers: { authorization: `Bearer ${token.stdout.trim()}` } });
    assert.equal(elsewhere.statusCode, 403);
    await second.close();
  });
});

describe('comptoir verify', embeddedOnly, () => {
  test('should exit 0 on intact evidence and 1, naming the order, when its total was changed in the database', async () => {
    const env = { COMPTOIR_PROFILES_DIR: 'profiles', COMPTOIR_DATA_DIR: join(dir, 'verify') };
    const platform = await bootPlatform(loadConfig(env));
    const inject = (url: string, payload: Record<string, unknown>, token?: string) => platform.app.inject({ method: 'POST', url, payload, ...(token && { headers: { authorization: `Bearer ${token}` } }) });
    const address = { line1: 'rue de Fer 1', postalCode: '4000', city: 'Liège', country: 'BE' };
    assert.equal((await inject('/api/v1/shops/coopso/customers', { kind: 'consumer', email: 'verify@example.fr', password: 'correct horse battery', firstName: 'A', lastName: 'B', address })).statusCode, 201);
    const token = (await inject('/api/v1/shops/coopso/session', { email: 'verify@example.fr', password: 'correct horse battery' })).json().token;
    const product = await platform.database.db.selectFrom('products').select('id').where('shop_id', '=', 'coopso').where('sku', '=', 'CAHIER-A4-96').executeTakeFirstOrThrow();
    const { terms } = await termsForOrder(platform.database.db, platform.clock, await getShop(platform.database.db, 'coopso'));
    const placed = await inject('/api/v1/shops/coopso/orders', { lines: [{ productId: product.id, quantity: 1 }], acceptedTerms: { version: terms[0]?.version }, delivery: { mode: 'pickup', pickupPointId: '0' }, paymentMethod: 'bank_transfer' }, token);
    assert.equal(placed.statusCode, 201, placed.body);
    await platform.close();

    const intact = await cli(['verify'], env);
    assert.equal(intact.code, 0, intact.stdout + intact.stderr);
    assert.match(intact.stdout, /1 orders checked, 1 intact, 0 tampered/);

    const database = await openPglite(env.COMPTOIR_DATA_DIR);
    await database.db.updateTable('orders').set({ gross_cents: 1 }).where('id', '=', placed.json().id).execute();
    await database.close();
    const tampered = await cli(['verify', '--shop', 'coopso'], env);
    assert.equal(tampered.code, 1);
    assert.match(tampered.stdout, new RegExp(`TAMPERED coopso order ${placed.json().id}: event -: the order differs from what the customer agreed to \\(placed event\\): gross_cents`));
    assert.match(tampered.stdout, /1 orders checked, 0 intact, 1 tampered/);
  });
});
