/**
 * An order as its customer (or the shop's staff) reads it after placing it: number, status,
 * lines, amounts, delivery, payment, and the exact terms accepted with their SHA-256, the
 * fingerprint the evidence log binds to the order (C06).
 */
import type { Child } from '#jsx/jsx-runtime';
import { money } from '../../../kernel/i18n/money.ts';
import type { AddressJson } from '../../../db/schema.ts';
import { invoicePdfUrl } from '../../../invoicing/service.ts';
import { hasMessage, type Lang, type MessageKey, t } from '../../../kernel/i18n/index.ts';
import type { orderJson } from '../../../flows/order-json.ts';
import type { TransferInstructions as Transfer } from '../../../payments/transfer.ts';
import type { Shop } from '../../../shops/service.ts';
import type { OrderSummary } from '../../../checkout/placed-orders.ts';
import { longDate } from '../../../aftersale/format.ts';
import { DeliveryFacts } from './delivery-facts.tsx';
import { OrderLines } from './order-lines.tsx';
import { formatDateTime, paymentLabel } from './labels.ts';
import { TransferInstructions } from './transfer-instructions.tsx';
import { DepositFacts } from '../../payments/views/deposits/deposit-facts.tsx';
import { LateDeliveryLink } from '../../orders/views/late-delivery-link.tsx';
import { CreditNoteLinks, type CreditNoteLink } from '../../invoicing/credit-note-links.tsx';

type Order = Awaited<ReturnType<typeof orderJson>>;

export function statusLabel(lang: Lang, status: string): string {
  const key = `order.status.${status}`;
  return hasMessage(key) ? t(lang, key) : status;
}

const docLabel = (lang: Lang, kind: string) => (hasMessage(`terms.kind.${kind}`) ? t(lang, `terms.kind.${kind}` as MessageKey) : kind);

/**
 * `transfer`: the instructions of a transfer still to make, shown right under the order's status;
 * `payment`: likewise, another means of payment still to use (the card payment section);
 * `invoice`: the order's invoice, once issued, linked as PDF;
 * `withdrawal`: the withdrawal function's entry while the period runs (issue 10 §1), with the
 *   pre-filled model withdrawal form beside it (§8).
 */
export function OrderPage({ lang, shop, order, transfer, placed, payment, invoice, withdrawal, tracking }: { lang: Lang; shop: Shop; order: Order; transfer: Transfer | null; placed: boolean; payment?: Child; invoice?: { id: string; number: string; creditNotes?: CreditNoteLink[] } | null; withdrawal?: Child; tracking?: Child }) {
  // A refused or cancelled order asks for no payment any more (issue 11 §8).
  const ended = order.status === 'refused' || order.status === 'cancelled';
  const delivery = order.delivery as unknown as { mode: string; address?: AddressJson; pickupPointId?: string };
  const mode = shop.profile.delivery?.modes.find((m) => m.mode === delivery.mode) ?? { mode: delivery.mode };
  return (
    <>
      <h1>{t(lang, 'order.title', { number: order.number })}</h1>
      {placed && <p class="notice" role="status">{t(lang, 'order.placed', { number: order.number })}</p>}
      <dl class="facts">
        <dt>{t(lang, 'order.number')}</dt>
        <dd>{order.number}</dd>
        <dt>{t(lang, 'order.status')}</dt>
        <dd>{statusLabel(lang, order.status)}</dd>
        <dt>{t(lang, 'order.placedAt')}</dt>
        <dd>{formatDateTime(lang, new Date(order.placedAt), shop.timeZone)}</dd>
      </dl>
      {/* A service's express request to start during the withdrawal period, and when it started (issue 10 §2, L221-25). */}
      {order.serviceStartRequestedAt && <p id="service-start-request">{t(lang, 'service.order.requested', { at: formatDateTime(lang, new Date(order.serviceStartRequestedAt), shop.timeZone) })}</p>}
      {order.serviceStartedOn && <p>{t(lang, 'service.order.startedOn', { date: longDate(lang, order.serviceStartedOn) })}</p>}
      {invoice && <p><a href={invoicePdfUrl(shop.slug, invoice.id)}>{t(lang, 'invoice.link', { number: invoice.number })}</a></p>}
      <CreditNoteLinks lang={lang} shop={shop} notes={invoice?.creditNotes} />
      {tracking}
      {withdrawal}
      {withdrawal && <p><a href={`/shops/${shop.slug}/orders/${order.id}/withdrawal-form.pdf`}>{t(lang, 'modelForm.link')}</a></p>}
      {/* Complaints, reserves, invoice disputes, goodwill returns: each with its window (issue 10 §5–§6). */}
      <p><a href={`/shops/${shop.slug}/orders/${order.id}/complaints/new`}>{t(lang, 'complaints.link')}</a></p>
      <LateDeliveryLink lang={lang} shop={shop} order={order} />
      {!ended && <DepositFacts lang={lang} order={order} />}
      {transfer && <TransferInstructions lang={lang} transfer={transfer} qrUrl={`/shops/${shop.slug}/orders/${order.id}/transfer-qr.svg`} />}
      {payment}
      <OrderLines lang={lang} lines={order.lines} exclVat={order.totals.vatCents === 0 && order.totals.grossCents > 0} />
      <h2>{t(lang, 'order.totals')}</h2>
      <dl class="facts">
        <dt>{t(lang, 'checkout.review.shipping')}</dt>
        <dd>{money(lang, order.totals.shippingCents)}</dd>
        <dt>{t(lang, 'checkout.review.totalHt')}</dt>
        <dd>{money(lang, order.totals.netCents)}</dd>
        <dt>{t(lang, 'checkout.review.vat')}</dt>
        <dd>{money(lang, order.totals.vatCents)}</dd>
        <dt>{t(lang, 'order.total')}</dt>
        <dd><strong>{money(lang, order.totals.grossCents)}</strong></dd>
        <dt>{t(lang, 'checkout.review.delivery')}</dt>
        <dd><DeliveryFacts lang={lang} mode={mode} delivery={delivery} timeZone={shop.timeZone} /></dd>
        <dt>{t(lang, 'checkout.review.payment')}</dt>
        <dd>{paymentLabel(lang, order.payment.method)}{ended && order.payment.status === 'awaiting' ? ` — ${t(lang, 'tracking.noPaymentDue')}` : hasMessage(`payment.status.${order.payment.status}`) && ` — ${t(lang, `payment.status.${order.payment.status}` as MessageKey)}`}</dd>
      </dl>
      <h2>{t(lang, 'order.terms')}</h2>
      <ul>
        {order.acceptedTerms.documents.map((d) => (
          <li>
            {docLabel(lang, d.kind)}, version {d.version}
            <br />
            <span class="muted">{t(lang, 'order.sha256')} :</span> <code style="overflow-wrap: anywhere">{d.sha256}</code>
          </li>
        ))}
      </ul>
    </>
  );
}


export function OrdersList({ lang, shop, orders }: { lang: Lang; shop: Shop; orders: readonly OrderSummary[] }) {
  return (
    <section aria-labelledby="my-orders">
      <h2 id="my-orders">{t(lang, 'order.mine')}</h2>
      {orders.length === 0 ? (
        <p>{t(lang, 'order.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'order.number')}</th>
              <th scope="col">{t(lang, 'order.placedAt')}</th>
              <th scope="col">{t(lang, 'order.status')}</th>
              <th scope="col" class="num">{t(lang, 'order.total')}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr>
                <th scope="row"><a href={`/shops/${shop.slug}/orders/${o.id}`}>{o.number}</a></th>
                <td>{formatDateTime(lang, o.placedAt, shop.timeZone)}</td>
                <td>{statusLabel(lang, o.status)}</td>
                <td class="num">{money(lang, o.grossCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
