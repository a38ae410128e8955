/**
 * The Stripe SDK, configured from the environment (issue 4 §3): null when the secrets are not
 * set, and then card payment is simply not offered. `STRIPE_API_URL` points the SDK at another
 * host (the tests' local server answering like Stripe's API), through its host/port/protocol
 * settings; nothing else changes.
 */
import type Stripe from 'stripe';
import type { Config } from '../../config.ts';

export type StripeGateway = { client: Stripe; webhookSecret: string };

/** The SDK (≈ 15 MB) is loaded only when Stripe is configured (issue 9: idle memory). */
export async function stripeGateway(config: Config['stripe']): Promise<StripeGateway | null> {
  if (!config) return null;
  const { default: Stripe } = await import('stripe');
  const api = config.apiUrl ? new URL(config.apiUrl) : null;
  const client = new Stripe(config.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(api && {
      host: api.hostname,
      port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)),
      protocol: api.protocol === 'http:' ? 'http' : 'https',
    }),
  });
  return { client, webhookSecret: config.webhookSecret };
}
