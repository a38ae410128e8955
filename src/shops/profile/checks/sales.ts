/**
 * C04 checkout, C05 offers, C08 payments, C17 receivables: the order button, charges, payment
 * terms and penalties against FR L221-14, L221-10, L441-10, D441-5 and PSD2.
 */
import { describeDuration, isLonger, isShorter } from '../duration.ts';
import type { Profile } from '../schema.ts';
import { cite, type Finding, periodAboveCeiling, periodBelowFloor, requireFloor } from './finding.ts';

// Wordings that state the obligation to pay, per language (L221-14 "or an unambiguous equivalent").
const PAY_WORDS = [/obligation de paiement/i, /\bpayer\b/i, /betalingsverplichting/i, /\bbetalen\b/i, /obligation to pay/i, /\bpay\b/i];

export function checkSales(profile: Profile): Finding[] {
  return [...checkCheckout(profile), ...checkPayments(profile), ...checkReceivables(profile)];
}

function checkCheckout({ checkout, legalSystem: system }: Profile): Finding[] {
  const findings: Finding[] = [];
  const button = requireFloor('orderButton', system);
  if (!PAY_WORDS.some((w) => w.test(checkout.finalButtonLabel))) {
    findings.push({
      severity: 'error',
      path: 'checkout.finalButtonLabel',
      message: `"${checkout.finalButtonLabel}" does not state the obligation to pay (${cite(button)}); the button will read "Commander avec obligation de paiement"`,
      legalMinimum: button.value,
      applied: 'Commander avec obligation de paiement',
      source: button.source,
    });
  }
  const review = system === 'FR' ? requireFloor('reviewStep', system) : undefined;
  if (review && !checkout.reviewStep) {
    findings.push({
      severity: 'error',
      path: 'checkout.reviewStep',
      message: `the customer must be able to check the order and its total and correct errors before confirming (${cite(review)}); the review step will be shown`,
      legalMinimum: true,
      applied: true,
      source: review.source,
    });
  }
  return findings;
}

function checkPayments({ payments, offers, legalSystem: system }: Profile): Finding[] {
  const findings: Finding[] = [];
  if (payments && payments.surchargeCents !== 0) {
    const floor = requireFloor('paymentSurcharge', system);
    findings.push({
      severity: 'error',
      path: 'payments.surchargeCents',
      message: `a surcharge of ${(payments.surchargeCents / 100).toFixed(2)} € for a means of payment is forbidden (${cite(floor)}, A-70); no surcharge will be charged`,
      legalMinimum: 0,
      applied: 0,
      source: floor.source,
    });
  }
  const ban = system === 'FR' ? requireFloor('offPremisesPaymentBan', system) : undefined;
  if (ban && offers?.offPremisesConsumerPaymentBan && isShorter(offers.offPremisesConsumerPaymentBan, ban.value)) {
    findings.push(periodBelowFloor('warning', 'offers.offPremisesConsumerPaymentBan', offers.offPremisesConsumerPaymentBan, ban));
  }
  return findings;
}

function checkReceivables({ receivables: r, legalSystem: system }: Profile): Finding[] {
  if (!r || system !== 'FR') return [];
  const findings: Finding[] = [];
  r.paymentTerms?.forEach((term, i) => {
    const path = `receivables.paymentTerms[${i}]`;
    const key = term.scope === 'periodic_invoices' ? 'paymentTermPeriodic' : term.basis === 'net' ? 'paymentTermNet' : 'paymentTermEndOfMonth';
    const ceiling = requireFloor(key, system);
    const what = key === 'paymentTermPeriodic' ? 'for periodic invoices' : key === 'paymentTermNet' ? 'from the invoice date' : 'end of month';
    if (isLonger(term.term, ceiling.value)) findings.push(periodAboveCeiling('warning', `${path}.term`, term.term, ceiling, what));
    if (term.cap && isLonger(term.cap, ceiling.value)) findings.push(periodAboveCeiling('warning', `${path}.cap`, term.cap, ceiling, what));
  });
  if (r.lateInterest) {
    const min = requireFloor('lateInterestMinMultiplier', system);
    if (r.lateInterest.legalRateMultiplier < min.value) {
      findings.push({
        severity: 'warning',
        path: 'receivables.lateInterest.legalRateMultiplier',
        message: `${r.lateInterest.legalRateMultiplier} × the legal rate is below the legal minimum of ${min.value} × (${cite(min)}); ${min.value} × will apply`,
        legalMinimum: min.value,
        applied: min.value,
        source: min.source,
      });
    }
    if (r.lateInterest.customerKinds.includes('consumer')) {
      findings.push({
        severity: 'info',
        path: 'receivables.lateInterest.customerKinds',
        message: 'for consumer debtors the plain legal rate runs from a formal notice (C. civ. 1231-6); the contractual rate may be reduced by a judge (A-43, to confirm with counsel)',
        source: 'C. civ. 1231-6; SPEC A-43',
      });
    }
  }
  if (r.recoveryIndemnity) findings.push(...checkIndemnity(r.recoveryIndemnity));
  if (r.disputeWindow?.customerKinds.includes('consumer')) {
    const bar = requireFloor('consumerDisputeBar', system);
    findings.push({
      severity: 'error',
      path: 'receivables.disputeWindow.customerKinds',
      message: `declaring invoice disputes inadmissible after ${describeDuration(r.disputeWindow.within)} cannot bind consumers (${cite(bar)}, A-45); the window will apply to professionals only`,
      applied: 'professional',
      source: bar.source,
    });
  }
  return findings;
}

function checkIndemnity(indemnity: { amountCents: number; customerKinds: readonly string[] }): Finding[] {
  const findings: Finding[] = [];
  const amount = requireFloor('recoveryIndemnityCents', 'FR');
  if (indemnity.amountCents < amount.value) {
    findings.push({
      severity: 'warning',
      path: 'receivables.recoveryIndemnity.amountCents',
      message: `${(indemnity.amountCents / 100).toFixed(2)} € is below the legal flat indemnity of ${amount.value / 100} € per late invoice (${cite(amount)}); ${amount.value / 100} € will apply`,
      legalMinimum: amount.value,
      applied: amount.value,
      source: amount.source,
    });
  }
  const others = indemnity.customerKinds.filter((k) => k !== 'professional');
  if (others.length) {
    const only = requireFloor('recoveryIndemnityProfessionalOnly', 'FR');
    findings.push({
      severity: 'error',
      path: 'receivables.recoveryIndemnity.customerKinds',
      message: `the 40 € recovery indemnity cannot be charged to ${others.join(' or ')} customers (${cite(only)}); it will apply to professionals only`,
      applied: 'professional',
      source: only.source,
    });
  }
  return findings;
}
