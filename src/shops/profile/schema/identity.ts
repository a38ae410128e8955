/**
 * C01 — who the seller is: the legal-notice identity (FR LCEN art. 6 III, C. consom. R111-1;
 * BE CDE XII.6, VI.45). Most fields are optional because the seeds lack them (SPEC A-05);
 * the checker lists what is missing and publishing stays blocked until it is filled.
 * Registration and VAT numbers are checked against the legal system in `refine.ts`.
 */
import { z } from 'zod';
import { Address, Duration, Email, Phone, Text, Url } from './common.ts';

export const Host = z.strictObject({
  name: Text,
  address: Address.optional(),
  phone: Phone.optional(),
});

/** Consumer mediator (FR C. consom. L612-1, L616-1): a named entity, not the evaluation body. */
export const Mediator = z.strictObject({
  name: Text,
  address: Address.optional(),
  url: Url.optional(),
  /** 003 art.20.4: mediation only within 12 months of the written complaint to the seller. */
  complaintWithin: Duration.optional(),
});

export const Identity = z.strictObject({
  legalName: Text,
  tradeName: Text.optional(),
  legalForm: Text.optional(),
  /** SIREN (9 digits) or SIRET (14) in France; BCE/KBO number (10 digits) in Belgium. */
  registrationNumber: Text.optional(),
  vatNumber: Text.optional(),
  /** Legal notices use the registered office; withdrawal documents use `returnsAddress`. */
  registeredOffice: Address.optional(),
  returnsAddress: Address.optional(),
  email: Email.optional(),
  phone: Phone.optional(),
  website: Url.optional(),
  host: Host.optional(),
  insurer: z.strictObject({ name: Text, cover: Text.optional() }).optional(),
  mediator: Mediator.optional(),
});
export type Identity = z.infer<typeof Identity>;
