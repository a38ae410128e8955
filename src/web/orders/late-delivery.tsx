/**
 * Pages of late delivery and force majeure (issue 11 §4–§5). The customer's order page links to
 * the late-delivery page (`LateDeliveryLink`), which says until when the seller may deliver (the
 * days of force majeure added), whether it is late, and offers the formal notice and the
 * termination when the rules allow them — with the reason when they do not; after a termination it
 * shows the refund, its due day, and once late the L241-4 surcharge. Staff declare and end periods
 * of force majeure on their own page, and their registered letters of formal notice (non-payment,
 * goods not collected; issue 11 §6) on the order's formal-notice page, which prints each letter.
 * Forms carry the CSRF token; no JavaScript.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import { requireCustomer } from '../../accounts/actor.ts';
import { type LateDeliveryJson, lateDeliveryJson, terminateContract, type Verdict } from '../../flows/late-delivery.ts';
import { localDate } from '../../kernel/calendar.ts';
import { type Lang, type MessageKey, t } from '../../kernel/i18n/index.ts';
import { money } from '../../kernel/i18n/money.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { terminateOnFormalNotice } from '../../flows/formal-notice.ts';
import { addressLine } from '../../aftersale/format.ts';
import { parseEuros } from '../../kernel/money.ts';
import { FORMAL_NOTICE_KINDS } from '../../orders/formal-notice-rules.ts';
import { type FormalNotice, FormalNoticeDatesInput, FormalNoticeInput, FormalNoticeTerminationInput, formalNoticesOfOrder, recordFormalNotice, recordFormalNoticeDates } from '../../orders/formal-notices.ts';
import { declareForceMajeure, endForceMajeure, FORCE_MAJEURE_CAUSES, ForceMajeureEndInput, ForceMajeureInput, listForceMajeure } from '../../orders/force-majeure.ts';
import { LateDeliveryNoticeInput, longDay, sendLateDeliveryNotice, TerminationInput } from '../../orders/late-delivery.ts';
import { TERMINATION_GROUNDS } from '../../orders/late-delivery-rules.ts';
import { findOrderFor } from '../../orders/service.ts';
import { getShop, type Shop } from '../../shops/service.ts';
import { staffShop } from '../../shops/staff-access.ts';
import { actorName } from '../aftersale/api.ts';
import { frameFor, sendPage } from '../context.ts';
import { messageFor } from '../errors.tsx';
import { fieldErrors, flatForm } from '../form-errors.ts';
import { ErrorSummary, Field, type FieldErrors, Form } from '../forms.tsx';
import { Page } from '../layout.tsx';

type IdParams = { Params: { shop: string; id: string } };
type ShopParams = { Params: { shop: string } };

const causeLabel = (lang: Lang, cause: string) => t(lang, `forceMajeure.cause.${cause}` as MessageKey);
const why = (lang: Lang, v: Verdict) => (v.allowed ? '' : t(lang, 'lateDelivery.unavailable', { reason: messageFor(lang, v.code, v.params) }));

function Situation({ lang, s }: { lang: Lang; s: LateDeliveryJson }) {
  return (
    <dl class="facts">
      <dt>{t(lang, 'lateDelivery.promise')}</dt>
      <dd>
        {longDay(lang, s.deliveryLatestOn)} ({t(lang, s.promiseSource === 'agreed' ? 'lateDelivery.promise.agreed' : 'lateDelivery.promise.default')}
        {s.suspendedDays > 0 && <>, {t(lang, 'lateDelivery.suspended', { days: s.suspendedDays })}</>})
      </dd>
      <dt>{t(lang, 'lateDelivery.state')}</dt>
      <dd>{t(lang, s.late ? 'lateDelivery.state.late' : 'lateDelivery.state.on_time')}</dd>
      {s.notice && <><dt>{t(lang, 'lateDelivery.notice.title')}</dt><dd>{t(lang, 'lateDelivery.notice.sent', { sentOn: longDay(lang, s.notice.sentOn), deliverBy: longDay(lang, s.notice.deliverBy) })}</dd></>}
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

  async function page(request: FastifyRequest<IdParams>, reply: FastifyReply, values: Record<string, string>, errors: FieldErrors, status = 200, notice?: string) {
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
        {notice && <p class="notice" role="status">{notice}</p>}
        <ErrorSummary lang={lang} errors={errors} />
        <Situation lang={lang} s={s} />
        {s.directTerminationFrom && !s.termination && <p>{t(lang, 'lateDelivery.direct', { from: longDay(lang, s.directTerminationFrom) })}</p>}
        <ForceMajeureList lang={lang} s={s} />
        <Refund lang={lang} s={s} />
        {!s.termination && (
          <>
            <section aria-labelledby="ld-notice">
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
            </section>
            <section aria-labelledby="ld-terminate">
              <h2 id="ld-terminate">{t(lang, 'lateDelivery.terminate.title')}</h2>
              {s.canTerminate.allowed ? (
                <Form action={`${base}/termination`} csrfToken={csrf} label={t(lang, 'lateDelivery.terminate.title')}>
                  <p>{t(lang, 'lateDelivery.terminate.intro')}</p>
                  <p>{t(lang, 'lateDelivery.terminate.ground')} : {t(lang, `lateDelivery.ground.${s.canTerminate.ground ?? 'notice_period_over'}`)}</p>
                  <input type="hidden" name="ground" value={s.canTerminate.ground} />
                  <div class={errors.confirm ? 'field has-error' : 'field'}>
                    {errors.confirm && <p class="error" id="f-confirm-error">{errors.confirm}</p>}
                    <input id="f-confirm" name="confirm" type="checkbox" value="yes" required aria-describedby={errors.confirm ? 'f-confirm-error' : undefined} />
                    <label for="f-confirm">{t(lang, 'lateDelivery.terminate.confirm')}</label>
                  </div>
                  <button type="submit">{t(lang, 'lateDelivery.terminate.submit')}</button>
                </Form>
              ) : (
                <p>{why(lang, s.canTerminate)}</p>
              )}
            </section>
          </>
        )}
        <p><a href={base}>{t(lang, 'lateDelivery.back')}</a></p>
      </>
    );
    return sendPage(reply, <Page frame={f}>{body}</Page>, status);
  }

  app.get<IdParams & { Querystring: { sent?: string } }>('/shops/:shop/orders/:id/late-delivery', async (request, reply) => page(request, reply, {}, {}));

  app.post<IdParams>('/shops/:shop/orders/:id/late-delivery-notice', { preValidation: app.csrfProtection }, async (request, reply) => {
    const who = await customer(request, reply);
    if (!who) return reply;
    const values = flatForm(request.body);
    try {
      const input = parseOrThrow(LateDeliveryNoticeInput, { ...(values.deliverBy?.trim() && { deliverBy: values.deliverBy.trim() }), ...(values.note?.trim() && { note: values.note }) });
      const sent = await sendLateDeliveryNotice(deps, who.shop, who.order.id, who.order.customer_id, input, actorName(request));
      return page(request, reply, {}, {}, 200, t(request.lang, 'lateDelivery.notice.done', { deliverBy: longDay(request.lang, sent.deliverBy) }));
    } catch (error) {
      return page(request, reply, values, fieldErrors(error, request.lang), 422);
    }
  });

  app.post<IdParams>('/shops/:shop/orders/:id/termination', { preValidation: app.csrfProtection }, async (request, reply) => {
    const who = await customer(request, reply);
    if (!who) return reply;
    const values = flatForm(request.body);
    if (values.confirm !== 'yes') return page(request, reply, values, { confirm: messageFor(request.lang, 'required') }, 422);
    try {
      const ground = TERMINATION_GROUNDS.find((g) => g === values.ground);
      const input = parseOrThrow(TerminationInput, { ...(ground && { ground }) });
      await terminateContract(deps, who.shop, who.order.id, who.order.customer_id, input, actorName(request));
      return reply.redirect(`/shops/${who.shop.slug}/orders/${who.order.id}/late-delivery`, 303);
    } catch (error) {
      return page(request, reply, values, fieldErrors(error, request.lang), 422);
    }
  });

  // Staff: declare and end periods of force majeure.
  async function staffPage(request: FastifyRequest<ShopParams>, reply: FastifyReply, shop: Shop, values: Record<string, string>, errors: FieldErrors, status = 200, notice?: string) {
    const lang = request.lang;
    const periods = await listForceMajeure(db, shop);
    const f = frame(request, reply, shop, t(lang, 'forceMajeure.staff.title'));
    const csrf = f.csrfToken ?? '';
    const body = (
      <>
        <h1>{t(lang, 'forceMajeure.staff.title')}</h1>
        {notice && <p class="notice" role="status">{notice}</p>}
        <ErrorSummary lang={lang} errors={errors} />
        <p>{t(lang, 'forceMajeure.staff.intro')}</p>
        {periods.length === 0 ? (
          <p>{t(lang, 'forceMajeure.staff.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'forceMajeure.staff.cause')}</th>
                <th scope="col">{t(lang, 'forceMajeure.staff.scope')}</th>
                <th scope="col">{t(lang, 'forceMajeure.staff.startsOn')}</th>
                <th scope="col">{t(lang, 'forceMajeure.staff.endOn')}</th>
                <th scope="col">{t(lang, 'forceMajeure.staff.terminationFrom')}</th>
              </tr>
            </thead>
            <tbody>
              {periods.map((p) => (
                <tr>
                  <td>{causeLabel(lang, p.cause)}</td>
                  <td>{p.orderId ? <a href={`/shops/${shop.slug}/staff/orders/${p.orderId}`}>{t(lang, 'forceMajeure.staff.scope.order')}</a> : t(lang, 'forceMajeure.staff.scope.shop')}</td>
                  <td>{p.startsOn}</td>
                  <td>
                    {p.endsOn ?? (
                      <Form action={`/shops/${shop.slug}/staff/force-majeure/${p.id}/end`} csrfToken={csrf} label={`${t(lang, 'forceMajeure.staff.end')} ${p.startsOn}`}>
                        <label for={`f-end-${p.id}`}>{t(lang, 'forceMajeure.staff.endOn')}</label>
                        <input id={`f-end-${p.id}`} name="endsOn" type="date" required />
                        <button type="submit">{t(lang, 'forceMajeure.staff.end')}</button>
                      </Form>
                    )}
                  </td>
                  <td>{p.terminationFrom ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>{t(lang, 'forceMajeure.staff.declare')}</h2>
        <Form action={`/shops/${shop.slug}/staff/force-majeure`} csrfToken={csrf} label={t(lang, 'forceMajeure.staff.declare')}>
          <div class={errors.cause ? 'field has-error' : 'field'}>
            <label for="f-cause">{t(lang, 'forceMajeure.staff.cause')}</label>
            {errors.cause && <p class="error" id="f-cause-error">{errors.cause}</p>}
            <select id="f-cause" name="cause" aria-describedby={errors.cause ? 'f-cause-error' : undefined}>
              {FORCE_MAJEURE_CAUSES.map((c) => <option value={c} selected={values.cause === c}>{causeLabel(lang, c)}</option>)}
            </select>
          </div>
          <Field name="startsOn" type="date" label={t(lang, 'forceMajeure.staff.startsOn')} value={values.startsOn} required errors={errors} />
          <Field name="endsOn" type="date" label={t(lang, 'forceMajeure.staff.endsOn')} value={values.endsOn} errors={errors} />
          <Field name="orderId" label={t(lang, 'forceMajeure.staff.orderId')} value={values.orderId} errors={errors} />
          <Field name="note" label={t(lang, 'lateDelivery.note')} value={values.note} errors={errors} />
          <button type="submit">{t(lang, 'forceMajeure.staff.declare')}</button>
        </Form>
      </>
    );
    return sendPage(reply, <Page frame={f}>{body}</Page>, status);
  }

  const formInput = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));

  app.get<ShopParams>('/shops/:shop/staff/force-majeure', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    return shop ? staffPage(request, reply, shop, {}, {}) : reply;
  });

  app.post<ShopParams>('/shops/:shop/staff/force-majeure', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const values = flatForm(request.body);
    try {
      const declared = await declareForceMajeure(deps, shop, parseOrThrow(ForceMajeureInput, formInput(values)), actorName(request));
      return staffPage(request, reply, shop, {}, {}, 200, t(request.lang, 'forceMajeure.staff.notified', { n: declared.ordersNotified }));
    } catch (error) {
      return staffPage(request, reply, shop, values, fieldErrors(error, request.lang), 422);
    }
  });

  app.post<IdParams>('/shops/:shop/staff/force-majeure/:id/end', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const values = flatForm(request.body);
    try {
      const ended = await endForceMajeure(deps, shop, request.params.id, parseOrThrow(ForceMajeureEndInput, formInput(values)).endsOn, actorName(request));
      return staffPage(request, reply, shop, {}, {}, 200, t(request.lang, 'forceMajeure.staff.notified', { n: ended.ordersNotified }));
    } catch (error) {
      return staffPage(request, reply, shop, {}, fieldErrors(error, request.lang), 422);
    }
  });

  // Staff: registered letters of formal notice on an order (issue 11 §6), each printable as sent.
  async function noticesPage(request: FastifyRequest<IdParams>, reply: FastifyReply, shop: Shop, values: Record<string, string>, errors: FieldErrors, status = 200) {
    const lang = request.lang;
    const order = await findOrderFor(db, request.actor, shop.slug, request.params.id);
    const customer = await db.selectFrom('customers').select(['first_name', 'last_name', 'company_name', 'address']).where('shop_id', '=', shop.slug).where('id', '=', order.customer_id).executeTakeFirstOrThrow();
    const notices = await formalNoticesOfOrder(db, shop, order.id);
    const f = frame(request, reply, shop, t(lang, 'formalNotice.staff.title', { number: order.number }));
    const csrf = f.csrfToken ?? '';
    const base = `/shops/${shop.slug}/staff/orders/${order.id}`;
    const placedOn = longDay(lang, localDate(Temporal.Instant.fromEpochMilliseconds(order.placed_at.getTime()), shop.timeZone).toString());
    const sender = [shop.profile.identity?.legalName ?? shop.name, addressLine(shop.profile.identity?.registeredOffice ? { line2: undefined, ...shop.profile.identity.registeredOffice } : null)].filter(Boolean).join(', ');
    const Letter = ({ n }: { n: FormalNotice }) => (
      <article class="letter" aria-label={`${t(lang, 'formalNotice.letter.title')} ${n.sentOn}`}>
        <p>{sender}</p>
        <p>{[customer.first_name, customer.last_name].join(' ')}{customer.company_name && ` (${customer.company_name})`}<br />{addressLine(customer.address as never)}</p>
        <p>{longDay(lang, n.sentOn)}{n.trackingNumber && ` — ${n.trackingNumber}`}</p>
        <h3>{t(lang, 'formalNotice.letter.title')}</h3>
        {t(lang, `formalNotice.letter.${n.kind}`, { amount: money(lang, n.amountCents ?? order.gross_cents - order.paid_cents), number: order.number, placedOn, days: n.days, start: t(lang, `formalNotice.start.${n.from}`), clause: n.clause.replace('art.', 'article '), deposit: n.depositKept ? t(lang, 'formalNotice.letter.deposit_kept') : '' }).split('\n\n').map((para) => <p>{para}</p>)}
      </article>
    );
    const body = (
      <>
        <h1>{t(lang, 'formalNotice.staff.title', { number: order.number })}</h1>
        <ErrorSummary lang={lang} errors={errors} />
        {notices.length === 0 && <p>{t(lang, 'formalNotice.staff.none')}</p>}
        {notices.map((n) => (
          <section aria-label={`${t(lang, `formalNotice.kind.${n.kind}`)} ${n.sentOn}`}>
            <h2>{t(lang, `formalNotice.kind.${n.kind}`)} — {n.sentOn}</h2>
            <p>
              {n.cured ? t(lang, 'formalNotice.staff.cured') : n.periodEndsOn && n.effectiveFrom ? t(lang, 'formalNotice.staff.effective', { periodEndsOn: longDay(lang, n.periodEndsOn), effectiveFrom: longDay(lang, n.effectiveFrom) }) : t(lang, 'formalNotice.staff.waiting')}
            </p>
            <Letter n={n} />
            <Form action={`${base}/formal-notices/dates`} csrfToken={csrf} label={`${t(lang, 'formalNotice.staff.dates')} ${n.sentOn}`}>
              <input type="hidden" name="noticeId" value={n.id} />
              <div class="field"><label for={`f-presented-${n.id}`}>{t(lang, 'formalNotice.staff.presentedOn')}</label><input id={`f-presented-${n.id}`} name="presentedOn" type="date" value={n.presentedOn ?? undefined} /></div>
              <div class="field"><label for={`f-received-${n.id}`}>{t(lang, 'formalNotice.staff.receivedOn')}</label><input id={`f-received-${n.id}`} name="receivedOn" type="date" value={n.receivedOn ?? undefined} /></div>
              <button type="submit">{t(lang, 'formalNotice.staff.save')}</button>
            </Form>
            {!n.cured && order.status !== 'cancelled' && (
              <Form action={`${base}/formal-notice-termination`} csrfToken={csrf} label={`${t(lang, 'formalNotice.staff.terminate')} ${n.sentOn}`}>
                <input type="hidden" name="noticeId" value={n.id} />
                <button type="submit">{t(lang, 'formalNotice.staff.terminate')}</button>
              </Form>
            )}
          </section>
        ))}
        <h2>{t(lang, 'formalNotice.staff.record')}</h2>
        <Form action={`${base}/formal-notices`} csrfToken={csrf} label={t(lang, 'formalNotice.staff.record')}>
          <div class={errors.kind ? 'field has-error' : 'field'}>
            <label for="f-kind">{t(lang, 'formalNotice.staff.kind')}</label>
            {errors.kind && <p class="error" id="f-kind-error">{errors.kind}</p>}
            <select id="f-kind" name="kind" aria-describedby={errors.kind ? 'f-kind-error' : undefined}>
              {FORMAL_NOTICE_KINDS.map((k) => <option value={k} selected={values.kind === k}>{t(lang, `formalNotice.kind.${k}`)}</option>)}
            </select>
          </div>
          <Field name="sentOn" type="date" label={t(lang, 'formalNotice.staff.sentOn')} value={values.sentOn} required errors={errors} />
          <Field name="presentedOn" type="date" label={t(lang, 'formalNotice.staff.presentedOn')} value={values.presentedOn} errors={errors} />
          <Field name="receivedOn" type="date" label={t(lang, 'formalNotice.staff.receivedOn')} value={values.receivedOn} errors={errors} />
          <Field name="trackingNumber" label={t(lang, 'formalNotice.staff.tracking')} value={values.trackingNumber} errors={errors} />
          <Field name="amount" label={t(lang, 'formalNotice.staff.amount')} value={values.amount} errors={errors} />
          <button type="submit">{t(lang, 'formalNotice.staff.save')}</button>
        </Form>
        <p><a href={base}>{t(lang, 'lateDelivery.back')}</a></p>
      </>
    );
    return sendPage(reply, <Page frame={f}>{body}</Page>, status);
  }

  const staffNotices = async (request: FastifyRequest<IdParams>, reply: FastifyReply, write: (shop: Shop, values: Record<string, string>) => Promise<unknown>) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const values = flatForm(request.body);
    try {
      await write(shop, values);
      return reply.redirect(`/shops/${shop.slug}/staff/orders/${request.params.id}/formal-notices`, 303);
    } catch (error) {
      return noticesPage(request, reply, shop, values, fieldErrors(error, request.lang), 422);
    }
  };

  app.get<IdParams>('/shops/:shop/staff/orders/:id/formal-notices', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    return shop ? noticesPage(request, reply, shop, {}, {}) : reply;
  });

  app.post<IdParams>('/shops/:shop/staff/orders/:id/formal-notices', { preValidation: app.csrfProtection }, async (request, reply) =>
    staffNotices(request, reply, (shop, values) => {
      const { amount, ...rest } = formInput(values);
      const input = parseOrThrow(FormalNoticeInput, { ...rest, ...(amount && { amountCents: parseEuros(amount) ?? Number.NaN }) });
      return recordFormalNotice(deps, shop, request.params.id, input, actorName(request));
    }),
  );

  app.post<IdParams>('/shops/:shop/staff/orders/:id/formal-notices/dates', { preValidation: app.csrfProtection }, async (request, reply) =>
    staffNotices(request, reply, (shop, values) => recordFormalNoticeDates(deps, shop, request.params.id, parseOrThrow(FormalNoticeDatesInput, formInput(values)), actorName(request))),
  );

  app.post<IdParams>('/shops/:shop/staff/orders/:id/formal-notice-termination', { preValidation: app.csrfProtection }, async (request, reply) =>
    staffNotices(request, reply, (shop, values) => terminateOnFormalNotice(deps, shop, request.params.id, parseOrThrow(FormalNoticeTerminationInput, formInput(values)), actorName(request))),
  );
};
