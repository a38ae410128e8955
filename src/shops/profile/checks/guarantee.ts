/**
 * C14 consumer guarantee (FR L217-3 ff.; BE C. civ. 1649bis ff.) and C15 goodwill returns.
 * The non-consumer guarantee is contractual and has no floor to check here.
 */
import { describeDuration, isShorter } from '../duration.ts';
import type { Profile } from '../schema.ts';
import { cite, type Finding, periodBelowFloor, requireFloor } from './finding.ts';

export function checkGuarantee(profile: Profile): Finding[] {
  const g = profile.guarantee?.consumer;
  if (!g || !profile.customers.kinds.includes('consumer')) return checkGoodwill(profile);
  const system = profile.legalSystem;
  const findings: Finding[] = [];
  const duration = requireFloor('guaranteeDuration', system);
  if (isShorter(g.duration, duration.value)) {
    findings.push(periodBelowFloor('error', 'guarantee.consumer.duration', g.duration, duration));
  }
  const presumption = requireFloor('guaranteePresumption', system);
  if (isShorter(g.presumption, presumption.value)) {
    findings.push(
      periodBelowFloor('error', 'guarantee.consumer.presumption', g.presumption, presumption, 'the legal presumption of'),
    );
  }
  const secondHand = system === 'FR' ? requireFloor('guaranteePresumptionSecondHand', system) : undefined;
  if (secondHand && g.presumptionSecondHand && isShorter(g.presumptionSecondHand, secondHand.value)) {
    findings.push(
      periodBelowFloor('error', 'guarantee.consumer.presumptionSecondHand', g.presumptionSecondHand, secondHand, 'the legal presumption for second-hand goods of'),
    );
  }
  if (g.remedyChooser === 'seller') {
    const chooser = requireFloor('guaranteeRemedyChooser', system);
    findings.push({
      severity: 'error',
      path: 'guarantee.consumer.remedyChooser',
      message: `the seller cannot choose between repair and replacement: the consumer chooses, unless the choice is impossible or disproportionate (${cite(chooser)}, A-15); the consumer's choice will apply`,
      legalMinimum: chooser.value,
      applied: chooser.value,
      source: chooser.source,
    });
  }
  if (g.notifyWithin) findings.push(...checkNotice(profile, g.notifyWithin.within));
  return [...findings, ...checkGoodwill(profile)];
}

function checkNotice(profile: Profile, within: string): Finding[] {
  const notice = requireFloor('guaranteeNotice', profile.legalSystem);
  if (!isShorter(within, notice.value)) return [];
  // FR has no notice duty at all (any deadline is informational); BE allows 2 months minimum.
  const message =
    profile.legalSystem === 'FR'
      ? `a deadline of ${describeDuration(within)} to report a defect cannot shorten the legal guarantee of ${describeDuration(notice.value)} (${cite(notice)}, A-62); it stays informational and later claims are accepted`
      : `${describeDuration(within)} to report a defect is shorter than the legal minimum of ${describeDuration(notice.value)} after it appears (${cite(notice)}, A-15); ${describeDuration(notice.value)} will apply`;
  return [
    {
      severity: 'error',
      path: 'guarantee.consumer.notifyWithin',
      message,
      legalMinimum: notice.value,
      applied: notice.value,
      source: notice.source,
    },
  ];
}

function checkGoodwill(profile: Profile): Finding[] {
  const r = profile.goodwillReturns;
  if (!r?.customerKinds.includes('consumer')) return [];
  const period = requireFloor('withdrawalPeriod', profile.legalSystem);
  return [
    {
      severity: 'info',
      path: 'goodwillReturns.customerKinds',
      message: `for consumers buying at a distance the withdrawal right applies instead (${cite(period)}, A-46); these returns serve professionals and in-shop or fair sales`,
      source: period.source,
    },
  ];
}
