/**
 * Checkout step 2, the review (C. civ. 1127-2): every line, the delivery costs, the VAT and the
 * total to pay, the delivery and payment chosen, a way back to correct each, the terms to accept
 * named by their exact version behind an unticked box, and the button whose label says that
 * ordering means paying (C. consom. L221-14 al. 2; BE CDE VI.45 §2).
 */
import { money } from '../../../kernel/i18n/money.ts';
import { dateTimeFormat } from '../../../kernel/intl.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import type { Shop } from '../../../shops/service.ts';
import { ErrorSummary, type FieldErrors } from '../../forms.tsx';
import type { AcceptedDocument } from '../../../checkout/accepted-document.ts';
import type { Quote } from '../../../checkout/quote.ts';
import { DeliveryFacts } from './delivery-facts.tsx';
import { OrderLines } from './order-lines.tsx';
import { paymentLabel } from './labels.ts';

const LOCALES: Readonly<Record<Lang, string>> = { fr: 'fr-BE', en: 'en-GB', nl: 'nl-BE' };
/** "20 septembre 2027" for a YYYY-MM-DD day. */
const longDay = (lang: Lang, day: string) => dateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

export type ReviewForm = { expectedGrossCents: number; termsVersion: string; cartDigest: string; checkoutToken: string };

type Props = {
  lang: Lang;
  shop: Shop;
  csrf: string;
  quote: Quote;
  paymentMethod: string;
  terms: readonly (AcceptedDocument & { url: string })[];
  form: ReviewForm;
  errors: FieldErrors;
  /** Customer credit this order will use (issue 4 §5). */
  creditCents?: number;
  /** A group purchase's delivery promise for an order placed now (issue 12 §1). */
  promise?: { deliveryFrom?: string; deliveryLatestOn: string } | null;
};

export function ReviewPage({ lang, shop, csrf, quote, paymentMethod, terms, form, errors, creditCents = 0, promise = null }: Props) {
  const base = `/shops/${shop.slug}`;
  const { totals } = quote;
  const c = shop.profile.checkout;
  const termsError = errors.acceptTerms;
  return (
    <>
      <p class="muted">{t(lang, 'checkout.step', { n: 2 })}</p>
      <h1>{t(lang, 'checkout.review.title')}</h1>
      <ErrorSummary lang={lang} errors={errors} />
      <p>{t(lang, 'checkout.review.intro')}</p>
      <OrderLines lang={lang} lines={quote.lines} exclVat={quote.exportWithoutVat} captionClass="muted" />
      <p><a href={`${base}/cart`}>{t(lang, 'checkout.review.editCart')}</a></p>
      <dl class="facts">
        <dt>{t(lang, 'checkout.review.shipping')}</dt>
        <dd>{money(lang, totals.shippingCents)}</dd>
        <dt>{t(lang, 'checkout.review.totalHt')}</dt>
        <dd>{money(lang, totals.netCents)}</dd>
        <dt>{t(lang, 'checkout.review.vat')}</dt>
        <dd>{money(lang, totals.vatCents)}</dd>
        <dt>{t(lang, 'checkout.review.totalTtc')}</dt>
        <dd><strong id="review-total">{money(lang, totals.grossCents)}</strong></dd>
        {creditCents > 0 && (
          <>
            <dt>{t(lang, 'credit.review')}</dt>
            <dd id="review-credit">− {money(lang, creditCents)}</dd>
            <dt>{t(lang, 'credit.reviewToPay')}</dt>
            <dd>{money(lang, totals.grossCents - creditCents)}</dd>
          </>
        )}
        <dt>{t(lang, 'checkout.review.delivery')}</dt>
        <dd><DeliveryFacts lang={lang} mode={quote.mode} delivery={quote.delivery} timeZone={shop.timeZone} /></dd>
        {promise && (
          <>
            <dt>{t(lang, 'campaign.checkout.promise')}</dt>
            <dd id="review-promise">{promise.deliveryFrom ? t(lang, 'campaign.checkout.promiseText', { from: longDay(lang, promise.deliveryFrom), latest: longDay(lang, promise.deliveryLatestOn) }) : t(lang, 'campaign.checkout.promiseLatest', { latest: longDay(lang, promise.deliveryLatestOn) })}</dd>
          </>
        )}
        <dt>{t(lang, 'checkout.review.payment')}</dt>
        <dd>{paymentLabel(lang, paymentMethod)}</dd>
      </dl>
      {quote.exportWithoutVat && <p class="notice">{t(lang, 'checkout.review.export')}</p>}
      <p><a href={`${base}/checkout`}>{t(lang, 'checkout.review.editChoices')}</a></p>
      <form method="post" action={`${base}/checkout/confirm`} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="expectedGrossCents" value={String(form.expectedGrossCents)} />
        <input type="hidden" name="termsVersion" value={form.termsVersion} />
        <input type="hidden" name="cartDigest" value={form.cartDigest} />
        <input type="hidden" name="checkoutToken" value={form.checkoutToken} />
        <fieldset>
          <legend>{t(lang, 'checkout.review.terms')}</legend>
          <ul id="terms-documents">
            {terms.map((d) => (
              <li>
                <a href={d.url}>{t(lang, 'checkout.review.docVersion', { title: d.title, version: d.version })}</a>{' '}
                <span class="muted">({t(lang, 'order.sha256')} <code>{d.sha256.slice(0, 16)}…</code>)</span>
              </li>
            ))}
          </ul>
          {termsError && <p class="error" id="f-acceptTerms-error">{termsError}</p>}
          <p>
            <input
              type="checkbox"
              id="f-acceptTerms"
              name="acceptTerms"
              value="yes"
              required
              aria-required="true"
              aria-invalid={termsError ? 'true' : undefined}
              aria-describedby={termsError ? 'f-acceptTerms-error terms-documents' : 'terms-documents'}
            />{' '}
            <label for="f-acceptTerms">{c.termsCheckboxText}</label>
          </p>
        </fieldset>
        {quote.lines.some((l) => l.serviceDays != null) && (
          <fieldset>
            <legend>{t(lang, 'service.checkout.legend')}</legend>
            <p id="service-start-consequence">{t(lang, 'service.checkout.consequence')}</p>
            <p>
              <input type="checkbox" id="f-serviceStartRequested" name="serviceStartRequested" value="yes" aria-describedby="service-start-consequence" />{' '}
              <label for="f-serviceStartRequested">{t(lang, 'service.checkout.label')}</label>
            </p>
          </fieldset>
        )}
        <button type="submit">{c.finalButtonLabel}</button>
      </form>
    </>
  );
}
