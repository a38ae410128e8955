/**
 * Back-office pages of volunteer rounds (issue 12 §4): the rounds, a new round from the orders to
 * deliver by members (grouped by commune), a round's stops (moved up and down, or sorted by
 * postcode, each with the phone and door notes the volunteer sees), its volunteer, and its
 * run-sheet link. Forms carry the CSRF token; no JavaScript.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { createRoundFromOrders, eligibleOrders, newSheetLink, roundDetails, sortRoundByPostcode } from '../../flows/volunteer-rounds.ts';
import { type Lang, t } from '../../kernel/i18n/index.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import type { RoundOrder } from '../../orders/round-orders.ts';
import { NewRoundInput, StopDetailsInput, VolunteerInput } from '../../rounds/schema.ts';
import { listRounds, moveRoundStop, setStopDetails, setVolunteer } from '../../rounds/service.ts';
import { offeredModes } from '../../shops/profile/delivery-zone-rules.ts';
import type { Shop } from '../../shops/service.ts';
import { staffShop } from '../../shops/staff-access.ts';
import { frameFor, sendPage } from '../context.ts';
import { fieldErrors, flatForm } from '../form-errors.ts';
import { ErrorSummary, Field, type FieldErrors, Form } from '../forms.tsx';
import { Page } from '../layout.tsx';
import { label } from '../orders/views/labels.ts';
import { baseUrl } from '../urls.ts';
import { roundPickingCsv, roundPickingPdf } from './picking.ts';
import { roundDay, shopDateTime, StopAddress, StopItems, stopState } from './views.tsx';

type ShopParams = { Params: { shop: string } };
type RoundParams = { Params: { shop: string; id: string } };
type StopParams = { Params: { shop: string; id: string; orderId: string } };

const actorName = (request: FastifyRequest) => (request.actor.kind === 'anonymous' ? 'anonymous' : `${request.actor.kind}:${request.actor.id}`);
/**
 * The zone an order's address falls in for home delivery by members, as the profile maps
 * postcodes to communes (Coopso: 6000–6061 are Charleroi, Marcinelle included); the address's
 * own commune when the profile does not say.
 */
function zoneOf(shop: Shop, o: RoundOrder): string {
  if (!o.address) return '—';
  try {
    const offer = offeredModes(shop.profile, null, o.address).find((m) => m.mode.mode === 'volunteer');
    return offer?.commune ?? (o.address.city.trim() || '—');
  } catch {
    return o.address.city.trim() || '—';
  }
}

/** The zones of the orders, each with its orders, by name. */
function byCommune(shop: Shop, orders: readonly RoundOrder[]): [string, RoundOrder[]][] {
  const groups = new Map<string, RoundOrder[]>();
  for (const o of orders) {
    const key = zoneOf(shop, o);
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b, 'fr'));
}

type LinkShown = { url: string; until: string; emailedTo: string | null };

export const roundsStaffPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock };
  const frame = (request: FastifyRequest, reply: FastifyReply, shop: Shop, title: string) => frameFor(request, reply, title, { slug: shop.slug, name: shop.name });
  const base = (shop: Shop) => `/shops/${shop.slug}/staff/rounds`;

  app.get<ShopParams>('/shops/:shop/staff/rounds', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const lang = request.lang;
    const rounds = await listRounds(db, shop.slug);
    const f = frame(request, reply, shop, t(lang, 'rounds.title'));
    return sendPage(
      reply,
      <Page frame={f}>
        <h1>{t(lang, 'rounds.title')}</h1>
        <p><a href={`${base(shop)}/new`}>{t(lang, 'rounds.new')}</a></p>
        {rounds.length === 0 ? (
          <p>{t(lang, 'rounds.none')}</p>
        ) : (
          <table>
            <caption>{t(lang, 'rounds.title')}</caption>
            <thead>
              <tr><th scope="col">{t(lang, 'rounds.name')}</th><th scope="col">{t(lang, 'rounds.zone')}</th><th scope="col">{t(lang, 'rounds.day')}</th><th scope="col">{t(lang, 'rounds.volunteer')}</th><th scope="col">{t(lang, 'rounds.stops')}</th><th scope="col">{t(lang, 'rounds.delivered_count')}</th><th scope="col">{t(lang, 'rounds.absent_count')}</th></tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr><td><a href={`${base(shop)}/${r.id}`}>{r.name}</a></td><td>{r.zone}</td><td>{roundDay(lang, r.round_on)}</td><td>{r.volunteer_name ?? t(lang, 'rounds.volunteer_none')}</td><td>{r.stops}</td><td>{r.delivered}</td><td>{r.absent}</td></tr>
              ))}
            </tbody>
          </table>
        )}
        <p><a href={`/shops/${shop.slug}/staff`}>{t(lang, 'nav.backOffice')}</a></p>
      </Page>,
    );
  });

  /** `only`: one zone's orders (the zone links at the top), all zones otherwise. */
  async function newRoundPage(request: FastifyRequest, reply: FastifyReply, shop: Shop, values: Record<string, string>, chosen: Set<string>, errors: FieldErrors, status = 200, only?: string) {
    const lang = request.lang;
    const orders = await eligibleOrders(db, shop);
    const all = byCommune(shop, orders);
    const groups = only && all.some(([zone]) => zone === only) ? all.filter(([zone]) => zone === only) : all;
    const f = frame(request, reply, shop, t(lang, 'rounds.new'));
    return sendPage(
      reply,
      <Page frame={f}>
        <h1>{t(lang, 'rounds.new')}</h1>
        <ErrorSummary lang={lang} errors={errors} />
        <p>{t(lang, 'rounds.eligible_intro')}</p>
        {all.length > 1 && (
          <nav aria-label={t(lang, 'rounds.zones')}>
            <ul>
              {all.map(([zone, list]) => <li><a href={`${base(shop)}/new?zone=${encodeURIComponent(zone)}`} aria-current={groups.length === 1 && groups[0]?.[0] === zone ? 'page' : undefined}>{zone} ({list.length})</a></li>)}
            </ul>
          </nav>
        )}
        {orders.length === 0 ? (
          <p>{t(lang, 'rounds.eligible_none')}</p>
        ) : (
          <Form action={base(shop)} csrfToken={f.csrfToken ?? ''} label={t(lang, 'rounds.new')}>
            <Field name="name" label={t(lang, 'rounds.name')} value={values.name} required errors={errors} />
            <Field name="zone" label={t(lang, 'rounds.zone')} value={values.zone ?? groups[0]?.[0]} required errors={errors} />
            <Field name="roundOn" type="date" label={t(lang, 'rounds.day')} value={values.roundOn} required errors={errors} />
            <div class={errors.orderIds ? 'field has-error' : 'field'} id="f-orderIds" tabindex="-1">
              {errors.orderIds && <p class="error" id="f-orderIds-error">{errors.orderIds}</p>}
              {groups.map(([commune, list]) => (
                <fieldset>
                  <legend>{commune} ({list.length})</legend>
                  {list.map((o) => (
                    <div class="choice">
                      <input type="checkbox" id={`f-order-${o.id}`} name="orderIds" value={o.id} checked={chosen.has(o.id)} />
                      <label for={`f-order-${o.id}`}>{o.number} — {o.customerName} — {o.address ? `${o.address.line1}, ${o.address.postalCode} ${o.address.city}` : ''}</label>
                    </div>
                  ))}
                </fieldset>
              ))}
            </div>
            <button type="submit">{t(lang, 'rounds.create')}</button>
          </Form>
        )}
        <p><a href={base(shop)}>{t(lang, 'rounds.back')}</a></p>
      </Page>,
      status,
    );
  }

  app.get<ShopParams & { Querystring: { zone?: string } }>('/shops/:shop/staff/rounds/new', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    const zone = typeof request.query.zone === 'string' ? request.query.zone.slice(0, 100) : undefined;
    return shop ? newRoundPage(request, reply, shop, zone ? { zone } : {}, new Set(), {}, 200, zone) : reply;
  });

  app.post<ShopParams>('/shops/:shop/staff/rounds', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const values = flatForm(request.body);
    const raw = (request.body as Record<string, unknown> | undefined)?.orderIds;
    const orderIds = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string');
    try {
      const input = parseOrThrow(NewRoundInput, { name: values.name ?? '', zone: values.zone ?? '', roundOn: values.roundOn ?? '', orderIds });
      const id = await createRoundFromOrders(deps, shop, input, actorName(request));
      return reply.redirect(`${base(shop)}/${id}`, 303);
    } catch (error) {
      return newRoundPage(request, reply, shop, values, new Set(orderIds), fieldErrors(error, request.lang), 422);
    }
  });

  async function roundPage(request: FastifyRequest<RoundParams>, reply: FastifyReply, shop: Shop, state: { errors?: FieldErrors; values?: Record<string, string>; link?: LinkShown }, status = 200) {
    const lang: Lang = request.lang;
    const { round, stops } = await roundDetails(db, shop, request.params.id);
    const errors = state.errors ?? {};
    const values = state.values ?? {};
    const f = frame(request, reply, shop, t(lang, 'rounds.round_title', { name: round.name }));
    const csrf = f.csrfToken ?? '';
    const here = `${base(shop)}/${round.id}`;
    const activeUntil = round.sheet_expires_at && round.sheet_expires_at.getTime() > deps.clock.now().epochMilliseconds ? shopDateTime(lang, round.sheet_expires_at, shop.timeZone) : null;
    return sendPage(
      reply,
      <Page frame={f}>
        <h1>{t(lang, 'rounds.round_title', { name: round.name })}</h1>
        <ErrorSummary lang={lang} errors={errors} />
        <dl class="facts">
          <dt>{t(lang, 'rounds.zone')}</dt><dd>{round.zone}</dd>
          <dt>{t(lang, 'rounds.day')}</dt><dd>{roundDay(lang, round.round_on)}</dd>
          <dt>{t(lang, 'rounds.volunteer')}</dt><dd>{round.volunteer_name ? `${round.volunteer_name} — ${round.volunteer_phone ?? ''}` : t(lang, 'rounds.volunteer_none')}</dd>
        </dl>
        <p>{t(lang, 'rounds.picking.links')}<a href={`${here}/picking.pdf`}>PDF</a>, <a href={`${here}/picking.csv`}>CSV</a></p>
        <section aria-labelledby="volunteer">
          <h2 id="volunteer">{t(lang, 'rounds.volunteer_form')}</h2>
          <p class="hint">{t(lang, 'rounds.volunteer_hint')}</p>
          <Form action={`${here}/volunteer`} csrfToken={csrf} label={t(lang, 'rounds.volunteer_form')}>
            <Field name="name" label={t(lang, 'rounds.volunteer_name')} value={values.name ?? round.volunteer_name ?? ''} required autocomplete="off" errors={errors} />
            <Field name="phone" type="tel" label={t(lang, 'rounds.volunteer_phone')} value={values.phone ?? round.volunteer_phone ?? ''} required autocomplete="off" errors={errors} />
            <Field name="email" type="email" label={t(lang, 'rounds.volunteer_email')} value={values.email ?? round.volunteer_email ?? ''} autocomplete="off" errors={errors} />
            <button type="submit">{t(lang, 'rounds.save')}</button>
          </Form>
        </section>
        <section aria-labelledby="sheet">
          <h2 id="sheet">{t(lang, 'rounds.sheet')}</h2>
          <p class="hint">{t(lang, 'rounds.sheet_hint')}</p>
          {state.link ? (
            <div role="status">
              <p>{t(lang, 'rounds.sheet_created', { until: state.link.until })}</p>
              <p><a href={state.link.url} id="sheet-link">{state.link.url}</a></p>
              <p>{state.link.emailedTo ? t(lang, 'rounds.sheet_emailed', { email: state.link.emailedTo }) : t(lang, 'rounds.sheet_share')}</p>
            </div>
          ) : (
            activeUntil && <p>{t(lang, 'rounds.sheet_active', { until: activeUntil })}</p>
          )}
          <Form action={`${here}/link`} csrfToken={csrf} label={t(lang, 'rounds.sheet_create')}>
            <button type="submit">{t(lang, 'rounds.sheet_create')}</button>
          </Form>
        </section>
        <section aria-labelledby="stops">
          <h2 id="stops">{t(lang, 'rounds.stops')} ({stops.length})</h2>
          <Form action={`${here}/sort`} csrfToken={csrf} label={t(lang, 'rounds.sort')}>
            <button type="submit">{t(lang, 'rounds.sort')}</button>
          </Form>
          <ol class="stops">
            {stops.map((s, i) => {
              const n = i + 1;
              const stopUrl = `${here}/stops/${s.order_id}`;
              return (
                <li id={`stop-${s.order_id}`}>
                  <h3>
                    {n}. <a href={`/shops/${shop.slug}/staff/orders/${s.order_id}`}>{s.order?.number ?? s.order_id}</a> — {s.order?.customerName}
                  </h3>
                  <StopAddress stop={s} />
                  <p>{stopState(lang, s, shop.timeZone)} · {t(lang, 'rounds.order_status', { status: label(lang, 'order.status', s.order?.status ?? '') })}</p>
                  <StopItems lang={lang} stop={s} />
                  <div class="actions">
                    {i > 0 && (
                      <Form action={`${stopUrl}/move`} csrfToken={csrf} label={t(lang, 'rounds.move_up', { n })}>
                        <input type="hidden" name="direction" value="up" />
                        <button type="submit" aria-label={t(lang, 'rounds.move_up', { n })}>↑ {t(lang, 'rounds.up')}</button>
                      </Form>
                    )}
                    {i < stops.length - 1 && (
                      <Form action={`${stopUrl}/move`} csrfToken={csrf} label={t(lang, 'rounds.move_down', { n })}>
                        <input type="hidden" name="direction" value="down" />
                        <button type="submit" aria-label={t(lang, 'rounds.move_down', { n })}>↓ {t(lang, 'rounds.down')}</button>
                      </Form>
                    )}
                  </div>
                  <Form action={stopUrl} csrfToken={csrf} label={t(lang, 'rounds.stop_save', { n })}>
                    <div class="field">
                      <label for={`f-phone-${s.order_id}`}>{t(lang, 'rounds.stop_phone')}</label>
                      <input id={`f-phone-${s.order_id}`} name="phone" type="tel" value={s.phone ?? ''} autocomplete="off" />
                    </div>
                    <div class="field">
                      <label for={`f-doorNotes-${s.order_id}`}>{t(lang, 'rounds.door_notes')}</label>
                      <textarea id={`f-doorNotes-${s.order_id}`} name="doorNotes" rows="2">{s.door_notes ?? ''}</textarea>
                    </div>
                    <button type="submit" aria-label={t(lang, 'rounds.stop_save', { n })}>{t(lang, 'rounds.save')}</button>
                  </Form>
                </li>
              );
            })}
          </ol>
        </section>
        <p><a href={base(shop)}>{t(lang, 'rounds.back')}</a></p>
      </Page>,
      status,
    );
  }

  app.get<RoundParams>('/shops/:shop/staff/rounds/:id', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    return shop ? roundPage(request, reply, shop, {}) : reply;
  });

  // The round's picking list (issue 12 §5): what to load, per article and per stop.
  app.get<RoundParams>('/shops/:shop/staff/rounds/:id/picking.csv', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const { round, stops } = await roundDetails(db, shop, request.params.id);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="round-${round.round_on}.csv"`).send(roundPickingCsv(request.lang, stops));
  });
  app.get<RoundParams>('/shops/:shop/staff/rounds/:id/picking.pdf', async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const { round, stops } = await roundDetails(db, shop, request.params.id);
    const pdf = await roundPickingPdf(request.lang, shop, round, stops, new Date(deps.clock.now().epochMilliseconds));
    return reply.type('application/pdf').header('content-disposition', `inline; filename="round-${round.round_on}.pdf"`).send(pdf);
  });

  app.post<RoundParams>('/shops/:shop/staff/rounds/:id/volunteer', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const values = flatForm(request.body);
    try {
      await setVolunteer(db, shop.slug, request.params.id, parseOrThrow(VolunteerInput, { name: values.name ?? '', phone: values.phone ?? '', email: values.email ?? '' }));
      return reply.redirect(`${base(shop)}/${request.params.id}`, 303);
    } catch (error) {
      return roundPage(request, reply, shop, { errors: fieldErrors(error, request.lang), values }, 422);
    }
  });

  // The link is shown once, on this answer: only its hash is kept.
  app.post<RoundParams>('/shops/:shop/staff/rounds/:id/link', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const link = await newSheetLink(deps, shop, request.params.id, baseUrl(request), shop.language);
    const until = shopDateTime(request.lang, new Date(link.expiresAt.epochMilliseconds), shop.timeZone);
    return roundPage(request, reply, shop, { link: { url: link.url, until, emailedTo: link.emailedTo } });
  });

  app.post<RoundParams>('/shops/:shop/staff/rounds/:id/sort', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    await sortRoundByPostcode(db, shop, request.params.id);
    return reply.redirect(`${base(shop)}/${request.params.id}#stops`, 303);
  });

  app.post<StopParams>('/shops/:shop/staff/rounds/:id/stops/:orderId/move', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const direction = flatForm(request.body).direction === 'up' ? 'up' : 'down';
    await moveRoundStop(db, shop.slug, request.params.id, request.params.orderId, direction);
    return reply.redirect(`${base(shop)}/${request.params.id}#stop-${request.params.orderId}`, 303);
  });

  app.post<StopParams>('/shops/:shop/staff/rounds/:id/stops/:orderId', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const values = flatForm(request.body);
    try {
      await setStopDetails(db, shop.slug, request.params.id, request.params.orderId, parseOrThrow(StopDetailsInput, { phone: values.phone ?? '', doorNotes: values.doorNotes ?? '' }));
      return reply.redirect(`${base(shop)}/${request.params.id}#stop-${request.params.orderId}`, 303);
    } catch (error) {
      return roundPage(request as unknown as FastifyRequest<RoundParams>, reply, shop, { errors: fieldErrors(error, request.lang) }, 422);
    }
  });
};
