/**
 * API: Stripe's webhook (issue 4 §3). The signature covers the exact bytes Stripe sent, so this
 * plugin, and only this one, reads JSON bodies as raw buffers; the library then checks the HMAC
 * and the timestamp against its default tolerance (300 s). A forged, altered or stale delivery
 * is refused with 400 and changes nothing; a repeated one is acknowledged as a duplicate.
 */
import type { FastifyPluginAsync } from 'fastify';
import type Stripe from 'stripe';
import { DomainError } from '../../kernel/errors.ts';
import { orderSide } from '../../flows/record-payment.ts';
import { applyStripeEvent } from '../../payments/card/events.ts';

const signatureInvalid = () => new DomainError('webhook_signature_invalid', 'malformed', {}, 'stripe-signature');

export const stripeWebhookApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const clock = app.deps.clock;

  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    '/stripe/webhook',
    { schema: { tags: ['payments'], summary: 'Stripe webhook: checkout and payment events, signed (Stripe-Signature)', consumes: ['application/json'] } },
    async (request) => {
      const stripe = app.deps.stripe;
      if (!stripe) throw new DomainError('card_payments_unavailable', 'not_found');
      const signature = request.headers['stripe-signature'];
      if (!Buffer.isBuffer(request.body) || typeof signature !== 'string') throw signatureInvalid();
      let event: Stripe.Event;
      try {
        event = await stripe.client.webhooks.constructEventAsync(request.body, signature, stripe.webhookSecret);
      } catch {
        throw signatureInvalid();
      }
      const result = await applyStripeEvent({ db, clock, orders: orderSide }, event);
      request.log.info({ stripeEvent: event.id, type: event.type, outcome: result.outcome }, 'stripe event');
      return result.duplicate ? { received: true, duplicate: true } : { received: true };
    },
  );
};
