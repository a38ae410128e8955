/**
 * Special orders not collected on the pages (issue 11 §6; 003 art.7.2): the customer's order page
 * says which goods were ordered specially and what follows if they are not collected, then, once
 * closed, what is due and the invoices; the staff order page lists the storage costs with a form
 * to document one, and, once the non-collection letter's period has run, the form that closes the
 * order (price and storage costs invoiced, the customer told). Forms without JavaScript, with their
 * CSRF token; a refused form comes back with its errors (FR/EN/NL). The API is special-order-api.ts.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { longDate } from '../../aftersale/format.ts';
import { settleSpecialOrder, type SpecialOrderJson, specialOrderJson } from '../../flows/special-order-settlement.ts';
import { type Lang, t } from '../../kernel/i18n/index.ts';
import { money } from '../../kernel/i18n/money.ts';
import { isUuid } from '../../kernel/ids.ts';
import { parseEuros } from '../../kernel/money.ts';
import { ValidationFailed } from '../../kernel/errors.ts';
import { invoicePdfUrl } from '../../invoicing/service.ts';
import { findOrderFor } from '../../orders/service.ts';
import { recordStorageCost, SpecialOrderSettlementInput, StorageCostInput } from '../../orders/special-orders.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import type { Shop } from '../../shops/service.ts';
import { staffShop } from '../../shops/staff-access.ts';
import { frameFor, sendPage } from '../context.ts';
import { fieldErrors, flatForm } from '../form-errors.ts';
import { ErrorSummary, Field, type FieldErrors } from '../forms.tsx';
import { Page } from '../layout.tsx';

type IdParams = { Params: { shop: string; id: string } };
type FormState = { values: Record<string, string>; errors: FieldErrors };
const actorName = (request: FastifyRequest) => (request.actor.kind === 'anonymous' ? 'anonymous' : `${request.actor.kind}:${request.actor.id}`);

/** What is due: the price of the special goods, the storage costs, paid so far and the balance. */
function Amounts({ lang, so }: { lang: Lang; so: SpecialOrderJson }) {
  const s = so.settlement;
  if (!s) return null;
  return (
    <dl class="facts">
      <dt>{t(lang, 'specialOrder.priceDue')}</dt>
      <dd>{money(lang, s.priceDueCents)}</dd>
      <dt>{t(lang, 'specialOrder.storageCosts')}</dt>
      <dd>{money(lang, s.storageCents)}</dd>
      <dt>{t(lang, 'specialOrder.totalDue')}</dt>
      <dd>{money(lang, s.totalDueCents)}</dd>
      <dt>{t(lang, 'specialOrder.paid')}</dt>
      <dd>{money(lang, s.paidCents)}</dd>
      <dt>{t(lang, s.balanceCents >= 0 ? 'specialOrder.balance' : 'specialOrder.owedBack')}</dt>
      <dd>{money(lang, Math.abs(s.balanceCents))}</dd>
    </dl>
  );
}

function StorageCosts({ lang, so }: { lang: Lang; so: SpecialOrderJson }) {
  if (so.storageCosts.length === 0) return <p>{t(lang, 'specialOrder.noStorageCosts')}</p>;
  return (
    <table>
      <caption class="muted">{t(lang, 'specialOrder.storageCosts')}</caption>
      <thead>
        <tr>
          <th scope="col">{t(lang, 'specialOrder.description')}</th>
          <th scope="col">{t(lang, 'specialOrder.amountExclVat')}</th>
          <th scope="col">{t(lang, 'specialOrder.amountInclVat')}</th>
          <th scope="col">{t(lang, 'specialOrder.document')}</th>
        </tr>
      </thead>
      <tbody>
        {so.storageCosts.map((c) => (
          <tr>
            <td>{c.description}</td>
            <td>{money(lang, c.amountExclVatCents)}</td>
            <td>{money(lang, c.grossCents)}</td>
            <td>{c.document ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NoticeLine({ lang, so }: { lang: Lang; so: SpecialOrderJson }) {
  const n = so.notice;
  if (!n) return null;
  return <p>{n.effectiveFrom ? t(lang, 'specialOrder.notice', { sentOn: longDate(lang, n.sentOn), from: longDate(lang, n.effectiveFrom) }) : t(lang, 'specialOrder.noticeNotPresented', { sentOn: longDate(lang, n.sentOn) })}</p>;
}

const specialLines = (so: SpecialOrderJson) => so.lines.filter((l) => l.specialOrder).map((l) => l.name).join(', ');

function Settled({ lang, shop, so }: { lang: Lang; shop: Shop; so: SpecialOrderJson }) {
  if (!so.settled) return null;
  const storageInvoiceId = so.storageCosts.find((c) => c.invoiceId)?.invoiceId;
  const invoices = [so.settled.invoiceNumber, so.settled.storageInvoiceNumber, so.settled.creditNoteNumber].filter(Boolean).join(', ');
  return (
    <>
      <p class="notice">{t(lang, 'specialOrder.settled', { on: longDate(lang, so.settled.on), invoices })}</p>
      {storageInvoiceId && so.settled.storageInvoiceNumber && <p><a href={invoicePdfUrl(shop.slug, storageInvoiceId)}>{t(lang, 'specialOrder.storageCosts')} — {so.settled.storageInvoiceNumber} (PDF)</a></p>}
    </>
  );
}

/** The customer's order page: the goods ordered specially and the rule, and once closed what is due. */
export async function customerSpecialOrderSection(request: FastifyRequest, shop: Shop, order: { id: string; gross_cents: number }) {
  const so = await specialOrderJson(request.server.deps.database.db, shop, order);
  if (!so.specialOrder) return null;
  const lang = request.lang;
  return (
    <section aria-labelledby="special-order">
      <h2 id="special-order">{t(lang, 'specialOrder.title')}</h2>
      <p>{t(lang, 'specialOrder.lines', { lines: specialLines(so) })}</p>
      {so.settled ? <Settled lang={lang} shop={shop} so={so} /> : <p>{t(lang, 'specialOrder.rule')}</p>}
      <NoticeLine lang={lang} so={so} />
      {(so.settled || so.storageCosts.length > 0) && (
        <>
          <StorageCosts lang={lang} so={so} />
          <Amounts lang={lang} so={so} />
        </>
      )}
    </section>
  );
}

type StaffSectionProps = { lang: Lang; shop: Shop; csrf: string; so: SpecialOrderJson; status: string; today: string; done?: string | undefined; storage?: FormState; settle?: FormState };

function StaffSection({ lang, shop, csrf, so, status, today, done, storage, settle }: StaffSectionProps) {
  const base = `/shops/${shop.slug}/staff/orders/${so.orderId}`;
  const waiting = ['accepted', 'preparing', 'shipped'].includes(status) && !so.settled;
  const canClose = waiting && so.notice !== null && so.notice.effectiveFrom !== null && so.notice.effectiveFrom <= today && !so.notice.cured;
  return (
    <section aria-labelledby="special-order">
      <h2 id="special-order">{t(lang, 'specialOrder.title')}</h2>
      {done === 'storage-cost' && <p class="notice" role="status">{t(lang, 'specialOrder.recorded')}</p>}
      {done === 'special-order' && <p class="notice" role="status">{t(lang, 'specialOrder.settledNotice')}</p>}
      <p>{t(lang, 'specialOrder.lines', { lines: specialLines(so) })}</p>
      <p>{t(lang, 'specialOrder.rule')}</p>
      <NoticeLine lang={lang} so={so} />
      <Settled lang={lang} shop={shop} so={so} />
      <StorageCosts lang={lang} so={so} />
      <Amounts lang={lang} so={so} />
      {waiting && (
        <>
          <ErrorSummary lang={lang} errors={storage?.errors ?? {}} />
          <form method="post" action={`${base}/storage-costs`} novalidate aria-label={t(lang, 'specialOrder.record')}>
            <input type="hidden" name="_csrf" value={csrf} />
            <Field name="description" label={t(lang, 'specialOrder.description')} value={storage?.values.description} required errors={storage?.errors ?? {}} />
            <Field name="amount" label={t(lang, 'specialOrder.amountExclVat')} hint="75,00" value={storage?.values.amount} required errors={storage?.errors ?? {}} />
            <Field name="document" label={t(lang, 'specialOrder.document')} value={storage?.values.document} errors={storage?.errors ?? {}} />
            <button type="submit">{t(lang, 'specialOrder.record')}</button>
          </form>
        </>
      )}
      {canClose && so.notice && (
        <>
          <ErrorSummary lang={lang} errors={settle?.errors ?? {}} />
          <form method="post" action={`${base}/special-order-settlement`} novalidate aria-label={t(lang, 'specialOrder.settle')}>
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="noticeId" value={so.notice.id} />
            <Field name="note" label={t(lang, 'staffOrders.event.note')} value={settle?.values.note} errors={settle?.errors ?? {}} />
            <div class={settle?.errors.confirm ? 'field has-error' : 'field'}>
              {settle?.errors.confirm && <p class="error" id="f-settle-confirm-error">{settle.errors.confirm}</p>}
              <p>
                <input type="checkbox" id="f-settle-confirm" name="confirm" value="yes" aria-invalid={settle?.errors.confirm ? 'true' : undefined} aria-describedby={settle?.errors.confirm ? 'f-settle-confirm-error' : undefined} />{' '}
                <label for="f-settle-confirm">{t(lang, 'specialOrder.settleConfirm')}</label>
              </p>
            </div>
            <button type="submit">{t(lang, 'specialOrder.settle')}</button>
          </form>
        </>
      )}
    </section>
  );
}

/** The staff order page's section, when the order holds a special order under the shop's terms. */
export async function staffSpecialOrderSection(request: FastifyRequest, shop: Shop, orderId: string, csrf: string, forms: { storage?: FormState; settle?: FormState } = {}) {
  if (!isUuid(orderId)) return null;
  const { db } = request.server.deps.database;
  const order = await findOrderFor(db, request.actor, shop.slug, orderId);
  const so = await specialOrderJson(db, shop, order);
  if (!so.specialOrder) return null;
  const today = request.server.deps.clock.now().toZonedDateTimeISO(shop.timeZone).toPlainDate().toString();
  return <StaffSection lang={request.lang} shop={shop} csrf={csrf} so={so} status={order.status} today={today} done={(request.query as { done?: string }).done} {...forms} />;
}

export const specialOrderStaffPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const deps = { db, clock: app.deps.clock };

  /** A refused form: its errors on top, the section with what was typed, and the way back. */
  async function refused(request: FastifyRequest<IdParams>, reply: FastifyReply, shop: Shop, forms: { storage?: FormState; settle?: FormState }) {
    const order = await findOrderFor(db, request.actor, shop.slug, request.params.id);
    const f = frameFor(request, reply, `${t(request.lang, 'specialOrder.title')} — ${order.number}`, { slug: shop.slug, name: shop.name });
    const section = await staffSpecialOrderSection(request, shop, order.id, f.csrfToken ?? '', forms);
    return sendPage(reply, <Page frame={f}><h1>{t(request.lang, 'specialOrder.title')} — {order.number}</h1>{section}<p><a href={`/shops/${shop.slug}/staff/orders/${order.id}`}>{t(request.lang, 'staffOrders.back')}</a></p></Page>, 422);
  }

  app.post<IdParams>('/shops/:shop/staff/orders/:id/storage-costs', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const values = flatForm(request.body);
    try {
      const amount = values.amount?.trim();
      const input = parseOrThrow(StorageCostInput, { description: values.description ?? '', amountExclVatCents: amount ? (parseEuros(amount) ?? Number.NaN) : Number.NaN, ...(values.document?.trim() && { document: values.document }) });
      await recordStorageCost(deps, shop, request.params.id, input, actorName(request));
      return reply.redirect(`/shops/${shop.slug}/staff/orders/${request.params.id}?done=storage-cost#special-order`, 303);
    } catch (error) {
      const errors = Object.fromEntries(Object.entries(fieldErrors(error, request.lang)).map(([k, v]) => [k === 'amountExclVatCents' ? 'amount' : k, v]));
      return refused(request, reply, shop, { storage: { values, errors } });
    }
  });

  app.post<IdParams>('/shops/:shop/staff/orders/:id/special-order-settlement', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(db, request, reply);
    if (!shop) return reply;
    const values = flatForm(request.body);
    try {
      if (values.confirm !== 'yes') throw new ValidationFailed([{ field: 'confirm', code: 'confirmation_required' }]);
      const input = parseOrThrow(SpecialOrderSettlementInput, { noticeId: values.noticeId ?? '', ...(values.note?.trim() && { note: values.note }) });
      await settleSpecialOrder(deps, shop, request.params.id, input, actorName(request));
      return reply.redirect(`/shops/${shop.slug}/staff/orders/${request.params.id}?done=special-order#special-order`, 303);
    } catch (error) {
      return refused(request, reply, shop, { settle: { values, errors: fieldErrors(error, request.lang) } });
    }
  });
};
