import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ProfileInvalid } from './errors.ts';
import { loadProfileFile, loadProfilesDir, parseProfile } from './load.ts';
import { COMPLIANT_FILE, compliantYaml, PROFILES_DIR, tempDir } from './test-support.ts';

const BROKEN = `slug: broken-shop
legalSystem: FR
timeZone: Europe/Lens
language: fr
legalLanguageLocked: maybe
currency: EUR
identity:
  legalName: Broken
customers:
  kinds: [consumer, wholesaler]
  blockProfessionalPurpose: false
territories:
  served: [FR]
  pricesExclVatOutsideEu: false
  priceDisplay: incl_vat
terms:
  documents: [{kind: cgv, title: CGV, language: fr}]
  bindingVersion: in_force_at_order
  changeNotice: publish_online
checkout:
  registrationRequired: false
  reviewStep: true
  termsToAccept: [cgv]
  termsCheckboxText: J'accepte
  finalButtonLabel: Commander avec obligation de paiement
  maxPerProduct: four
  maxPerProdcut: 4
withdrawal:
  period: 14 days
demo:
  staff: {email: staff@example.org, name: Staff}
  products: []
`;

function invalid(run: () => unknown): ProfileInvalid {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ProfileInvalid, `expected ProfileInvalid, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the profile to be refused');
}

test('should load the five shops of profiles/, sorted by file name', () => {
  const profiles = loadProfilesDir(PROFILES_DIR);
  assert.deepEqual(
    profiles.map((p) => p.slug),
    ['bible-et-jeux', 'coopconnexion', 'coopo', 'coopso', 'distritec'],
  );
  const coopso = profiles.find((p) => p.slug === 'coopso');
  assert.equal(coopso?.legalSystem, 'BE');
  assert.equal(coopso?.timeZone, 'Europe/Brussels');
  assert.deepEqual(coopso?.payments?.methods[0], {
    method: 'bank_transfer',
    structuredReference: 'ogm',
    account: { iban: 'BE59000001234526', bic: 'DEMOBEB0', beneficiary: 'Coopso SC (compte de démonstration)' },
  });
  assert.equal(coopso?.campaigns?.[0]?.lateOrdersAfter, '08-20');
});

test('should carry the seed values that drive the rules', () => {
  const byslug = new Map(loadProfilesDir(PROFILES_DIR).map((p) => [p.slug, p]));
  const bej = byslug.get('bible-et-jeux');
  assert.equal(bej?.checkout.maxPerProduct, 4);
  assert.equal(bej?.checkout.minOrderCents, 200);
  assert.equal(bej?.terms.documents[0]?.effectiveUntil, '2027-01-01');
  assert.equal(bej?.withdrawal?.returnWithin, 'P10D');
  assert.deepEqual(bej?.territories.served, ['EU', 'CH']);
  const distritec = byslug.get('distritec');
  assert.equal(distritec?.payments?.deposit?.minBp, 5000);
  assert.equal(distritec?.invoicing?.adminFee?.amountExclVatCents, 750);
  assert.equal(distritec?.receivables?.recoveryIndemnity?.amountCents, 4000);
  const franco = distritec?.delivery?.modes.find((m) => m.mode === 'carrier')?.fee?.freeFrom;
  assert.deepEqual(franco && [franco.amountCents, franco.vat], [25000, 'excl']);
  assert.equal(distritec?.identity.mediator?.name, 'CMAP');
  assert.equal(byslug.get('coopconnexion')?.legalLanguageLocked, true);
  assert.equal(byslug.get('coopo')?.cookies?.cookieMaxTtl, 'P13M');
});

test('should freeze a loaded profile', () => {
  const profile = loadProfileFile(COMPLIANT_FILE);
  assert.ok(Object.isFrozen(profile) && Object.isFrozen(profile.checkout) && Object.isFrozen(profile.demo.products[0]));
  assert.throws(() => {
    (profile.checkout as { maxPerProduct?: number }).maxPerProduct = 99;
  }, TypeError);
});

test('should report every problem of a broken profile in one ProfileInvalid, one per line', () => {
  const dir = tempDir({ 'broken.yaml': BROKEN });
  const error = invalid(() => loadProfileFile(join(dir, 'broken.yaml')));
  assert.equal(error.code, 'profile_invalid');
  const lines = error.issues.map((i) => `${i.path}: ${i.message}`);
  const expected = [
    'name: is missing (expected text)', // missing field
    'timeZone: must be an IANA time zone such as Europe/Paris or Europe/Brussels (got "Europe/Lens")', // bad zone
    'legalLanguageLocked: must be true or false (got "maybe")', // wrong type
    'customers.kinds[1]: must be one of "consumer", "non_professional", "professional" (got "wholesaler")', // bad enum
    'checkout.maxPerProduct: must be a whole number ≥ 1 (got "four")', // wrong type
    'checkout.maxPerProdcut: is not a known setting here (did you mean "maxPerProduct"?)', // unknown key
    'withdrawal.period: must be a duration such as P14D, P2M or PT72H (got "14 days")',
    'withdrawal.start: is missing (expected one of "contract_concluded", "received", "day_after_delivery")',
    'demo.products: must list at least one product',
  ];
  for (const line of expected) assert.ok(lines.includes(line), `missing: ${line}\nin:\n${lines.join('\n')}`);
  assert.ok(error.issues.every((i) => i.file.endsWith('broken.yaml')));
  // The message lists each problem on its own line, prefixed by the file.
  const messageLines = error.message.split('\n').slice(1);
  assert.equal(messageLines.length, error.issues.length);
  assert.ok(messageLines.some((l) => /broken\.yaml: checkout\.maxPerProduct: must be a whole number ≥ 1 \(got "four"\)$/.test(l)));
});

test('should list unknown top-level keys with the allowed ones when no key is close', () => {
  const error = invalid(() => parseProfile(compliantYaml((d) => { d.zzz = 1; }), 'profiles/x.yaml'));
  assert.match(error.message, /^profiles\/x\.yaml: zzz: is not a known setting here \(allowed: slug, name, legalSystem/m);
});

test('should refuse values that contradict another field', () => {
  const error = invalid(() =>
    parseProfile(
      compliantYaml((d) => {
        d.identity.registrationNumber = '123456789';
        d.checkout.termsToAccept = ['cgv', 'cgu'];
        d.demo.products[0].vatRateBp = 1960;
        d.customers.blockProfessionalPurpose = true;
      }),
      'x.yaml',
    ),
  );
  const paths = error.issues.map((i) => i.path);
  assert.deepEqual(paths.sort(), [
    'checkout.termsToAccept[1]',
    'customers.blockProfessionalPurpose',
    'demo.products[0].vatRateBp',
    'identity.registrationNumber',
  ]);
  assert.match(error.message, /vatRateBp: must be a FR VAT rate in basis points: 2000, 1000, 550, 210 \(got 1960\)/);
});

test('should refuse a holiday zone for a Belgian shop and check BCE digits', () => {
  const error = invalid(() =>
    parseProfile(
      compliantYaml((d) => {
        d.legalSystem = 'BE';
        d.timeZone = 'Europe/Brussels';
        d.identity.registrationNumber = '0628438453';
        delete d.identity.vatNumber;
        d.disputes.law = 'BE';
        d.demo.products[0].vatRateBp = 2100;
      }),
      'x.yaml',
    ),
  );
  assert.deepEqual(error.issues.map((i) => i.path).sort(), ['holidayZone', 'identity.registrationNumber']);
  assert.doesNotThrow(() =>
    parseProfile(
      compliantYaml((d) => {
        d.legalSystem = 'BE';
        delete d.holidayZone;
        d.identity.registrationNumber = '0628438452';
        d.identity.vatNumber = 'BE0628438452';
        d.disputes.law = 'BE';
        d.demo.products[0].vatRateBp = 600;
      }),
      'x.yaml',
    ),
  );
});

test('should report YAML syntax errors with their line and column', () => {
  const error = invalid(() => parseProfile('slug: x\nname: [unclosed\n', 'profiles/x.yaml'));
  assert.equal(error.issues.length, 1);
  assert.match(error.message, /^profiles\/x\.yaml: YAML syntax error at line \d+, column \d+: /m);
  const duplicate = invalid(() => parseProfile('slug: x\nslug: y\n', 'd.yaml'));
  assert.match(duplicate.message, /YAML syntax error at line 2, column 1: .*unique/i);
});

test('should refuse an empty or missing file in plain words', () => {
  assert.match(invalid(() => parseProfile('', 'e.yaml')).message, /e\.yaml: the file is empty/);
  assert.match(invalid(() => loadProfileFile('/nonexistent/shop.yaml')).message, /shop\.yaml: the file does not exist/);
});

test('should refuse two profiles with the same slug', () => {
  const text = compliantYaml();
  const dir = tempDir({ 'a.yaml': text, 'b.yaml': text });
  const error = invalid(() => loadProfilesDir(dir));
  assert.equal(error.issues.length, 1);
  assert.equal(error.issues[0]?.path, 'slug');
  assert.match(error.issues[0]?.file ?? '', /b\.yaml$/);
  assert.match(error.message, /b\.yaml: slug: "fabrique-test" is already the slug of .*a\.yaml/);
});

test('should collect the problems of every file of a directory before failing', () => {
  const dir = tempDir({ 'good.yaml': compliantYaml(), 'bad1.yaml': 'slug: Bad Slug\n', 'bad2.yaml': 'x: [\n' });
  writeFileSync(join(dir, 'notes.txt'), 'not a profile');
  const error = invalid(() => loadProfilesDir(dir));
  const files = new Set(error.issues.map((i) => i.file.replace(/^.*\//, '')));
  assert.deepEqual([...files].sort(), ['bad1.yaml', 'bad2.yaml']);
  assert.ok(error.issues.some((i) => i.path === 'slug' && /must be a slug/.test(i.message)));
});

test('should refuse a bank-transfer account whose IBAN fails mod 97 or whose BIC is malformed', () => {
  const error = invalid(() =>
    parseProfile(
      compliantYaml((d) => {
        const payments = d.payments as { methods: { account?: Record<string, string> }[] };
        const account = payments.methods[1]?.account;
        if (account) Object.assign(account, { iban: 'FR7699999000010000001234538', bic: 'demo' });
      }),
      'profiles/x.yaml',
    ),
  );
  const lines = error.issues.map((i) => `${i.path}: ${i.message}`);
  assert.ok(lines.includes('payments.methods[1].account.iban: must be an IBAN whose check digits are valid (ISO 13616, mod 97) (got "FR7699999000010000001234538")'), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith('payments.methods[1].account.bic: must be a BIC')), lines.join('\n'));
});
