/** The standard VAT rate of the shop's legal system, applied to delivery fees (FR CGI 278; BE Code TVA art. 37): checkout quotes it, invoicing prints it. */
import type { Profile } from './schema.ts';

export function standardVatBp(profile: Pick<Profile, 'legalSystem'>): number {
  return profile.legalSystem === 'BE' ? 2100 : 2000;
}
