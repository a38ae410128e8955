/**
 * C19 data-subject requests and retention (GDPR), C20 cookies (CNIL / APD guidance).
 */
import { describeDuration, isLonger, isShorter } from '../duration.ts';
import type { Profile } from '../schema.ts';
import { cite, type Finding, periodAboveCeiling, requireFloor } from './finding.ts';

export function checkPrivacy(profile: Profile): Finding[] {
  return [...checkDsar(profile), ...checkRetention(profile), ...checkCookies(profile)];
}

function checkDsar({ privacy, legalSystem: system }: Profile): Finding[] {
  if (!privacy) return [];
  const { dsar } = privacy;
  const findings: Finding[] = [];
  const reply = requireFloor('dsarReply', system);
  if (isLonger(dsar.replyWithin, reply.value)) {
    findings.push(periodAboveCeiling('warning', 'privacy.dsar.replyWithin', dsar.replyWithin, reply, 'to answer a data request'));
  }
  const extension = requireFloor('dsarExtension', system);
  if (dsar.extension && isLonger(dsar.extension, extension.value)) {
    findings.push(periodAboveCeiling('warning', 'privacy.dsar.extension', dsar.extension, extension, 'extension, announced within the first month'));
  }
  if (dsar.idProof === 'always') {
    const id = requireFloor('dsarIdProof', system);
    findings.push({
      severity: 'error',
      path: 'privacy.dsar.idProof',
      message: `proof of identity may be asked only when there is reasonable doubt about who is asking (${cite(id)}, A-64); it will be asked only then`,
      legalMinimum: id.value,
      applied: id.value,
      source: id.source,
    });
  }
  return findings;
}

function checkRetention({ privacy, legalSystem: system }: Profile): Finding[] {
  const floor = requireFloor('retentionDefined', system);
  return (privacy?.dataSets ?? []).flatMap((set, i): Finding[] =>
    set.retention
      ? []
      : [
          {
            severity: 'warning',
            path: `privacy.dataSets[${i}].retention`,
            message: `"${set.name}" data has no retention period; one must be set and stated (${cite(floor)}${set.concernsChildren ? ', A-19 for children\'s data' : ''}); no purge job runs until it is`,
            legalMinimum: 'required',
            source: floor.source,
          },
        ],
  );
}

function checkCookies({ cookies, legalSystem: system }: Profile): Finding[] {
  if (!cookies) return [];
  const findings: Finding[] = [];
  const consent = requireFloor('cookieConsentMax', system);
  if (isLonger(cookies.consentTtl, consent.value)) {
    findings.push(periodAboveCeiling('warning', 'cookies.consentTtl', cookies.consentTtl, consent, 'to keep a cookie consent'));
  }
  const lifetime = requireFloor('cookieMaxLifetime', system);
  if (isLonger(cookies.cookieMaxTtl, lifetime.value)) {
    findings.push(periodAboveCeiling('warning', 'cookies.cookieMaxTtl', cookies.cookieMaxTtl, lifetime, 'cookie lifetime'));
  }
  const refusal = requireFloor('cookieRefusalMin', system);
  if (isShorter(cookies.refusalTtl, refusal.value)) {
    findings.push({
      severity: 'info',
      path: 'cookies.refusalTtl',
      message: `a refusal remembered for ${describeDuration(cookies.refusalTtl)} means asking again sooner than the recommended ${describeDuration(refusal.value)} (${cite(refusal)}, A-28)`,
      legalMinimum: refusal.value,
      source: refusal.source,
    });
  }
  const analytics = requireFloor('analyticsConsent', system);
  if (cookies.consentMechanism === 'browser_settings' || (cookies.analytics && !cookies.analytics.requiresConsent)) {
    const what = cookies.analytics ? `${cookies.analytics.tool} cookies` : 'analytics cookies';
    findings.push({
      severity: 'error',
      path: cookies.consentMechanism === 'browser_settings' ? 'cookies.consentMechanism' : 'cookies.analytics.requiresConsent',
      message: `${what} need prior consent through a banner where refusing is as easy as accepting, not browser settings (${cite(analytics)}, A-18); they stay off until the visitor consents`,
      legalMinimum: true,
      applied: true,
      source: analytics.source,
    });
  }
  return findings;
}
