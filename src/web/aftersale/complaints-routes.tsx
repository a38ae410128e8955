/**
 * Pages of complaints and registered letters (issue 10 §5–§6). The customer's form lists every
 * kind with its window on this order and whether it is still open; the acknowledgement shows the
 * window, on time or late and, for a consumer, the mediator and the year to seize it (L612-2).
 * Staff see and record complaints received in writing and registered letters from the page linked
 * on the back-office order page. Forms carry the CSRF token; no JavaScript.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireCustomer } from '../../accounts/actor.ts';
import type { ComplaintKind, Opening } from '../../aftersale/complaint-rules.ts';
import { type ComplaintJson, complaintFor, complaintJson, complaintsOfOrder, CustomerComplaintInput, fileComplaint, LetterInput, lettersOfOrder, orderFor, recordLetter, StaffComplaintInput, windowsOfOrder } from '../../aftersale/complaints.ts';
import { longDate } from '../../aftersale/format.ts';
import { localDate } from '../../kernel/calendar.ts';
import { type Lang, type MessageKey, t } from '../../kernel/i18n/index.ts';
import { money } from '../../kernel/i18n/money.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { getShop, type Shop } from '../../shops/service.ts';
import { staffShop } from '../../shops/staff-access.ts';
import { frameFor, sendPage } from '../context.ts';
import { fieldErrors, flatForm } from '../form-errors.ts';
import { ErrorSummary, Field, type FieldErrors, Form } from '../forms.tsx';
import { Page } from '../layout.tsx';
import { actorName } from './api.ts';

type IdParams = { Params: { shop: string; id: string } };
const KINDS = ['transport_reserve', 'non_consumer_conformity', 'invoice_dispute', 'goodwill_return_request'] as const;
const kindLabel = (lang: Lang, kind: ComplaintKind) => t(lang, `complaints.kind.${kind}` as MessageKey);

function WindowLine({ lang, kind, opening, today }: { lang: Lang; kind: ComplaintKind; opening: Opening | { open: false; reason: string }; today: string }) {
  if (!opening.open) return <li>{kindLabel(lang, kind)} — {t(lang, 'complaints.not_open')}</li>;
  const w = opening.window;
  const end = w.endsOn?.toString() ?? null;
  const state = end === null ? t(lang, 'complaints.window_none') : `${t(lang, 'complaints.window_until', { date: longDate(lang, end) })} — ${end >= today ? t(lang, 'complaints.window_open') : t(lang, 'complaints.window_closed')}`;
  return (
    <li>
      <strong>{kindLabel(lang, kind)}</strong> — {state}
      {w.contractualEndsAt && <> ({t(lang, 'complaints.window_contractual', { at: w.contractualEndsAt.toPlainDateTime().toString().replace('T', ' ').slice(0, 16) })})</>}
      {kind === 'transport_reserve' && <p class="hint">{t(lang, 'complaints.registered_letter_hint')}</p>}
    </li>
  );
}

function ComplaintSummary({ lang, c }: { lang: Lang; c: ComplaintJson }) {
  return (
    <dl>
      <dt>{t(lang, 'complaints.kind')}</dt><dd>{kindLabel(lang, c.kind)}</dd>
      <dt>{t(lang, 'complaints.made_on')}</dt><dd>{longDate(lang, c.madeOn)}</dd>
      {c.windowEndsOn && <><dt>{t(lang, 'complaints.window_ends_on')}</dt><dd>{longDate(lang, c.windowEndsOn)}</dd></>}
      <dt>{t(lang, 'complaints.status')}</dt>
      <dd>{c.onTime ? t(lang, 'complaints.on_time') : c.barred ? t(lang, 'complaints.late') : t(lang, 'complaints.late_not_barred')} — {t(lang, `complaints.status.${c.status}` as MessageKey)}</dd>
      {c.note && <><dt>{t(lang, 'complaints.note')}</dt><dd>{c.note}</dd></>}
      {c.goodwill && <><dt>{t(lang, 'complaints.kind.goodwill_return_request')}</dt><dd>{t(lang, 'complaints.credit', { credit: money(lang, c.goodwill.creditCents), price: money(lang, c.goodwill.returnedCents), abatement: money(lang, c.goodwill.abatementCents) })}</dd></>}
    </dl>
  );
}

function Letters({ lang, letters }: { lang: Lang; letters: ComplaintJson['letters'] }) {
  if (letters.length === 0) return null;
  return (
    <table>
      <caption>{t(lang, 'complaints.letters')}</caption>
      <thead><tr><th scope="col">{t(lang, 'complaints.direction')}</th><th scope="col">{t(lang, 'complaints.sent_on')}</th><th scope="col">{t(lang, 'complaints.presented_on')}</th><th scope="col">{t(lang, 'complaints.letter_received_on')}</th><th scope="col">{t(lang, 'complaints.tracking')}</th></tr></thead>
      <tbody>
        {letters.map((l) => (
          <tr><td>{t(lang, `complaints.direction.${l.direction}` as MessageKey)}</td><td>{l.sentOn}</td><td>{l.presentedOn ?? '—'}</td><td>{l.receivedOn ?? '—'}</td><td>{l.trackingNumber ?? '—'}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

function KindSelect({ lang, value, errors }: { lang: Lang; value?: string; errors: FieldErrors }) {
  return (
    <div class={errors.kind ? 'field has-error' : 'field'}>
      <label for="f-kind">{t(lang, 'complaints.kind')}</label>
      {errors.kind && <p class="error" id="f-kind-error">{errors.kind}</p>}
      <select id="f-kind" name="kind" aria-describedby={errors.kind ? 'f-kind-error' : undefined} aria-invalid={errors.kind ? 'true' : undefined}>
        {KINDS.map((k) => <option value={k} selected={value === k}>{kindLabel(lang, k)}</option>)}
      </select>
    </div>
  );
}

function NoteField({ lang, value, errors }: { lang: Lang; value?: string; errors: FieldErrors }) {
  return (
    <div class={errors.note ? 'field has-error' : 'field'}>
      <label for="f-note">{t(lang, 'complaints.note')}</label>
      {errors.note && <p class="error" id="f-note-error">{errors.note}</p>}
      <textarea id="f-note" name="note" rows="4" aria-describedby={errors.note ? 'f-note-error' : undefined}>{value ?? ''}</textarea>
    </div>
  );
}

/** The optional fields of a form as the input schema takes them (empty = not given, cents as numbers). */
function inputOf(values: Record<string, string>) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (k === '_csrf' || v.trim() === '') continue;
    out[k] = /Cents$/.test(k) && /^\d+$/.test(v) ? Number(v) : v;
  }
  return out;
}

export const complaintsPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock };
  const frame = (request: FastifyRequest, reply: FastifyReply, shop: Shop, title: string) => frameFor(request, reply, title, { slug: shop.slug, name: shop.name });
  const todayOf = (shop: Shop) => localDate(deps.clock.now(), shop.timeZone).toString();

  async function customer(request: FastifyRequest<IdParams>, reply: FastifyReply) {
    const shop = await getShop(db, request.params.shop);
    if (request.actor.kind === 'anonymous') {
      reply.redirect(`/shops/${shop.slug}/login`, 303);
      return null;
    }
    return { shop, customerId: requireCustomer(request.actor, shop.slug) };
  }

  async function formPage(request: FastifyRequest<IdParams>, reply: FastifyReply, shop: Shop, customerId: string, values: Record<string, string>, errors: FieldErrors, status = 200) {
    const order = await orderFor(db, shop, request.params.id, { customerId });
    const windows = await windowsOfOrder(db, shop, order);
    const f = frame(request, reply, shop, t(request.lang, 'complaints.title', { number: order.number }));
    const lang = request.lang;
    const page = (
      <>
        <h1>{t(lang, 'complaints.title', { number: order.number })}</h1>
        <ErrorSummary lang={lang} errors={errors} />
        <h2>{t(lang, 'complaints.windows')}</h2>
        <ul>{windows.map((w) => <WindowLine lang={lang} kind={w.kind} opening={w.opening} today={todayOf(shop)} />)}</ul>
        <Form action={`/shops/${shop.slug}/orders/${order.id}/complaints`} csrfToken={f.csrfToken ?? ''} label={t(lang, 'complaints.submit')}>
          <KindSelect lang={lang} value={values.kind} errors={errors} />
          <NoteField lang={lang} value={values.note} errors={errors} />
          <Field name="compensatingOrderCents" label={t(lang, 'complaints.compensating')} value={values.compensatingOrderCents} errors={errors} />
          <button type="submit">{t(lang, 'complaints.submit')}</button>
        </Form>
      </>
    );
    return sendPage(reply, <Page frame={f}>{page}</Page>, status);
  }

  app.get<IdParams>('/shops/:shop/orders/:id/complaints/new', async (request, reply) => {
    const who = await customer(request, reply);
    return who ? formPage(request, reply, who.shop, who.customerId, {}, {}) : reply;
  });

  app.post<IdParams>('/shops/:shop/orders/:id/complaints', { preValidation: app.csrfProtection }, async (request, reply) => {
    const who = await customer(request, reply);
    if (!who) return reply;
    const values = flatForm(request.body);
    try {
      const input = parseOrThrow(CustomerComplaintInput, inputOf(values));
      const c = await fileComplaint(deps, who.shop, request.params.id, { by: 'customer', customerId: who.customerId, input }, actorName(request));
      return reply.redirect(`/shops/${who.shop.slug}/complaints/${c.id}`, 303);
    } catch (error) {
      if ((error as { code?: string }).code === 'not_found') throw error;
      return formPage(request, reply, who.shop, who.customerId, values, fieldErrors(error, request.lang), 422);
    }
  });

  // The acknowledgement: the window, on time or not, and the consumer mediator (L612-2).
  app.get<IdParams>('/shops/:shop/complaints/:id', async (request, reply) => {
    const who = await customer(request, reply);
    if (!who) return reply;
    const c = await complaintFor(db, who.shop, request.params.id, { customerId: who.customerId });
    const lang = request.lang;
    const f = frame(request, reply, who.shop, t(lang, 'complaints.ack_title'));
    const page = (
      <>
        <h1>{t(lang, 'complaints.ack_title')}</h1>
        <ComplaintSummary lang={lang} c={c} />
        <Letters lang={lang} letters={c.letters} />
        {c.mediation && (
          <section aria-labelledby="mediation">
            <h2 id="mediation">{t(lang, 'complaints.mediation_title')}</h2>
            <p>{t(lang, 'complaints.mediation_text', { mediator: [c.mediation.mediator, c.mediation.address].filter(Boolean).join(', '), endsOn: longDate(lang, c.mediation.endsOn) })}</p>
          </section>
        )}
        <p><a href={`/shops/${who.shop.slug}/orders/${c.orderId}`}>{t(lang, 'claim.page.back')}</a></p>
      </>
    );
    return sendPage(reply, <Page frame={f}>{page}</Page>);
  });

  async function staffPage(request: FastifyRequest<IdParams>, reply: FastifyReply, shop: Shop, orderId: string, values: Record<string, string>, errors: FieldErrors, status = 200) {
    const order = await orderFor(db, shop, orderId, 'staff');
    const [rows, letters] = await Promise.all([complaintsOfOrder(db, shop.slug, order.id), lettersOfOrder(db, shop.slug, order.id)]);
    const lang = request.lang;
    const f = frame(request, reply, shop, t(lang, 'complaints.staff_title'));
    const csrf = f.csrfToken ?? '';
    const complaints = rows.map((r) => complaintJson(shop, r, letters.filter((l) => l.complaint_id === r.id)));
    const page = (
      <>
        <h1>{t(lang, 'complaints.staff_title')} — {order.number}</h1>
        <ErrorSummary lang={lang} errors={errors} />
        {complaints.length === 0 && <p>{t(lang, 'complaints.none')}</p>}
        {complaints.map((c) => (
          <section aria-label={`${kindLabel(lang, c.kind)} ${c.madeOn}`}>
            <h2>{kindLabel(lang, c.kind)} — {c.madeOn}</h2>
            <ComplaintSummary lang={lang} c={c} />
            <Letters lang={lang} letters={c.letters} />
            <Form action={`/shops/${shop.slug}/staff/complaints/${c.id}/letters`} csrfToken={csrf} label={`${t(lang, 'complaints.letter_record')} ${c.madeOn}`}>
              <fieldset>
                <legend>{t(lang, 'complaints.letter_record')}</legend>
                <div class="field">
                  <label for={`f-direction-${c.id}`}>{t(lang, 'complaints.direction')}</label>
                  <select id={`f-direction-${c.id}`} name="direction"><option value="in">{t(lang, 'complaints.direction.in')}</option><option value="out">{t(lang, 'complaints.direction.out')}</option></select>
                </div>
                {(['sentOn', 'presentedOn', 'receivedOn'] as const).map((name) => (
                  <div class="field">
                    <label for={`f-${name}-${c.id}`}>{t(lang, name === 'sentOn' ? 'complaints.sent_on' : name === 'presentedOn' ? 'complaints.presented_on' : 'complaints.letter_received_on')}</label>
                    <input id={`f-${name}-${c.id}`} name={name} type="date" required={name === 'sentOn'} />
                  </div>
                ))}
                <div class="field">
                  <label for={`f-tracking-${c.id}`}>{t(lang, 'complaints.tracking')}</label>
                  <input id={`f-tracking-${c.id}`} name="trackingNumber" type="text" />
                </div>
                <button type="submit">{t(lang, 'complaints.save')}</button>
              </fieldset>
            </Form>
          </section>
        ))}
        <h2>{t(lang, 'complaints.staff_record')}</h2>
        <Form action={`/shops/${shop.slug}/staff/orders/${order.id}/complaints`} csrfToken={csrf} label={t(lang, 'complaints.staff_record')}>
          <KindSelect lang={lang} value={values.kind} errors={errors} />
          <Field name="madeOn" type="date" label={t(lang, 'complaints.made_on')} value={values.madeOn} required errors={errors} />
          <Field name="receivedOn" type="date" label={t(lang, 'complaints.received_on')} value={values.receivedOn} errors={errors} />
          <NoteField lang={lang} value={values.note} errors={errors} />
          <button type="submit">{t(lang, 'complaints.save')}</button>
        </Form>
        <p><a href={`/shops/${shop.slug}/staff/orders/${order.id}`}>{t(lang, 'claim.page.back')}</a></p>
      </>
    );
    return sendPage(reply, <Page frame={f}>{page}</Page>, status);
  }

  app.get<IdParams>('/shops/:shop/staff/orders/:id/complaints', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    return shop ? staffPage(request, reply, shop, request.params.id, {}, {}) : reply;
  });

  app.post<IdParams>('/shops/:shop/staff/orders/:id/complaints', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const values = flatForm(request.body);
    try {
      const input = parseOrThrow(StaffComplaintInput, inputOf(values));
      await fileComplaint(deps, shop, request.params.id, { by: 'staff', input }, actorName(request));
      return reply.redirect(`/shops/${shop.slug}/staff/orders/${request.params.id}/complaints`, 303);
    } catch (error) {
      if ((error as { code?: string }).code === 'not_found') throw error;
      return staffPage(request, reply, shop, request.params.id, values, fieldErrors(error, request.lang), 422);
    }
  });

  app.post<IdParams>('/shops/:shop/staff/complaints/:id/letters', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const c = await complaintFor(db, shop, request.params.id, 'staff');
    const values = flatForm(request.body);
    try {
      await recordLetter(deps, shop, c.id, parseOrThrow(LetterInput, inputOf(values)), actorName(request));
      return reply.redirect(`/shops/${shop.slug}/staff/orders/${c.orderId}/complaints`, 303);
    } catch (error) {
      return staffPage(request, reply, shop, c.orderId, {}, fieldErrors(error, request.lang), 422);
    }
  });
};

