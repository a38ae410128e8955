/**
 * C01 legal notice, C06 documents, C23 mediator: what must exist before a shop is published.
 * Missing data never stops a profile from loading (the seeds lack it: A-05); it blocks
 * publishing, and the checker says exactly what to fill in.
 */
import { describeDuration } from '../duration.ts';
import type { Profile } from '../schema.ts';
import { cite, type Finding, requireFloor } from './finding.ts';

const NOTICE_FIELDS = [
  ['registrationNumber', 'the registration number (SIREN / BCE)'],
  ['registeredOffice', 'the registered office address'],
  ['email', 'the e-mail address'],
  ['phone', 'the phone number'],
  ['host', "the website host's name, address and phone"],
] as const;

export function checkIdentity(profile: Profile): Finding[] {
  const notice = requireFloor('legalNotice', profile.legalSystem);
  const blocked = (path: string, what: string): Finding => ({
    severity: 'warning',
    path,
    message: `the legal notice lacks ${what} (${cite(notice)}, A-05); publishing blocked until it is filled`,
    legalMinimum: 'required',
    source: notice.source,
  });
  const { identity } = profile;
  const findings = NOTICE_FIELDS.filter(([key]) => identity[key] === undefined).map(([key, what]) =>
    blocked(`identity.${key}`, what),
  );
  if (identity.host && (!identity.host.address || !identity.host.phone)) {
    findings.push(blocked('identity.host', "the website host's address or phone"));
  }
  if (!identity.vatNumber) {
    findings.push({
      severity: 'info',
      path: 'identity.vatNumber',
      message: `no VAT number; the legal notice and invoices must show it if the shop is VAT-registered (${cite(notice)})`,
      source: notice.source,
    });
  }
  return [...findings, ...checkMediator(profile), ...checkDocuments(profile)];
}

function checkMediator(profile: Profile): Finding[] {
  const floor = profile.legalSystem === 'FR' ? requireFloor('consumerMediator', 'FR') : undefined;
  if (!floor || profile.identity.mediator || !profile.customers.kinds.includes('consumer')) return [];
  const reference = profile.disputes?.mediationReference;
  const said = reference ? `the terms only refer to "${reference}", which is not a named mediator; ` : '';
  return [
    {
      severity: 'warning',
      path: 'identity.mediator',
      message: `${said}a consumer shop must name its consumer mediator and how to reach it (${cite(floor)}); publishing blocked until one is set`,
      legalMinimum: 'required',
      source: floor.source,
    },
  ];
}

function checkDocuments(profile: Profile): Finding[] {
  const findings: Finding[] = [];
  profile.terms.documents.forEach((doc, i) => {
    if (!doc.effectiveFrom) {
      findings.push({
        severity: 'warning',
        path: `terms.documents[${i}].effectiveFrom`,
        message: `"${doc.title}" has no effective date, so no version can be published; publishing blocked until one is set (A-24)`,
        legalMinimum: 'required',
        source: 'SPEC A-24',
      });
    }
    if (doc.effectiveUntil) {
      const warn = profile.terms.expiryWarning ? `; staff are warned ${describeDuration(profile.terms.expiryWarning)} before` : '';
      findings.push({
        severity: 'info',
        path: `terms.documents[${i}].effectiveUntil`,
        message: `"${doc.title}" is in force until ${doc.effectiveUntil} included (${profile.timeZone}); checkout is blocked after that day unless a new version is published${warn} (A-68)`,
        source: 'SPEC A-68',
      });
    }
  });
  if (!profile.terms.documents.some((doc) => doc.kind === 'cgv')) {
    const info = requireFloor('preContractInformation', profile.legalSystem);
    findings.push({
      severity: 'warning',
      path: 'terms.documents',
      message: `the shop sells, but has no terms of sale (kind "cgv") to carry the required pre-contract information (${cite(info)}); publishing blocked until a CGV document is added`,
      legalMinimum: 'cgv',
      source: info.source,
    });
  }
  return findings;
}
