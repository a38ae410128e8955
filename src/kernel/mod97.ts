/**
 * ISO 7064 MOD 97-10 over digits and Latin letters, as used by ISO 13616 (IBAN) and ISO 11649
 * (RF creditor reference): letters count as two-digit numbers (A = 10 … Z = 35), and the whole
 * string is read as one big decimal number. The remainder is folded one symbol at a time, so no
 * big integer is ever built.
 */
export function mod97(text: string): number {
  let remainder = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) remainder = (remainder * 10 + (code - 48)) % 97;
    else if (code >= 65 && code <= 90) remainder = (remainder * 100 + (code - 55)) % 97;
    else throw new RangeError(`mod97 takes digits and capital letters only: ${JSON.stringify(text)}`);
  }
  return remainder;
}
