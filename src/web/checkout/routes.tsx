/**
 * Checkout pages, for signed-in customers: step 1 delivery and payment, step 2 the review with
 * the terms and the final button, then the order page. A guest is sent to sign in or register
 * and brought back. One review form places at most one order: its checkout token becomes the
 * order's id, and the cart is emptied in the order's own transaction.
 */
import { today } from '../../kernel/clock.ts';
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CustomerKind } from '../../accounts/schema.ts';
import { money } from '../../kernel/i18n/money.ts';
import { DomainError, notFound, ValidationFailed } from '../../kernel/errors.ts';
import { sha256Hex } from '../../kernel/ids.ts';
import { t } from '../../kernel/i18n/index.ts';
import { parseOrThrow, text } from '../../kernel/validation.ts';
import { termsUrl } from '../../legal/terms/urls.ts';
import { invoiceLinkOf } from '../../invoicing/service.ts';
import { orderJson } from '../../flows/order-json.ts';
import { findOrderFor } from '../../orders/service.ts';
import { pendingTransfer } from '../../payments/order-payment.ts';
import { takesCards, usableMethods, requireUsableMethod } from '../../payments/card/availability.ts';
import { cardPaymentState } from '../../payments/card/checkout.ts';
import { creditBalance } from '../../payments/credit/service.ts';
import { CardPayment, cardNotice, SimulatedOutcome } from '../payments/views/card/card-payment.tsx';
import { epcQrPng, epcQrSvg } from '../../payments/epc-qr.ts';
import { transferQrPayload } from '../../payments/transfer.ts';
import { getShop, type Shop } from '../../shops/service.ts';
import { frameFor, sendPage } from '../context.ts';
import { fieldErrors, flatForm, nestForm } from '../form-errors.ts';
import type { FieldErrors } from '../forms.tsx';
import { Page } from '../layout.tsx';
import { withdrawalEntry } from '../aftersale/entry.tsx';
import { claimEntry } from '../aftersale/claims-routes.tsx';
import { customerChangesSection } from '../orders/customer-changes.tsx';
import { customerSpecialOrderSection } from '../orders/special-order.tsx';
import { baseUrl } from '../urls.ts';
import { cartRoutes, shopCustomer } from './cart-routes.tsx';
import { checkoutCustomer, forgetGuest, guestRoutes, guestShop } from './guest-routes.tsx';
import { guestAccountSection } from './guest-account.tsx';
import { takesGuests } from '../../accounts/guests.ts';
import { grantOrderLink, signedOrderUrl } from '../order-link.ts';
import { claimCart, viewCart } from '../../checkout/cart-service.ts';
import { CheckoutChoices, forgetChoices, readChoices, rememberReturn, saveChoices } from './cart-session.ts';
import { checkOut } from '../../flows/check-out.ts';
import { placedWithToken } from '../../checkout/placed-orders.ts';
import { SHIPS_TO_CUSTOMER, quoteOrder } from '../../checkout/quote.ts';
import { promiseAtCheckout } from '../../campaigns/service.ts';
import * as rules from '../../checkout/rules.ts';
import { termsForOrder } from '../../checkout/terms-for-order.ts';
import { ChoosePage, type PointOption, SignInFirst } from './views/choose-page.tsx';
import { slotText } from './views/delivery-facts.tsx';
import { deliveryOptions } from '../../flows/delivery-options.ts';
import { checkSlot } from '../../delivery/service.ts';
import { pointHasSlots } from '../../shops/profile/delivery-zone-rules.ts';
import { deliveryModesFor, paymentMethodsFor } from './views/labels.ts';
import { OrderPage } from './views/order-page.tsx';
import { OrderTracking } from './views/order-tracking.tsx';
import { endReasonOf } from '../../flows/order-tracking.ts';
import { roundDayOfOrder } from '../../flows/member-deliveries.ts';
import { HandOverLine } from '../accounts/views/deliveries.tsx';
import { ReviewPage } from './views/review-page.tsx';

type ShopParams = { Params: { shop: string } };
type Customer = NonNullable<Awaited<ReturnType<typeof checkoutCustomer>>>;

const ConfirmForm = z.object({
  expectedGrossCents: z.coerce.number().int().min(0).max(1e12),
  termsVersion: text().trim().min(1).max(100),
  cartDigest: text().regex(/^[0-9a-f]{64}$/),
  checkoutToken: z.uuid(),
  acceptTerms: z.literal('yes').optional(),
  /** The express request that a service start during the withdrawal period (L221-25): an unticked box. */
  serviceStartRequested: z.literal('yes').optional(),
});

/** Review-form fields the domain errors point at. */
const REVIEW_FIELD: Record<string, string> = { acceptedTerms: 'acceptTerms', 'acceptedTerms.version': 'acceptTerms' };

export const checkoutPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const clock = app.deps.clock;
  const deps = { db, clock };
  const cardDeps = { ...deps, stripe: app.deps.stripe, simulated: app.deps.config.simulatedPayments };
  cartRoutes(app, deps);
  guestRoutes(app, deps);

  const frame = (request: FastifyRequest, reply: FastifyReply, shop: Shop, title: string) => frameFor(request, reply, title, { slug: shop.slug, name: shop.name });
  const toSignIn = (reply: FastifyReply, shop: Shop) => reply.redirect(`/shops/${shop.slug}/checkout/sign-in`, 303);

  /** Everything the review shows and the confirmation checks, computed from the current state. */
  /** `showSlot`: read the pickup slot chosen to show its times (the review page; the final button's order holds it instead, one read less). */
  async function review(shop: Shop, customer: Customer, choices: CheckoutChoices, showSlot = true) {
    requireUsableMethod(choices.paymentMethod, takesCards(cardDeps));
    const kind = customer.kind as CustomerKind;
    const cart = await viewCart(deps, shop, customer.cart, kind);
    if (!cart.id || !cart.ready) return null;
    const customerAddress = customer.address as unknown as { line1: string; postalCode: string; city: string; country: string };
    const quote = quoteOrder({ profile: shop.profile, legalSystem: shop.legalSystem, kind, customerAddress, lines: cart.catalogueLines, delivery: choices.delivery, paymentMethod: choices.paymentMethod });
    // The pickup slot chosen at step 1, still open (issue 12 §3), shown on the review.
    if (showSlot && quote.point && choices.delivery.slotId) quote.delivery.slot = await checkSlot(db, shop, quote.point, choices.delivery.slotId, clock.now());
    const { terms } = await termsForOrder(db, clock, shop);
    const lines = cart.catalogueLines.map((l) => ({ productId: l.productId, quantity: l.quantity }));
    // A line's special-order notice (003 art.7.2) is part of what was reviewed: a flag changed since sends the customer back to the review.
    const special = new Set(cart.catalogueLines.filter((l) => l.specialOrder).map((l) => l.productId));
    const digest = sha256Hex(JSON.stringify({ lines: lines.map((l) => `${l.productId}:${l.quantity}${special.has(l.productId) ? ':special' : ''}`).sort(), choices }));
    // A group purchase's delivery promise for an order placed now (issue 12 §1), shown on the
    // review page only: the final button's order computes its own (no read more on the order path).
    const promise = showSlot ? await promiseAtCheckout(db, shop.slug, cart.catalogueLines.map((l) => l.productId), new Date(clock.now().epochMilliseconds), shop.timeZone) : null;
    return { cartId: cart.id, customerId: customer.id, lines, quote, terms, digest, promise };
  }
  type Review = NonNullable<Awaited<ReturnType<typeof review>>>;

  async function reviewPage(request: FastifyRequest, reply: FastifyReply, shop: Shop, r: Review, choices: CheckoutChoices, errors: FieldErrors, status = 200) {
    // Customer credit the order will use (issue 4 §5), shown on the review; read only to show it,
    // not on the way to placing the order (whose transaction applies it).
    const creditCents = Math.min(await creditBalance(db, shop.slug, r.customerId), r.quote.totals.grossCents);
    const f = frame(request, reply, shop, t(request.lang, 'checkout.review.title'));
    const terms = r.terms.map((d) => ({ ...d, url: termsUrl(shop.slug, d.kind, d.version) }));
    const form = { expectedGrossCents: r.quote.totals.grossCents, termsVersion: r.terms[0]?.version ?? '', cartDigest: r.digest, checkoutToken: randomUUID() };
    const page = <ReviewPage lang={request.lang} shop={shop} csrf={f.csrfToken ?? ''} quote={r.quote} paymentMethod={choices.paymentMethod} terms={terms} form={form} errors={errors} creditCents={creditCents} promise={r.promise} />;
    return sendPage(reply, <Page frame={f}>{page}</Page>, status);
  }

  type CartView = Awaited<ReturnType<typeof viewCart>>;
  /**
   * Step 1 offers what the customer's address is offered (issue 12 §2), each mode with its fee
   * for this cart (§7), and at pickup points the slots still open (§3); an address outside every
   * zone (or a postcode not of its country) gets the shop's modes, and the refusal at submission.
   */
  async function choicesPage(request: FastifyRequest, reply: FastifyReply, shop: Shop, customer: Customer, cart: CartView, values: Record<string, string | undefined>, errors: FieldErrors, status: number) {
    const lang = request.lang;
    const kind = customer.kind as CustomerKind;
    const home = customer.address as unknown as { postalCode: string; city: string; country: string };
    const offered = await deliveryOptions(deps, shop, home, kind, cart.products).catch((error: unknown) => {
      if (error instanceof DomainError && error.kind === 'refused') return null;
      throw error;
    });
    const feeText = (mode: ReturnType<typeof deliveryModesFor>[number], fee: number) =>
      mode.fee?.rule === 'carriage_forward' ? t(lang, 'checkout.delivery.carriageForward') : fee > 0 ? t(lang, 'checkout.delivery.fee', { amount: money(lang, fee) }) : t(lang, 'checkout.delivery.free');
    const modes = offered
      ? offered.map((o) => ({ mode: o.offer.mode, feeText: feeText(o.offer.mode, o.feeCents) }))
      : deliveryModesFor(shop.profile, kind).map((mode) => ({ mode, feeText: feeText(mode, rules.shippingCents(mode, cart.products.grossCents, cart.products.netCents)) }));
    const pickupOffer = offered?.find((o) => o.pickupPoints);
    const points: PointOption[] = pickupOffer?.pickupPoints
      ? pickupOffer.pickupPoints.map((p, i) => {
          const ref = pickupOffer.offer.points[i];
          return { id: p.id, label: `${p.name}, ${p.commune}`, name: p.name, slots: ref && pointHasSlots(ref) ? p.slots.map((x) => ({ id: x.id, label: slotText(lang, x, shop.timeZone), remaining: x.remaining })) : null };
        })
      : modes.flatMap((m) => (m.mode.mode === 'pickup' ? m.mode.points.map((p, i) => ({ id: p.id ?? String(i), label: `${p.name}, ${p.commune}`, name: p.name, slots: null })) : []));
    const address = customer.address as unknown as Record<string, string>;
    const defaults = Object.fromEntries(['line1', 'postalCode', 'city', 'country'].map((k) => [`delivery.address.${k}`, address[k]]));
    const f = frame(request, reply, shop, t(lang, 'checkout.choose.title'));
    const page = (
      <ChoosePage
        lang={lang}
        shopSlug={shop.slug}
        csrf={f.csrfToken ?? ''}
        modes={modes}
        points={points}
        paymentMethods={usableMethods(paymentMethodsFor(shop.profile, kind), takesCards(cardDeps)).map((m) => m.method)}
        simulatedMethods={cardDeps.stripe === null && cardDeps.simulated}
        values={{ ...defaults, ...values }}
        errors={errors}
        showsAddress={modes.some((m) => SHIPS_TO_CUSTOMER.includes(m.mode.mode))}
      />
    );
    return sendPage(reply, <Page frame={f}>{page}</Page>, status);
  }

  app.get<ShopParams>('/shops/:shop/checkout/sign-in', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    if (await shopCustomer(db, request, shop)) return reply.redirect(`/shops/${shop.slug}/checkout`, 303);
    rememberReturn(request, reply, shop.slug);
    const f = frame(request, reply, shop, t(request.lang, 'checkout.signIn.title'));
    return sendPage(reply, <Page frame={f}><SignInFirst lang={request.lang} shopSlug={shop.slug} guest={takesGuests(guestShop(shop))} /></Page>);
  });

  app.get<ShopParams>('/shops/:shop/checkout', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const customer = await checkoutCustomer(db, request, shop);
    if (!customer) return toSignIn(reply, shop);
    const cart = await viewCart(deps, shop, customer.cart, customer.kind as CustomerKind);
    if (!cart.ready) return reply.redirect(`/shops/${shop.slug}/cart`, 303);
    return choicesPage(request, reply, shop, customer, cart, flatChoices(readChoices(request)), {}, 200);
  });

  app.post<ShopParams>('/shops/:shop/checkout', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const customer = await checkoutCustomer(db, request, shop);
    if (!customer) return toSignIn(reply, shop);
    const kind = customer.kind as CustomerKind;
    const cart = await viewCart(deps, shop, customer.cart, kind);
    if (!cart.ready) return reply.redirect(`/shops/${shop.slug}/cart`, 303);
    const values = flatForm(request.body);
    try {
      const choices = parseChoices(shop, values);
      requireUsableMethod(choices.paymentMethod, takesCards(cardDeps));
      const customerAddress = customer.address as unknown as { line1: string; postalCode: string; city: string; country: string };
      const quote = quoteOrder({ profile: shop.profile, legalSystem: shop.legalSystem, kind, customerAddress, lines: cart.catalogueLines, delivery: choices.delivery, paymentMethod: choices.paymentMethod });
      if (quote.point && choices.delivery.slotId) await checkSlot(db, shop, quote.point, choices.delivery.slotId, clock.now());
      saveChoices(request, reply, shop.slug, choices);
      return reply.redirect(`/shops/${shop.slug}/checkout/review`, 303);
    } catch (error) {
      return choicesPage(request, reply, shop, customer, cart, values, fieldErrors(error, request.lang), 422);
    }
  });

  app.get<ShopParams>('/shops/:shop/checkout/review', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const customer = await checkoutCustomer(db, request, shop);
    if (!customer) return toSignIn(reply, shop);
    const choices = readChoices(request);
    if (!choices) return reply.redirect(`/shops/${shop.slug}/checkout`, 303);
    try {
      const r = await review(shop, customer, choices);
      if (!r) return reply.redirect(`/shops/${shop.slug}/cart`, 303);
      return reviewPage(request, reply, shop, r, choices, {});
    } catch (error) {
      if (!(error instanceof DomainError) || (error.kind !== 'refused' && error.code !== 'slot_full')) throw error;
      // The choices no longer fit (the profile changed, say): back to step 1, which says why.
      return reply.redirect(`/shops/${shop.slug}/checkout`, 303);
    }
  });

  app.post<ShopParams>('/shops/:shop/checkout/confirm', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const customer = await checkoutCustomer(db, request, shop);
    if (!customer) return toSignIn(reply, shop);
    const form = parseOrThrow(ConfirmForm, flatForm(request.body));
    // A guest follows the order through its signed link, granted to this browser here (src/web/order-link.ts).
    const grant = (id: string) => {
      if (!customer.guest) return;
      grantOrderLink(request, reply, shop.slug, id);
      forgetGuest(reply, shop);
    };
    const orderPage = (id: string) => {
      grant(id);
      return reply.redirect(`/shops/${shop.slug}/orders/${id}`, 303);
    };
    const already = () => placedWithToken(db, shop.slug, customer.id, form.checkoutToken);
    const placedBefore = await already();
    if (placedBefore) return orderPage(placedBefore);
    const choices = readChoices(request);
    if (!choices) return reply.redirect(`/shops/${shop.slug}/checkout`, 303);
    const r = await review(shop, customer, choices, false);
    if (!r) {
      const placedMeanwhile = await already();
      return placedMeanwhile ? orderPage(placedMeanwhile) : reply.redirect(`/shops/${shop.slug}/cart`, 303);
    }
    if (r.digest !== form.cartDigest || r.quote.totals.grossCents !== form.expectedGrossCents) {
      const changed = new DomainError('cart_changed', 'conflict', { totalCents: r.quote.totals.grossCents });
      return reviewPage(request, reply, shop, r, choices, fieldErrors(changed, request.lang), 409);
    }
    try {
      const order = { lines: r.lines, acceptedTerms: form.acceptTerms ? { version: form.termsVersion } : undefined, delivery: choices.delivery, paymentMethod: choices.paymentMethod, expectedGrossCents: form.expectedGrossCents, serviceStartRequested: form.serviceStartRequested === 'yes' };
      const done = await checkOut(cardDeps, { shop, actor: customer.actor, order }, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        baseUrl: baseUrl(request),
        orderId: form.checkoutToken,
        returnUrl: (orderUrl) => `${orderUrl}?placed=1`,
        followUrl: (id) => signedOrderUrl(baseUrl(request), app.deps.config.secret, shop.slug, id),
      }, { first: claimCart(shop.slug, r.cartId, r.lines), afterCommitFailed: (e, what) => request.log.error({ err: e }, what) });
      forgetChoices(reply, shop.slug);
      grant(done.order.id);
      // Card and PayPal: straight on to the payment page (Stripe's, or the simulated one on this site).
      return reply.redirect(done.pay?.sitePath ?? done.pay?.url ?? `/shops/${shop.slug}/orders/${done.order.id}?placed=1`, 303);
    } catch (error) {
      // A second submission of the same form lost the race to the first: show the first's order.
      const placedMeanwhile = await already();
      if (placedMeanwhile) return orderPage(placedMeanwhile);
      const errors: FieldErrors = {};
      for (const [field, message] of Object.entries(fieldErrors(error, request.lang))) errors[REVIEW_FIELD[field] ?? '_form'] ??= message;
      const now = await review(shop, customer, choices, false);
      if (!now) return reply.redirect(`/shops/${shop.slug}/cart`, 303);
      return reviewPage(request, reply, shop, now, choices, errors, error instanceof DomainError ? error.status : 422);
    }
  });

  app.get<{ Params: { shop: string; id: string }; Querystring: { placed?: string; card?: string } }>('/shops/:shop/orders/:id', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    if (request.actor.kind === 'anonymous') return reply.redirect(`/shops/${shop.slug}/login`, 303);
    const row = await findOrderFor(db, request.actor, shop.slug, request.params.id);
    const order = await orderJson(db, shop, row, today(clock, shop.timeZone));
    const f = frame(request, reply, shop, t(request.lang, 'order.title', { number: order.number }));
    const card = await cardPaymentState(cardDeps, shop, order);
    const notice = cardNotice(request.query.card);
    const payment = card ? <CardPayment lang={request.lang} card={card} action={`/shops/${shop.slug}/orders/${order.id}/card-checkout`} csrf={f.csrfToken ?? ''} notice={notice} /> : <SimulatedOutcome lang={request.lang} notice={notice} />;
    // The withdrawal function, for the customer while the period runs (issue 10 §1).
    const withdrawal = request.actor.kind === 'customer' ? await withdrawalEntry(deps, request.lang, shop, order.id) : null;
    const invoice = await invoiceLinkOf(db, shop.slug, order.id);
    // Where the order stands: deadlines, actions open, timeline, documents (issue 11 §7).
    const roundOn = await roundDayOfOrder(db, shop.slug, order.id);
    const tracking = <><HandOverLine lang={request.lang} shop={shop} mode={(order.delivery as { mode?: string }).mode} roundOn={roundOn} /><OrderTracking lang={request.lang} shop={shop} order={order} today={today(clock, shop.timeZone).toString()} reason={await endReasonOf(db, shop.slug, order)} invoice={invoice ?? null} modelForm={withdrawal !== null} /></>;
    const page = <OrderPage lang={request.lang} shop={shop} order={order} transfer={pendingTransfer(shop, row, today(clock, shop.timeZone).toString())} placed={request.query.placed === '1'} payment={payment} invoice={invoice} withdrawal={withdrawal} tracking={tracking} />;
    // The legal warranty's claim form once delivered, or the manufacturer's warranty (issue 10 §4).
    const claim = request.actor.kind === 'customer' ? await claimEntry(deps, request.lang, shop, order.id) : null;
    // A guest who came through the order's link may open an account with it (issue 10 §1).
    const account = await guestAccountSection(db, request, shop, order.id, f.csrfToken ?? '');
    return sendPage(reply, <Page frame={f}>{page}{claim}{await customerSpecialOrderSection(request, shop, row)}{await customerChangesSection(request, shop, order.id, f.csrfToken ?? '')}{account}</Page>);
  });

  // The EPC QR code of a transfer still to make, for the order's customer or the shop's staff:
  // SVG for the page, PNG for e-mail clients and apps that do not read SVG.
  const transferQr = async (request: FastifyRequest<{ Params: { shop: string; id: string } }>) => {
    const shop = await getShop(db, request.params.shop);
    const transfer = pendingTransfer(shop, await findOrderFor(db, request.actor, shop.slug, request.params.id), today(clock, shop.timeZone).toString());
    if (!transfer) throw notFound('transfer');
    return transferQrPayload(transfer);
  };
  app.get<{ Params: { shop: string; id: string } }>('/shops/:shop/orders/:id/transfer-qr.svg', async (request, reply) => {
    const svg = await epcQrSvg(await transferQr(request));
    return reply.type('image/svg+xml').header('cache-control', 'private, no-store').send(svg);
  });
  app.get<{ Params: { shop: string; id: string } }>('/shops/:shop/orders/:id/transfer-qr.png', async (request, reply) => {
    const png = await epcQrPng(await transferQr(request), { width: 300 });
    return reply.type('image/png').header('cache-control', 'private, no-store').send(png);
  });
};

/** Choices saved earlier, as the flat values of step 1's form. */
function flatChoices(c: CheckoutChoices | null): Record<string, string | undefined> {
  if (!c) return {};
  const a = c.delivery.address;
  return {
    'delivery.mode': c.delivery.mode,
    'delivery.pickupPointId': c.delivery.pickupPointId,
    'delivery.slotId': c.delivery.slotId,
    'delivery.phone': c.delivery.phone,
    'delivery.doorNotes': c.delivery.doorNotes,
    paymentMethod: c.paymentMethod,
    ...(a && { 'delivery.address.line1': a.line1, 'delivery.address.postalCode': a.postalCode, 'delivery.address.city': a.city, 'delivery.address.country': a.country }),
  };
}

/** Step 1's fields: the address only for a mode delivering to it, a pickup point only for pickup. */
function parseChoices(shop: Shop, values: Record<string, string>): CheckoutChoices {
  const nested = nestForm(values) as { delivery?: { mode?: string; address?: unknown; pickupPointId?: string; slotId?: string; phone?: string; doorNotes?: string } };
  const delivery = { ...nested.delivery };
  // Optional fields left empty are not given.
  if (!delivery.phone?.trim()) delivery.phone = undefined;
  if (!delivery.doorNotes?.trim()) delivery.doorNotes = undefined;
  const mode = shop.profile.delivery?.modes.find((m) => m.mode === delivery.mode);
  if (!mode || !SHIPS_TO_CUSTOMER.includes(mode.mode)) {
    delivery.address = undefined;
    delivery.doorNotes = undefined;
  }
  if (mode?.mode !== 'pickup') delivery.pickupPointId = undefined;
  if (mode?.mode !== 'pickup' || !delivery.slotId) delivery.slotId = undefined;
  const unchosen = [
    ...(delivery.mode ? [] : [{ field: 'delivery.mode', code: 'choose_delivery_mode' }]),
    ...(mode?.mode === 'pickup' && !delivery.pickupPointId ? [{ field: 'delivery.pickupPointId', code: 'choose_pickup_point' }] : []),
    ...((nested as { paymentMethod?: string }).paymentMethod ? [] : [{ field: 'paymentMethod', code: 'choose_payment_method' }]),
  ];
  if (unchosen.length > 0) throw new ValidationFailed(unchosen);
  return parseOrThrow(CheckoutChoices, { ...nested, delivery });
}
