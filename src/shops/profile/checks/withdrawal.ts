/**
 * C13 — the withdrawal clause against FR C. consom. L221-18 ff. / BE CDE VI.47 ff.
 * Only for shops selling to consumers: the right is a consumer right.
 */
import { isLonger, isShorter } from '../duration.ts';
import type { Profile } from '../schema.ts';
import { cite, days, type Finding, periodBelowFloor, requireFloor } from './finding.ts';

type Withdrawal = NonNullable<Profile['withdrawal']>;

const RETURN_CONDITION_WORDS = {
  original_packaging: 'the original packaging',
  perfect_condition: 'perfect condition',
  complete: 'completeness',
  unused: 'the goods being unused',
  with_invoice: 'the invoice',
} as const;

const NOTICE_CONTENT_WORDS = { order_reference: 'the order reference', customer_name: "the customer's name" } as const;

export function checkWithdrawal(profile: Profile): Finding[] {
  if (!profile.customers.kinds.includes('consumer')) return [];
  const w = profile.withdrawal;
  const system = profile.legalSystem;
  if (!w) {
    const floor = requireFloor('withdrawalPeriod', system);
    return [
      {
        severity: 'info',
        path: 'withdrawal',
        message: `the terms set no withdrawal clause; the legal right applies: ${days(floor.value)} from receipt of the goods (${cite(floor)})`,
        legalMinimum: floor.value,
        source: floor.source,
      },
    ];
  }
  return [...periodFindings(w, profile), ...noticeFindings(w, profile), ...returnFindings(w, profile), ...refundFindings(w, profile)];
}

function periodFindings(w: Withdrawal, { legalSystem: system }: Profile): Finding[] {
  const findings: Finding[] = [];
  const period = requireFloor('withdrawalPeriod', system);
  if (isShorter(w.period, period.value)) findings.push(periodBelowFloor('error', 'withdrawal.period', w.period, period));
  if (w.start === 'contract_concluded') {
    // Lawful for services; for goods the period runs from receipt, so only a warning.
    const start = requireFloor('withdrawalStartGoods', system);
    findings.push({
      severity: 'warning',
      path: 'withdrawal.start',
      message: `counting from the conclusion of the contract is right for services only; for goods the period runs from receipt (${cite(start)}, A-01); the later of conclusion and receipt will apply`,
      legalMinimum: start.value,
      applied: 'later_of_conclusion_and_receipt',
      source: start.source,
    });
  }
  if (w.counting === 'calendar_days') {
    const ext = requireFloor('withdrawalWeekendExtension', system);
    findings.push({
      severity: 'info',
      path: 'withdrawal.counting',
      message: `the terms do not say so, but a period ending on a Saturday, Sunday or public holiday runs to the next working day (${cite(ext)})`,
      applied: ext.value,
      source: ext.source,
    });
  }
  if (w.deadlineTest === 'received') {
    const sent = requireFloor('withdrawalSentInTime', system);
    findings.push({
      severity: 'error',
      path: 'withdrawal.deadlineTest',
      message: `requiring the notice to be received in time is stricter than the law: sending it before the end is enough (${cite(sent)}); "sent" will apply`,
      legalMinimum: sent.value,
      applied: sent.value,
      source: sent.source,
    });
  }
  return findings;
}

function noticeFindings(w: Withdrawal, { legalSystem: system }: Profile): Finding[] {
  const findings: Finding[] = [];
  const any = requireFloor('withdrawalAnyStatement', system);
  if (!w.channels.includes('any_unambiguous_statement')) {
    findings.push({
      severity: 'error',
      path: 'withdrawal.channels',
      message: `limiting the notice to ${w.channels.join(' or ').replaceAll('_', ' ')} is stricter than the law, which accepts any unambiguous statement (${cite(any)}); every channel will be accepted`,
      legalMinimum: any.value,
      applied: any.value,
      source: any.source,
    });
  }
  if (w.requiredNoticeContent?.length) {
    findings.push({
      severity: 'error',
      path: 'withdrawal.requiredNoticeContent',
      message: `a notice cannot be refused for lacking ${w.requiredNoticeContent.map((c) => NOTICE_CONTENT_WORDS[c]).join(' or ')} (${cite(any)}, A-12); such a notice will be accepted and matched to an order by staff`,
      applied: 'none',
      source: any.source,
    });
  }
  if (!w.modelForm) {
    const form = requireFloor('withdrawalModelForm', system);
    findings.push({
      severity: 'warning',
      path: 'withdrawal.modelForm',
      message: `the terms supply no model withdrawal form, which the law requires (${cite(form)}); the platform will supply it with the order confirmation`,
      legalMinimum: true,
      applied: true,
      source: form.source,
    });
  }
  if (w.earlyPerformance === 'presumed_on_website') {
    const early = requireFloor('withdrawalEarlyPerformance', system);
    findings.push({
      severity: 'error',
      path: 'withdrawal.earlyPerformance',
      message: `presuming that performance starts early cannot remove the right for goods; for services it needs the consumer's express request (${cite(early)}, A-39, A-49); an unticked checkbox will be offered instead`,
      legalMinimum: early.value,
      applied: early.value,
      source: early.source,
    });
  }
  return findings;
}

function returnFindings(w: Withdrawal, { legalSystem: system }: Profile): Finding[] {
  const findings: Finding[] = [];
  const ret = requireFloor('withdrawalReturn', system);
  if (w.returnWithin && isShorter(w.returnWithin, ret.value)) {
    findings.push(periodBelowFloor('error', 'withdrawal.returnWithin', w.returnWithin, ret));
  }
  const deduction = requireFloor('withdrawalDeduction', system);
  if (w.returnConditions?.length) {
    const conditions = w.returnConditions.map((c) => RETURN_CONDITION_WORDS[c]).join(', ');
    findings.push({
      severity: 'error',
      path: 'withdrawal.returnConditions',
      message: `a return cannot be made conditional on ${conditions}; only a loss in value from handling beyond what testing needs may be deducted (${cite(deduction)}, A-39, A-61)`,
      legalMinimum: deduction.value,
      applied: deduction.value,
      source: deduction.source,
    });
  }
  if (w.deduction && w.deduction !== 'loss_in_value') {
    findings.push({
      severity: 'error',
      path: 'withdrawal.deduction',
      message: `refusing the refund for damaged goods is not allowed; only the loss in value may be deducted, with a reason and evidence (${cite(deduction)}, A-13)`,
      legalMinimum: deduction.value,
      applied: deduction.value,
      source: deduction.source,
    });
  }
  if (w.exchangeOffered) {
    findings.push({
      severity: 'info',
      path: 'withdrawal.exchangeOffered',
      message: 'a withdrawal is refunded; an exchange happens only if the consumer asks for one (A-39, A-61)',
      applied: 'refund_unless_exchange_requested',
      source: 'C. consom. L221-24; SPEC A-61',
    });
  }
  return findings;
}

function refundFindings(w: Withdrawal, { legalSystem: system }: Profile): Finding[] {
  const findings: Finding[] = [];
  const refund = requireFloor('withdrawalRefund', system);
  const late = isLonger(w.refund.deadline, refund.value);
  if (late || w.refund.from !== 'notice_received') {
    const from = w.refund.from === 'goods_received' ? 'receipt of the returned goods' : 'the withdrawal notice';
    const legal = `${days(refund.value)} from the withdrawal notice`;
    findings.push({
      severity: 'warning',
      path: 'withdrawal.refund',
      message: `${days(w.refund.deadline)} from ${from} is later than the legal ${legal} (${cite(refund)}); ${legal} will apply, the refund waiting at most for the goods or proof of their dispatch`,
      legalMinimum: refund.value,
      applied: refund.value,
      source: refund.source,
    });
  }
  const scope = requireFloor('withdrawalRefundScope', system);
  if (w.refund.scope === 'products_only') {
    findings.push({
      severity: 'warning',
      path: 'withdrawal.refund.scope',
      message: `refunding the products only is less than the law: all payments, including the cheapest standard delivery, are refunded (${cite(scope)}, A-11)`,
      legalMinimum: scope.value,
      applied: scope.value,
      source: scope.source,
    });
  }
  return findings;
}
