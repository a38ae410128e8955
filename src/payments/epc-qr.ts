/**
 * The EPC QR code that lets a banking app fill in a SEPA credit transfer (EPC069-12 "Quick
 * Response Code: guidelines to enable data capture for the initiation of a SEPA credit transfer",
 * version 002 of the data format; LEGAL.md §A10).
 *
 * The payload is twelve lines separated by LF, in this order: service tag `BCD`, version `002`,
 * character set `1` (UTF-8), identification `SCT`, BIC (optional in version 002 within the EEA),
 * beneficiary name (≤ 70), IBAN, amount `EUR12.50` (0.01 to 999 999 999.99), purpose code (4),
 * structured creditor reference (≤ 35, ISO 11649) or unstructured remittance (≤ 140), never both,
 * and beneficiary-to-originator information (≤ 70). Empty optional lines stay as empty lines; the
 * last populated line is not followed by a separator. The whole payload is at most 331 bytes,
 * the capacity of a version 13 symbol at error correction level M, which the EPC prescribes.
 */
import { create, toString as qrToString } from 'qrcode';
import { squareMatrixPng } from '../kernel/png.ts';
import { ValidationFailed } from '../kernel/errors.ts';
import { centsToDecimalString, type Cents } from '../kernel/money.ts';
import { isValidIban, normalizeIban } from '../kernel/iban.ts';
import { formatOgm, type PaymentReference, parseRf } from './references.ts';

export const EPC_MAX_PAYLOAD_BYTES = 331;
/** EPC069-12: amount 0.01 to 999 999 999.99 EUR. */
export const EPC_MIN_AMOUNT = 1 as Cents;
export const EPC_MAX_AMOUNT = 99_999_999_999 as Cents;

/** AT-05 remittance information: an ISO 11649 reference, or free text, never both. */
export type EpcRemittance = { structured: string } | { unstructured: string };

export type EpcTransfer = {
  /** AT-21, ≤ 70 characters. */
  beneficiaryName: string;
  /** AT-20, printed or electronic form. */
  iban: string;
  /** AT-23, 8 or 11 characters; optional in version 002 for payments within the EEA. */
  bic?: string | undefined;
  /** AT-04 in euro cents. */
  amount: Cents;
  /** AT-44, an ISO 20022 purpose code such as `GDDS`; usually left empty. */
  purpose?: string | undefined;
  remittance?: EpcRemittance | undefined;
  /** Beneficiary-to-originator information shown to the payer, ≤ 70 characters. */
  note?: string | undefined;
};

type Issue = { field: string; code: string; params?: Record<string, string | number> };

/**
 * Where a payment reference goes. RF references use the structured line, as EPC069-12 names them.
 * The Belgian OGM goes in the unstructured line in its `+++…+++` form: whether Belgian banking
 * apps read a bare OGM from the structured line is unverified (LEGAL.md §A10, open point), while
 * Belgian banks recognise the `+++…+++` form in free text.
 */
export function remittanceFor(reference: PaymentReference): EpcRemittance {
  return reference.kind === 'rf' ? { structured: reference.value } : { unstructured: formatOgm(reference.value) };
}

const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;

/** Checks a free-text field; a line break inside it would shift every later line. */
function text(issues: Issue[], field: string, value: string | undefined, max: number, required: boolean): string {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') {
    if (required) issues.push({ field, code: 'required' });
  } else if (CONTROL.test(trimmed)) {
    issues.push({ field, code: 'invalid_value' });
  } else if ([...trimmed].length > max) {
    issues.push({ field, code: 'too_long', params: { max } });
  }
  return trimmed;
}

function remittanceLines(issues: Issue[], remittance: EpcRemittance | undefined): [string, string] {
  if (remittance === undefined) return ['', ''];
  if ('structured' in remittance) {
    const check = parseRf(remittance.structured);
    if (!check.ok) issues.push({ field: 'remittance', code: 'invalid_payment_reference' });
    return [check.ok ? check.reference.value : '', ''];
  }
  return ['', text(issues, 'remittance', remittance.unstructured, 140, false)];
}

/**
 * The EPC069-12 version 002 payload for a transfer, or ValidationFailed listing every bad field
 * (codes `required`, `too_long`, `invalid_value`, `invalid_iban`, `invalid_bic`,
 * `invalid_payment_reference`, `amount_out_of_range`, `epc_payload_too_large`).
 */
export function epcQrPayload(transfer: EpcTransfer): string {
  const issues: Issue[] = [];
  const name = text(issues, 'beneficiaryName', transfer.beneficiaryName, 70, true);
  const iban = normalizeIban(transfer.iban);
  if (!isValidIban(iban)) issues.push({ field: 'iban', code: 'invalid_iban' });
  const bic = (transfer.bic ?? '').replace(/\s+/g, '').toUpperCase();
  // ISO 9362: 4 letters (institution), 2 letters (country), 2 letters or digits (location), and
  // optionally 3 for the branch.
  if (bic !== '' && !/^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/.test(bic)) issues.push({ field: 'bic', code: 'invalid_bic' });
  const amount = transfer.amount;
  if (!Number.isSafeInteger(amount) || amount < EPC_MIN_AMOUNT || amount > EPC_MAX_AMOUNT) {
    issues.push({ field: 'amount', code: 'amount_out_of_range', params: { min: '0.01', max: '999999999.99' } });
  }
  const purpose = (transfer.purpose ?? '').trim().toUpperCase();
  if (purpose !== '' && !/^[A-Z0-9]{4}$/.test(purpose)) issues.push({ field: 'purpose', code: 'invalid_value' });
  const [structured, unstructured] = remittanceLines(issues, transfer.remittance);
  const note = text(issues, 'note', transfer.note, 70, false);
  if (issues.length > 0) throw new ValidationFailed(issues);

  const lines = ['BCD', '002', '1', 'SCT', bic, name, iban, `EUR${centsToDecimalString(amount)}`, purpose, structured, unstructured, note];
  while (lines.at(-1) === '') lines.pop();
  const payload = lines.join('\n');
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes > EPC_MAX_PAYLOAD_BYTES) {
    throw new ValidationFailed([{ field: 'remittance', code: 'epc_payload_too_large', params: { max: EPC_MAX_PAYLOAD_BYTES, bytes } }]);
  }
  return payload;
}

/**
 * The payload as one byte-mode segment, so the symbol holds exactly the UTF-8 bytes (and at most
 * 331 of them fit version 13 at level M).
 */
function segments(payload: string) {
  const data = Buffer.from(payload, 'utf8');
  if (data.length > EPC_MAX_PAYLOAD_BYTES) throw new RangeError(`EPC QR payload over ${EPC_MAX_PAYLOAD_BYTES} bytes: ${data.length}`);
  return [{ mode: 'byte' as const, data }];
}

export type EpcQrImageOptions = {
  /** Image width in pixels; the default is 4 pixels per module. */
  width?: number;
};

const QUIET_ZONE = 4;

/**
 * A PNG of the EPC QR code (error correction level M, quiet zone of 4 modules), drawn with whole
 * pixels per module: `width` is the most it may take (a sharp code scans best), 4 pixels a module
 * by default.
 */
export async function epcQrPng(payload: string, options: EpcQrImageOptions = {}): Promise<Buffer> {
  const { modules } = create(segments(payload), { errorCorrectionLevel: 'M' });
  const scale = options.width === undefined ? 4 : Math.max(1, Math.floor(options.width / (modules.size + 2 * QUIET_ZONE)));
  return squareMatrixPng(modules.size, (row, column) => Boolean(modules.get(row, column)), scale, QUIET_ZONE);
}

/** The same symbol as an SVG document, for web pages and PDFs. */
export async function epcQrSvg(payload: string, options: EpcQrImageOptions = {}): Promise<string> {
  return qrToString(segments(payload), { type: 'svg', errorCorrectionLevel: 'M', margin: 4, ...options });
}
