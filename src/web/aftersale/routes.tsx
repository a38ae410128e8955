/**
 * Pages of the withdrawal function (issue 10 §1; Directive 2011/83 art. 11a): the order's
 * customer states which lines and quantities they withdraw (step 1), confirms on a separate page
 * (step 2), and reads the acknowledgement, also e-mailed with the PDF, which they can download
 * here. Staff's forms are in ./staff-routes.tsx. Forms carry the CSRF token; no JavaScript.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireCustomer } from '../../accounts/actor.ts';
import type { Eligibility } from '../../aftersale/eligibility.ts';
import { findOrder } from '../../aftersale/queries.ts';
import { CustomerWithdrawalInput, type WithdrawnLines } from '../../aftersale/schema.ts';
import { chooseLines, customerOrderEligibility, findWithdrawalFor, servicesOwedIf, todayIn, withdraw } from '../../aftersale/service.ts';
import { WithdrawalRefused } from '../../aftersale/errors.ts';
import { lateGoodwillRequests, requestLateGoodwill } from '../../aftersale/late-goodwill.ts';
import { longDate } from '../../aftersale/format.ts';
import { notFound, ValidationFailed } from '../../kernel/errors.ts';
import { t } from '../../kernel/i18n/index.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { getShop, type Shop } from '../../shops/service.ts';
import { frameFor, sendPage } from '../context.ts';
import { fieldErrors, flatForm } from '../form-errors.ts';
import type { FieldErrors } from '../forms.tsx';
import { Page } from '../layout.tsx';
import { acknowledgement, serviceOwedText } from './acknowledgement.ts';
import { actorName } from './api.ts';
import { renderWithdrawalPdf } from './pdf.ts';
import { type Choice, qtyField, WithdrawalAckPage, WithdrawalConfirmPage, WithdrawalStatementPage } from './views/withdrawal-pages.tsx';

type IdParams = { Params: { shop: string; id: string } };

/** The form's choice: the whole order, or the quantities typed line by line. */
function choiceOf(options: Eligibility, values: Record<string, string>): { choice: Choice; lines: WithdrawnLines | undefined; invalid: string[] } {
  const whole = values.scope !== 'lines';
  const quantities: Record<string, number> = {};
  const invalid: string[] = [];
  for (const line of options.lines.filter((l) => l.remaining > 0)) {
    const raw = values[qtyField(line.productId)]?.trim() ?? '';
    const n = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!whole && Number.isNaN(n)) invalid.push(qtyField(line.productId));
    quantities[line.productId] = Number.isNaN(n) ? line.remaining : n;
  }
  const lines = whole ? undefined : options.lines.filter((l) => l.remaining > 0).map((l) => ({ productId: l.productId, quantity: quantities[l.productId] ?? 0 }));
  return { choice: { whole, quantities }, lines, invalid };
}

/** A refusal of the service on a line (`lines.2.quantity`) shown beside that line's field. */
function errorsOnLines(errors: FieldErrors, lines: WithdrawnLines | undefined): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => {
    const m = /^lines\.(\d+)\./.exec(field);
    const line = m ? lines?.[Number(m[1])] : undefined;
    return [line ? qtyField(line.productId) : field, message];
  }));
}

export const aftersalePages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock };
  const frame = (request: FastifyRequest, reply: FastifyReply, shop: Shop, title: string) => frameFor(request, reply, title, { slug: shop.slug, name: shop.name });
  const base = (shop: Shop, orderId: string) => `/shops/${shop.slug}/orders/${orderId}/withdrawal`;

  /** The order's own customer, or a redirect to sign in; anyone else finds no such order. */
  async function customerOrder(request: FastifyRequest<IdParams>, reply: FastifyReply) {
    const shop = await getShop(db, request.params.shop);
    if (request.actor.kind === 'anonymous') {
      reply.redirect(`/shops/${shop.slug}/login`, 303);
      return null;
    }
    const customerId = requireCustomer(request.actor, shop.slug);
    return { shop, customerId, ...(await customerOrderEligibility(db, shop, customerId, request.params.id, todayIn(app.deps.clock, shop))) };
  }
  type Found = NonNullable<Awaited<ReturnType<typeof customerOrder>>>;

  const head = (found: Found) => ({ id: found.order.id, number: found.order.number, placedOn: found.order.placed_at.toISOString().slice(0, 10) });
  const who = (found: Found) => ({ name: found.customer ? `${found.customer.first_name} ${found.customer.last_name}` : '', email: found.customer?.email ?? '', address: found.customer?.address ?? null });

  function statementPage(request: FastifyRequest, reply: FastifyReply, found: Found, choice: Choice, errors: FieldErrors, status = 200, goodwill?: WithdrawnLines | 'all') {
    const f = frame(request, reply, found.shop, t(request.lang, 'withdrawal.step1.title', { number: found.order.number }));
    const page = <WithdrawalStatementPage lang={request.lang} csrf={f.csrfToken ?? ''} action={base(found.shop, found.order.id)} customer={who(found)} order={head(found)} options={found.options} choice={choice} errors={errors} />;
    const offer = goodwill && (
      // Refused as a withdrawal because the period is over: one click asks the seller instead.
      <form method="post" action={`${base(found.shop, found.order.id)}/goodwill`} novalidate>
        <input type="hidden" name="_csrf" value={f.csrfToken ?? ''} />
        {goodwill !== 'all' && goodwill.map((l) => <input type="hidden" name={qtyField(l.productId)} value={String(l.quantity)} />)}
        <p>{t(request.lang, 'withdrawal.goodwill.askHint')}</p>
        <p><button type="submit">{t(request.lang, 'withdrawal.goodwill.ask')}</button></p>
      </form>
    );
    return sendPage(reply, <Page frame={f}>{page}{offer}</Page>, status);
  }

  app.get<IdParams>('/shops/:shop/orders/:id/withdrawal', async (request, reply) => {
    const found = await customerOrder(request, reply);
    if (!found) return reply;
    // Nothing left to withdraw (or not a consumer's contract): the page says why.
    const errors: FieldErrors = found.options.anyWithdrawable ? {} : fieldErrors(new WithdrawalRefused('not_withdrawable'), request.lang);
    const [asked] = await lateGoodwillRequests(db, found.shop, found.order.id);
    if (!asked) return statementPage(request, reply, found, { whole: true, quantities: {} }, errors);
    const f = frame(request, reply, found.shop, t(request.lang, 'withdrawal.step1.title', { number: found.order.number }));
    const notice = <p class="notice" role="status">{t(request.lang, 'withdrawal.goodwill.sent', { date: longDate(request.lang, asked.requestedOn) })}</p>;
    // Staff's answer, once given (also sent by e-mail).
    const a = asked.answer;
    const answer = a && <p>{a.decision === 'accepted' ? t(request.lang, 'withdrawal.goodwill.accepted', { date: longDate(request.lang, a.on) }) : t(request.lang, 'withdrawal.goodwill.declined', { date: longDate(request.lang, a.on), reason: a.note ?? '' })}</p>;
    return sendPage(reply, <Page frame={f}><h1>{t(request.lang, 'withdrawal.step1.title', { number: found.order.number })}</h1>{notice}<ul>{asked.lines.map((l) => <li>{l.quantity} × {l.name}</li>)}</ul>{answer}</Page>);
  });

  // The goodwill request offered when the confirmation was refused as late (nothing binds the shop).
  app.post<IdParams>('/shops/:shop/orders/:id/withdrawal/goodwill', { preValidation: app.csrfProtection }, async (request, reply) => {
    const found = await customerOrder(request, reply);
    if (!found) return reply;
    const values = flatForm(request.body);
    const lines = found.options.lines.filter((l) => /^\d{1,6}$/.test(values[qtyField(l.productId)] ?? '')).map((l) => ({ productId: l.productId, quantity: Number(values[qtyField(l.productId)]) }));
    try {
      await requestLateGoodwill(deps, found.shop, found.order.id, found.customerId, lines.length > 0 ? lines : undefined, actorName(request));
      return reply.redirect(base(found.shop, found.order.id), 303);
    } catch (error) {
      return statementPage(request, reply, found, { whole: lines.length === 0, quantities: {} }, errorsOnLines(fieldErrors(error, request.lang), lines), 422);
    }
  });

  // Step 1 sent: the choice is checked, then shown for confirmation; nothing is recorded yet.
  app.post<IdParams>('/shops/:shop/orders/:id/withdrawal', { preValidation: app.csrfProtection }, async (request, reply) => {
    const found = await customerOrder(request, reply);
    if (!found) return reply;
    const { choice, lines, invalid } = choiceOf(found.options, flatForm(request.body));
    try {
      if (invalid.length > 0) throw new ValidationFailed(invalid.map((field) => ({ field, code: 'invalid_value' })));
      if (!found.options.applies) throw new WithdrawalRefused('not_withdrawable');
      const chosen = chooseLines(found.options, lines);
      const f = frame(request, reply, found.shop, t(request.lang, 'withdrawal.step2.title', { number: found.order.number }));
      const dueCents = chosen.reduce((s, c) => s + c.quantity * c.line.unitPriceCents, 0);
      const services = servicesOwedIf(found.shop, found.order, chosen, todayIn(app.deps.clock, found.shop)).map((s) => serviceOwedText(request.lang, s.name, s.priceCents, s.service));
      const page = <WithdrawalConfirmPage lang={request.lang} csrf={f.csrfToken ?? ''} action={`${base(found.shop, found.order.id)}/confirm`} back={base(found.shop, found.order.id)} customer={who(found)} order={head(found)} chosen={chosen} dueCents={dueCents} token={randomUUID()} services={services} />;
      return sendPage(reply, <Page frame={f}>{page}</Page>);
    } catch (error) {
      return statementPage(request, reply, found, choice, errorsOnLines(fieldErrors(error, request.lang), lines), 422);
    }
  });

  // Step 2: "Confirmer la rétractation". The form's token makes a second click find the first.
  app.post<IdParams>('/shops/:shop/orders/:id/withdrawal/confirm', { preValidation: app.csrfProtection }, async (request, reply) => {
    const found = await customerOrder(request, reply);
    if (!found) return reply;
    const values = flatForm(request.body);
    const lines = found.options.lines.filter((l) => values[qtyField(l.productId)] !== undefined).map((l) => ({ productId: l.productId, quantity: Number(values[qtyField(l.productId)]) }));
    try {
      const input = parseOrThrow(CustomerWithdrawalInput, { ...(lines.length > 0 && { lines }), ...(values.token && { token: values.token }) });
      const done = await withdraw(deps, found.shop, found.order.id, { by: 'customer', customerId: found.customerId, input, lang: request.lang }, actorName(request));
      return reply.redirect(`/shops/${found.shop.slug}/withdrawals/${done.id}`, 303);
    } catch (error) {
      const late = error instanceof WithdrawalRefused && error.code === 'withdrawal_period_over';
      return statementPage(request, reply, found, { whole: lines.length === 0, quantities: {} }, errorsOnLines(fieldErrors(error, request.lang), lines), 422, late ? (lines.length > 0 ? lines : 'all') : undefined);
    }
  });

  /** A withdrawal of the signed-in customer's own order. */
  async function ownWithdrawal(request: FastifyRequest<IdParams>, reply: FastifyReply) {
    const shop = await getShop(db, request.params.shop);
    if (request.actor.kind === 'anonymous') {
      reply.redirect(`/shops/${shop.slug}/login`, 303);
      return null;
    }
    const customerId = requireCustomer(request.actor, shop.slug);
    const w = await findWithdrawalFor(db, shop, request.params.id, { customerId });
    const order = await findOrder(db, shop.slug, w.order_id);
    if (!order) throw notFound('withdrawal');
    return { shop, w, order };
  }

  app.get<IdParams>('/shops/:shop/withdrawals/:id', async (request, reply) => {
    const found = await ownWithdrawal(request, reply);
    if (!found) return reply;
    const { shop, w, order } = found;
    const ack = acknowledgement(request.lang, shop, w, order.accepted_terms);
    const f = frame(request, reply, shop, t(request.lang, 'withdrawal.ack.title', { number: order.number }));
    const page = <WithdrawalAckPage lang={request.lang} ack={ack} receivedOn={w.received_on} email={ack.statement.customer.email} pdfUrl={`/shops/${shop.slug}/withdrawals/${w.id}/statement.pdf`} orderUrl={`/shops/${shop.slug}/orders/${order.id}`} />;
    return sendPage(reply, <Page frame={f}>{page}</Page>);
  });

  app.get<IdParams>('/shops/:shop/withdrawals/:id/statement.pdf', async (request, reply) => {
    const found = await ownWithdrawal(request, reply);
    if (!found) return reply;
    const pdf = await renderWithdrawalPdf(request.lang, found.shop, found.w, found.order.accepted_terms);
    return reply.type('application/pdf').header('cache-control', 'private, no-store').header('content-disposition', `inline; filename="${found.shop.slug}-retractation-${found.order.number}.pdf"`).send(pdf);
  });
};
