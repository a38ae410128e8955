import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { parseMarkup } from './markup.ts';
import { winAnsi } from './pdf.ts';
import { inForce, isInForce, isVersionLabel, NOTICE_WINDOW_DAYS, noticesDue, planPublication, supersedesAnother, termsSha256 } from './rules.ts';

const day = (iso: string) => Temporal.PlainDate.from(iso);
const v = (id: string, kind: string, effectiveFrom: string, effectiveUntil: string | null = null) => ({ id, kind, effectiveFrom, effectiveUntil });

test('A-68: a version ending 2027-01-01 is in force on that day, inclusive, and not the day after', () => {
  const cgv = v('a', 'cgv', '2026-01-01', '2027-01-01');
  assert.equal(isInForce(cgv, day('2025-12-31')), false);
  assert.equal(isInForce(cgv, day('2026-01-01')), true);
  assert.equal(isInForce(cgv, day('2027-01-01')), true);
  assert.equal(isInForce(cgv, day('2027-01-02')), false);
});

test('the latest effectiveFrom in force wins, per kind, listed in the kinds order', () => {
  const versions = [v('c1', 'cookies', '2026-01-01'), v('g1', 'cgv', '2025-12-28'), v('g2', 'cgv', '2026-06-01'), v('u1', 'cgu', '2027-01-01')];
  assert.deepEqual(inForce(versions, day('2026-05-31')).map((x) => x.id), ['g1', 'c1']);
  assert.deepEqual(inForce(versions, day('2026-06-01')).map((x) => x.id), ['g2', 'c1']);
  assert.deepEqual(inForce(versions, day('2027-01-01')).map((x) => x.id), ['g2', 'u1', 'c1']);
});

test('between two versions starting the same day, the one published later wins', () => {
  assert.equal(inForce([v('first', 'cgv', '2026-01-01'), v('second', 'cgv', '2026-01-01')], day('2026-02-01'))[0]?.id, 'second');
});

test('only a version replacing an earlier one of its kind is a change', () => {
  const all = [v('g1', 'cgv', '2026-01-01'), v('g2', 'cgv', '2026-11-15'), v('p1', 'privacy', '2026-01-01')];
  assert.equal(supersedesAnother(all[0] as (typeof all)[0], all), false);
  assert.equal(supersedesAnother(all[1] as (typeof all)[0], all), true);
  assert.equal(supersedesAnother(all[2] as (typeof all)[0], all), false);
});

test('000 §20: a change is announced once it takes effect, while it is news, and never the first version', () => {
  const all = [v('g1', 'cgv', '2026-01-01'), v('g2', 'cgv', '2026-11-15'), v('p1', 'privacy', '2026-01-01')];
  assert.deepEqual(noticesDue(all, day('2026-11-14')), []);
  assert.deepEqual(noticesDue(all, day('2026-11-15')).map((x) => x.id), ['g2']);
  const lastDay = day('2026-11-15').add({ days: NOTICE_WINDOW_DAYS });
  assert.deepEqual(noticesDue(all, lastDay).map((x) => x.id), ['g2']);
  assert.deepEqual(noticesDue(all, lastDay.add({ days: 1 })), []);
  // A version already replaced by a newer one in force is not announced.
  assert.deepEqual(noticesDue([...all, v('g3', 'cgv', '2026-11-20')], day('2026-11-21')).map((x) => x.id), ['g3']);
});

test('versions are immutable: same label with another text or other dates is a conflict', () => {
  const stored = { sha256: termsSha256('texte'), title: 'CGV', language: 'fr', effectiveFrom: '2026-01-01', effectiveUntil: null };
  assert.equal(planPublication(undefined, stored), 'insert');
  assert.equal(planPublication(stored, { ...stored }), 'unchanged');
  assert.equal(planPublication(stored, { ...stored, sha256: termsSha256('texte modifié') }), 'conflict');
  assert.equal(planPublication(stored, { ...stored, effectiveUntil: '2027-01-01' }), 'conflict');
});

test('the SHA-256 covers the exact UTF-8 bytes of the body', () => {
  assert.equal(termsSha256(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.notEqual(termsSha256('é'), termsSha256('e\u0301'));
  assert.match(termsSha256('Conditions'), /^[0-9a-f]{64}$/);
});

test('a version label is a short URL-safe identifier', () => {
  for (const ok of ['2026-01-01', '1.0', 'v2', '2026-11_b']) assert.ok(isVersionLabel(ok), ok);
  for (const bad of ['', 'Version 1.0', '../x', '1.0.pdf', 'x.txt', '-1', '%2e', 'a'.repeat(41), "1' or 1=1", '<b>']) assert.ok(!isVersionLabel(bad), bad);
});

test('the markup: headings, paragraphs joined across lines, lists', () => {
  const blocks = parseMarkup('## Article 1 – Objet\n\nUne ligne\net la suite.\n\n- premier\n- second\n  suite du second\n\n### Sous-titre\nFin.');
  assert.deepEqual(blocks, [
    { type: 'heading', level: 2, text: 'Article 1 – Objet' },
    { type: 'paragraph', text: 'Une ligne et la suite.' },
    { type: 'list', items: ['premier', 'second suite du second'] },
    { type: 'heading', level: 3, text: 'Sous-titre' },
    { type: 'paragraph', text: 'Fin.' },
  ]);
  assert.deepEqual(parseMarkup('<script>alert(1)</script>'), [{ type: 'paragraph', text: '<script>alert(1)</script>' }]);
});

test('the PDF text keeps French typography and maps what Helvetica cannot draw', () => {
  assert.equal(winAnsi('L’œuvre « Œdipe » coûte 5 € …'), 'L’œuvre « Œdipe » coûte 5 € …');
  assert.equal(winAnsi('5\u202f% ≤ 10 → x'), '5\u00a0% <= 10 -> x');
  assert.equal(winAnsi('e\u0301'), 'é');
  assert.equal(winAnsi('漢'), '?');
});
