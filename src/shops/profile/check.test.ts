import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blocksPublishing, checkProfile, type Finding, formatFindings } from './check.ts';
import { loadProfileFile, loadProfilesDir } from './load.ts';
import { COMPLIANT_FILE, compliantVariant, PROFILES_DIR } from './test-support.ts';

const profiles = new Map(loadProfilesDir(PROFILES_DIR).map((p) => [p.slug, p]));

function findingsOf(slug: string): Finding[] {
  const profile = profiles.get(slug);
  assert.ok(profile, `no profile ${slug}`);
  return checkProfile(profile);
}

function only(findings: readonly Finding[], path: string): Finding {
  const matches = findings.filter((f) => f.path === path);
  assert.equal(matches.length, 1, `expected one finding at ${path}, got ${matches.length}:\n${formatFindings('x', findings)}`);
  return matches[0] as Finding;
}

const paths = (findings: readonly Finding[], severity: Finding['severity']) =>
  findings.filter((f) => f.severity === severity).map((f) => f.path);

test('should find nothing to report on a fully compliant profile', () => {
  const findings = checkProfile(loadProfileFile(COMPLIANT_FILE));
  assert.deepEqual(findings, []);
  assert.equal(blocksPublishing(findings), false);
});

test('bible-et-jeux: the 10-day return becomes the legal 14 days', () => {
  const f = only(findingsOf('bible-et-jeux'), 'withdrawal.returnWithin');
  assert.equal(f.severity, 'error');
  assert.equal(f.message, '10 days is shorter than the legal 14 days (C. consom. L221-23); 14 days will apply');
  assert.deepEqual([f.legalMinimum, f.applied, f.source], ['P14D', 'P14D', 'C. consom. L221-23']);
});

test('bible-et-jeux: old L241-4 brackets, second-hand presumption, notice and publishing blockers', () => {
  const findings = findingsOf('bible-et-jeux');
  const brackets = only(findings, 'lateDelivery.consumer.lateRefundSurcharges');
  assert.equal(brackets.severity, 'warning');
  assert.match(brackets.message, /\+10 % up to 30 days, \+20 % up to 60 days, \+50 % beyond are below the current law, \+10 % up to 14 days, \+20 % up to 30 days, \+50 % beyond/);
  const secondHand = only(findings, 'guarantee.consumer.presumptionSecondHand');
  assert.deepEqual([secondHand.severity, secondHand.applied], ['error', 'P12M']);
  assert.equal(only(findings, 'guarantee.consumer.notifyWithin').severity, 'error');
  assert.equal(only(findings, 'withdrawal.refund').applied, 'P14D');
  assert.equal(only(findings, 'modification.cancellation[0]').severity, 'error');
  assert.equal(only(findings, 'privacy.dsar.idProof').applied, 'if_doubt');
  assert.equal(only(findings, 'terms.documents[0].effectiveUntil').severity, 'info');
  for (const missing of ['registrationNumber', 'email', 'phone', 'host', 'mediator']) {
    const f = only(findings, `identity.${missing}`);
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /publishing blocked until/);
  }
  assert.ok(!paths(findings, 'warning').includes('identity.registeredOffice'));
  assert.ok(blocksPublishing(findings));
});

test('coopso: refund 30 days from the goods → 14 days from the notice (BE CDE VI.50)', () => {
  const f = only(findingsOf('coopso'), 'withdrawal.refund');
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /^30 days from receipt of the returned goods is later than the legal 14 days from the withdrawal notice \(CDE VI\.50\)/);
  assert.deepEqual([f.applied, f.source], ['P14D', 'CDE VI.50']);
});

test('coopso: presumption 6 → 24 months and the consumer chooses the remedy (BE C. civ.)', () => {
  const findings = findingsOf('coopso');
  const presumption = only(findings, 'guarantee.consumer.presumption');
  assert.equal(presumption.severity, 'error');
  assert.equal(
    presumption.message,
    '6 months is shorter than the legal presumption of 24 months (C. civ. 1649quater §4); 24 months will apply',
  );
  const chooser = only(findings, 'guarantee.consumer.remedyChooser');
  assert.deepEqual([chooser.severity, chooser.applied], ['error', 'consumer']);
  // The 2-month defect notice is lawful in Belgium: nothing to report.
  assert.ok(!findings.some((f) => f.path === 'guarantee.consumer.notifyWithin'));
});

test('coopso: the other gaps of seed 001', () => {
  const findings = findingsOf('coopso');
  assert.deepEqual(paths(findings, 'error').sort(), [
    'cookies.consentMechanism',
    'delivery.transportDamageReport',
    'disputes.exclusiveForum',
    'guarantee.consumer.presumption',
    'guarantee.consumer.remedyChooser',
    'withdrawal.channels',
    'withdrawal.deduction',
    'withdrawal.requiredNoticeContent',
  ]);
  assert.equal(only(findings, 'withdrawal.refund.scope').severity, 'warning');
  assert.equal(only(findings, 'withdrawal.modelForm').severity, 'warning');
  assert.equal(only(findings, 'lateDelivery.consumer.refund.within').legalMinimum, 'P14D');
  // Coopso's identity is complete except the host.
  assert.deepEqual(paths(findings, 'warning').filter((p) => p.startsWith('identity.')), ['identity.host']);
});

test('coopconnexion: withdrawal from conclusion → from receipt for goods (L221-18, A-01)', () => {
  const findings = findingsOf('coopconnexion');
  const f = only(findings, 'withdrawal.start');
  assert.equal(f.severity, 'warning');
  assert.deepEqual([f.legalMinimum, f.applied, f.source], ['received', 'later_of_conclusion_and_receipt', 'C. consom. L221-18']);
  assert.deepEqual(paths(findings, 'error'), []);
  assert.ok(paths(findings, 'warning').includes('identity.mediator'));
});

test('distritec: postal-only notice, refund from the goods, consumer dispute bar, risk in transit', () => {
  const findings = findingsOf('distritec');
  assert.equal(only(findings, 'withdrawal.channels').applied, 'any_unambiguous_statement');
  assert.match(only(findings, 'withdrawal.refund').message, /^14 days from receipt of the returned goods is later than the legal 14 days from the withdrawal notice/);
  assert.equal(only(findings, 'receivables.disputeWindow.customerKinds').severity, 'error');
  assert.equal(only(findings, 'delivery.riskTransfer.consumer').applied, 'physical_possession');
  assert.equal(only(findings, 'withdrawal.earlyPerformance').severity, 'error');
  // CMAP is named, the payment terms and the 40 € indemnity are lawful: nothing to report there.
  for (const quiet of ['identity.mediator', 'receivables.paymentTerms[0].term', 'receivables.recoveryIndemnity.amountCents']) {
    assert.ok(!findings.some((f) => f.path === quiet), quiet);
  }
  assert.ok(paths(findings, 'warning').includes('identity.registeredOffice'));
});

test('coopo: privacy rules are lawful; Comptoir’s demo CGV fills the seed’s missing terms of sale', () => {
  const findings = findingsOf('coopo');
  assert.ok(!findings.some((f) => f.path.startsWith('privacy.') || f.path.startsWith('cookies.')));
  assert.ok(!findings.some((f) => f.path === 'terms.documents'));
  assert.equal(only(findings, 'withdrawal').severity, 'info');
});

test('a selling shop without terms of sale cannot publish (coopo’s seed is only a privacy policy)', () => {
  const findings = checkProfile(
    compliantVariant((d) => {
      d.terms.documents = d.terms.documents.filter((doc: { kind: string }) => doc.kind !== 'cgv');
      d.checkout.termsToAccept = ['privacy'];
    }),
  );
  assert.equal(only(findings, 'terms.documents').severity, 'warning');
  assert.ok(blocksPublishing(findings));
});

test('should report a payment surcharge, long B2B terms, a bad order button and forbidden charges', () => {
  const findings = checkProfile(
    compliantVariant((d) => {
      d.payments.surchargeCents = 150;
      d.receivables.paymentTerms[1].term = 'P90D';
      d.receivables.paymentTerms[0].term = 'P60D';
      d.checkout.finalButtonLabel = 'Valider';
      d.receivables.recoveryIndemnity.customerKinds = ['professional', 'consumer'];
      d.receivables.lateInterest.legalRateMultiplier = 2;
    }),
  );
  const surcharge = only(findings, 'payments.surchargeCents');
  assert.deepEqual([surcharge.severity, surcharge.applied], ['error', 0]);
  assert.match(surcharge.message, /^a surcharge of 1\.50 € for a means of payment is forbidden/);
  assert.equal(
    only(findings, 'receivables.paymentTerms[1].term').message,
    '90 days is longer than the legal 60 days from the invoice date (C. com. L441-10); 60 days will apply',
  );
  assert.equal(only(findings, 'receivables.paymentTerms[0].term').applied, 'P45D');
  assert.equal(only(findings, 'checkout.finalButtonLabel').severity, 'error');
  assert.equal(only(findings, 'receivables.recoveryIndemnity.customerKinds').severity, 'error');
  assert.equal(only(findings, 'receivables.lateInterest.legalRateMultiplier').applied, 3);
});

test('should report slow data requests and long-lived cookie consent', () => {
  const findings = checkProfile(
    compliantVariant((d) => {
      d.privacy.dsar.replyWithin = 'P2M';
      d.privacy.dsar.extension = 'P3M';
      d.cookies.consentTtl = 'P24M';
      d.cookies.cookieMaxTtl = 'P25M';
      d.cookies.refusalTtl = 'P1M';
    }),
  );
  assert.equal(
    only(findings, 'privacy.dsar.replyWithin').message,
    '2 months is longer than the legal 1 month to answer a data request (GDPR art. 12(3)); 1 month will apply',
  );
  assert.equal(only(findings, 'privacy.dsar.extension').applied, 'P2M');
  assert.deepEqual([only(findings, 'cookies.consentTtl').severity, only(findings, 'cookies.consentTtl').applied], ['warning', 'P13M']);
  assert.equal(only(findings, 'cookies.cookieMaxTtl').applied, 'P13M');
  assert.equal(only(findings, 'cookies.refusalTtl').severity, 'info');
});

test('should report a short withdrawal period and guarantee for a French consumer shop', () => {
  const findings = checkProfile(
    compliantVariant((d) => {
      d.withdrawal.period = 'P7D';
      d.withdrawal.deadlineTest = 'received';
      d.guarantee.consumer.duration = 'P1Y';
      d.guarantee.consumer.presumption = 'P6M';
    }),
  );
  assert.equal(only(findings, 'withdrawal.period').message, '7 days is shorter than the legal 14 days (C. consom. L221-18); 14 days will apply');
  assert.equal(only(findings, 'withdrawal.deadlineTest').applied, 'sent');
  assert.equal(only(findings, 'guarantee.consumer.duration').applied, 'P2Y');
  assert.equal(only(findings, 'guarantee.consumer.presumption').source, 'C. consom. L217-7');
});

test('should not apply consumer floors to a shop selling only to professionals', () => {
  const findings = checkProfile(
    compliantVariant((d) => {
      d.customers.kinds = ['professional'];
      d.withdrawal.returnWithin = 'P5D';
      d.guarantee.consumer.presumption = 'P6M';
      delete d.identity.mediator;
    }),
  );
  assert.deepEqual(findings, []);
});

test('should order findings errors first and format one line per finding', () => {
  for (const [slug, profile] of profiles) {
    const findings = checkProfile(profile);
    const ranks = findings.map((f) => ['error', 'warning', 'info'].indexOf(f.severity));
    assert.deepEqual(ranks, [...ranks].sort(), slug);
    assert.ok(findings.every((f) => f.path && f.message && f.source), slug);
    const lines = formatFindings(slug, findings).split('\n');
    assert.equal(lines.length, findings.length);
    assert.ok(lines.every((l) => l.startsWith(`${slug}  `)));
  }
  assert.equal(
    formatFindings('bible-et-jeux', [only(findingsOf('bible-et-jeux'), 'withdrawal.returnWithin')]),
    'bible-et-jeux  error    withdrawal.returnWithin: 10 days is shorter than the legal 14 days (C. consom. L221-23); 14 days will apply',
  );
  assert.equal(formatFindings('fabrique-test', []), 'fabrique-test  ok       no finding');
});
