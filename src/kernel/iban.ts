/**
 * IBAN checks (ISO 13616-1): two letters for the country, two check digits, then the national
 * account number (BBAN) of up to 30 letters or digits. Valid when, with the first four characters
 * moved to the end and letters read as numbers (A = 10 … Z = 35), the number mod 97 is 1
 * (ISO 7064 MOD 97-10).
 */
import { mod97 } from './mod97.ts';

/**
 * IBAN lengths of the SEPA scheme's countries (SWIFT IBAN Registry). Countries not listed are
 * checked on shape and check digits only.
 */
const IBAN_LENGTH: Readonly<Record<string, number>> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18,
  FR: 27, GB: 22, GI: 23, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20,
  LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24, SE: 24, SI: 19, SK: 24, SM: 27,
  VA: 22,
};

/** Electronic form: spaces removed, capitals. `be68 5390 0754 7034` → `BE68539007547034`. */
export function normalizeIban(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Accepts the printed (grouped) or electronic form, in any case. */
export function isValidIban(input: string): boolean {
  const iban = normalizeIban(input);
  const match = /^([A-Z]{2})(\d{2})[A-Z0-9]{11,30}$/.exec(iban);
  if (!match) return false;
  const [, country = '', check = ''] = match;
  const length = IBAN_LENGTH[country];
  if (length !== undefined && iban.length !== length) return false;
  // 00, 01 and 99 alias 97, 98 and 02 under mod 97 and are never issued.
  if (check === '00' || check === '01' || check === '99') return false;
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

/** Printed form, in groups of four: `BE68 5390 0754 7034`. */
export function formatIban(input: string): string {
  return normalizeIban(input).replace(/(.{4})(?=.)/g, '$1 ');
}
