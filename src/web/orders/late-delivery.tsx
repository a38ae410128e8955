/**
 * Pages of late delivery and force majeure (issue 11 §4–§5). The customer's order page links to
 * the late-delivery page (`LateDeliveryLink`), which says until when the seller may deliver (the
 * days of force majeure added), whether it is late, and offers the formal notice and the
 * termination when the rules allow them — with the reason when they do not; after a termination it
 * shows the refund, its due day, and once late the L241-4 surcharge. Staff's pages: force majeure
 * (force-majeure-routes.tsx) and registered letters of formal notice (formal-notice-routes.tsx).
 * Forms carry the CSRF token; no JavaScript.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireCustomer } from '../../accounts/actor.ts';
import { type LateDeliveryJson, lateDeliveryJson, terminateContract, type Verdict } from '../../flows/late-delivery.ts';
import { localDate } from '../../kernel/calendar.ts';
import { type Lang, type MessageKey, t } from '../../kernel/i18n/index.ts';
import { money } from '../../kernel/i18n/money.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { LateDeliveryNoticeInput, longDay, sendLateDeliveryNotice, TerminationInput } from '../../orders/late-delivery.ts';
import { TERMINATION_GROUNDS } from '../../orders/late-delivery-rules.ts';
import { findOrderFor } from '../../orders/service.ts';
import { getShop, type Shop } from '../../shops/service.ts';
import { actorName } from '../aftersale/api.ts';
import { frameFor, sendPage } from '../context.ts';
import { messageFor } from '../errors.tsx';
import { fieldErrors, flatForm } from '../form-errors.ts';
import { ErrorSummary, Field, type FieldErrors, Form } from '../forms.tsx';
import { Page } from '../layout.tsx';
import { readableDates, withLongDays } from './readable-dates.ts';

type IdParams = { Params: { shop: string; id: string } };

const causeLabel = (lang: Lang, cause: string) => t(lang, `forceMajeure.cause.${cause}` as MessageKey);
/** Late, with a notice still needed or running: the customer whose date was essential may terminate at once (L216-6 II). */
const essentialOpen = (s: LateDeliveryJson) => s.late && !s.canTerminate.allowed && ['late_delivery_notice_required', 'notice_period_running'].includes(s.canTerminate.code ?? '');
const why = (lang: Lang, v: Verdict) => (v.allowed ? '' : t(lang, 'lateDelivery.unavailable', { reason: messageFor(lang, v.code, withLongDays(lang, v.params)) }));

/** The box that confirms a termination, its text beside it; the error above it, named by the box. */
function Confirm({ error, label }: { error: string | undefined; label: string }) {
  return (
    <div class={error ? 'field has-error' : 'field'}>
      {error && <p class="error" id="f-confirm-error">{error}</p>}
      <label for="f-confirm">
        <input id="f-confirm" name="confirm" type="checkbox" value="yes" required aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'f-confirm-error' : undefined} /> {label}
      </label>
    </div>
  );
}

function Situation({ lang, s }: { lang: Lang; s: LateDeliveryJson }) {
  return (
    <dl class="facts">
      <dt>{t(lang, 'lateDelivery.promise')}</dt>
      <dd>
        {longDay(lang, s.deliveryLatestOn)} ({t(lang, s.promiseSource === 'agreed' ? 'lateDelivery.promise.agreed' : 'lateDelivery.promise.default')}
        {s.suspendedDays > 0 && <>, {t(lang, 'lateDelivery.suspended', { days: s.suspendedDays })}</>})
      </dd>
      <dt>{t(lang, 'lateDelivery.state')}</dt>
      <dd>{t(lang, s.termination ? 'lateDelivery.state.terminated' : s.late ? 'lateDelivery.state.late' : 'lateDelivery.state.on_time')}</dd>
      {s.notice && <><dt>{t(lang, 'lateDelivery.notice.term')}</dt><dd>{t(lang, 'lateDelivery.notice.sent', { sentOn: longDay(lang, s.notice.sentOn), deliverBy: longDay(lang, s.notice.deliverBy) })}</dd></>}
    </dl>
  );
}

function Refund({ lang, s }: { lang: Lang; s: LateDeliveryJson }) {
  const r = s.termination;
  if (!r) return null;
  return (
    <section aria-labelledby="ld-refund">
      <p role="status">{t(lang, 'lateDelivery.terminated', { on: longDay(lang, r.terminatedOn), ground: t(lang, `lateDelivery.ground.${r.ground}`) })}</p>
      <h2 id="ld-refund">{t(lang, 'lateDelivery.refund.title')}</h2>
      <dl class="facts">
        <dt>{t(lang, 'lateDelivery.refund.amount')}</dt><dd>{money(lang, r.amountCents)}</dd>
        <dt>{t(lang, 'lateDelivery.refund.dueOn')}</dt><dd>{longDay(lang, r.refundDueOn)}</dd>
        <dt>{t(lang, 'lateDelivery.refund.refundedOn')}</dt><dd>{r.refundedOn ? longDay(lang, r.refundedOn) : t(lang, 'lateDelivery.refund.pending')}</dd>
        {r.surchargeCents > 0 && (
          <>
            <dt>{t(lang, 'lateDelivery.refund.total')}</dt>
            <dd>
              <strong>{money(lang, r.totalDueCents)}</strong> —{' '}
              {r.rateLabel === 'legal_interest'
                ? t(lang, 'lateDelivery.refund.late_interest', { days: r.daysLate, surcharge: money(lang, r.surchargeCents) })
                : t(lang, 'lateDelivery.refund.late', { days: r.daysLate, rate: r.rateLabel.replace('%', ' %'), surcharge: money(lang, r.surchargeCents) })}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function ForceMajeureList({ lang, s }: { lang: Lang; s: LateDeliveryJson }) {
  if (s.forceMajeure.length === 0) return null;
  return (
    <section aria-labelledby="ld-fm">
      <h2 id="ld-fm">{t(lang, 'lateDelivery.fm.title')}</h2>
      <ul>
        {s.forceMajeure.map((p) => (
          <li>{p.endsOn ? t(lang, 'lateDelivery.fm.period', { cause: causeLabel(lang, p.cause), startsOn: longDay(lang, p.startsOn), endsOn: longDay(lang, p.endsOn) }) : t(lang, 'lateDelivery.fm.period_open', { cause: causeLabel(lang, p.cause), startsOn: longDay(lang, p.startsOn) })}</li>
        ))}
      </ul>
      {s.forceMajeureTerminationFrom && <p>{t(lang, 'lateDelivery.fm.from', { from: longDay(lang, s.forceMajeureTerminationFrom) })}</p>}
    </section>
  );
}

export const lateDeliveryPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock };
  const frame = (request: FastifyRequest, reply: FastifyReply, shop: Shop, title: string) => frameFor(request, reply, title, { slug: shop.slug, name: shop.name });
  const todayOf = (shop: Shop) => localDate(deps.clock.now(), shop.timeZone);

  async function customer(request: FastifyRequest<IdParams>, reply: FastifyReply) {
    const shop = await getShop(db, request.params.shop);
    if (request.actor.kind === 'anonymous') {
      reply.redirect(`/shops/${shop.slug}/login`, 303);
      return null;
    }
    requireCustomer(request.actor, shop.slug);
    return { shop, order: await findOrderFor(db, request.actor, shop.slug, request.params.id) };
  }

  /** `sent`: the notice just sent, acknowledged with the day it gives the seller. */
  async function page(request: FastifyRequest<IdParams>, reply: FastifyReply, values: Record<string, string>, errors: FieldErrors, status = 200, sent = false) {
    const who = await customer(request, reply);
    if (!who) return reply;
    const { shop, order } = who;
    const lang = request.lang;
    const s = await lateDeliveryJson(db, shop, order, todayOf(shop));
    const f = frame(request, reply, shop, t(lang, 'lateDelivery.title', { number: order.number }));
    const csrf = f.csrfToken ?? '';
    const base = `/shops/${shop.slug}/orders/${order.id}`;
    const body = (
      <>
        <h1>{t(lang, 'lateDelivery.title', { number: order.number })}</h1>
        {sent && s.notice && <p class="notice" role="status">{t(lang, 'lateDelivery.notice.done', { deliverBy: longDay(lang, s.notice.deliverBy) })}</p>}
        <ErrorSummary lang={lang} errors={errors} />
        <Situation lang={lang} s={s} />
        {s.directTerminationFrom && !s.termination && <p>{t(lang, 'lateDelivery.direct', { from: longDay(lang, s.directTerminationFrom) })}</p>}
        <ForceMajeureList lang={lang} s={s} />
        <Refund lang={lang} s={s} />
        {!s.termination && (
          <>
            {/* Once a notice is sent, the facts above say so: no second section repeating why another cannot be. */}
            {(s.canSendNotice.allowed || !s.notice) && <section aria-labelledby="ld-notice">
              <h2 id="ld-notice">{t(lang, 'lateDelivery.notice.title')}</h2>
              {s.canSendNotice.allowed ? (
                <Form action={`${base}/late-delivery-notice`} csrfToken={csrf} label={t(lang, 'lateDelivery.notice.title')}>
                  <p>{t(lang, 'lateDelivery.notice.intro')}</p>
                  <Field name="deliverBy" type="date" label={t(lang, 'lateDelivery.notice.deliverBy')} hint={t(lang, 'lateDelivery.notice.deliverByHint')} value={values.deliverBy} errors={errors} />
                  <Field name="note" label={t(lang, 'lateDelivery.note')} value={values.note} errors={errors} />
                  <button type="submit">{t(lang, 'lateDelivery.notice.submit')}</button>
                </Form>
              ) : (
                <p>{why(lang, s.canSendNotice)}</p>
              )}
            </section>}
            <section aria-labelledby="ld-terminate">
              <h2 id="ld-terminate">{t(lang, 'lateDelivery.terminate.title')}</h2>
              {s.canTerminate.allowed ? (
                <Form action={`${base}/termination`} csrfToken={csrf} label={t(lang, 'lateDelivery.terminate.title')}>
                  <p>{t(lang, 'lateDelivery.terminate.intro')}</p>
                  <p>{t(lang, 'lateDelivery.terminate.ground')}{lang === 'fr' ? ' : ' : ': '}{t(lang, `lateDelivery.ground.${s.canTerminate.ground ?? 'notice_period_over'}`)}</p>
                  <input type="hidden" name="ground" value={s.canTerminate.ground} />
                  <Confirm error={errors.confirm} label={t(lang, 'lateDelivery.terminate.confirm')} />
                  <button type="submit">{t(lang, 'lateDelivery.terminate.submit')}</button>
                </Form>
              ) : (
                <p>{why(lang, s.canTerminate)}</p>
              )}
              {essentialOpen(s) && (
                <Form action={`${base}/termination`} csrfToken={csrf} label={t(lang, 'lateDelivery.essential.form')}>
                  <p>{t(lang, 'lateDelivery.essential.intro')}</p>
                  <input type="hidden" name="ground" value="essential_date" />
                  <Confirm error={errors.confirm} label={t(lang, 'lateDelivery.essential.confirm')} />
                  <button type="submit">{t(lang, 'lateDelivery.essential.submit')}</button>
                </Form>
              )}
            </section>
          </>
        )}
        <p><a href={base}>{t(lang, 'lateDelivery.back')}</a></p>
      </>
    );
    return sendPage(reply, <Page frame={f}>{body}</Page>, status);
  }

  app.get<IdParams & { Querystring: { sent?: string } }>('/shops/:shop/orders/:id/late-delivery', async (request, reply) => page(request, reply, {}, {}, 200, request.query.sent === '1'));

  app.post<IdParams>('/shops/:shop/orders/:id/late-delivery-notice', { preValidation: app.csrfProtection }, async (request, reply) => {
    const who = await customer(request, reply);
    if (!who) return reply;
    const values = flatForm(request.body);
    try {
      const input = parseOrThrow(LateDeliveryNoticeInput, { ...(values.deliverBy?.trim() && { deliverBy: values.deliverBy.trim() }), ...(values.note?.trim() && { note: values.note }) });
      await sendLateDeliveryNotice(deps, who.shop, who.order.id, who.order.customer_id, input, actorName(request));
      // Back to the page (303): reloading it shows the notice, it does not send it again.
      return reply.redirect(`/shops/${who.shop.slug}/orders/${who.order.id}/late-delivery?sent=1`, 303);
    } catch (error) {
      return page(request, reply, values, fieldErrors(readableDates(error, request.lang), request.lang), 422);
    }
  });

  app.post<IdParams>('/shops/:shop/orders/:id/termination', { preValidation: app.csrfProtection }, async (request, reply) => {
    const who = await customer(request, reply);
    if (!who) return reply;
    const values = flatForm(request.body);
    if (values.confirm !== 'yes') return page(request, reply, values, { confirm: t(request.lang, 'lateDelivery.terminate.confirmRequired') }, 422);
    try {
      const ground = TERMINATION_GROUNDS.find((g) => g === values.ground);
      const input = parseOrThrow(TerminationInput, { ...(ground && { ground }) });
      await terminateContract(deps, who.shop, who.order.id, who.order.customer_id, input, actorName(request));
      return reply.redirect(`/shops/${who.shop.slug}/orders/${who.order.id}/late-delivery`, 303);
    } catch (error) {
      return page(request, reply, values, fieldErrors(readableDates(error, request.lang), request.lang), 422);
    }
  });

};
