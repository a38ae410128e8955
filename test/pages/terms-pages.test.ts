import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
before(async () => {
  p = await startPlatform();
});
after(async () => p.stop());

const get = (url: string) => p.app.inject({ method: 'GET', url });
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const h1 = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];

describe('footer links /legal/{kind}', () => {
  test('should show the version in force of each document, with its label, dates, hash and PDF', async () => {
    for (const shop of ['bible-et-jeux', 'coopconnexion', 'coopo', 'coopso', 'distritec']) {
      for (const kind of ['cgv', 'cgu', 'privacy', 'cookies']) {
        const res = await get(`/shops/${shop}/legal/${kind}`);
        assert.equal(res.statusCode, 200, `${shop} ${kind}`);
        const version = /<dd>([A-Za-z0-9._-]+)<\/dd>/.exec(res.body)?.[1];
        assert.ok(version, `${shop} ${kind} shows its version`);
        const text = await get(`/shops/${shop}/terms/${kind}/${version}.txt`);
        assert.ok(res.body.includes(`<code class="sha256">${sha256(text.rawPayload)}</code>`), `${shop} ${kind} hash`);
        assert.ok(res.body.includes(`href="/shops/${shop}/terms/${kind}/${version}.pdf"`));
        assert.match(res.body, /<h2>Article 1 – /);
        assert.equal((res.body.match(/<h1>/g) ?? []).length, 1, 'one h1 per page');
      }
    }
  });

  test('should show the bible-et-jeux CGV end date, inclusive', async () => {
    const res = await get('/shops/bible-et-jeux/legal/cgv');
    assert.equal(h1(res.body), 'Conditions générales de vente');
    assert.match(res.body, /<time datetime="2027-01-01">1 janvier 2027<\/time>/);
    assert.match(res.body, /<time datetime="2026-01-01">1 janvier 2026<\/time>/);
  });

  test('should keep the legal notice as it was and refuse unknown documents', async () => {
    const notice = await get('/shops/coopso/legal/notice');
    assert.equal(notice.statusCode, 200);
    assert.match(notice.body, /0628438452/);
    assert.equal((await get('/shops/coopso/legal/secret')).statusCode, 404);
  });
});

describe('version pages /terms/{kind}/{version}', () => {
  test('should show any version, list all versions and mark the one in force', async () => {
    const res = await get('/shops/coopso/terms/particular_conditions/1.0');
    assert.equal(res.statusCode, 200);
    assert.equal(h1(res.body), 'Conditions générales de vente à distance – Ecollectif.be');
    assert.match(res.body, /15 juillet 2016/);
    assert.match(res.body, /<strong> \(en vigueur\)<\/strong>/);
    assert.match(res.body, /aria-current="page"/);
    const current = await get('/shops/coopso/terms/particular_conditions');
    assert.equal(current.statusCode, 200);
    assert.equal(h1(current.body), h1(res.body));
  });

  test('should say in English or Dutch that the text is French, and mark its language', async () => {
    const en = await get('/shops/distritec/terms/cgv?lang=en');
    assert.match(en.body, /<html lang="en">/);
    assert.match(en.body, /This document is written in French/);
    assert.match(en.body, /<div class="terms-text" lang="fr">/);
    assert.match(en.body, /Download this version as a PDF/);
    const nl = await get('/shops/distritec/terms/cgv?lang=nl');
    assert.match(nl.body, /Dit document is in het Frans opgesteld/);
    const fr = await get('/shops/distritec/terms/cgv');
    assert.doesNotMatch(fr.body, /seul ce texte fait foi/);
  });

  test('should serve the plain text that the published hash covers', async () => {
    const res = await get('/shops/coopo/terms/privacy/2026-01-01.txt');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(res.headers['x-content-sha256'], sha256(res.rawPayload));
    assert.match(res.body, /^## Article 1 – Responsable du traitement/);
  });

  test('should escape everything it renders', async () => {
    const res = await get('/shops/coopso/terms/cgv/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    assert.equal(res.statusCode, 404);
    assert.doesNotMatch(res.body, /<script>alert/);
  });
});
