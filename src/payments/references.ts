/**
 * Payment references that let a bank transfer be matched to its order (LEGAL.md §A10):
 *
 * - the Belgian structured communication (OGM/VCS) `+++ddd/dddd/ddddd+++`: a 10-digit base and
 *   two check digits, base mod 97, 0 written as 97;
 * - the ISO 11649 creditor reference `RF` + 2 check digits + 1–21 letters or digits, checked with
 *   ISO 7064 MOD 97-10 like an IBAN.
 *
 * Pure functions. Generators throw RangeError on a base we built wrongly (a programming error);
 * parsers return a result, because their input comes from customers and banks.
 */
import { mod97 } from '../kernel/mod97.ts';

/** `value`: the 12 digits of an OGM, or the electronic form of an RF reference (`RF18539007547034`). */
export type PaymentReference = { kind: 'ogm'; value: string } | { kind: 'rf'; value: string };

/**
 * `format`: not shaped like a reference at all. `check_digits`: shaped like one but the check
 * digits are wrong: a typo to send to manual review, never to match (issue 4, "Bad input").
 */
export type ReferenceCheck = { ok: true; reference: PaymentReference } | { ok: false; reason: 'format' | 'check_digits' };

// ---------------------------------------------------------------------------------------------
// Belgian structured communication (OGM / VCS)

/** Check digits of a 10-digit base: base mod 97, with 0 written as 97. */
export function ogmCheckDigits(base: string): string {
  if (!/^\d{10}$/.test(base)) throw new RangeError(`An OGM base is 10 digits: ${JSON.stringify(base)}`);
  const remainder = mod97(base);
  return String(remainder === 0 ? 97 : remainder).padStart(2, '0');
}

/** `1234567890` → `+++123/4567/89002+++`. */
export function ogmFromBase(base: string): string {
  return formatOgm(base + ogmCheckDigits(base));
}

/** 12 digits → `+++ddd/dddd/ddddd+++`, the printed form banks expect. */
export function formatOgm(digits: string): string {
  if (!/^\d{12}$/.test(digits)) throw new RangeError(`An OGM is 12 digits: ${JSON.stringify(digits)}`);
  return `+++${digits.slice(0, 3)}/${digits.slice(3, 7)}/${digits.slice(7)}+++`;
}

// Spaces removed first. `+++…+++`, `***…***` (also accepted by Belgian banks), bare
// `ddd/dddd/ddddd`, or the 12 digits alone.
const OGM_SHAPE = /^(?:(\+{3}|\*{3})?(\d{3})\/(\d{4})\/(\d{5})\1|(\d{12}))$/;

export function parseOgm(input: string): ReferenceCheck {
  const match = OGM_SHAPE.exec(input.replace(/\s+/g, ''));
  if (!match) return { ok: false, reason: 'format' };
  const digits = match[5] ?? `${match[2]}${match[3]}${match[4]}`;
  if (ogmCheckDigits(digits.slice(0, 10)) !== digits.slice(10)) return { ok: false, reason: 'check_digits' };
  return { ok: true, reference: { kind: 'ogm', value: digits } };
}

// ---------------------------------------------------------------------------------------------
// ISO 11649 RF creditor reference

const RF_BASE = /^[A-Z0-9]{1,21}$/;

/**
 * ISO 11649: append `RF00` to the base, read letters as numbers, check digits = 98 − (n mod 97).
 * `539007547034` → `RF18539007547034`; `INV2026000123` → `RF98INV2026000123` (LEGAL.md §A10).
 */
export function rfFromBase(base: string): string {
  const normalized = base.replace(/\s+/g, '').toUpperCase();
  if (!RF_BASE.test(normalized)) throw new RangeError(`An RF base is 1 to 21 letters or digits: ${JSON.stringify(base)}`);
  const check = 98 - mod97(`${normalized}RF00`);
  return `RF${String(check).padStart(2, '0')}${normalized}`;
}

/** Order numbers such as `COO-2026-000123` lose their separators: → `RF..COO2026000123`. */
export function rfFromOrderNumber(orderNumber: string): string {
  return rfFromBase(orderNumber.replace(/[\s\-/._]+/g, ''));
}

/** Printed form, in groups of four (ISO 11649): `RF18 5390 0754 7034`. */
export function formatRf(reference: string): string {
  return reference.replace(/\s+/g, '').toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Accepts the printed form (any spacing) and lower case. Check digits 00, 01 and 99 never come out
 * of the generator (98 − r lies in 2…98) and would alias 97, 98 and 02, so they are refused.
 */
export function parseRf(input: string): ReferenceCheck {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  const match = /^RF(\d{2})([A-Z0-9]{1,21})$/.exec(compact);
  if (!match) return { ok: false, reason: 'format' };
  const [, check = '', body = ''] = match;
  if (check === '00' || check === '01' || check === '99') return { ok: false, reason: 'check_digits' };
  if (mod97(`${body}RF${check}`) !== 1) return { ok: false, reason: 'check_digits' };
  return { ok: true, reference: { kind: 'rf', value: compact } };
}

// ---------------------------------------------------------------------------------------------
// Either kind

/** An RF reference if the input starts with `RF`, an OGM otherwise. */
export function parsePaymentReference(input: string): ReferenceCheck {
  return /^\s*rf/i.test(input) ? parseRf(input) : parseOgm(input);
}

/** The form to print on the order page, e-mail and invoice. */
export function formatPaymentReference(reference: PaymentReference): string {
  return reference.kind === 'ogm' ? formatOgm(reference.value) : formatRf(reference.value);
}

// An RF reference in free text: `RF` + 2 digits, then words of letters and digits separated by
// spaces or tabs (the printed form is in groups of 4, but payers write it as they like).
const RF_IN_TEXT = /(?<![A-Za-z0-9])RF\d{2}[A-Za-z0-9]*(?:[ \t]+[A-Za-z0-9]+)*/gi;
// An OGM in free text: `+++`/`***` optional, groups of 3, 4 and 5 digits with one optional `/`,
// `.`, `-` or space between them, not inside a longer number.
const OGM_IN_TEXT = /(?<!\d)(?:[+*]{3}\s*)?(\d{3})[\s/.-]?(\d{4})[\s/.-]?(\d{5})(?:\s*[+*]{3})?(?!\d)/g;

/**
 * The RF references a run of words can be read as: every prefix, in whole words, whose check
 * digits are valid, longest first. Free text is ambiguous (`RF18 5390 0754 7034 ABC` may be one
 * reference or a reference and a word, and both may check), so all readings are returned and
 * the caller keeps the one that belongs to an order. `length` is the span of text the longest
 * reading covers (the first word alone when none checks).
 */
function rfReadingsOf(run: string): { readings: PaymentReference[]; length: number } {
  const words = run.split(/[ \t]+/);
  const readings: PaymentReference[] = [];
  let length = 0;
  for (let count = words.length; count >= 1; count--) {
    const candidate = words.slice(0, count).join('');
    if (candidate.length > 25) continue;
    const check = parseRf(candidate);
    if (!check.ok) continue;
    readings.push(check.reference);
    length ||= spanOfWords(run, count);
  }
  return { readings, length: length || spanOfWords(run, 1) };
}

/** Length of the first `count` words of a run, with the blanks between them. */
function spanOfWords(run: string, count: number): number {
  return new RegExp(`^[A-Za-z0-9]+(?:[ \\t]+[A-Za-z0-9]+){${count - 1}}`).exec(run)?.[0].length ?? 0;
}

/**
 * The OGM and RF references found in remittance text whose check digits are valid, in order of
 * appearance and without repeats: `Commande +++090/9337/55493+++ merci`, `rf18 5390 0754 7034`.
 * Candidates with wrong check digits are left out; the caller matches the references that belong
 * to an order and routes the credit to manual review when none does (LEGAL.md §A10, matching
 * order step 2). Where one RF run reads several ways, the longest reading comes first.
 */
export function findReferenceInText(text: string): PaymentReference[] {
  const found: { at: number; reference: PaymentReference }[] = [];
  let rest = text;
  const rfRuns = new RegExp(RF_IN_TEXT);
  for (let match = rfRuns.exec(text); match; match = rfRuns.exec(text)) {
    const { readings, length } = rfReadingsOf(match[0]);
    for (const reference of readings) found.push({ at: match.index, reference });
    // Blank out what the RF covers so its digits are not read again as an OGM, and look for
    // another RF in the words after it.
    rest = rest.slice(0, match.index) + ' '.repeat(length) + rest.slice(match.index + length);
    rfRuns.lastIndex = match.index + length;
  }
  for (const match of rest.matchAll(OGM_IN_TEXT)) {
    const check = parseOgm(`${match[1]}${match[2]}${match[3]}`);
    if (check.ok) found.push({ at: match.index, reference: check.reference });
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.at - b.at)
    .map((f) => f.reference)
    .filter((r) => {
      const key = `${r.kind}:${r.value}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * What a credit's remittance information says about its order, following the matching order of
 * LEGAL.md §A10: (1) a valid OGM/RF in the structured reference, (2) valid OGM/RF references in
 * the free text. A structured reference with wrong check digits is `invalid`: a typo to send to
 * manual review, never matched, even if the free text holds another reference. A structured
 * reference that is neither OGM nor RF (some banks put other ids there) is ignored.
 */
export type RemittanceReading =
  | { status: 'found'; source: 'structured' | 'unstructured'; references: PaymentReference[] }
  | { status: 'invalid'; raw: string }
  | { status: 'none' };

export function readRemittance(remittance: { structuredReference: string | null; unstructured: string }): RemittanceReading {
  const raw = remittance.structuredReference;
  if (raw !== null) {
    const check = parsePaymentReference(raw);
    if (check.ok) return { status: 'found', source: 'structured', references: [check.reference] };
    if (check.reason === 'check_digits') return { status: 'invalid', raw };
  }
  const references = findReferenceInText(remittance.unstructured);
  return references.length > 0 ? { status: 'found', source: 'unstructured', references } : { status: 'none' };
}
