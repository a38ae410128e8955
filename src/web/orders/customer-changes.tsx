/**
 * Customer changes on the pages (issue 11 §3): the order page's section that says, at any moment,
 * what the customer may still cancel or change, until when and at what cost — or why not any
 * more — with the forms to cancel (a confirmation step showing the cost) and to ask for a change;
 * the back-office section where staff accept or decline a request. Rendered into the customer's
 * order page (src/web/checkout/routes.tsx) and the staff order page (src/web/orders/staff-routes.tsx).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireCustomer } from '../../accounts/actor.ts';
import { longDate } from '../../aftersale/format.ts';
import { cancelAsCustomer, decideChangeRequest, planShipment, requestModification } from '../../flows/customer-changes.ts';
import { notFound } from '../../kernel/errors.ts';
import { type Lang, type MessageKey, t } from '../../kernel/i18n/index.ts';
import { money } from '../../kernel/i18n/money.ts';
import { isUuid } from '../../kernel/ids.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import type { CancellationOption, ModificationOption, Refusal } from '../../orders/customer-change-rules.ts';
import { CancellationBody, DecisionBody, ModificationBody, PlannedShipmentBody } from '../../orders/customer-change-schema.ts';
import { type ChangeRequest, type CustomerChanges, customerChangesOf } from '../../orders/customer-changes.ts';
import { getShop, type Shop } from '../../shops/service.ts';
import { staffShop } from '../../shops/staff-access.ts';
import { frameFor, sendPage } from '../context.ts';
import { fieldErrors, flatForm } from '../form-errors.ts';
import { ErrorSummary, type FieldErrors } from '../forms.tsx';
import { Page } from '../layout.tsx';

type IdParams = { Params: { shop: string; id: string } };
const actorName = (request: FastifyRequest) => (request.actor.kind === 'anonymous' ? 'anonymous' : `${request.actor.kind}:${request.actor.id}`);
const day = (lang: Lang, d: { toString(): string } | null | undefined) => (d ? longDate(lang, d.toString()) : '');

/** The section of the customer's order page; `request.query.changed` shows what was just done. */
export async function customerChangesSection(request: FastifyRequest, shop: Shop, orderId: string, csrf: string) {
  if (request.actor.kind !== 'customer') return null;
  const changes = await customerChangesOf(request.server.deps.database.db, shop, orderId, request.server.deps.clock.now());
  if (!changes) return null;
  const changed = (request.query as { changed?: string }).changed;
  return <ChangesSection lang={request.lang} shop={shop} orderId={orderId} csrf={csrf} changes={changes} changed={changed} errors={{}} values={{}} />;
}

type SectionProps = { lang: Lang; shop: Shop; orderId: string; csrf: string; changes: CustomerChanges; changed?: string | undefined; errors: FieldErrors; values: Record<string, string> };

function ChangesSection({ lang, shop, orderId, csrf, changes, changed, errors, values }: SectionProps) {
  const base = `/shops/${shop.slug}/orders/${orderId}`;
  const last = changes.requests.at(-1);
  return (
    <section aria-labelledby="customer-changes">
      <h2 id="customer-changes">{t(lang, 'changes.title')}</h2>
      {changes.cancelled?.refundDueOn && <p class="notice" role={changed === 'cancelled' ? 'status' : undefined}>{t(lang, 'changes.done.cancelled', { refund: money(lang, changes.cancelled.refundCents), date: day(lang, changes.cancelled.refundDueOn) })}</p>}
      {changed === 'requested' && <p class="notice" role="status">{t(lang, 'changes.done.requested')}</p>}
      <h3>{t(lang, 'changes.cancel.title')}</h3>
      <p>{cancellationText(lang, changes.cancellation, changes)}</p>
      {changes.cancellation.kind !== 'refused' && (
        <form method="post" action={`${base}/cancellation`} aria-label={t(lang, 'changes.cancel.title')}>
          <input type="hidden" name="_csrf" value={csrf} />
          {changes.cancellation.kind === 'request' && <input type="hidden" name="confirmed" value="yes" />}
          <div class="field">
            <label for="f-reason">{t(lang, 'changes.reason')}</label>
            <textarea id="f-reason" name="reason" rows="2">{values.reason ?? ''}</textarea>
          </div>
          <button type="submit">{t(lang, changes.cancellation.kind === 'request' ? 'changes.cancel.requestButton' : 'changes.cancel.button')}</button>
        </form>
      )}
      <h3>{t(lang, 'changes.modify.title')}</h3>
      <p>{modificationText(lang, changes.modification, changes)}</p>
      {changes.modification.kind === 'request' && (
        <form method="post" action={`${base}/modification`} novalidate aria-label={t(lang, 'changes.modify.title')}>
          <input type="hidden" name="_csrf" value={csrf} />
          <div class={errors.message ? 'field has-error' : 'field'}>
            <label for="f-message">{t(lang, 'changes.modify.message')} <span aria-hidden="true">*</span></label>
            {errors.message && <p class="error" id="f-message-error">{errors.message}</p>}
            <textarea id="f-message" name="message" rows="3" required aria-required="true" aria-invalid={errors.message ? 'true' : undefined} aria-describedby={errors.message ? 'f-message-error' : undefined}>{values.message ?? ''}</textarea>
          </div>
          <button type="submit">{t(lang, 'changes.modify.button')}</button>
        </form>
      )}
      {last && (
        <>
          <h3>{t(lang, 'changes.requests.title')}</h3>
          <ul>{changes.requests.map((r) => <RequestItem lang={lang} r={r} />)}</ul>
        </>
      )}
    </section>
  );
}

function RequestItem({ lang, r }: { lang: Lang; r: ChangeRequest }) {
  return (
    <li>
      {t(lang, 'changes.requests.item', { kind: t(lang, `changes.kind.${r.kind}` as MessageKey), date: day(lang, r.requestedOn), status: t(lang, `changes.decision.${r.status}` as MessageKey) })}
      {r.message && <> — « {r.message} »</>}
      {r.note && <> — {r.note}</>}
      {r.refundDueOn && <> {t(lang, 'changes.requests.refundDue', { date: day(lang, r.refundDueOn) })}</>}
    </li>
  );
}

function refusalText(lang: Lang, r: Refusal): string {
  if (r.code === 'modification_window_over') return t(lang, 'changes.refused.modification_window_over', { date: day(lang, r.params?.lastDay), planned: day(lang, r.params?.plannedShipOn) });
  return t(lang, `changes.refused.${r.code}` as MessageKey);
}

function cancellationText(lang: Lang, o: CancellationOption, c: CustomerChanges): string {
  if (o.kind === 'refused') return refusalText(lang, o.refusal);
  if (o.kind === 'request') return t(lang, 'changes.cancel.request', { cost: money(lang, o.ifAccepted.costCents), refund: money(lang, o.ifAccepted.refundCents) });
  if (o.basis === 'withdrawal_right') return t(lang, 'changes.cancel.withdrawal_right', { refund: money(lang, o.refundCents) });
  if (o.basis === 'not_binding_yet') return t(lang, 'changes.cancel.not_binding_yet');
  if (o.basis === 'force_majeure') return t(lang, 'changes.cancel.force_majeure', { refund: money(lang, o.refundCents) });
  if (o.basis === 'late_cancellation') {
    const owed = o.owedByCustomerCents > 0 ? t(lang, 'changes.cancel.owed', { owed: money(lang, o.owedByCustomerCents) }) : '';
    return t(lang, 'changes.cancel.late_cancellation', { date: day(lang, o.freeUntil), cost: money(lang, o.costCents), kept: money(lang, o.keptCents), refund: money(lang, o.refundCents), owed });
  }
  if (!o.freeUntil) return t(lang, 'changes.cancel.before_deadline_free');
  return t(lang, 'changes.cancel.before_deadline', { date: day(lang, o.freeUntil), planned: day(lang, c.facts.plannedShipOn), cost: money(lang, o.lateCostCents ?? 0) });
}


function modificationText(lang: Lang, o: ModificationOption, c: CustomerChanges): string {
  if (o.kind === 'refused') return refusalText(lang, o.refusal);
  if (o.basis === 'within_possibilities' && o.until) {
    return t(lang, 'changes.modify.within_possibilities', { date: day(lang, o.until), planned: day(lang, c.facts.plannedShipOn), days: o.ifRefused?.refundWithinDays ?? 0 });
  }
  return t(lang, 'changes.modify.request');
}

/** The back-office order page's section: each pending request with its accept and decline buttons. */
export async function staffChangeRequestsSection(request: FastifyRequest, shop: Shop, orderId: string, csrf: string) {
  if (!isUuid(orderId)) return null;
  const changes = await customerChangesOf(request.server.deps.database.db, shop, orderId, request.server.deps.clock.now());
  const open = changes && !['shipped', 'delivered', 'completed', 'cancelled', 'refused'].includes(changes.facts.status);
  if (!changes || (changes.requests.length === 0 && !open)) return null;
  const lang = request.lang;
  const done = (request.query as { done?: string }).done;
  const declineVoids = shop.profile.modification?.refusalRefund;
  const planned = changes.facts.plannedShipOn;
  return (
    <section aria-labelledby="change-requests">
      <h2 id="change-requests">{t(lang, 'changes.staff.title')}</h2>
      {done === 'changeDecision' && <p class="notice" role="status">{t(lang, 'changes.staff.done')}</p>}
      {done === 'plannedShipment' && <p class="notice" role="status">{t(lang, 'changes.staff.plannedDone')}</p>}
      {open && planned && (
        <form method="post" action={`/shops/${shop.slug}/staff/orders/${orderId}/planned-shipment`} aria-label={t(lang, 'changes.staff.plannedLabel')}>
          <input type="hidden" name="_csrf" value={csrf} />
          <p>{t(lang, 'changes.staff.planned', { date: day(lang, planned), by: t(lang, `changes.staff.plannedBy.${changes.facts.plannedBy}` as MessageKey) })}</p>
          <div class="field">
            <label for="f-on">{t(lang, 'changes.staff.plannedLabel')}</label>
            <input id="f-on" name="on" type="date" value={planned.toString()} required />
          </div>
          <button type="submit">{t(lang, 'changes.staff.plannedSave')}</button>
        </form>
      )}
      {changes.requests.length > 0 && <ul>{changes.requests.map((r) => <RequestItem lang={lang} r={r} />)}</ul>}
      {changes.requests.filter((r) => r.status === 'pending').map((r) => (
        <form method="post" action={`/shops/${shop.slug}/staff/orders/${orderId}/change-requests/${r.id}/decision`} aria-label={`${t(lang, `changes.kind.${r.kind}` as MessageKey)} — ${day(lang, r.requestedOn)}`}>
          <input type="hidden" name="_csrf" value={csrf} />
          {r.kind === 'modification' && declineVoids && <p>{t(lang, 'changes.staff.declineVoids', { days: declineVoids.within.replace(/\D/g, '') })}</p>}
          <div class="field">
            <label for={`f-note-${r.id}`}>{t(lang, 'changes.staff.note')}</label>
            <textarea id={`f-note-${r.id}`} name="note" rows="2" />
          </div>
          <button type="submit" name="decision" value="accepted">{t(lang, 'changes.staff.accept')}</button>{' '}
          <button type="submit" name="decision" value="declined">{t(lang, 'changes.staff.decline')}</button>
        </form>
      ))}
    </section>
  );
}

export const customerChangesPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock, stripe: app.deps.stripe };

  /** The signed-in customer's own order, or a redirect to sign in. */
  async function own(request: FastifyRequest<IdParams>, reply: FastifyReply) {
    const shop = await getShop(db, request.params.shop);
    if (request.actor.kind === 'anonymous') {
      await reply.redirect(`/shops/${shop.slug}/login`, 303);
      return null;
    }
    const customerId = requireCustomer(request.actor, shop.slug);
    if (!isUuid(request.params.id)) throw notFound('order');
    const order = await db.selectFrom('orders').select(['id', 'number', 'customer_id']).where('shop_id', '=', shop.slug).where('id', '=', request.params.id).executeTakeFirst();
    if (!order || order.customer_id !== customerId) throw notFound('order');
    return { shop, customerId, order };
  }
  type Own = NonNullable<Awaited<ReturnType<typeof own>>>;

  /** A refused or incomplete form: the reason on top, then what is possible now. */
  async function refusedPage(request: FastifyRequest, reply: FastifyReply, o: Own, errors: FieldErrors, values: Record<string, string>) {
    const changes = await customerChangesOf(db, o.shop, o.order.id, deps.clock.now());
    const f = frameFor(request, reply, t(request.lang, 'changes.title'), { slug: o.shop.slug, name: o.shop.name });
    const page = (
      <>
        <h1>{t(request.lang, 'changes.title')} — {o.order.number}</h1>
        <ErrorSummary lang={request.lang} errors={errors} />
        {changes && <ChangesSection lang={request.lang} shop={o.shop} orderId={o.order.id} csrf={f.csrfToken ?? ''} changes={changes} errors={errors} values={values} />}
        <p><a href={`/shops/${o.shop.slug}/orders/${o.order.id}`}>{t(request.lang, 'changes.cancel.back')}</a></p>
      </>
    );
    return sendPage(reply, <Page frame={f}>{page}</Page>, 422);
  }

  app.post<IdParams>('/shops/:shop/orders/:id/cancellation', { preValidation: app.csrfProtection }, async (request, reply) => {
    const o = await own(request, reply);
    if (!o) return reply;
    const values = flatForm(request.body);
    try {
      const input = parseOrThrow(CancellationBody, { ...(values.reason && { reason: values.reason }), ...(values.acceptedCostCents && { acceptedCostCents: Number(values.acceptedCostCents) }) });
      if (values.confirmed !== 'yes') return await confirmPage(request, reply, o, input.reason ?? '');
      const result = await cancelAsCustomer(deps, o.shop, o.order.id, o.customerId, input, actorName(request));
      return reply.redirect(`/shops/${o.shop.slug}/orders/${o.order.id}?changed=${result.outcome}`, 303);
    } catch (error) {
      return refusedPage(request, reply, o, fieldErrors(error, request.lang), values);
    }
  });

  /** Step 2: the cost and the refund, and a separate button that cancels for good. */
  async function confirmPage(request: FastifyRequest, reply: FastifyReply, o: Own, reason: string) {
    const changes = await customerChangesOf(db, o.shop, o.order.id, deps.clock.now());
    const option = changes?.cancellation;
    if (option?.kind !== 'now') return refusedPage(request, reply, o, { _form: option?.kind === 'refused' ? refusalText(request.lang, option.refusal) : t(request.lang, 'error.invalid_request') }, {});
    const lang = request.lang;
    const f = frameFor(request, reply, t(lang, 'changes.cancel.confirmTitle', { number: o.order.number }), { slug: o.shop.slug, name: o.shop.name });
    const page = (
      <>
        <h1>{t(lang, 'changes.cancel.confirmTitle', { number: o.order.number })}</h1>
        <p>{changes && cancellationText(lang, option, changes)}</p>
        <p><strong>{t(lang, 'changes.cancel.confirmText', { cost: money(lang, option.costCents), refund: money(lang, option.refundCents) })}</strong></p>
        <form method="post" action={`/shops/${o.shop.slug}/orders/${o.order.id}/cancellation`} aria-label={t(lang, 'changes.cancel.confirmButton')}>
          <input type="hidden" name="_csrf" value={f.csrfToken ?? ''} />
          <input type="hidden" name="confirmed" value="yes" />
          <input type="hidden" name="acceptedCostCents" value={String(option.costCents)} />
          <input type="hidden" name="reason" value={reason} />
          <button type="submit">{t(lang, 'changes.cancel.confirmButton')}</button>
        </form>
        <p><a href={`/shops/${o.shop.slug}/orders/${o.order.id}`}>{t(lang, 'changes.cancel.back')}</a></p>
      </>
    );
    return sendPage(reply, <Page frame={f}>{page}</Page>);
  }

  app.post<IdParams>('/shops/:shop/orders/:id/modification', { preValidation: app.csrfProtection }, async (request, reply) => {
    const o = await own(request, reply);
    if (!o) return reply;
    const values = flatForm(request.body);
    try {
      const input = parseOrThrow(ModificationBody, { message: values.message ?? '' });
      await requestModification(deps, o.shop, o.order.id, o.customerId, input, actorName(request));
      return reply.redirect(`/shops/${o.shop.slug}/orders/${o.order.id}?changed=requested`, 303);
    } catch (error) {
      return refusedPage(request, reply, o, fieldErrors(error, request.lang), values);
    }
  });

  app.post<IdParams>('/shops/:shop/staff/orders/:id/planned-shipment', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const values = flatForm(request.body);
    try {
      const input = parseOrThrow(PlannedShipmentBody, { on: values.on ?? '' });
      await planShipment(deps, shop, request.params.id, input.on, actorName(request));
      return reply.redirect(`/shops/${shop.slug}/staff/orders/${request.params.id}?done=plannedShipment`, 303);
    } catch (error) {
      const f = frameFor(request, reply, t(request.lang, 'changes.staff.plannedLabel'), { slug: shop.slug, name: shop.name });
      const page = (
        <>
          <h1>{t(request.lang, 'changes.staff.plannedLabel')}</h1>
          <ErrorSummary lang={request.lang} errors={{ _form: Object.values(fieldErrors(error, request.lang)).join(' ') }} />
          <p><a href={`/shops/${shop.slug}/staff/orders/${request.params.id}`}>{t(request.lang, 'changes.staff.back')}</a></p>
        </>
      );
      return sendPage(reply, <Page frame={f}>{page}</Page>, 422);
    }
  });

  app.post<{ Params: { shop: string; id: string; requestId: string } }>('/shops/:shop/staff/orders/:id/change-requests/:requestId/decision', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    if (!isUuid(request.params.requestId)) throw notFound('change_request');
    const values = flatForm(request.body);
    const input = parseOrThrow(DecisionBody, { decision: values.decision, ...(values.note && { note: values.note }) });
    await decideChangeRequest(deps, shop, request.params.id, request.params.requestId, input, actorName(request));
    return reply.redirect(`/shops/${shop.slug}/staff/orders/${request.params.id}?done=changeDecision`, 303);
  });
};
