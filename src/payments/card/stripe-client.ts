/**
 * The Stripe SDK, configured from the environment (issue 4 §3): null when the secrets are not
 * set, and then card payment is simply not offered. `STRIPE_API_URL` points the SDK at another
 * host (the tests' local server answering like Stripe's API), through its host/port/protocol
 * settings; nothing else changes.
 */
import Stripe from 'stripe';
import type { Config } from '../../config.ts';

export type StripeGateway = { client: Stripe; webhookSecret: string };

export function stripeGateway(config: Config['stripe']): StripeGateway | null {
  if (!config) return null;
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
