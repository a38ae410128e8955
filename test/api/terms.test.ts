import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { informedAt, publishTermsFromProfiles, publishTermsVersion, TermsVersionConflict, termsToAccept } from '../../src/legal/terms/service.ts';
import { loadProfilesDir } from '../../src/shops/profile/load.ts';
import type { Profile } from '../../src/shops/profile/schema.ts';
import { getShop } from '../../src/shops/service.ts';
import { pdfText } from '../support/pdf-text.ts';
import { ADMIN_TOKEN, bearer, startPlatform, type TestPlatform } from '../support/platform.ts';

type TermsItem = { kind: string; version: string; sha256: string; effectiveFrom: string; effectiveUntil: string | null; url: string; pdfUrl: string };

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const path = (url: string) => new URL(url).pathname;

describe('GET /api/v1/shops/{shop}/terms', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startPlatform({ PUBLIC_URL: 'https://shop.example' });
  });
  after(async () => p.stop());

  const terms = async (shop: string) => {
    const res = await p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/terms`, headers: { host: 'shop.test' } });
    assert.equal(res.statusCode, 200);
    return res.json() as TermsItem[];
  };

  test('should list cgv, cgu, privacy and cookies for every demo shop, each hash that of the published text', async () => {
    for (const shop of ['bible-et-jeux', 'coopconnexion', 'coopo', 'coopso', 'distritec']) {
      const items = await terms(shop);
      const kinds = items.map((i) => i.kind);
      for (const kind of ['cgv', 'cgu', 'privacy', 'cookies']) assert.ok(kinds.includes(kind), `${shop} ${kind}`);
      for (const item of items) {
        assert.match(item.sha256, /^[0-9a-f]{64}$/);
        assert.match(item.effectiveFrom, /^\d{4}-\d{2}-\d{2}$/);
        assert.equal(item.url, `https://shop.example/shops/${shop}/terms/${item.kind}/${item.version}`, 'links come from PUBLIC_URL, never the Host header');
        assert.equal(item.pdfUrl, `${item.url}.pdf`);
        const text = await p.app.inject({ method: 'GET', url: `${path(item.url)}.txt` });
        assert.equal(text.statusCode, 200);
        assert.equal(sha256(text.rawPayload), item.sha256, `${shop} ${item.kind}`);
        const page = await p.app.inject({ method: 'GET', url: path(item.url) });
        assert.equal(page.statusCode, 200);
        assert.ok(page.body.includes(item.sha256), `${shop} ${item.kind} page shows the hash`);
      }
    }
    assert.deepEqual((await terms('coopso')).map((i) => i.kind), ['cgv', 'particular_conditions', 'cgu', 'privacy', 'cookies']);
  });

  test('004: the CGV are in force until 2027-01-01 inclusive; checkout terms expire the day after (A-68)', async () => {
    const cgv = (await terms('bible-et-jeux')).find((i) => i.kind === 'cgv');
    assert.equal(cgv?.effectiveUntil, '2027-01-01');
    const shop = await getShop(p.database.db, 'bible-et-jeux');
    const lastDay = await termsToAccept(p.database.db, shop, Temporal.PlainDate.from('2027-01-01'));
    assert.deepEqual(lastDay.map((v) => [v.kind, v.version]), [['cgv', '2026-01-01'], ['cgu', '2026-01-01']]);
    await assert.rejects(termsToAccept(p.database.db, shop, Temporal.PlainDate.from('2027-01-02')), (e: { code?: string; status?: number }) => {
      assert.equal(e.code, 'terms_expired');
      assert.equal(e.status, 422);
      return true;
    });
    // The other documents have no end date.
    assert.ok((await terms('bible-et-jeux')).filter((i) => i.kind !== 'cgv').every((i) => i.effectiveUntil === null));
  });

  test('should serve each version as a real PDF naming its version and hash', async () => {
    const cgv = (await terms('bible-et-jeux')).find((i) => i.kind === 'cgv') as TermsItem;
    const res = await p.app.inject({ method: 'GET', url: path(cgv.pdfUrl) });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['content-disposition']), /filename="bible-et-jeux-cgv-2026-01-01\.pdf"/);
    assert.equal(res.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = pdfText(res.rawPayload);
    assert.match(text, /Conditions générales de vente/);
    assert.match(text, /2026-01-01/);
    assert.ok(text.includes(cgv.sha256), 'the footer carries the SHA-256');
    assert.match(text, /Droit de rétractation/);
    const again = await p.app.inject({ method: 'GET', url: path(cgv.pdfUrl) });
    assert.ok(again.rawPayload.equals(res.rawPayload), 'the same version gives the same bytes');
  });

  test('should answer 404 for hostile or unknown kinds and versions, and never cross shops', async () => {
    const urls = [
      '/shops/coopso/terms/secret',
      '/shops/coopso/terms/legal_notice',
      '/shops/coopso/terms/CGV',
      '/shops/coopso/terms/cgv/9999',
      '/shops/coopso/terms/cgv/..%2F..%2Fetc%2Fpasswd',
      "/shops/coopso/terms/cgv/1'%20or%20'1'='1",
      '/shops/coopso/terms/cgv/%3Cscript%3E.pdf',
      '/shops/coopso/terms/cgv/.pdf',
      '/shops/coopso/terms/cgv/2026-01-01.exe',
      '/shops/distritec/terms/particular_conditions/1.0',
      '/shops/distritec/terms/particular_conditions/1.0.pdf',
      '/shops/nope/terms/cgv',
    ];
    for (const url of urls) {
      const page = await p.app.inject({ method: 'GET', url });
      assert.equal(page.statusCode, 404, url);
      assert.match(String(page.headers['content-type']), /text\/html/, url);
    }
    // A NUL byte in a path is refused at the edge, before any lookup (issue 8 §9).
    const nul = await p.app.inject({ method: 'GET', url: '/shops/coopso/terms/%00/2026-01-01' });
    assert.equal(nul.statusCode, 400);
    for (const url of ['/api/v1/shops/coopso/terms/secret', '/api/v1/shops/nope/terms', "/api/v1/shops/coopso/terms/'%20or%201=1"]) {
      const res = await p.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      assert.ok(['terms_not_found', 'shop_not_found'].includes(res.json().error.code), url);
    }
  });

  test('should list every version of a kind through the API with its status', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/api/v1/shops/coopso/terms/particular_conditions' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().map((v: { version: string; status: string; effectiveFrom: string }) => [v.version, v.status, v.effectiveFrom]), [
      ['2027-01-15', 'future', '2027-01-15'], // the successor carrying the legal-guarantee box (issue 10 §4)
      ['1.0', 'current', '2016-07-15'],
    ]);
  });

  test('publishing again at boot changes nothing; another text under a published label stops it', async () => {
    const db = p.database.db;
    const count = async () => Number((await db.selectFrom('terms_versions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const profiles = loadProfilesDir('profiles');
    const report = await publishTermsFromProfiles(db, profiles, new Date());
    assert.ok(report.every((r) => r.outcome === 'unchanged'));
    assert.equal(await count(), before);
    const changed = structuredClone(profiles.find((x) => x.slug === 'coopo')) as Profile;
    (changed.identity as { email?: string }).email = 'autre@coopo.fr';
    await assert.rejects(publishTermsFromProfiles(db, [changed], new Date()), TermsVersionConflict);
    assert.equal(await count(), before);
  });

  test('should refuse through the service a second text under an existing label, or a malformed label', async () => {
    const db = p.database.db;
    const base = { kind: 'cgu' as const, title: 'CGU', language: 'fr', effectiveFrom: '2026-01-01', effectiveUntil: null, body: 'Autre texte' };
    await assert.rejects(publishTermsVersion(db, 'coopo', { ...base, version: '2026-01-01' }, new Date()), { code: 'terms_version_exists' });
    await assert.rejects(publishTermsVersion(db, 'coopo', { ...base, version: '../x' }, new Date()), { code: 'terms_version_invalid' });
    await assert.rejects(publishTermsVersion(db, 'coopo', { ...base, version: 'v9', effectiveUntil: '2025-01-01' }, new Date()), { code: 'terms_version_invalid' });
  });
});

describe('a new version taking effect (000 §20, A-03)', () => {
  let p: TestPlatform;
  const mails: { to: string; subject: string; text: string }[] = [];
  before(async () => {
    p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2026-11-01T10:00:00+01:00', PUBLIC_URL: 'https://comptoir.example' }, { mailer: { send: async (m) => void mails.push(m) } });
  });
  after(async () => p.stop());

  const moveClock = (now: string) => p.app.inject({ method: 'PUT', url: '/api/v1/clock', headers: bearer(ADMIN_TOKEN), payload: { now } });
  const register = (shop: string, email: string, postalCode = '62300') =>
    p.app.inject({
      method: 'POST',
      url: `/api/v1/shops/${shop}/customers`,
      payload: { kind: 'consumer', email, password: 'correct horse battery', firstName: 'Louise', lastName: 'Michel', address: { line1: '1 rue Haute', postalCode, city: 'Lens', country: 'FR' } },
    });
  const cgvOf = async (shop: string) => ((await p.app.inject({ method: 'GET', url: `/api/v1/shops/${shop}/terms` })).json() as TermsItem[]).find((i) => i.kind === 'cgv');
  const notices = (subjectPart: string) => mails.filter((m) => m.subject.includes(subjectPart));

  test('should e-mail each registered customer of the shop exactly once when the version takes effect', async () => {
    for (const email of ['a@example.fr', 'b@example.fr']) assert.equal((await register('coopconnexion', email)).statusCode, 201);
    assert.equal((await register('distritec', 'c@example.fr', '75001')).statusCode, 201);
    const published = await publishTermsVersion(
      p.database.db,
      'coopconnexion',
      { kind: 'cgv', version: '2026-11-15', title: 'Conditions générales', language: 'fr', effectiveFrom: '2026-11-15', effectiveUntil: null, body: '## Article 1 – Objet\n\nNouveau texte.\n' },
      new Date('2026-11-01T09:00:00Z'),
    );
    assert.equal((await cgvOf('coopconnexion'))?.version, '2025-12-28');
    assert.match((await p.app.inject({ method: 'GET', url: '/shops/coopconnexion/terms/cgv/2026-11-15' })).body, /n’est pas encore en vigueur/);

    assert.equal((await moveClock('2026-11-14T23:30:00+01:00')).statusCode, 200);
    assert.equal(notices('Conditions générales').length, 0, 'nothing before the version takes effect');

    assert.equal((await moveClock('2026-11-15T00:30:00+01:00')).statusCode, 200);
    const sent = notices('Conditions générales');
    assert.deepEqual(sent.map((m) => m.to).sort(), ['a@example.fr', 'b@example.fr']);
    for (const m of sent) {
      assert.match(m.text, /version 2026-11-15/);
      assert.match(m.text, /15 novembre 2026/);
      assert.ok(m.text.includes('https://comptoir.example/shops/coopconnexion/terms/cgv/2026-11-15'));
    }
    const rows = await p.database.db.selectFrom('terms_notices').selectAll().where('terms_version_id', '=', published.id).execute();
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => r.shop_id === 'coopconnexion' && r.notified_at.toISOString() === '2026-11-14T23:30:00.000Z'));
    assert.equal((await cgvOf('coopconnexion'))?.version, '2026-11-15');
    const customer = rows[0]?.customer_id ?? '';
    assert.equal((await informedAt(p.database.db, 'coopconnexion', published.id, customer))?.toISOString(), '2026-11-14T23:30:00.000Z');

    assert.equal((await moveClock('2026-11-20T10:00:00+01:00')).statusCode, 200);
    assert.equal(notices('Conditions générales').length, 2, 'exactly once');
  });

  test('should keep the earlier version readable at its URL, as a page and a PDF', async () => {
    const page = await p.app.inject({ method: 'GET', url: '/shops/coopconnexion/terms/cgv/2025-12-28' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /n’est plus en vigueur/);
    assert.match(page.body, /href="\/shops\/coopconnexion\/terms\/cgv\/2026-11-15"/);
    const pdf = await p.app.inject({ method: 'GET', url: '/shops/coopconnexion/terms/cgv/2025-12-28.pdf' });
    assert.equal(pdf.statusCode, 200);
    assert.match(pdfText(pdf.rawPayload), /2025-12-28/);
    const current = await p.app.inject({ method: 'GET', url: '/shops/coopconnexion/legal/cgv' });
    assert.match(current.body, /Nouveau texte\./);
  });

  test('should not announce the first version of a document', async () => {
    assert.equal(mails.filter((m) => /Déclaration|Politique|utilisation/.test(m.subject)).length, 0);
  });
});

describe('after the end of 004’s CGV (A-68)', () => {
  let p: TestPlatform;
  before(async () => {
    p = await startPlatform({ COMPTOIR_TEST_CLOCK: '2027-01-02T00:00:00+01:00' });
  });
  after(async () => p.stop());

  test('should list no CGV in force, keep the ended version readable and show the fallback page', async () => {
    const items = (await p.app.inject({ method: 'GET', url: '/api/v1/shops/bible-et-jeux/terms' })).json() as TermsItem[];
    assert.deepEqual(items.map((i) => i.kind), ['cgu', 'privacy', 'cookies']);
    const none = await p.app.inject({ method: 'GET', url: '/shops/bible-et-jeux/terms/cgv' });
    assert.equal(none.statusCode, 404);
    assert.match(none.body, /Aucune version de ce document n’est en vigueur/);
    assert.match(none.body, /href="\/shops\/bible-et-jeux\/terms\/cgv\/2026-01-01"/);
    const ended = await p.app.inject({ method: 'GET', url: '/shops/bible-et-jeux/terms/cgv/2026-01-01' });
    assert.equal(ended.statusCode, 200);
    assert.match(ended.body, /n’est plus en vigueur/);
    const legal = await p.app.inject({ method: 'GET', url: '/shops/bible-et-jeux/legal/cgv' });
    assert.equal(legal.statusCode, 200);
    assert.match(legal.body, /Aucune version de ce document n’est en vigueur/);
  });
});
