/**
 * Staff's registered letters of formal notice on an order (issue 11 §6: non-payment, goods not
 * collected), their dates (sent, first presented, received), each letter printable as sent, and
 * the termination once the period has passed. Forms carry the CSRF token; no JavaScript.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import { localDate } from '../../kernel/calendar.ts';
import { t } from '../../kernel/i18n/index.ts';
import { money } from '../../kernel/i18n/money.ts';
import { ValidationFailed } from '../../kernel/errors.ts';
import { isUuid } from '../../kernel/ids.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { terminateOnFormalNotice } from '../../flows/formal-notice.ts';
import { addressLine } from '../../aftersale/format.ts';
import { parseEuros } from '../../kernel/money.ts';
import { FORMAL_NOTICE_KINDS } from '../../orders/formal-notice-rules.ts';
import { isSpecialOrder } from '../../orders/special-orders.ts';
import { type FormalNotice, FormalNoticeDatesInput, FormalNoticeInput, FormalNoticeTerminationInput, formalNoticesOfOrder, recordFormalNotice, recordFormalNoticeDates } from '../../orders/formal-notices.ts';
import { longDay, } from '../../orders/late-delivery.ts';
import { findOrderFor } from '../../orders/service.ts';
import type { Shop } from '../../shops/service.ts';
import { staffShop } from '../../shops/staff-access.ts';
import { actorName } from '../aftersale/api.ts';
import { frameFor, sendPage } from '../context.ts';
import { fieldErrors, flatForm } from '../form-errors.ts';
import { ErrorSummary, Field, type FieldErrors, Form } from '../forms.tsx';
import { countryName } from '../checkout/views/labels.ts';
import { Page } from '../layout.tsx';
import { readableDates } from './readable-dates.ts';

type IdParams = { Params: { shop: string; id: string } };
import { filledFields as formInput } from '../form-errors.ts';

/** A day field of one letter's forms (ids made unique by the letter's id), its error beside it. */
function DayField({ id, name, label, value, error }: { id: string; name: string; label: string; value: string | undefined; error: string | undefined }) {
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={`f-${id}`}>{label}</label>
      {error && <p class="error" id={`f-${id}-error`}>{error}</p>}
      <input id={`f-${id}`} name={name} type="date" value={value} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `f-${id}-error` : undefined} />
    </div>
  );
}

/** The errors of one letter's forms, keyed by that letter's own fields (so the summary leads to them). */
function ofLetter(values: Record<string, string>, errors: FieldErrors): FieldErrors {
  const id = values.noticeId;
  // The sum is typed in euros in the field `amount`, checked in cents.
  if (!id) return Object.fromEntries(Object.entries(errors).map(([field, message]) => [field === 'amountCents' ? 'amount' : field, message]));
  if (!isUuid(id)) return errors;
  const own: Record<string, string> = { presentedOn: `presented-${id}`, receivedOn: `received-${id}`, confirm: `confirm-${id}`, noticeId: '_form' };
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [own[field] ?? field, message]));
}



export const formalNoticePages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock };
  const frame = (request: FastifyRequest, reply: FastifyReply, shop: Shop, title: string) => frameFor(request, reply, title, { slug: shop.slug, name: shop.name });

  // Staff: registered letters of formal notice on an order (issue 11 §6), each printable as sent.
  async function noticesPage(request: FastifyRequest<IdParams>, reply: FastifyReply, shop: Shop, values: Record<string, string>, errors: FieldErrors, status = 200) {
    const lang = request.lang;
    const order = await findOrderFor(db, request.actor, shop.slug, request.params.id);
    const customer = await db.selectFrom('customers').select(['first_name', 'last_name', 'company_name', 'address']).where('shop_id', '=', shop.slug).where('id', '=', order.customer_id).executeTakeFirstOrThrow();
    const notices = await formalNoticesOfOrder(db, shop, order.id);
    // 003 art.7.2: goods ordered specially are not disposed of with the deposit kept — their whole price stays due.
    const special = await isSpecialOrder(db, shop, order.id);
    const f = frame(request, reply, shop, t(lang, 'formalNotice.staff.title', { number: order.number }));
    const csrf = f.csrfToken ?? '';
    const base = `/shops/${shop.slug}/staff/orders/${order.id}`;
    const placedOn = longDay(lang, localDate(Temporal.Instant.fromEpochMilliseconds(order.placed_at.getTime()), shop.timeZone).toString());
    const sender = [shop.profile.identity?.legalName ?? shop.name, addressLine(shop.profile.identity?.registeredOffice ? { line2: undefined, ...shop.profile.identity.registeredOffice } : null)].filter(Boolean).join(', ');
    // The addressee's address as the post reads it: a line each, the country only abroad, in full.
    type PostalAddress = { line1: string; line2?: string; postalCode: string; city: string; country: string };
    const postalLines = (a: PostalAddress | null) => (a ? [a.line1, a.line2, `${a.postalCode} ${a.city}`, a.country === shop.legalSystem ? null : countryName(lang, a.country).toUpperCase()].filter((l): l is string => Boolean(l)) : []);
    const Letter = ({ n }: { n: FormalNotice }) => (
      <article class="letter" aria-label={`${t(lang, 'formalNotice.letter.title')}, ${longDay(lang, n.sentOn)}`}>
        <p class="from">{sender}</p>
        <p class="to">
          {[customer.first_name, customer.last_name].join(' ')}{customer.company_name && ` (${customer.company_name})`}
          {postalLines(customer.address as PostalAddress | null).map((line) => <><br />{line}</>)}
        </p>
        <p class="date">{longDay(lang, n.sentOn)}</p>
        {n.trackingNumber && <p>{t(lang, 'formalNotice.letter.tracking', { number: n.trackingNumber })}</p>}
        <h3>{t(lang, 'formalNotice.letter.title')}</h3>
        {t(lang, `formalNotice.letter.${n.kind === 'non_collection' && special ? 'non_collection_special' : n.kind}`, { amount: money(lang, n.amountCents ?? order.gross_cents - order.paid_cents), number: order.number, placedOn, days: n.days, start: t(lang, `formalNotice.start.${n.from}`), clause: n.clause.replace('art.', 'article '), deposit: n.depositKept && order.paid_cents > 0 ? t(lang, 'formalNotice.letter.deposit_kept') : '' }).split('\n\n').map((para) => <p>{para}</p>)}
        <p class="signature">{shop.profile.identity?.legalName ?? shop.name}</p>
      </article>
    );
    // What was typed in one letter's forms goes back to them, not to the new-letter form.
    const letterValues = values.noticeId ? {} : values;
    const body = (
      <div class="letters">
        <h1 class="no-print">{t(lang, 'formalNotice.staff.title', { number: order.number })}</h1>
        <ErrorSummary lang={lang} errors={errors} />
        {notices.length === 0 && <p class="no-print">{t(lang, 'formalNotice.staff.none')}</p>}
        {notices.map((n) => (
          <section class="formal-notice" aria-labelledby={`fn-${n.id}`}>
            <h2 class="no-print" id={`fn-${n.id}`}>{t(lang, `formalNotice.kind.${n.kind}`)} — {longDay(lang, n.sentOn)}</h2>
            <p class="no-print">
              {n.cured ? t(lang, 'formalNotice.staff.cured') : n.periodEndsOn && n.effectiveFrom ? t(lang, 'formalNotice.staff.effective', { periodEndsOn: longDay(lang, n.periodEndsOn), effectiveFrom: longDay(lang, n.effectiveFrom) }) : t(lang, 'formalNotice.staff.waiting')}
            </p>
            <Letter n={n} />
            <Form action={`${base}/formal-notices/dates`} csrfToken={csrf} label={`${t(lang, 'formalNotice.staff.dates')}, ${longDay(lang, n.sentOn)}`}>
              <fieldset class="no-print">
                <legend>{t(lang, 'formalNotice.staff.dates')}</legend>
                <input type="hidden" name="noticeId" value={n.id} />
                <DayField id={`presented-${n.id}`} name="presentedOn" label={t(lang, 'formalNotice.staff.presentedOn')} value={(values.noticeId === n.id && values.presentedOn) || (n.presentedOn ?? undefined)} error={errors[`presented-${n.id}`]} />
                <DayField id={`received-${n.id}`} name="receivedOn" label={t(lang, 'formalNotice.staff.receivedOn')} value={(values.noticeId === n.id && values.receivedOn) || (n.receivedOn ?? undefined)} error={errors[`received-${n.id}`]} />
                <button type="submit">{t(lang, 'formalNotice.staff.saveDates')}</button>
              </fieldset>
            </Form>
            {!n.cured && order.status !== 'cancelled' && (
              <Form action={`${base}/formal-notice-termination`} csrfToken={csrf} label={`${t(lang, 'formalNotice.staff.terminate')}, ${longDay(lang, n.sentOn)}`}>
                <fieldset class="no-print">
                  <legend>{t(lang, 'formalNotice.staff.terminate')}</legend>
                  <input type="hidden" name="noticeId" value={n.id} />
                  <div class={errors[`confirm-${n.id}`] ? 'field has-error' : 'field'}>
                    {errors[`confirm-${n.id}`] && <p class="error" id={`f-confirm-${n.id}-error`}>{errors[`confirm-${n.id}`]}</p>}
                    <label for={`f-confirm-${n.id}`}>
                      <input id={`f-confirm-${n.id}`} name="confirm" type="checkbox" value="yes" required aria-invalid={errors[`confirm-${n.id}`] ? 'true' : undefined} aria-describedby={errors[`confirm-${n.id}`] ? `f-confirm-${n.id}-error` : undefined} />{' '}
                      {t(lang, `formalNotice.staff.confirm.${n.kind}`)}
                    </label>
                  </div>
                  <button type="submit">{t(lang, 'formalNotice.staff.terminate')}</button>
                </fieldset>
              </Form>
            )}
          </section>
        ))}
        <h2 class="no-print">{t(lang, 'formalNotice.staff.record')}</h2>
        <Form action={`${base}/formal-notices`} csrfToken={csrf} label={t(lang, 'formalNotice.staff.record')}>
          <div class={errors.kind ? 'field has-error' : 'field'}>
            <label for="f-kind">{t(lang, 'formalNotice.staff.kind')}</label>
            {errors.kind && <p class="error" id="f-kind-error">{errors.kind}</p>}
            <select id="f-kind" name="kind" aria-describedby={errors.kind ? 'f-kind-error' : undefined}>
              {FORMAL_NOTICE_KINDS.map((k) => <option value={k} selected={letterValues.kind === k}>{t(lang, `formalNotice.kind.${k}`)}</option>)}
            </select>
          </div>
          <Field name="sentOn" type="date" label={t(lang, 'formalNotice.staff.sentOn')} value={letterValues.sentOn} required errors={errors} />
          <Field name="presentedOn" type="date" label={t(lang, 'formalNotice.staff.presentedOn')} value={letterValues.presentedOn} errors={errors} />
          <Field name="receivedOn" type="date" label={t(lang, 'formalNotice.staff.receivedOn')} value={letterValues.receivedOn} errors={errors} />
          <Field name="trackingNumber" label={t(lang, 'formalNotice.staff.tracking')} value={letterValues.trackingNumber} errors={errors} />
          <Field name="amount" label={t(lang, 'formalNotice.staff.amount')} value={letterValues.amount} errors={errors} />
          <button type="submit">{t(lang, 'formalNotice.staff.save')}</button>
        </Form>
        <p class="no-print"><a href={base}>{t(lang, 'lateDelivery.back')}</a></p>
      </div>
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
      return noticesPage(request, reply, shop, values, ofLetter(values, fieldErrors(readableDates(error, request.lang), request.lang)), 422);
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
    staffNotices(request, reply, (shop, values) => {
      const { confirm, ...input } = formInput(values);
      // Closing an order for good is confirmed, like the order page's cancellations (issue 11 §8).
      if (confirm !== 'yes') throw new ValidationFailed([{ field: 'confirm', code: 'formal_notice_termination_unconfirmed' }]);
      return terminateOnFormalNotice(deps, shop, request.params.id, parseOrThrow(FormalNoticeTerminationInput, input), actorName(request));
    }),
  );
};
