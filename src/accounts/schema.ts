/**
 * Shapes of account input, validated at the edge (STYLE.md §7). Lengths are bounded so no field
 * can carry a megabyte; e-mails are compared case-insensitively.
 */
import { z } from 'zod';
import { text } from '../kernel/validation.ts';
import { isValidEuVatNumber, isValidSiret, MIN_PASSWORD_LENGTH, normaliseVatNumber } from './rules.ts';

const filled = (max: number) => text().trim().min(1).max(max);
export const Email = text().trim().toLowerCase().max(254).pipe(z.email('invalid_email'));
export const Password = text().min(MIN_PASSWORD_LENGTH, 'weak_password').max(512);

const COUNTRIES = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK CH GB NO IS LI MC AD SM VA'.split(' '),
);

export const Address = z.object({
  line1: filled(200),
  postalCode: text().trim().min(1).max(16).regex(/^[A-Za-z0-9 -]+$/, 'invalid_value'),
  city: filled(100),
  country: text().trim().toUpperCase().refine((c) => COUNTRIES.has(c), 'invalid_country'),
});
export type Address = z.infer<typeof Address>;

export const CustomerKind = z.enum(['consumer', 'non_professional', 'professional']);
export type CustomerKind = z.infer<typeof CustomerKind>;

export const Registration = z
  .object({
    kind: CustomerKind,
    email: Email,
    password: Password,
    firstName: filled(100),
    lastName: filled(100),
    address: Address,
    companyName: text().trim().max(200).optional().transform((v) => v || undefined),
    siret: text()
      .transform((v) => v.replace(/\s+/g, ''))
      .refine((v) => v === '' || isValidSiret(v), 'invalid_siret')
      .optional()
      .transform((v) => v || undefined),
    vatNumber: text()
      .transform(normaliseVatNumber)
      .refine((v) => v === '' || isValidEuVatNumber(v), 'invalid_vat_number')
      .optional()
      .transform((v) => v || undefined),
    language: z.enum(['fr', 'en', 'nl']).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.kind === 'professional' && (!r.companyName || (!r.siret && !r.vatNumber))) {
      ctx.addIssue({ code: 'custom', path: [r.companyName ? 'siret' : 'companyName'], message: 'company_identifier_required' });
    }
  });
export type Registration = z.infer<typeof Registration>;

export const Credentials = z.object({ email: Email, password: text().min(1).max(512) }).strict();
export type Credentials = z.infer<typeof Credentials>;

export const ResetRequest = z.object({ email: Email });
export const ResetConfirm = z.object({ token: text().min(20).max(200), password: Password });
