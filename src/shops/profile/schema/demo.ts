/**
 * Demo data loaded with each shop by `npm start` / `comptoir seed`: a staff login and a small,
 * realistic catalogue. Prices are incl. VAT in cents (DESIGN §5); VAT rates are checked against
 * the shop's legal system in `refine.ts`.
 */
import { z } from 'zod';
import { Email, Flag, LocalizedText, Text, uniqueList, wholeNumber } from './common.ts';
import { RegulatedFlag } from './contract.ts';
import { WithdrawalException } from './withdrawal.ts';

const Sku = z
  .string({ error: 'must be a SKU (capital letters, digits and hyphens)' })
  .regex(/^[A-Z0-9][A-Z0-9-]*$/, { error: 'must be a SKU (capital letters, digits and hyphens)' });

export const DemoProduct = z
  .strictObject({
    sku: Sku,
    name: LocalizedText,
    description: LocalizedText,
    unitPriceCents: wholeNumber(1),
    vatRateBp: wholeNumber(0, 10000),
    /** Sold by the unit, or by the metre/kilogram with a tolerance (003 art.4). */
    unit: z.enum(['unit', 'metre', 'kilogram']).optional(),
    stock: wholeNumber(0),
    maxPerOrder: wholeNumber(1).optional(),
    condition: z.enum(['new', 'second_hand']).optional(),
    /** A service covering this many days (issue 10 §2: a yearly subscription, 365): the base of its pro rata. */
    serviceDays: wholeNumber(1, 3660).optional(),
    withdrawable: Flag,
    withdrawalException: WithdrawalException.optional(),
    regulated: uniqueList(RegulatedFlag).optional(),
    /** Ordered specially for the customer (003 art.7.2): not collected, its whole price stays due. */
    specialOrder: Flag.optional(),
    /**
     * Bundle contents, shown but not expanded for quantity limits. When every item names
     * the `sku` of another product, the bundle has no stock of its own: it draws from its parts.
     */
    bundle: z.array(z.strictObject({ item: Text, quantity: wholeNumber(1), sku: Sku.optional() })).optional(),
  })
  .superRefine((p, ctx) => {
    // A product outside the withdrawal right must say why, and the page must say so before
    // the order (A-02; FR L221-5, L221-28).
    if (!p.withdrawable && !p.withdrawalException) {
      ctx.addIssue({
        code: 'custom',
        path: ['withdrawalException'],
        message: 'is missing: a product that is not withdrawable must name its legal exception',
      });
    }
    if (p.withdrawable && p.withdrawalException) {
      ctx.addIssue({
        code: 'custom',
        path: ['withdrawalException'],
        message: 'must not be set on a withdrawable product (set withdrawable: false)',
      });
    }
  });
export type DemoProduct = z.infer<typeof DemoProduct>;

export const Demo = z.strictObject({
  staff: z.strictObject({ email: Email, name: Text }),
  products: z
    .array(DemoProduct)
    .min(1, { error: 'must list at least one product' })
    .refine((ps) => new Set(ps.map((p) => p.sku)).size === ps.length, { error: 'two products share a SKU' })
    .refine((ps) => ps.every((p) => (p.bundle ?? []).every((b) => !b.sku || (b.sku !== p.sku && ps.some((o) => o.sku === b.sku && !o.bundle?.some((x) => x.sku))))), {
      error: 'a bundle item names a SKU that is not a plain product of this shop',
    }),
});
export type Demo = z.infer<typeof Demo>;
