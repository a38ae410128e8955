/**
 * A local HTTP server answering like Stripe's API, for the routes Comptoir uses, so tests run
 * offline (the SDK is pointed at it through STRIPE_API_URL: its host/port/protocol settings).
 * It records each request (form-encoded body, Idempotency-Key) for tests to assert on, and serves
 * a plain HTML "hosted checkout" page so a browser following the redirect can come back.
 *
 * Also: Stripe-shaped events for the webhook, signed with the library's test-header helper.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export const STRIPE_TEST_SECRET_KEY = 'sk_test_comptoir_stub_0123456789';
export const STRIPE_TEST_WEBHOOK_SECRET = 'whsec_comptoir_stub_0123456789abcdef';

export type StubRequest = { method: string; path: string; form: Record<string, string>; idempotencyKey: string | undefined };

type Session = Record<string, unknown> & { id: string; amount_total: number; metadata: Record<string, string>; success_url: string; cancel_url: string; payment_intent: string | null };
type Intent = Record<string, unknown> & { id: string; amount: number; status: string; capture_method: string; metadata: Record<string, string> };

export type StripeStub = {
  url: string;
  requests: StubRequest[];
  sessions: Map<string, Session>;
  intents: Map<string, Intent>;
  /** The next `times` API requests fail with `status` (and `Stripe-Should-Retry: false`). */
  failNext(times: number, status?: number): void;
  /** Refunds are answered `pending` (settled later by a `refund.updated` webhook) instead of `succeeded`. */
  refundsPending(on: boolean): void;
  /** The customer paid (or, with manual capture, authorised) on the hosted page. */
  complete(sessionId: string): { session: Session; intent: Intent };
  stop(): Promise<void>;
};

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;

/** Stripe's bracket notation (`metadata[shop]`, `line_items[0][quantity]`) into a flat record. */
async function readForm(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

/** The keys under `prefix[…]` as an object (metadata). */
const sub = (form: Record<string, string>, prefix: string) =>
  Object.fromEntries(Object.entries(form).filter(([k]) => k.startsWith(`${prefix}[`)).map(([k, v]) => [k.slice(prefix.length + 1, -1), v]));

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req'), ...headers });
  response.end(JSON.stringify(body));
}

const stripeError = (message: string, type = 'invalid_request_error') => ({ error: { type, message } });

export async function startStripeStub(): Promise<StripeStub> {
  const requests: StubRequest[] = [];
  const sessions = new Map<string, Session>();
  const intents = new Map<string, Intent>();
  let failures: { times: number; status: number } = { times: 0, status: 500 };
  let refundStatus = 'succeeded';
  let base = '';

  const createSession = (form: Record<string, string>): Session => {
    const amount = Number(form['line_items[0][price_data][unit_amount]']);
    const session: Session = {
      id: id('cs'),
      object: 'checkout.session',
      amount_subtotal: amount,
      amount_total: amount,
      currency: form['line_items[0][price_data][currency]'] ?? null,
      client_reference_id: form.client_reference_id ?? null,
      customer_email: form.customer_email ?? null,
      created: Math.floor(Date.now() / 1000),
      expires_at: Math.floor(Date.now() / 1000) + 86_400,
      livemode: false,
      locale: form.locale ?? null,
      metadata: sub(form, 'metadata'),
      mode: form.mode ?? 'payment',
      payment_intent: null,
      payment_status: 'unpaid',
      status: 'open',
      success_url: form.success_url ?? '',
      cancel_url: form.cancel_url ?? '',
      url: '',
      capture_method: form['payment_intent_data[capture_method]'] ?? 'automatic',
      intent_metadata: sub(form, 'payment_intent_data[metadata]'),
    };
    session.url = `${base}/pay/${session.id}`;
    sessions.set(session.id, session);
    return session;
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', base);
    if (request.method === 'GET' && url.pathname.startsWith('/pay/')) return payPage(response, sessions.get(url.pathname.slice(5)));
    const form = request.method === 'POST' ? await readForm(request) : {};
    const key = request.headers['idempotency-key'];
    requests.push({ method: request.method ?? '', path: url.pathname, form, idempotencyKey: typeof key === 'string' ? key : undefined });
    if (!(request.headers.authorization ?? '').includes(STRIPE_TEST_SECRET_KEY)) return send(response, 401, stripeError('Invalid API Key provided'));
    if (failures.times > 0) {
      failures = { ...failures, times: failures.times - 1 };
      return send(response, failures.status, stripeError('stub failure', 'api_error'), { 'stripe-should-retry': 'false' });
    }
    if (request.method === 'POST' && url.pathname === '/v1/checkout/sessions') return send(response, 200, createSession(form));
    const capture = /^\/v1\/payment_intents\/([^/]+)\/capture$/.exec(url.pathname);
    if (request.method === 'POST' && capture?.[1]) {
      const intent = intents.get(capture[1]);
      if (intent?.status !== 'requires_capture') return send(response, 400, stripeError('This PaymentIntent could not be captured'));
      Object.assign(intent, { status: 'succeeded', amount_received: intent.amount, amount_capturable: 0 });
      return send(response, 200, intent);
    }
    if (request.method === 'POST' && url.pathname === '/v1/refunds') {
      const amount = Number(form.amount);
      const refund = { id: id('re'), object: 'refund', amount, currency: 'eur', payment_intent: form.payment_intent, status: refundStatus, metadata: sub(form, 'metadata'), created: Math.floor(Date.now() / 1000) };
      return send(response, 200, refund);
    }
    return send(response, 404, stripeError(`Unrecognized request URL (${request.method}: ${url.pathname})`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    requests,
    sessions,
    intents,
    refundsPending(on) {
      refundStatus = on ? 'pending' : 'succeeded';
    },
    failNext(times, status = 500) {
      failures = { times, status };
    },
    complete(sessionId) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`no session ${sessionId}`);
      const manual = session.capture_method === 'manual';
      const intent: Intent = {
        id: id('pi'),
        object: 'payment_intent',
        amount: session.amount_total,
        amount_capturable: manual ? session.amount_total : 0,
        amount_received: manual ? 0 : session.amount_total,
        currency: String(session.currency),
        capture_method: manual ? 'manual' : 'automatic',
        created: Math.floor(Date.now() / 1000),
        last_payment_error: null,
        livemode: false,
        metadata: session.intent_metadata as Record<string, string>,
        status: manual ? 'requires_capture' : 'succeeded',
      };
      intents.set(intent.id, intent);
      Object.assign(session, { status: 'complete', payment_status: manual ? 'unpaid' : 'paid', payment_intent: intent.id });
      return { session: { ...session }, intent: { ...intent } };
    },
    stop: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** Stripe's hosted page, reduced to links back to the shop: no card field (tests only). */
function payPage(response: ServerResponse, session: Session | undefined) {
  if (!session) return send(response, 404, stripeError('No such checkout session'));
  const html = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const amount = (session.amount_total / 100).toFixed(2);
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe test checkout</title></head>
<body><main><h1>Stripe test checkout</h1><p>Amount: <span id="amount">${amount}</span> EUR</p>
<p><a id="pay" href="${html(session.success_url)}">Pay</a></p><p><a id="cancel" href="${html(session.cancel_url)}">Cancel</a></p></main></body></html>`);
}

const signer = new Stripe(STRIPE_TEST_SECRET_KEY);

/** A Stripe event around `object`, as Stripe would POST it to the webhook. */
export function stripeEvent(type: string, object: Record<string, unknown>, options: { id?: string; created?: number } = {}) {
  return {
    id: options.id ?? id('evt'),
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: options.created ?? Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

/** The `Stripe-Signature` header for `payload`, by the library's own test helper. */
export function signPayload(payload: string, options: { timestamp?: number; secret?: string } = {}): string {
  return signer.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? STRIPE_TEST_WEBHOOK_SECRET, ...(options.timestamp !== undefined && { timestamp: options.timestamp }) });
}
