/**
 * The volunteer's run sheet (issue 12 §4), on a phone, through the link staff made: the stops in
 * order with only the name, address, phone, door notes and items — no price, no e-mail, no
 * history — and a button per stop to mark it delivered (the time is recorded) or absent with a
 * note. The token travels in the query string (which the log blanks) and in the forms; an
 * unknown or replaced link answers 404, an expired one 410, each a page that shows nothing else.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { markStop, openRunSheet, type RoundStop } from '../../flows/volunteer-rounds.ts';
import { DomainError } from '../../kernel/errors.ts';
import { type Lang, t } from '../../kernel/i18n/index.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { MarkStopInput } from '../../rounds/schema.ts';
import { getShop, type Shop } from '../../shops/service.ts';
import { frameFor, sendPage } from '../context.ts';
import { fieldErrors, flatForm } from '../form-errors.ts';
import { Form } from '../forms.tsx';
import { Page } from '../layout.tsx';
import { roundDay, StopAddress, StopItems, stopState } from './views.tsx';

type SheetRoute = { Params: { shop: string }; Querystring: { token?: string } };
type MarkRoute = { Params: { shop: string; orderId: string } };

const CANCELLED = ['cancelled', 'refused'];

function Stop({ lang, shop, stop, n, token, csrf, error }: { lang: Lang; shop: Shop; stop: RoundStop; n: number; token: string; csrf: string; error: string | undefined }) {
  const action = `/shops/${shop.slug}/run-sheet/stops/${stop.order_id}`;
  const cancelled = CANCELLED.includes(stop.order?.status ?? '');
  return (
    <li id={`stop-${stop.order_id}`} class="stop">
      <h2>{n}. {stop.order?.customerName}</h2>
      <StopAddress stop={stop} />
      {stop.phone && <p>{t(lang, 'rounds.phone')} : <a href={`tel:${stop.phone.replace(/[^+0-9]/g, '')}`}>{stop.phone}</a></p>}
      {stop.door_notes && <p>{t(lang, 'rounds.door_notes')} : {stop.door_notes}</p>}
      <StopItems lang={lang} stop={stop} />
      {error && <p class="error" role="alert" id={`error-${stop.order_id}`}>{error}</p>}
      {cancelled ? (
        <p><strong>{t(lang, 'rounds.cancelled_stop')}</strong></p>
      ) : (
        <>
          <p><strong>{stopState(lang, stop, shop.timeZone)}</strong></p>
          {stop.outcome !== 'delivered' && (
            <>
              <Form action={action} csrfToken={csrf} label={t(lang, 'rounds.mark_delivered_label', { n })}>
                <input type="hidden" name="token" value={token} />
                <input type="hidden" name="outcome" value="delivered" />
                <button type="submit" aria-label={t(lang, 'rounds.mark_delivered_label', { n })}>✓ {t(lang, 'rounds.mark_delivered')}</button>
              </Form>
              <Form action={action} csrfToken={csrf} label={t(lang, 'rounds.mark_absent_form', { n })}>
                <input type="hidden" name="token" value={token} />
                <input type="hidden" name="outcome" value="absent" />
                <div class="field">
                  <label for={`f-note-${stop.order_id}`}>{t(lang, 'rounds.absent_note', { n })}</label>
                  <textarea id={`f-note-${stop.order_id}`} name="note" rows="2">{stop.outcome_note ?? ''}</textarea>
                </div>
                <button type="submit">{t(lang, 'rounds.mark_absent')}</button>
              </Form>
            </>
          )}
        </>
      )}
    </li>
  );
}

export const runSheetPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock, stripe: app.deps.stripe };

  /** The link's own page: the sheet, or a page saying it expired (410) or is not valid (404), nothing else. */
  async function sheetPage(request: FastifyRequest, reply: FastifyReply, shop: Shop, token: string, failed?: { orderId: string; message: string }) {
    const lang = request.lang;
    const sheet = await openRunSheet(deps, shop, token);
    if (sheet.state !== 'open') {
      const title = t(lang, sheet.state === 'expired' ? 'rounds.gone_title' : 'rounds.unknown_title');
      const f = frameFor(request, reply, title, { slug: shop.slug, name: shop.name });
      return sendPage(reply, <Page frame={f}><h1>{title}</h1><p>{t(lang, 'rounds.gone_text')}</p></Page>, sheet.state === 'expired' ? 410 : 404);
    }
    const { round, stops } = sheet;
    const title = t(lang, 'rounds.sheet_title', { name: round.name });
    const f = frameFor(request, reply, title, { slug: shop.slug, name: shop.name });
    reply.header('referrer-policy', 'no-referrer');
    return sendPage(
      reply,
      <Page frame={f}>
        <h1>{title}</h1>
        <p>{t(lang, 'rounds.sheet_intro', { day: roundDay(lang, round.round_on), zone: round.zone })}</p>
        <ol class="run-sheet">
          {stops.map((s, i) => <Stop lang={lang} shop={shop} stop={s} n={i + 1} token={token} csrf={f.csrfToken ?? ''} error={failed?.orderId === s.order_id ? failed.message : undefined} />)}
        </ol>
      </Page>,
      failed ? 422 : 200,
    );
  }

  app.get<SheetRoute>('/shops/:shop/run-sheet', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    return sheetPage(request, reply, shop, typeof request.query.token === 'string' ? request.query.token : '');
  });

  app.post<MarkRoute>('/shops/:shop/run-sheet/stops/:orderId', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const values = flatForm(request.body);
    const token = values.token ?? '';
    try {
      const input = parseOrThrow(MarkStopInput, { outcome: values.outcome ?? '', note: values.note ?? '' });
      await markStop(deps, shop, token, request.params.orderId, input);
      return reply.redirect(`/shops/${shop.slug}/run-sheet?token=${encodeURIComponent(token)}#stop-${request.params.orderId}`, 303);
    } catch (error) {
      // An unknown or expired link, or a stop not on it: the link's page, which shows nothing.
      if (error instanceof DomainError && error.kind === 'not_found') return sheetPage(request, reply, shop, token);
      const message = Object.values(fieldErrors(error, request.lang))[0] ?? '';
      return sheetPage(request, reply, shop, token, { orderId: request.params.orderId, message });
    }
  });
};
