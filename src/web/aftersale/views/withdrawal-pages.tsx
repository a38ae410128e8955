/**
 * The withdrawal function's pages (Directive 2011/83 art. 11a, from 19 June 2026; L221-21):
 * step 1, the statement naming the consumer, the order and its lines (the whole order or chosen
 * lines and quantities; a line excluded by a legal exception is shown as such and cannot be
 * chosen); step 2, a separate confirmation ("Confirmer la rétractation"); then the
 * acknowledgement, also sent by e-mail with the PDF. Without JavaScript; every field labelled.
 */
import type { Eligibility, LineOption } from '../../../aftersale/eligibility.ts';
import { addressLine, exceptionLabel, longDate } from '../../../aftersale/format.ts';
import type { AddressJson } from '../../../db/schema.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import { money } from '../../../kernel/i18n/money.ts';
import { ErrorSummary, type FieldErrors } from '../../forms.tsx';
import { type Acknowledgement, statementIntro } from '../acknowledgement.ts';

type Customer = { name: string; email: string; address: AddressJson | null };
type OrderHead = { id: string; number: string; placedOn: string };
export type Choice = { whole: boolean; quantities: Record<string, number> };

export const qtyField = (productId: string) => `qty-${productId}`;
const idOf = (name: string) => `f-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;

function Who({ lang, customer, order }: { lang: Lang; customer: Customer; order: OrderHead }) {
  return (
    <dl class="facts">
      <dt>{t(lang, 'withdrawal.customer')}</dt>
      <dd>{customer.name}</dd>
      <dt>{t(lang, 'withdrawal.email')}</dt>
      <dd>{customer.email}</dd>
      {customer.address && <><dt>{t(lang, 'withdrawal.address')}</dt><dd>{addressLine(customer.address)}</dd></>}
      <dt>{t(lang, 'withdrawal.order')}</dt>
      <dd>{order.number}</dd>
      <dt>{t(lang, 'withdrawal.orderedOn')}</dt>
      <dd>{longDate(lang, order.placedOn)}</dd>
    </dl>
  );
}

function LineRow({ lang, line, choice, errors }: { lang: Lang; line: LineOption; choice: Choice; errors: FieldErrors }) {
  const name = qtyField(line.productId);
  const error = errors[name];
  const status = line.exception ? t(lang, 'withdrawal.excluded', { reason: exceptionLabel(lang, line.exception) }) : line.remaining === 0 ? t(lang, 'withdrawal.alreadyWithdrawn') : null;
  return (
    <tr>
      <th scope="row">{line.name} <span class="muted">({line.sku})</span></th>
      <td class="num">{line.ordered}</td>
      <td>
        {status ?? (
          <div class={error ? 'field has-error' : 'field'}>
            <label for={idOf(name)} class="muted">{t(lang, 'withdrawal.quantityOf', { name: line.name })}</label>
            {error && <p class="error" id={`${idOf(name)}-error`}>{error}</p>}
            <input id={idOf(name)} name={name} type="number" inputmode="numeric" min="0" max={String(line.remaining)} value={String(choice.quantities[line.productId] ?? line.remaining)} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${idOf(name)}-error` : undefined} />
          </div>
        )}
      </td>
    </tr>
  );
}

export function WithdrawalStatementPage(props: { lang: Lang; csrf: string; action: string; customer: Customer; order: OrderHead; options: Eligibility; choice: Choice; errors: FieldErrors }) {
  const { lang, options, choice, errors } = props;
  return (
    <>
      <p class="muted">{t(lang, 'withdrawal.step', { n: 1 })}</p>
      <h1>{t(lang, 'withdrawal.step1.title', { number: props.order.number })}</h1>
      <ErrorSummary lang={lang} errors={errors} />
      <p>{options.period.endsOn ? t(lang, 'withdrawal.linkHint', { endsOn: longDate(lang, options.period.endsOn.toString()) }) : t(lang, 'withdrawal.linkHintNotStarted')}</p>
      <form method="post" action={props.action} novalidate>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <p>{statementIntro(lang, options.lines.map((l) => l.serviceDays !== null))}</p>
        <Who lang={lang} customer={props.customer} order={props.order} />
        <fieldset>
          <legend>{t(lang, 'withdrawal.scope')}</legend>
          <div>
            <input type="radio" id="f-scope-whole" name="scope" value="whole" checked={choice.whole} />
            <label for="f-scope-whole">{t(lang, 'withdrawal.scope.whole')}</label>
          </div>
          <div>
            <input type="radio" id="f-scope-lines" name="scope" value="lines" checked={!choice.whole} />
            <label for="f-scope-lines">{t(lang, 'withdrawal.scope.lines')}</label>
          </div>
        </fieldset>
        <table>
          <caption>{t(lang, 'withdrawal.lines')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'withdrawal.col.item')}</th>
              <th scope="col" class="num">{t(lang, 'withdrawal.col.ordered')}</th>
              <th scope="col">{t(lang, 'withdrawal.col.quantity')}</th>
            </tr>
          </thead>
          <tbody>
            {options.lines.map((line) => <LineRow lang={lang} line={line} choice={choice} errors={errors} />)}
          </tbody>
        </table>
        <p><button type="submit">{t(lang, 'withdrawal.continue')}</button></p>
      </form>
    </>
  );
}

/** Step 2: the statement as it will be sent, and the button that sends it. */
/** `services`: what each service line chosen would owe if confirmed today, and why (L221-25, issue 10 §2). */
export function WithdrawalConfirmPage(props: { lang: Lang; csrf: string; action: string; back: string; customer: Customer; order: OrderHead; chosen: { line: LineOption; quantity: number }[]; dueCents: number; token: string; services?: string[] }) {
  const { lang } = props;
  return (
    <>
      <p class="muted">{t(lang, 'withdrawal.step', { n: 2 })}</p>
      <h1>{t(lang, 'withdrawal.step2.title', { number: props.order.number })}</h1>
      <p>{t(lang, 'withdrawal.step2.intro')}</p>
      <p>{statementIntro(lang, props.chosen.map((c) => c.line.serviceDays !== null))}</p>
      <Who lang={lang} customer={props.customer} order={props.order} />
      <h2>{t(lang, 'withdrawal.lines')}</h2>
      <ul>
        {props.chosen.map((c) => <li>{c.quantity} × {c.line.name} <span class="muted">({c.line.sku})</span> — {money(lang, c.quantity * c.line.unitPriceCents)}</li>)}
      </ul>
      {props.services?.map((s) => <p class="notice">{s}</p>)}
      <form method="post" action={props.action}>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="token" value={props.token} />
        {props.chosen.map((c) => <input type="hidden" name={qtyField(c.line.productId)} value={String(c.quantity)} />)}
        <p><button type="submit">{t(lang, 'withdrawal.confirm')}</button></p>
      </form>
      <p><a href={props.back}>{t(lang, 'withdrawal.back')}</a></p>
    </>
  );
}

export function WithdrawalAckPage({ lang, ack, receivedOn, email, pdfUrl, orderUrl }: { lang: Lang; ack: Acknowledgement; receivedOn: string; email: string; pdfUrl: string; orderUrl: string }) {
  return (
    <>
      <h1>{t(lang, 'withdrawal.ack.title', { number: ack.statement.order.number })}</h1>
      <p class="notice" role="status">{t(lang, 'withdrawal.ack.received', { date: longDate(lang, receivedOn), email })}</p>
      <p>{ack.intro}</p>
      <dl class="facts">
        {ack.facts.map(([k, v]) => <><dt>{k}</dt><dd>{v}</dd></>)}
      </dl>
      <h2>{t(lang, 'withdrawal.lines')}</h2>
      <ul>{ack.lines.map((l) => <li>{l}</li>)}</ul>
      <h2>{t(lang, 'withdrawal.return.title')}</h2>
      {ack.returns.map((r) => <p>{r}</p>)}
      <h2>{t(lang, 'withdrawal.refund.title')}</h2>
      <p>{ack.refund}</p>
      {ack.terms && <p class="muted">{ack.terms}</p>}
      <p><a href={pdfUrl}>{t(lang, 'withdrawal.ack.pdf')}</a></p>
      <p><a href={orderUrl}>{t(lang, 'withdrawal.ack.backToOrder')}</a></p>
    </>
  );
}

/** The entry on the customer's order page: a clearly labelled link while the function is offered. */
export function WithdrawalEntry({ lang, href, endsOn }: { lang: Lang; href: string; endsOn: string | null }) {
  return (
    <section aria-labelledby="withdrawal-entry">
      <h2 id="withdrawal-entry">{t(lang, 'withdrawal.period')}</h2>
      <p>{endsOn ? t(lang, 'withdrawal.linkHint', { endsOn: longDate(lang, endsOn) }) : t(lang, 'withdrawal.linkHintNotStarted')}</p>
      <p><a href={href}><strong>{t(lang, 'withdrawal.link')}</strong></a></p>
    </section>
  );
}
