/**
 * The back office's view of one order: what was ordered and by whom, its status, payments,
 * deposit and deadlines, the form recording what happened to it, its history, and its refunds
 * (the refunds capability's section and form).
 */
import { money } from '../../../kernel/i18n/money.ts';
import { OrderLines } from '../../checkout/views/order-lines.tsx';
import { countryName, deliveryLabel, formatDateTime } from '../../checkout/views/labels.ts';
import { slotText } from '../../checkout/views/delivery-facts.tsx';
import type { Child } from '#jsx/jsx-runtime';
import { hasMessage, type Lang, type MessageKey, t } from '../../../kernel/i18n/index.ts';
import type { AddressJson } from '../../../db/schema.ts';
import type { WithdrawalFormsState } from '../../aftersale/staff-section.tsx';
import { RefundSection } from '../../payments/views/refunds/refund-section.tsx';
import { StaffClaimsSection } from '../../aftersale/views/claims-pages.tsx';
import type { Shop } from '../../../shops/service.ts';
import type { FieldErrors } from '../../forms.tsx';
import type { StaffOrderDetails } from '../../../flows/staff-order-details.ts';
import { OrderEventForm } from './order-event-form.tsx';
import { label, plainDate } from './labels.ts';

export type FormState = { values: Record<string, string>; errors: FieldErrors };
/** `done`: which form just succeeded (`event`, or `1` for a refund); a failed form's values and errors. */
export type StaffOrderPageState = { done?: string | undefined; event?: FormState; refund?: FormState } & Omit<WithdrawalFormsState, 'done'>;

/** `aftersale`: the withdrawals section (src/web/aftersale/staff-section.tsx), when the order has or allows one. */
type Props = { lang: Lang; shop: Shop; csrf: string; details: StaffOrderDetails; state: StaffOrderPageState; aftersale?: Child };

export function StaffOrderPage({ lang, shop, csrf, details, state, aftersale }: Props) {
  const { order, refund } = details;
  const base = `/shops/${shop.slug}/staff/orders`;
  return (
    <>
      <p><a href={base}>{t(lang, 'staffOrders.back')}</a></p>
      <h1>{t(lang, 'refund.staff.orderTitle', { number: order.number })}</h1>
      {state.done === '1' && <p class="notice" role="status">{t(lang, 'refund.staff.done')}</p>}
      {state.done === 'event' && <p class="notice" role="status">{t(lang, 'staffOrders.event.done')}</p>}
      <OrderFacts lang={lang} shop={shop} order={order} />
      <PrepareAndDeliver lang={lang} shop={shop} details={details} />
      <Deadlines lang={lang} deadlines={order.deadlines} />
      <h2>{t(lang, 'refund.staff.lines')}</h2>
      <OrderLines lang={lang} lines={refund.order.lines} exclVat={false} captionClass="muted" />
      <h2>{t(lang, 'refund.staff.payments')}</h2>
      {refund.order.payments.length === 0 ? (
        <p>{t(lang, 'refund.staff.noPayments')}</p>
      ) : (
        <ul>
          {refund.order.payments.map((pm) => (
            <li>{plainDate(lang, pm.receivedOn)} — {label(lang, 'payment', pm.method)} — {money(lang, pm.amountCents)}</li>
          ))}
        </ul>
      )}
      <h2>{t(lang, 'staffOrders.event.form')}</h2>
      <OrderEventForm lang={lang} action={`${base}/${order.id}/events`} csrf={csrf} allowed={order.allowedEvents} values={state.event?.values ?? { at: details.nowLocal }} errors={state.event?.errors ?? {}} grounds={groundsOf(shop)} refusalOver={refusalOver(lang, order.deadlines, details)} />
      <p><a href={`/shops/${shop.slug}/staff/today`}>{t(lang, 'today.link')}</a></p>
      <h2>{t(lang, 'staffOrders.history')}</h2>
      <History lang={lang} shop={shop} events={order.events} />
      {aftersale}
      <RefundSection lang={lang} shop={shop} csrf={csrf} order={refund.order} refunds={refund.refunds} values={state.refund?.values ?? {}} errors={state.refund?.errors ?? {}} />
      <StaffClaimsSection lang={lang} claims={details.claims} csrf={csrf} action={(id) => `/shops/${shop.slug}/staff/warranty-claims/${id}/decision`} factAction={(id) => `/shops/${shop.slug}/staff/warranty-claims/${id}/events`} photoUrl={(id, n) => `/shops/${shop.slug}/warranty-claims/${id}/photos/${n}`} refundWindow={details.claimRefundWindow} today={details.nowLocal.slice(0, 10)} />
      <h2>{t(lang, 'complaints.staff_title')}</h2>
      <p><a href={`/shops/${shop.slug}/staff/orders/${order.id}/complaints`}>{t(lang, 'complaints.staff_title')}</a></p>
      {/* Force majeure and formal notices by registered letter (issue 11 §5–§6). */}
      <p><a href={`/shops/${shop.slug}/staff/orders/${order.id}/formal-notices`}>{t(lang, 'formalNotice.staff.link')}</a> · <a href={`/shops/${shop.slug}/staff/force-majeure`}>{t(lang, 'forceMajeure.staff.title')}</a></p>
    </>
  );
}

function OrderFacts({ lang, shop, order }: { lang: Lang; shop: Shop; order: StaffOrderDetails['order'] }) {
  const { payment } = order;
  return (
    <dl class="facts">
      <dt>{t(lang, 'staffOrders.col.placedOn')}</dt>
      <dd>{formatDateTime(lang, new Date(order.placedAt), shop.timeZone)}</dd>
      <dt>{t(lang, 'staffOrders.col.customer')}</dt>
      <dd>{order.customerName}{order.customerGuest && <> <span class="badge">{t(lang, 'staffOrders.guest')}</span></>}</dd>
      <dt>{t(lang, 'staffOrders.col.status')}</dt>
      <dd>{label(lang, 'order.status', order.status)}</dd>
      <dt>{t(lang, 'staffOrders.col.payment')}</dt>
      <dd>{label(lang, 'payment.status', payment.status)} — {label(lang, 'payment', payment.method)}</dd>
      <dt>{t(lang, 'staffOrders.col.total')}</dt>
      <dd>{money(lang, Number(order.totals.grossCents))}</dd>
      <dt>{t(lang, 'staffOrders.paid')}</dt>
      <dd>{money(lang, payment.paidCents)}</dd>
      <dt>{t(lang, 'staffOrders.due')}</dt>
      <dd>{money(lang, payment.amountDueCents)}</dd>
      {payment.depositCents !== undefined && (
        <>
          <dt>{t(lang, 'staffOrders.deposit', { kind: payment.depositKind ?? '' })}</dt>
          <dd>{money(lang, payment.depositCents)}</dd>
        </>
      )}
    </dl>
  );
}

function History({ lang, shop, events }: { lang: Lang; shop: Shop; events: StaffOrderDetails['order']['events'] }) {
  if (events.length === 0) return <p>{t(lang, 'staffOrders.history.none')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t(lang, 'staffOrders.history.at')}</th>
          <th scope="col">{t(lang, 'staffOrders.history.type')}</th>
          <th scope="col">{t(lang, 'staffOrders.history.by')}</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr>
            <td>{formatDateTime(lang, new Date(e.at), shop.timeZone)}</td>
            <td>{label(lang, 'staffOrders.type', e.type)}</td>
            <td>{e.by}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Delivery = {
  mode: string;
  address?: AddressJson;
  pickupPointId?: string;
  /** The point as it was when ordered, and the slot held (issue 12 §3). */
  pickupPoint?: { name: string; commune?: string; address?: { line1: string; postalCode: string; city: string } };
  slotId?: string;
  slot?: { startsAt: string; endsAt: string };
  phone?: string;
  doorNotes?: string;
};

/** What preparing and handing over the order needs (issue 11 §8): how, where, when, and how to reach the customer. */
function PrepareAndDeliver({ lang, shop, details }: { lang: Lang; shop: Shop; details: StaffOrderDetails }) {
  const delivery = details.order.delivery as unknown as Delivery;
  const mode = shop.profile.delivery?.modes.find((m) => m.mode === delivery.mode);
  const points = (mode as { points?: { id?: string; name: string; commune: string; address?: { line1: string; postalCode: string; city: string } }[] } | undefined)?.points ?? [];
  const point = delivery.pickupPoint ?? (delivery.pickupPointId === undefined ? undefined : (points.find((p) => p.id === delivery.pickupPointId) ?? points[Number(delivery.pickupPointId)]));
  const customer = details.customer;
  const notGiven = t(lang, 'staffOrders.notGiven');
  return (
    <section aria-labelledby="prepare">
      <h2 id="prepare">{t(lang, 'staffOrders.prepare')}</h2>
      <dl class="facts">
        <dt>{t(lang, 'staffOrders.deliveryMode')}</dt>
        <dd>{deliveryLabel(lang, mode ?? { mode: delivery.mode })}</dd>
        {delivery.pickupPointId !== undefined && (
          <>
            <dt>{t(lang, 'staffOrders.pickupPoint')}</dt>
            <dd>{point ? `${point.name}${point.address ? ` — ${point.address.line1}, ${point.address.postalCode} ${point.address.city}` : point.commune ? ` (${point.commune})` : ''}` : delivery.pickupPointId}</dd>
          </>
        )}
        {(delivery.slotId !== undefined || delivery.slot !== undefined) && (
          <>
            <dt>{t(lang, 'staffOrders.slot')}</dt>
            <dd>{delivery.slot ? slotText(lang, delivery.slot, shop.timeZone) : delivery.slotId}</dd>
          </>
        )}
        {delivery.address && (
          <>
            <dt>{t(lang, 'staffOrders.address')}</dt>
            <dd>{addressText(lang, delivery.address)}</dd>
          </>
        )}
        {delivery.doorNotes && <><dt>{t(lang, 'staffOrders.event.note')}</dt><dd>{delivery.doorNotes}</dd></>}
        <dt>{t(lang, 'staffOrders.col.customer')}</dt>
        <dd>{details.order.customerName}</dd>
        <dt>{t(lang, 'staffOrders.customerEmail')}</dt>
        <dd>{customer ? <a href={`mailto:${customer.email}`}>{customer.email}</a> : notGiven}</dd>
        <dt>{t(lang, 'staffOrders.customerPhone')}</dt>
        <dd>{delivery.phone ? <a href={`tel:${delivery.phone.replace(/\s+/g, '')}`}>{delivery.phone}</a> : notGiven}</dd>
        {customer && (
          <>
            <dt>{t(lang, 'staffOrders.customerAddress')}</dt>
            <dd>{addressText(lang, customer.address)}</dd>
            <dt>{t(lang, 'staffOrders.customerLang')}</dt>
            <dd>{LANG_NAMES[customer.lang]}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

const LANG_NAMES: Record<Lang, string> = { fr: 'Français', en: 'English', nl: 'Nederlands' };
const addressText = (lang: Lang, a: AddressJson) => `${a.line1}, ${a.postalCode} ${a.city}, ${countryName(lang, a.country)}`;

/** Every deadline the order has (API.md `deadlines`), by its name; those this page does not know yet show their code. */
export function Deadlines({ lang, deadlines }: { lang: Lang; deadlines: Record<string, unknown> }) {
  const entries = Object.entries(deadlines).filter((e): e is [string, string] => typeof e[1] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(e[1]));
  return (
    <section aria-labelledby="deadlines">
      <h2 id="deadlines">{t(lang, 'staffOrders.deadlines')}</h2>
      {entries.length === 0 ? (
        <p>{t(lang, 'staffOrders.deadlines.none')}</p>
      ) : (
        <dl class="facts">
          {entries.map(([name, day]) => (
            <>
              <dt>{hasMessage(`deadline.${name}`) ? t(lang, `deadline.${name}` as MessageKey) : name}</dt>
              <dd>{plainDate(lang, day)}</dd>
            </>
          ))}
        </dl>
      )}
    </section>
  );
}

/** The refusal window's last day, written out, once it has passed (issue 11 §10: only an operator may still refuse). */
function refusalOver(lang: Lang, deadlines: Record<string, unknown>, details: StaffOrderDetails): { until: string; operator: boolean } | undefined {
  const until = deadlines.refusalUntil;
  if (typeof until !== 'string' || details.nowLocal.slice(0, 10) <= until) return undefined;
  return { until: plainDate(lang, until), operator: details.operator };
}

/** The grounds the shop's terms name for refusing an order or cancelling it as the seller ('any reason' needs none). */
const groundsOf = (shop: Shop): string[] => [...new Set([...(shop.profile.orders?.refusal?.reasons ?? []), ...(shop.profile.orders?.sellerCancellation ?? [])])].filter((g) => g !== 'any_reason');
