/**
 * Staff pages of group-purchase campaigns (issue 12 §1, §6): the list (with next season's copy),
 * the creation form, and a campaign's dashboard (orders, amounts, fill of caps, payments
 * outstanding, distribution points and slots, documents, closing).
 */
import type { CampaignJson } from '../../../campaigns/service.ts';
import type { PromiseJson } from '../../../campaigns/rules.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import { money } from '../../../kernel/i18n/money.ts';
import { ErrorSummary, Field, type FieldErrors, Form } from '../../forms.tsx';

export function localInstant(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

export function CampaignList({ lang, shop, csrf, campaigns, timeZone, notice }: { lang: Lang; shop: string; csrf: string; campaigns: CampaignJson[]; timeZone: string; notice?: string | undefined }) {
  return (
    <>
      <h1>{t(lang, 'campaign.list.title')}</h1>
      {notice && <p class="notice" role="status">{notice}</p>}
      <p><a href={`/shops/${shop}/staff/campaigns/new`}>{t(lang, 'campaign.list.new')}</a></p>
      {campaigns.length === 0 ? (
        <p>{t(lang, 'campaign.list.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'campaign.col.title')}</th>
              <th scope="col">{t(lang, 'campaign.col.window')}</th>
              <th scope="col">{t(lang, 'campaign.col.state')}</th>
              <th scope="col">{t(lang, 'campaign.col.products')}</th>
              <th scope="col">{t(lang, 'campaign.clone')}</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.map((c) => (
              <tr>
                <td><a href={`/shops/${shop}/staff/campaigns/${c.id}`}>{c.title}</a></td>
                <td>{t(lang, 'campaign.window', { from: localInstant(c.opensAt, timeZone), to: localInstant(c.closesAt, timeZone) })}</td>
                <td>{t(lang, `campaign.state.${c.state}`)}</td>
                <td>{c.products.map((p) => p.sku).join(', ')}</td>
                <td>
                  <Form action={`/shops/${shop}/staff/campaigns/${c.id}/clone`} csrfToken={csrf} label={`${t(lang, 'campaign.clone')} — ${c.title}`}>
                    <button type="submit" aria-label={`${t(lang, 'campaign.clone')} — ${c.title}`}>{t(lang, 'campaign.clone')}</button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export type ProductChoice = { id: string; sku: string; name: string };

export function CampaignForm({ lang, shop, csrf, products, values, errors }: { lang: Lang; shop: string; csrf: string; products: ProductChoice[]; values: Record<string, string>; errors: FieldErrors }) {
  const dateHint = t(lang, 'campaign.field.dateHint');
  return (
    <>
      <h1>{t(lang, 'campaign.new.title')}</h1>
      <ErrorSummary lang={lang} errors={errors} />
      <p class="hint">{t(lang, 'common.requiredHint')}</p>
      <Form action={`/shops/${shop}/staff/campaigns`} csrfToken={csrf}>
        <Field name="title" label={t(lang, 'campaign.field.title')} value={values.title} errors={errors} required />
        <Field name="opensAt" type="datetime-local" label={t(lang, 'campaign.field.opensAt')} hint={t(lang, 'campaign.field.instantHint')} value={values.opensAt} errors={errors} required />
        <Field name="closesAt" type="datetime-local" label={t(lang, 'campaign.field.closesAt')} hint={t(lang, 'campaign.field.instantHint')} value={values.closesAt} errors={errors} required />
        <Field name="minimumQuantity" type="number" label={t(lang, 'campaign.field.minimumQuantity')} value={values.minimumQuantity} errors={errors} />
        <fieldset>
          <legend>{t(lang, 'campaign.field.products')}</legend>
          {errors.products && <p class="error" id="f-products">{errors.products}</p>}
          {products.map((p, i) => (
            <div class="campaign-product">
              <input type="hidden" name={`p.${i}.id`} value={p.id} />
              <div class="field">
                <input type="checkbox" id={`f-p-${i}-include`} name={`p.${i}.include`} checked={values[`p.${i}.include`] === 'on'} />
                <label for={`f-p-${i}-include`}>{t(lang, 'campaign.field.include', { name: p.name, sku: p.sku })}</label>
              </div>
              <Field name={`p.${i}.cap`} type="number" label={t(lang, 'campaign.field.cap', { sku: p.sku })} value={values[`p.${i}.cap`]} errors={errors} />
              <Field name={`p.${i}.minimum`} type="number" label={t(lang, 'campaign.field.productMinimum', { sku: p.sku })} value={values[`p.${i}.minimum`]} errors={errors} />
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'campaign.field.promises')}</legend>
          <Field name="earlyUntil" type="date" label={t(lang, 'campaign.field.earlyUntil')} hint={dateHint} value={values.earlyUntil} errors={errors} />
          <Field name="earlyFrom" type="date" label={t(lang, 'campaign.field.earlyFrom')} hint={dateHint} value={values.earlyFrom} errors={errors} />
          <Field name="earlyLatest" type="date" label={t(lang, 'campaign.field.earlyLatest')} hint={dateHint} value={values.earlyLatest} errors={errors} />
          <Field name="lateFrom" type="date" label={t(lang, 'campaign.field.lateFrom')} hint={dateHint} value={values.lateFrom} errors={errors} />
          <Field name="lateLatest" type="date" label={t(lang, 'campaign.field.lateLatest')} hint={dateHint} value={values.lateLatest} errors={errors} required />
        </fieldset>
        <button type="submit">{t(lang, 'campaign.create')}</button>
      </Form>
    </>
  );
}

export function promiseText(lang: Lang, p: PromiseJson): string {
  const ordered =
    p.orderedFrom && p.orderedUntil
      ? t(lang, 'campaign.promise.orderedBetween', { from: p.orderedFrom, until: p.orderedUntil })
      : p.orderedUntil
        ? t(lang, 'campaign.promise.orderedUntil', { until: p.orderedUntil })
        : p.orderedFrom
          ? t(lang, 'campaign.promise.orderedFrom', { from: p.orderedFrom })
          : t(lang, 'campaign.promise.orderedAny');
  const delivery = p.deliveryFrom ? t(lang, 'campaign.promise.delivery', { from: p.deliveryFrom, latest: p.deliveryLatestOn }) : t(lang, 'campaign.promise.deliveryLatest', { latest: p.deliveryLatestOn });
  return t(lang, 'campaign.dash.promise', { ordered, delivery });
}

export type DashboardFacts = {
  orders: number;
  amountCents: number;
  outstanding: { orders: number; cents: number };
  points: { point: string; slot: string; orders: number; units: number; slotFill: { taken: number; capacity: number } | null }[];
  documents: { href: string; label: string }[];
};

export function CampaignDashboard({ lang, shop, csrf, campaign, facts, timeZone, notice }: { lang: Lang; shop: string; csrf: string; campaign: CampaignJson; facts: DashboardFacts; timeZone: string; notice?: string | undefined }) {
  const base = `/shops/${shop}/staff/campaigns/${campaign.id}`;
  return (
    <>
      <h1>{campaign.title}</h1>
      {notice && <p class="notice" role="status">{notice}</p>}
      <p><a href={`/shops/${shop}/staff/campaigns`}>{t(lang, 'campaign.list.title')}</a></p>
      <dl class="facts">
        <dt>{t(lang, 'campaign.col.window')}</dt>
        <dd>{t(lang, 'campaign.window', { from: localInstant(campaign.opensAt, timeZone), to: localInstant(campaign.closesAt, timeZone) })}</dd>
        <dt>{t(lang, 'campaign.col.state')}</dt>
        <dd>{t(lang, `campaign.state.${campaign.state}`)}</dd>
        <dt>{t(lang, 'campaign.dash.orders')}</dt>
        <dd>{facts.orders}</dd>
        <dt>{t(lang, 'campaign.dash.amount')}</dt>
        <dd>{money(lang, facts.amountCents)}</dd>
        <dt>{t(lang, 'campaign.dash.outstanding')}</dt>
        <dd>{t(lang, 'campaign.dash.outstandingOrders', { count: facts.outstanding.orders, amount: money(lang, facts.outstanding.cents) })}</dd>
        {campaign.minimumQuantity !== null && <dt>{t(lang, 'campaign.dash.minimum')}</dt>}
        {campaign.minimumQuantity !== null && <dd>{campaign.minimumQuantity}</dd>}
      </dl>
      <h2>{t(lang, 'campaign.dash.caps')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'campaign.dash.product')}</th>
            <th scope="col" class="num">{t(lang, 'campaign.dash.taken')}</th>
            <th scope="col" class="num">{t(lang, 'campaign.dash.cap')}</th>
            <th scope="col" class="num">{t(lang, 'campaign.dash.minimum')}</th>
            <th scope="col" class="num">{t(lang, 'campaign.dash.fill')}</th>
          </tr>
        </thead>
        <tbody>
          {campaign.products.map((p) => (
            <tr>
              <th scope="row">{p.sku} — {p.name}</th>
              <td class="num">{p.taken}</td>
              <td class="num">{p.cap ?? t(lang, 'campaign.dash.none')}</td>
              <td class="num">{p.minimumQuantity ?? t(lang, 'campaign.dash.none')}</td>
              <td class="num">{p.cap ? `${Math.round((100 * p.taken) / p.cap)} %` : t(lang, 'campaign.dash.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t(lang, 'campaign.dash.points')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'campaign.doc.point')}</th>
            <th scope="col">{t(lang, 'campaign.doc.slot')}</th>
            <th scope="col" class="num">{t(lang, 'campaign.dash.orders')}</th>
            <th scope="col" class="num">{t(lang, 'campaign.doc.quantity')}</th>
            <th scope="col" class="num">{t(lang, 'campaign.dash.slotFill')}</th>
          </tr>
        </thead>
        <tbody>
          {facts.points.map((g) => (
            <tr>
              <th scope="row">{g.point}</th>
              <td>{g.slot}</td>
              <td class="num">{g.orders}</td>
              <td class="num">{g.units}</td>
              <td class="num">{g.slotFill ? `${g.slotFill.taken} / ${g.slotFill.capacity}` : t(lang, 'campaign.dash.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t(lang, 'campaign.dash.promises')}</h2>
      <ul>
        {campaign.promises.map((p) => <li>{promiseText(lang, p)}</li>)}
      </ul>
      <h2>{t(lang, 'campaign.dash.documents')}</h2>
      <ul>
        {facts.documents.map((d) => <li><a href={d.href}>{d.label}</a></li>)}
      </ul>
      {campaign.state !== 'closed' && campaign.state !== 'upcoming' && (
        <Form action={`${base}/close`} csrfToken={csrf}>
          <button type="submit">{t(lang, 'campaign.close')}</button>
        </Form>
      )}
      <Form action={`${base}/clone`} csrfToken={csrf}>
        <button type="submit">{t(lang, 'campaign.clone')}</button>
      </Form>
    </>
  );
}
