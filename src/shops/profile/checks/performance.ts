/**
 * Performance of the contract towards consumers: C10 delivery and risk, C12 late delivery,
 * C11 cancellation penalties, C24 force majeure, C23 forum. Clauses written for professionals
 * are only reported when they also reach consumers.
 */
import { describeDuration, isLonger, parseDuration } from '../duration.ts';
import type { Profile } from '../schema.ts';
import { cite, type Finding, periodAboveCeiling, requireFloor, sellsTo } from './finding.ts';

// Risk points compatible with FR L216-4 / L216-5: possession, a handover at the agreed place,
// or a carrier the consumer chose themselves.
const CONSUMER_RISK_OK = new Set(['physical_possession', 'agreed_delivery_point', 'handover_to_customer_carrier']);

const RISK_WORDS: Readonly<Record<string, string>> = {
  dispatch: 'dispatch',
  leaving_seller_depot: "the moment they leave the seller's depot",
  leaving_manufacturer_depot: "the moment they leave the manufacturer's depot",
};

export function checkPerformance(profile: Profile): Finding[] {
  if (!profile.customers.kinds.includes('consumer')) return [];
  return [
    ...checkDelivery(profile),
    ...checkLateDelivery(profile),
    ...checkCancellation(profile),
    ...checkForceMajeure(profile),
    ...checkForum(profile),
  ];
}

function checkDelivery({ delivery, legalSystem: system }: Profile): Finding[] {
  if (!delivery) return [];
  const findings: Finding[] = [];
  const risk = requireFloor('consumerRiskPoint', system);
  const riskFinding = (path: string, point: string): Finding => ({
    severity: 'warning',
    path,
    message: `for consumers the goods travel at the seller's risk until they take physical possession (${cite(risk)}, A-36), not from ${RISK_WORDS[point] ?? point}; physical possession will apply`,
    legalMinimum: risk.value,
    applied: risk.value,
    source: risk.source,
  });
  const global = delivery.riskTransfer.consumer;
  if (global && !CONSUMER_RISK_OK.has(global)) findings.push(riskFinding('delivery.riskTransfer.consumer', global));
  const firm = system === 'FR' ? requireFloor('firmConsumerDate', system) : undefined;
  delivery.modes.forEach((mode, i) => {
    if (!sellsTo(mode.customerKinds, 'consumer')) return;
    if (mode.riskTransfer && !CONSUMER_RISK_OK.has(mode.riskTransfer)) {
      findings.push(riskFinding(`delivery.modes[${i}].riskTransfer`, mode.riskTransfer));
    }
    if (firm && mode.leadTime?.indicative) {
      findings.push({
        severity: 'warning',
        path: `delivery.modes[${i}].leadTime.indicative`,
        message: `an indicative delivery date is presumed abusive against consumers (${cite(firm)}, A-38); the stated time will be a firm maximum`,
        applied: false,
        source: firm.source,
      });
    }
  });
  if (delivery.transportDamageReport === 'at_delivery') {
    const report = requireFloor('transportDamageLateReport', system);
    findings.push({
      severity: 'error',
      path: 'delivery.transportDamageReport',
      message: `transport damage reported after delivery cannot be refused for consumers: it falls under the conformity guarantee (${cite(report)}, A-16); late reports will go to the conformity workflow`,
      applied: report.value,
      source: report.source,
    });
  }
  if (delivery.reserves?.customerKinds.includes('consumer')) {
    findings.push({
      severity: 'error',
      path: 'delivery.reserves.customerKinds',
      message: `carrier reserves and their deadlines bind professionals only; a consumer is not party to the transport contract (${cite(risk)}, A-35)`,
      applied: 'professional',
      source: risk.source,
    });
  }
  return findings;
}

function checkLateDelivery({ lateDelivery, legalSystem: system }: Profile): Finding[] {
  const c = lateDelivery?.consumer;
  if (!c) return [];
  const findings: Finding[] = [];
  const refund = requireFloor('lateDeliveryRefund', system);
  if (isLonger(c.refund.within, refund.value) && system === 'FR') {
    findings.push(periodAboveCeiling('warning', 'lateDelivery.consumer.refund.within', c.refund.within, refund, 'to refund a cancelled order'));
  } else if (isLonger(c.refund.within, refund.value)) {
    // BE has no text fixing this refund; A-11 keeps the seed's limit and targets 14 days.
    findings.push({
      severity: 'warning',
      path: 'lateDelivery.consumer.refund.within',
      message: `${describeDuration(c.refund.within)} to refund a cancelled order is longer than the ${describeDuration(refund.value)} the law sets for withdrawal refunds (${cite(refund)}); the platform targets ${describeDuration(refund.value)} and keeps ${describeDuration(c.refund.within)} as the outer limit`,
      legalMinimum: refund.value,
      applied: refund.value,
      source: refund.source,
    });
  }
  const schedule = system === 'FR' ? requireFloor('lateRefundSurcharges', system) : undefined;
  if (schedule && c.lateRefundSurcharges && !atLeast(c.lateRefundSurcharges, schedule.value)) {
    findings.push({
      severity: 'warning',
      path: 'lateDelivery.consumer.lateRefundSurcharges',
      message: `the brackets ${describeBrackets(c.lateRefundSurcharges)} are below the current law, ${describeBrackets(schedule.value)} (${cite(schedule)}, A-54); the current schedule will apply`,
      legalMinimum: describeBrackets(schedule.value),
      applied: describeBrackets(schedule.value),
      source: schedule.source,
    });
  }
  return findings;
}

type Bracket = { readonly lateUpTo?: string | undefined; readonly bp: number };

const bracketDays = (b: Bracket) => (b.lateUpTo ? parseDuration(b.lateUpTo).days + 7 * parseDuration(b.lateUpTo).weeks : Infinity);

function surchargeAt(brackets: readonly Bracket[], daysLate: number): number {
  return brackets.find((b) => daysLate <= bracketDays(b))?.bp ?? 0;
}

/** True when the shop's schedule gives at least the law's surcharge for every day of delay. */
function atLeast(shop: readonly Bracket[], law: readonly Bracket[]): boolean {
  for (let d = 1; d <= 365; d++) if (surchargeAt(shop, d) < surchargeAt(law, d)) return false;
  return true;
}

function describeBrackets(brackets: readonly Bracket[]): string {
  return brackets
    .map((b) => `+${b.bp / 100} % ${b.lateUpTo ? `up to ${describeDuration(b.lateUpTo)}` : 'beyond'}`)
    .join(', ');
}

function checkCancellation({ modification, legalSystem: system }: Profile): Finding[] {
  const floor = requireFloor('consumerCancellationPenalty', system);
  return (modification?.cancellation ?? []).flatMap((rule, i): Finding[] => {
    const penalised = rule.penalty !== 'none' && rule.customerKinds.includes('consumer');
    if (!penalised || rule.when === 'after_withdrawal_period_or_shop_sale') return [];
    return [
      {
        severity: 'error',
        path: `modification.cancellation[${i}]`,
        message: `a consumer who cancels a distance contract before the end of the withdrawal period is withdrawing, which cannot be penalised (${cite(floor)}, A-57); this penalty will apply only where no withdrawal right exists`,
        applied: floor.value,
        source: floor.source,
      },
    ];
  });
}

function checkForceMajeure({ forceMajeure, legalSystem: system }: Profile): Finding[] {
  const floor = system === 'FR' ? requireFloor('consumerForceMajeure', system) : undefined;
  const events = forceMajeure?.agreedEvents ?? [];
  if (!floor || events.length === 0) return [];
  if (events.includes('personal_unavailability')) {
    return [
      {
        severity: 'warning',
        path: 'forceMajeure.agreedEvents',
        message: `treating the seller's unavailability for health, work or personal reasons as force majeure is likely abusive against consumers (${cite(floor)}, A-73); staff will assess each event under C. civ. 1218`,
        applied: floor.value,
        source: floor.source,
      },
    ];
  }
  return [
    {
      severity: 'info',
      path: 'forceMajeure.agreedEvents',
      message: `events such as ${events.join(', ').replaceAll('_', ' ')} count as force majeure only if unforeseeable and irresistible (${cite(floor)}, A-50); staff assess each case`,
      source: floor.source,
    },
  ];
}

function checkForum({ disputes, legalSystem: system }: Profile): Finding[] {
  if (!disputes?.exclusiveForum) return [];
  const floor = requireFloor('consumerForum', system);
  return [
    {
      severity: 'error',
      path: 'disputes.exclusiveForum',
      message: `an exclusive forum ("${disputes.exclusiveForum}") cannot bind consumers, who may sue and be sued where they live (${cite(floor)}, A-17); it will be shown for non-consumers only`,
      applied: floor.value,
      source: floor.source,
    },
  ];
}
