/**
 * Where the order stands, for its customer (issue 11 §7): why it ended (a refusal or cancellation
 * with its reason, and that no payment is asked any more), the next deadline of each side, what
 * they may still do (links to the sections and pages that do it), the timeline of its steps
 * dated in the shop's zone and written in the reader's language, and its documents.
 */
import { invoicePdfUrl } from '../../../invoicing/service.ts';
import { hasMessage, type Lang, type MessageKey, t } from '../../../kernel/i18n/index.ts';
import type { Shop } from '../../../shops/service.ts';
import { plainDate } from '../../orders/views/labels.ts';
import { formatDateTime } from './labels.ts';

/** The deadlines the shop must keep, and those that are the customer's (API.md `deadlines`). */
const SHOP_SIDE = ['refusalUntil', 'deliveryLatestOn', 'refundDueOn'];
const CUSTOMER_SIDE = ['paymentDueOn', 'balanceDueOn', 'modificationUntil', 'cancellationUntil', 'withdrawalEndsOn', 'warrantyEndsOn'];
const ENDED = ['refused', 'cancelled'];
const BEFORE_SHIPMENT = ['awaiting_payment', 'awaiting_acceptance', 'accepted', 'preparing'];

export type TrackedOrder = {
  id: string;
  status: string;
  deadlines: Record<string, unknown>;
  events: readonly { type: string; at: string }[];
  acceptedTerms: { documents: readonly { kind: string; version: string; title?: string }[] };
};

type Props = { lang: Lang; shop: Shop; order: TrackedOrder; today: string; reason: string | null; invoice: { id: string; number: string } | null; modelForm: boolean };

/** The earliest deadline of `names` on or after today, if any. */
function nextOf(deadlines: Record<string, unknown>, names: readonly string[], today: string): [string, string] | null {
  const upcoming = names.map((n) => [n, deadlines[n]] as const).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] >= today);
  return upcoming.sort((a, b) => a[1].localeCompare(b[1]))[0] ?? null;
}

const deadlineLabel = (lang: Lang, name: string) => (hasMessage(`deadline.${name}`) ? t(lang, `deadline.${name}` as MessageKey) : name);

export function OrderTracking({ lang, shop, order, today, reason, invoice, modelForm }: Props) {
  const ended = ENDED.includes(order.status);
  const base = `/shops/${shop.slug}/orders/${order.id}`;
  const next = [
    ['tracking.side.shop', nextOf(order.deadlines, SHOP_SIDE, today)],
    ['tracking.side.customer', ended ? null : nextOf(order.deadlines, CUSTOMER_SIDE, today)],
  ] as const;
  const withdrawalEndsOn = typeof order.deadlines.withdrawalEndsOn === 'string' && order.deadlines.withdrawalEndsOn >= today ? order.deadlines.withdrawalEndsOn : null;
  const deliveryLatestOn = typeof order.deadlines.deliveryLatestOn === 'string' ? order.deadlines.deliveryLatestOn : null;
  const late = deliveryLatestOn !== null && deliveryLatestOn < today && ['accepted', 'preparing', 'shipped'].includes(order.status);
  const timeline = order.events.filter((e) => hasMessage(`tracking.event.${e.type}`));
  return (
    <>
      {ended && (
        <div class="notice" role="status">
          <p>{t(lang, order.status === 'refused' ? 'tracking.ended.refused' : 'tracking.ended.cancelled')}</p>
          {reason && <p>{t(lang, 'tracking.reason', { reason })}</p>}
        </div>
      )}
      <section aria-labelledby="tracking-deadlines">
        <h2 id="tracking-deadlines">{t(lang, 'tracking.deadlines')}</h2>
        {next.every(([, d]) => d === null) ? (
          <p>{t(lang, 'tracking.deadlines.none')}</p>
        ) : (
          <dl class="facts">
            {next.map(([side, d]) =>
              d ? (
                <>
                  <dt>{t(lang, side)}</dt>
                  <dd>{deadlineLabel(lang, d[0])} {plainDate(lang, d[1])}</dd>
                </>
              ) : null,
            )}
          </dl>
        )}
      </section>
      {!ended && (
        <section aria-labelledby="tracking-actions">
          <h2 id="tracking-actions">{t(lang, 'tracking.actions')}</h2>
          <ul>
            {BEFORE_SHIPMENT.includes(order.status) && <li><a href="#customer-changes">{t(lang, 'tracking.action.changes')}</a></li>}
            {late && <li><a href={`${base}/late-delivery`}>{t(lang, 'tracking.action.lateDelivery')}</a></li>}
            {withdrawalEndsOn && <li><a href={`${base}/withdrawal`}>{t(lang, 'tracking.action.withdrawal', { date: plainDate(lang, withdrawalEndsOn) })}</a></li>}
            <li><a href={`${base}/complaints/new`}>{t(lang, 'tracking.action.complaint')}</a></li>
          </ul>
        </section>
      )}
      <section aria-labelledby="tracking-timeline">
        <h2 id="tracking-timeline">{t(lang, 'tracking.timeline')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'tracking.timeline.at')}</th>
              <th scope="col">{t(lang, 'tracking.timeline.what')}</th>
            </tr>
          </thead>
          <tbody>
            {timeline.map((e) => (
              <tr>
                <td>{formatDateTime(lang, new Date(e.at), shop.timeZone)}</td>
                <td>{t(lang, `tracking.event.${e.type}` as MessageKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="tracking-documents">
        <h2 id="tracking-documents">{t(lang, 'tracking.documents')}</h2>
        <ul>
          {invoice && <li><a href={invoicePdfUrl(shop.slug, invoice.id)}>{t(lang, 'tracking.doc.invoice', { number: invoice.number })}</a></li>}
          {order.acceptedTerms.documents.map((d) => (
            <li><a href={`/shops/${shop.slug}/terms/${d.kind}/${d.version}.pdf`}>{t(lang, 'tracking.doc.terms', { title: d.title ?? (hasMessage(`terms.kind.${d.kind}`) ? t(lang, `terms.kind.${d.kind}` as MessageKey) : d.kind), version: d.version })}</a></li>
          ))}
          {modelForm && <li><a href={`${base}/withdrawal-form.pdf`}>{t(lang, 'tracking.doc.modelForm')}</a></li>}
        </ul>
      </section>
    </>
  );
}
