/**
 * Paying an order by bank transfer (issue 4 §1, LEGAL.md §A10): the reference each order gets at
 * placement, and the instructions shown on the order page, in the confirmation e-mail and in the
 * EPC QR code: beneficiary, IBAN, BIC, amount and reference.
 *
 * Pure functions (but for the QR image): the caller reads the order and the shop’s profile.
 */
import { money } from '../kernel/i18n/money.ts';
import type { EmailAttachment } from '../db/schema.ts';
import { type Lang, t } from '../kernel/i18n/index.ts';
import { cents, type Cents } from '../kernel/money.ts';
import type { Profile } from '../shops/profile/schema.ts';
import { epcQrPayload, epcQrPng, remittanceFor } from './epc-qr.ts';
import { formatIban } from '../kernel/iban.ts';
import { formatPaymentReference, ogmFromBase, type PaymentReference, parsePaymentReference, rfFromOrderNumber } from './references.ts';

type Method = NonNullable<Profile['payments']>['methods'][number];
export type BankTransferMethod = Extract<Method, { method: 'bank_transfer' }>;

export function bankTransferMethod(profile: Profile): BankTransferMethod | undefined {
  return profile.payments?.methods.find((m): m is BankTransferMethod => m.method === 'bank_transfer');
}

/**
 * The reference of a new order, in the electronic form stored in `orders.payment_reference`
 * (12 digits for an OGM, `RF…` without spaces). The OGM's 10-digit base is `serial`: the
 * order's year and its serial in the shop's series of that year (`orderReferenceSerial`), so two
 * orders of a shop never share a base (issue 11 §9: each shop numbers its own orders). The RF reference
 * carries the order number itself (`COO-2026-000123` → `RF…COO2026000123`, ≤ 21 characters).
 */
/**
 * The 10-digit OGM base of a shop's order: its year then its 6-digit serial in that year's series
 * (2026, 3 → 2026000003). Unique within the shop, whatever the year; the serials of other shops
 * are the same numbers, but each shop has its own account and `(shop_id, payment_reference)` is
 * unique. Orders numbered before per-shop series (one platform-wide sequence) keep theirs: those
 * bases are below 2 000 000 000, so they never meet.
 */
export function orderReferenceSerial(year: number, serial: number): number {
  if (!Number.isSafeInteger(serial) || serial < 1 || serial > 999_999) throw new RangeError(`A shop's yearly order serial runs from 1 to 999 999: ${serial}`);
  return year * 1_000_000 + serial;
}

export function newOrderReference(kind: BankTransferMethod['structuredReference'], order: { serial: number; number: string }): PaymentReference {
  if (kind === 'rf') return { kind, value: rfFromOrderNumber(order.number) };
  if (!Number.isSafeInteger(order.serial) || order.serial < 0 || order.serial >= 10_000_000_000) {
    throw new RangeError(`An OGM base holds serials 0 to 9 999 999 999: ${order.serial}`);
  }
  return { kind, value: ogmFromBase(String(order.serial).padStart(10, '0')).replace(/\D/g, '') };
}

export type TransferInstructions = {
  reference: PaymentReference;
  /** Printed forms: `+++123/4567/89002+++`, `RF18 5390 0754 7034`; `BE59 0000 0123 4526`. */
  referenceText: string;
  iban: string;
  ibanText: string;
  bic: string;
  beneficiary: string;
  amountCents: Cents;
};

/**
 * What the customer needs to pay an order by transfer, or null when the order is not paid by
 * transfer (or predates its reference, or the shop has stopped offering transfers).
 */
export function transferInstructions(
  profile: Profile,
  order: { paymentMethod: string; paymentReference: string | null; amountDueCents: number },
): TransferInstructions | null {
  const method = bankTransferMethod(profile);
  if (order.paymentMethod !== 'bank_transfer' || !method || order.paymentReference === null) return null;
  const check = parsePaymentReference(order.paymentReference);
  if (!check.ok) return null;
  const { iban, bic, beneficiary } = method.account;
  return {
    reference: check.reference,
    referenceText: formatPaymentReference(check.reference),
    iban,
    ibanText: formatIban(iban),
    bic,
    beneficiary,
    amountCents: cents(order.amountDueCents),
  };
}

/** The EPC069-12 payload of the instructions; the reference goes where `remittanceFor` puts it. */
export function transferQrPayload(instructions: TransferInstructions): string {
  return epcQrPayload({
    beneficiaryName: instructions.beneficiary,
    iban: instructions.iban,
    bic: instructions.bic,
    amount: instructions.amountCents,
    remittance: remittanceFor(instructions.reference),
  });
}

export const TRANSFER_QR_FILENAME = 'epc-qr.png';

/** The instructions as lines of a plain-text e-mail (confirmation, reminder). */
export function transferTextLines(lang: Lang, transfer: TransferInstructions): string[] {
  return [
    t(lang, 'transfer.mail.heading'),
    `  ${t(lang, 'transfer.beneficiary')} : ${transfer.beneficiary}`,
    `  ${t(lang, 'transfer.iban')} : ${transfer.ibanText}`,
    `  ${t(lang, 'transfer.bic')} : ${transfer.bic}`,
    `  ${t(lang, 'transfer.amount')} : ${money(lang, transfer.amountCents)}`,
    `  ${t(lang, `transfer.reference.${transfer.reference.kind}`)} : ${transfer.referenceText}`,
    t(lang, 'transfer.referenceHint'),
  ];
}

/** The QR code as a PNG attachment of the confirmation e-mail, for scanning from another screen. */
export async function transferQrAttachment(instructions: TransferInstructions): Promise<EmailAttachment> {
  const png = await epcQrPng(transferQrPayload(instructions), { width: 300 });
  return { filename: TRANSFER_QR_FILENAME, contentType: 'image/png', contentBase64: png.toString('base64') };
}
