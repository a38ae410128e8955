/**
 * Which of a profile's payment methods can be used on this instance: card and PayPal go through
 * Stripe Checkout, so without Stripe configured (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET)
 * they are offered only by the development provider, never in production (issue 4 §3, issue 8
 * §12). Pure: the caller says whether cards can be taken.
 */
import { DomainError } from '../../kernel/errors.ts';

/** The methods the profile schema routes through Stripe (`provider: stripe`). */
const VIA_STRIPE: readonly string[] = ['card', 'paypal'];

export const viaStripe = (method: string): boolean => VIA_STRIPE.includes(method);

/**
 * Whether card payments can be taken here: by Stripe, or, without it and outside production, by
 * the simulated provider (issue 8 §12, config.ts `simulatedPayments`).
 */
export const takesCards = (deps: { stripe: unknown; simulated?: boolean | undefined }): boolean => deps.stripe !== null || deps.simulated === true;

export function usableMethods<M extends { method: string }>(methods: readonly M[], stripeConfigured: boolean): M[] {
  return methods.filter((m) => stripeConfigured || !viaStripe(m.method));
}

/** Refuses a Stripe method when Stripe is not configured, as an unknown method would be. */
export function requireUsableMethod(method: string, stripeConfigured: boolean): void {
  if (!stripeConfigured && viaStripe(method)) throw new DomainError('payment_method_not_offered', 'refused', { method }, 'paymentMethod');
}

/**
 * What a shop's home page says about paying, before anyone registers (issue 8 §12): that no
 * means of payment can be used here (the shop takes only cards and cards cannot be taken), or
 * that card payments are simulated; null when there is nothing to say.
 */
export function paymentNotice(methods: readonly { method: string }[], deps: { stripe: unknown; simulated?: boolean | undefined }): 'none' | 'simulated' | null {
  if (usableMethods(methods, takesCards(deps)).length === 0) return 'none';
  return deps.stripe === null && deps.simulated === true && methods.some((m) => viaStripe(m.method)) ? 'simulated' : null;
}
