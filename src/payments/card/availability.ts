/**
 * Which of a profile's payment methods can be used on this instance: card and PayPal go through
 * Stripe Checkout, so without Stripe configured (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET)
 * they are simply not offered (issue 4 §3). Pure: the caller says whether Stripe is there.
 */
import { DomainError } from '../../kernel/errors.ts';

/** The methods the profile schema routes through Stripe (`provider: stripe`). */
const VIA_STRIPE: readonly string[] = ['card', 'paypal'];

export const viaStripe = (method: string): boolean => VIA_STRIPE.includes(method);

export function usableMethods<M extends { method: string }>(methods: readonly M[], stripeConfigured: boolean): M[] {
  return methods.filter((m) => stripeConfigured || !viaStripe(m.method));
}

/** Refuses a Stripe method when Stripe is not configured, as an unknown method would be. */
export function requireUsableMethod(method: string, stripeConfigured: boolean): void {
  if (!stripeConfigured && viaStripe(method)) throw new DomainError('payment_method_not_offered', 'refused', { method }, 'paymentMethod');
}
