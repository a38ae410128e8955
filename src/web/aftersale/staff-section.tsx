/**
 * The back-office order page's withdrawal section (issue 10 §1, §3): the end of the period, each
 * withdrawal with its refund due day and the statutory surcharge that accrues if it is late
 * (shown before the day passes), a form to record the goods' return or the refund, and a form to
 * record a withdrawal received by letter or e-mail, dated by the day the customer sent it.
 * Rendered into the orders' staff page by src/web/orders/staff-routes.tsx, followed by the order's
 * credit notes (issue 10 §6), if any.
 */
import type { Kysely } from 'kysely';
import { orderEligibility, todayIn, withdrawalsOfOrder } from '../../aftersale/service.ts';
import { channelLabel, dateTime, longDate } from '../../aftersale/format.ts';
import { findOrder } from '../../aftersale/queries.ts';
import { lateGoodwillRequests } from '../../aftersale/late-goodwill.ts';
import { WITHDRAWAL_EVENT_TYPES } from '../../aftersale/schema.ts';
import type { WithdrawalJson } from '../../aftersale/withdrawal-json.ts';
import type { DB } from '../../db/schema.ts';
import { creditNoteLinksOf } from '../../invoicing/credit-notes.ts';
import { CreditNoteLinks } from '../invoicing/credit-note-links.tsx';
import type { Clock } from '../../kernel/clock.ts';
import { type Lang, t } from '../../kernel/i18n/index.ts';
import { money } from '../../kernel/i18n/money.ts';
import type { Shop } from '../../shops/service.ts';
import { ErrorSummary, Field, type FieldErrors } from '../forms.tsx';

type FormState = { values: Record<string, string>; errors: FieldErrors };
/** A failed form of this section, re-shown with its values and errors; `done`: the form that just succeeded. */
export type WithdrawalFormsState = { done?: string | undefined; withdrawal?: FormState; withdrawalEvent?: FormState & { id: string }; goodwillAnswer?: FormState; serviceStart?: FormState };

export async function staffWithdrawalSection(deps: { db: Kysely<DB>; clock: Clock }, lang: Lang, shop: Shop, orderId: string, csrf: string, state: WithdrawalFormsState) {
  const order = await findOrder(deps.db, shop.slug, orderId);
  if (!order) return null;
  const today = todayIn(deps.clock, shop);
  const [options, withdrawals, goodwill, creditNotes] = await Promise.all([orderEligibility(deps.db, shop, order, today), withdrawalsOfOrder(deps.db, shop, orderId, today), lateGoodwillRequests(deps.db, shop, orderId), creditNoteLinksOf(deps.db, shop.slug, orderId)]);
  // The credit notes that cancel or reduce the invoice (cancellation, refusal, withdrawal, warranty), as PDFs.
  const notes = <CreditNoteLinks lang={lang} shop={shop} notes={creditNotes} heading />;
  if (!options.applies && withdrawals.length === 0 && goodwill.length === 0) return creditNotes.length > 0 ? notes : null;
  const base = `/shops/${shop.slug}/staff`;
  const endsOn = options.period.endsOn?.toString() ?? null;
  return (
    <>
    <section aria-labelledby="withdrawals">
      <h2 id="withdrawals">{t(lang, 'withdrawal.staff.title')}</h2>
      {state.done === 'withdrawal' && <p class="notice" role="status">{t(lang, 'withdrawal.staff.done')}</p>}
      {state.done === 'withdrawalEvent' && <p class="notice" role="status">{t(lang, 'withdrawal.staff.eventDone')}</p>}
      <dl class="facts">
        <dt>{t(lang, 'withdrawal.staff.endsOn')}</dt>
        <dd>{endsOn ? longDate(lang, endsOn) : t(lang, 'withdrawal.staff.notStarted')}</dd>
      </dl>
      {withdrawals.length === 0 ? <p>{t(lang, 'withdrawal.staff.none')}</p> : withdrawals.map((w, i) => <Withdrawal lang={lang} shop={shop} w={w} n={i + 1} action={`${base}/withdrawals/${w.id}/events`} csrf={csrf} state={state.withdrawalEvent?.id === w.id ? state.withdrawalEvent : undefined} today={today.toString()} />)}
      {goodwill.length > 0 && (
        <article aria-labelledby="withdrawal-goodwill">
          <h3 id="withdrawal-goodwill">{t(lang, 'withdrawal.staff.goodwillTitle')}</h3>
          {state.done === 'goodwillAnswer' && <p class="notice" role="status">{t(lang, 'withdrawal.staff.goodwillDone')}</p>}
          {goodwill.map((g, i) => (
            <>
              <p>{t(lang, 'withdrawal.staff.goodwillOn', { date: longDate(lang, g.requestedOn), endsOn: g.periodEndsOn ? longDate(lang, g.periodEndsOn) : '—' })}</p>
              <ul>{g.lines.map((l) => <li>{l.quantity} × {l.name} <span class="muted">({l.sku})</span></li>)}</ul>
              {g.answer ? (
                <p>{g.answer.decision === 'accepted' ? t(lang, 'withdrawal.staff.goodwillAnswered.accepted', { date: longDate(lang, g.answer.on) }) : t(lang, 'withdrawal.staff.goodwillAnswered.declined', { date: longDate(lang, g.answer.on), reason: g.answer.note ?? '' })}</p>
              ) : (
                i === 0 && <GoodwillAnswerForm lang={lang} action={`${base}/orders/${orderId}/withdrawal/goodwill-answer`} csrf={csrf} state={state.goodwillAnswer} />
              )}
            </>
          ))}
        </article>
      )}
      {options.lines.some((l) => l.serviceDays !== null) && (
        <ServiceStart lang={lang} action={`${base}/orders/${orderId}/service-start`} csrf={csrf} state={state.serviceStart} done={state.done === 'serviceStart'} today={today.toString()} requestedAt={order.service_start_requested_at} startedOn={order.service_started_on} timeZone={shop.timeZone} />
      )}
      {options.applies && options.anyWithdrawable && <RecordForm lang={lang} action={`${base}/orders/${orderId}/withdrawal`} csrf={csrf} state={state.withdrawal} today={today.toString()} />}
    </section>
    {notes}
    </>
  );
}

function Surcharge({ lang, shop, w }: { lang: Lang; shop: Shop; w: WithdrawalJson }) {
  if (w.lateSurchargeCents > 0 || w.daysLate > 0) return <>{t(lang, 'withdrawal.staff.surchargeNow', { amount: money(lang, w.lateSurchargeCents), days: w.daysLate })}</>;
  if (!w.refundDueOn) return <>—</>;
  return <>{t(lang, 'withdrawal.staff.surchargeIfLate', { date: longDate(lang, w.refundDueOn), legal: t(lang, `withdrawal.staff.surchargeLaw.${shop.legalSystem}`) })}</>;
}

function Withdrawal({ lang, shop, w, n, action, csrf, state, today }: { lang: Lang; shop: Shop; w: WithdrawalJson; n: number; action: string; csrf: string; state: (FormState & { id: string }) | undefined; today: string }) {
  const id = `withdrawal-${n}`;
  const values = state?.values ?? { on: today };
  const errors = state?.errors ?? {};
  return (
    <article aria-labelledby={id}>
      <h3 id={id}>{t(lang, 'withdrawal.sentOn')} {longDate(lang, w.notifiedOn)} — {channelLabel(lang, w.channel)}</h3>
      <ul>{w.lines.map((l) => <li>{l.quantity} × {l.name} <span class="muted">({l.sku})</span></li>)}</ul>
      <dl class="facts">
        <dt>{t(lang, 'withdrawal.shopReceivedOn')}</dt>
        <dd>{longDate(lang, w.receivedOn)}</dd>
        <dt>{t(lang, 'withdrawal.staff.due')}</dt>
        <dd>{money(lang, w.dueCents)}</dd>
        <dt>{t(lang, 'withdrawal.staff.refundDueOn')}</dt>
        <dd>{w.refundDueOn ? longDate(lang, w.refundDueOn) : t(lang, 'withdrawal.staff.refundDeferred')}</dd>
        {w.goodsReceivedOn && <><dt>{t(lang, 'withdrawal.staff.goodsReceivedOn')}</dt><dd>{longDate(lang, w.goodsReceivedOn)}</dd></>}
        {w.serviceOwedCents > 0 && <><dt>{t(lang, 'service.staff.owed')}</dt><dd>{money(lang, w.serviceOwedCents)}</dd></>}
        {w.depreciationCents > 0 && <><dt>{t(lang, 'withdrawal.staff.depreciationReason')}</dt><dd>{t(lang, 'withdrawal.depreciation', { amount: money(lang, w.depreciationCents), reason: w.depreciationReason ?? '' })}</dd></>}
        {w.refundedOn && <><dt>{t(lang, 'withdrawal.staff.refundedOn')}</dt><dd>{longDate(lang, w.refundedOn)} — {money(lang, w.refundedCents ?? 0)}</dd></>}
        <dt>{t(lang, 'withdrawal.staff.surcharge')}</dt>
        <dd><Surcharge lang={lang} shop={shop} w={w} /></dd>
      </dl>
      {!w.refundedOn && (
        <form method="post" action={action} enctype="multipart/form-data" novalidate aria-label={`${t(lang, 'withdrawal.staff.eventType')} — ${n}`}>
          <input type="hidden" name="_csrf" value={csrf} />
          <ErrorSummary lang={lang} errors={errors} />
          <div class="field">
            <label for={`${id}-type`}>{t(lang, 'withdrawal.staff.eventType')}</label>
            <select id={`${id}-type`} name="type">
              {WITHDRAWAL_EVENT_TYPES.map((type) => <option value={type} selected={values.type === type}>{t(lang, `withdrawal.staff.event.${type}`)}</option>)}
            </select>
          </div>
          <div class="field">
            <label for={`${id}-on`}>{t(lang, 'withdrawal.staff.eventOn')}</label>
            <input id={`${id}-on`} name="on" type="date" value={values.on} max={today} required />
          </div>
          <div class="field">
            <label for={`${id}-amount`}>{t(lang, 'withdrawal.staff.amount')}</label>
            <input id={`${id}-amount`} name="amount" inputmode="decimal" value={values.amount ?? (w.dueCents / 100).toFixed(2)} />
          </div>
          <div class="field">
            <label for={`${id}-depreciation`}>{t(lang, 'withdrawal.staff.depreciation')}</label>
            <input id={`${id}-depreciation`} name="depreciation" inputmode="decimal" value={values.depreciation ?? ''} />
          </div>
          <div class="field">
            <label for={`${id}-depreciation-reason`}>{t(lang, 'withdrawal.staff.depreciationReason')}</label>
            <input id={`${id}-depreciation-reason`} name="depreciationReason" value={values.depreciationReason ?? ''} />
          </div>
          <div class="field">
            <label for={`${id}-photos`}>{t(lang, 'withdrawal.staff.depreciationPhotos')}</label>
            <input id={`${id}-photos`} name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple />
          </div>
          <p><button type="submit">{t(lang, 'withdrawal.staff.eventSubmit')}</button></p>
        </form>
      )}
    </article>
  );
}

/**
 * A service's express request (L221-25) and the day its performance started, which staff record
 * when it is not the day of conclusion: the pro rata owed on withdrawal counts from it.
 */
function ServiceStart(p: { lang: Lang; action: string; csrf: string; state: FormState | undefined; done: boolean; today: string; requestedAt: Date | null; startedOn: string | null; timeZone: string }) {
  const { lang } = p;
  const errors = p.state?.errors ?? {};
  return (
    <form method="post" action={p.action} novalidate aria-labelledby="service-start">
      <h3 id="service-start">{t(lang, 'service.staff.title')}</h3>
      {p.done && <p class="notice" role="status">{t(lang, 'service.staff.done')}</p>}
      <dl class="facts">
        <dt>{t(lang, 'service.staff.requested')}</dt>
        <dd>{p.requestedAt ? dateTime(lang, p.requestedAt, p.timeZone) : t(lang, 'service.staff.notRequested')}</dd>
        {p.startedOn && <><dt>{t(lang, 'service.staff.startedOn')}</dt><dd>{longDate(lang, p.startedOn)}</dd></>}
      </dl>
      <input type="hidden" name="_csrf" value={p.csrf} />
      <ErrorSummary lang={lang} errors={errors} />
      <Field name="startedOn" type="date" label={t(lang, 'service.staff.startedOn')} value={p.state?.values.startedOn ?? p.startedOn ?? p.today} errors={errors} required />
      <p><button type="submit">{t(lang, 'service.staff.submit')}</button></p>
    </form>
  );
}

function RecordForm({ lang, action, csrf, state, today }: { lang: Lang; action: string; csrf: string; state: FormState | undefined; today: string }) {
  const values = state?.values ?? {};
  const errors = state?.errors ?? {};
  return (
    <form method="post" action={action} novalidate aria-labelledby="withdrawal-record">
      <h3 id="withdrawal-record">{t(lang, 'withdrawal.staff.record')}</h3>
      <input type="hidden" name="_csrf" value={csrf} />
      <ErrorSummary lang={lang} errors={errors} />
      <Field name="notifiedOn" type="date" label={t(lang, 'withdrawal.staff.notifiedOn')} value={values.notifiedOn} errors={errors} required />
      <Field name="receivedOn" type="date" label={t(lang, 'withdrawal.staff.receivedOn')} value={values.receivedOn ?? today} errors={errors} />
      <div class="field">
        <label for="f-channel">{t(lang, 'withdrawal.channel')}</label>
        <select id="f-channel" name="channel">
          {(['letter', 'email'] as const).map((c) => <option value={c} selected={values.channel === c}>{channelLabel(lang, c)}</option>)}
        </select>
      </div>
      <p><button type="submit">{t(lang, 'withdrawal.staff.submit')}</button></p>
    </form>
  );
}

/** Staff's answer to a late goodwill request: accept, or decline with the reason sent to the customer. */
function GoodwillAnswerForm({ lang, action, csrf, state }: { lang: Lang; action: string; csrf: string; state: FormState | undefined }) {
  const errors = state?.errors ?? {};
  return (
    <form method="post" action={action} novalidate aria-labelledby="goodwill-answer">
      <h4 id="goodwill-answer">{t(lang, 'withdrawal.staff.goodwillAnswer')}</h4>
      <input type="hidden" name="_csrf" value={csrf} />
      <ErrorSummary lang={lang} errors={errors} />
      <Field name="note" label={t(lang, 'withdrawal.staff.goodwillReason')} value={state?.values.note} errors={errors} />
      <p>
        <button type="submit" name="decision" value="accepted">{t(lang, 'withdrawal.staff.goodwillAccept')}</button>{' '}
        <button type="submit" name="decision" value="declined">{t(lang, 'withdrawal.staff.goodwillDecline')}</button>
      </p>
    </form>
  );
}
