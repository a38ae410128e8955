/**
 * Staff declare and end periods of force majeure on a shop or an order (issue 11 §5): the customers
 * concerned are told, and the deadlines are suspended. Forms carry the CSRF token; no JavaScript.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../kernel/errors.ts';
import { isUuid } from '../../kernel/ids.ts';
import { type Lang, type MessageKey, t } from '../../kernel/i18n/index.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { declareForceMajeure, endForceMajeure, FORCE_MAJEURE_CAUSES, ForceMajeureEndInput, ForceMajeureInput, listForceMajeure } from '../../orders/force-majeure.ts';
import { longDay } from '../../orders/late-delivery.ts';
import type { Shop } from '../../shops/service.ts';
import { staffShop } from '../../shops/staff-access.ts';
import { actorName } from '../aftersale/api.ts';
import { frameFor, sendPage } from '../context.ts';
import { fieldErrors, flatForm } from '../form-errors.ts';
import { ErrorSummary, Field, type FieldErrors, Form } from '../forms.tsx';
import { Page } from '../layout.tsx';
import { readableDates } from './readable-dates.ts';

type IdParams = { Params: { shop: string; id: string } };
type ShopParams = { Params: { shop: string } };
import { filledFields as formInput } from '../form-errors.ts';

const causeLabel = (lang: Lang, cause: string) => t(lang, `forceMajeure.cause.${cause}` as MessageKey);


export const forceMajeurePages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock };
  const frame = (request: FastifyRequest, reply: FastifyReply, shop: Shop, title: string) => frameFor(request, reply, title, { slug: shop.slug, name: shop.name });

  // Staff: declare and end periods of force majeure.
  async function staffPage(request: FastifyRequest<ShopParams>, reply: FastifyReply, shop: Shop, values: Record<string, string>, errors: FieldErrors, status = 200, notice?: string) {
    const lang = request.lang;
    const periods = await listForceMajeure(db, shop);
    // Staff know an order by its number: the list names each order by it.
    const orderIds = periods.flatMap((p) => (p.orderId ? [p.orderId] : []));
    const numbers = new Map(orderIds.length === 0 ? [] : (await db.selectFrom('orders').select(['id', 'number']).where('shop_id', '=', shop.slug).where('id', 'in', orderIds).execute()).map((o) => [o.id, o.number]));
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
          <table class="stack">
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
                  <td data-label={t(lang, 'forceMajeure.staff.cause')}>{causeLabel(lang, p.cause)}</td>
                  <td data-label={t(lang, 'forceMajeure.staff.scope')}>{p.orderId ? <a href={`/shops/${shop.slug}/staff/orders/${p.orderId}`}>{t(lang, 'forceMajeure.staff.scope.orderNumber', { number: numbers.get(p.orderId) ?? p.orderId })}</a> : t(lang, 'forceMajeure.staff.scope.shop')}</td>
                  <td data-label={t(lang, 'forceMajeure.staff.startsOn')}>{longDay(lang, p.startsOn)}</td>
                  <td data-label={p.endsOn ? t(lang, 'forceMajeure.staff.endOn') : undefined}>
                    {p.endsOn ? longDay(lang, p.endsOn) : (
                      <Form action={`/shops/${shop.slug}/staff/force-majeure/${p.id}/end`} csrfToken={csrf} label={`${t(lang, 'forceMajeure.staff.end')} — ${causeLabel(lang, p.cause)}, ${longDay(lang, p.startsOn)}`}>
                        <div class={errors[`end-${p.id}`] ? 'field has-error' : 'field'}>
                          <label for={`f-end-${p.id}`}>{t(lang, 'forceMajeure.staff.endOn')}</label>
                          {errors[`end-${p.id}`] && <p class="error" id={`f-end-${p.id}-error`}>{errors[`end-${p.id}`]}</p>}
                          <input id={`f-end-${p.id}`} name="endsOn" type="date" value={values[`end-${p.id}`]} required aria-invalid={errors[`end-${p.id}`] ? 'true' : undefined} aria-describedby={errors[`end-${p.id}`] ? `f-end-${p.id}-error` : undefined} />
                        </div>
                        <button type="submit">{t(lang, 'forceMajeure.staff.end')}</button>
                      </Form>
                    )}
                  </td>
                  <td data-label={t(lang, 'forceMajeure.staff.terminationFrom')}>{p.terminationFrom ? longDay(lang, p.terminationFrom) : '—'}</td>
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
          <Field name="orderId" label={t(lang, 'forceMajeure.staff.orderNumber')} value={values.orderId} errors={errors} />
          <Field name="note" label={t(lang, 'forceMajeure.staff.note')} value={values.note} errors={errors} />
          <button type="submit">{t(lang, 'forceMajeure.staff.declare')}</button>
        </Form>
      </>
    );
    return sendPage(reply, <Page frame={f}>{body}</Page>, status);
  }


  /** The order staff typed, by its number (as the order page shows it) or its id; refused on the field when there is none. */
  async function orderIdOf(shop: Shop, typed: string): Promise<string> {
    const found = await db.selectFrom('orders').select('id').where('shop_id', '=', shop.slug).where(isUuid(typed) ? 'id' : 'number', '=', isUuid(typed) ? typed : typed.toUpperCase()).executeTakeFirst();
    if (!found) throw new DomainError('force_majeure_order_unknown', 'refused', { number: typed }, 'orderId');
    return found.id;
  }

  // After a declaration or an end, the browser is sent back here (`?notified=N`): reloading the page
  // shows it again, it never declares the period twice nor tells the customers twice.
  app.get<ShopParams & { Querystring: { notified?: string } }>('/shops/:shop/staff/force-majeure', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const notified = /^\d{1,6}$/.test(request.query.notified ?? '') ? Number(request.query.notified) : null;
    return staffPage(request, reply, shop, {}, {}, 200, notified === null ? undefined : t(request.lang, 'forceMajeure.staff.notified', { n: notified }));
  });
  const done = (reply: FastifyReply, shop: Shop, n: number) => reply.redirect(`/shops/${shop.slug}/staff/force-majeure?notified=${n}`, 303);

  app.post<ShopParams>('/shops/:shop/staff/force-majeure', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const values = flatForm(request.body);
    try {
      const input = formInput(values);
      if (input.orderId) input.orderId = await orderIdOf(shop, input.orderId);
      const declared = await declareForceMajeure(deps, shop, parseOrThrow(ForceMajeureInput, input), actorName(request));
      return done(reply, shop, declared.ordersNotified);
    } catch (error) {
      return staffPage(request, reply, shop, values, fieldErrors(readableDates(error, request.lang), request.lang), 422);
    }
  });

  app.post<IdParams>('/shops/:shop/staff/force-majeure/:id/end', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const values = flatForm(request.body);
    try {
      const ended = await endForceMajeure(deps, shop, request.params.id, parseOrThrow(ForceMajeureEndInput, formInput(values)).endsOn, actorName(request));
      return done(reply, shop, ended.ordersNotified);
    } catch (error) {
      // The error belongs to the row's own date field, not to the declaration form's.
      const { endsOn, ...errors } = fieldErrors(readableDates(error, request.lang), request.lang);
      return staffPage(request, reply, shop, { [`end-${request.params.id}`]: values.endsOn ?? '' }, endsOn ? { ...errors, [`end-${request.params.id}`]: endsOn } : errors, 422);
    }
  });

};
