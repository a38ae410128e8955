/**
 * Legal-warranty claim pages (C14, issue 10 §4): the customer's form (kind, description, lines,
 * up to 3 photos) saying until when the warranty runs and whether the presumption still applies;
 * the claim page with the guarantee information box (D.211-2 for FR, the BE summary); for a
 * professional, the manufacturer's warranty with its exclusions instead of the form; the staff
 * section of the back-office order page. Without JavaScript; every field labelled.
 */
import { longDate } from '../../../aftersale/format.ts';
import type { WarrantyStanding } from '../../../aftersale/claims.ts';
import type { WarrantyClaimView as ClaimJson, WarrantySettlement } from '../../../flows/warranty-claim-json.ts';
import { CLAIM_FACTS } from '../../../aftersale/claim-facts.ts';
import { DECISIONS } from '../../../aftersale/claims.ts';
import type { GuaranteeBox } from '../../../aftersale/guarantee-box.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import { money } from '../../../kernel/i18n/money.ts';
import { ErrorSummary, type FieldErrors } from '../../forms.tsx';

type Line = { lineNo: number; sku: string; name: string; quantity: number };

export function GuaranteeBoxView({ box }: { box: GuaranteeBox }) {
  return (
    <section class="guarantee-box" aria-labelledby="guarantee-box" lang={box.lang}>
      <h2 id="guarantee-box">{box.title}</h2>
      {box.paragraphs.map((p) => <p>{p}</p>)}
    </section>
  );
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? <p class="error" id={`${id}-error`}>{error}</p> : null;
}

function Manufacturer({ lang, standing }: { lang: Lang; standing: Extract<WarrantyStanding, { why: 'professional' }> }) {
  const m = standing.manufacturerWarranty;
  return (
    <section aria-labelledby="manufacturer">
      <h2 id="manufacturer">{t(lang, 'claim.manufacturer.title')}</h2>
      <p>{t(lang, 'claim.manufacturer.text')}</p>
      {m && m.exclusions.length > 0 && <p>{t(lang, 'claim.manufacturer.exclusions', { list: m.exclusions.map((e) => e.replaceAll('_', ' ')).join(', ') })}</p>}
      {m?.carriageBorneBy === 'customer' && <p>{t(lang, 'claim.manufacturer.carriage')}</p>}
    </section>
  );
}

export function ClaimFormPage(props: { lang: Lang; csrf: string; action: string; number: string; standing: WarrantyStanding; lines: readonly Line[]; box: GuaranteeBox; values: Record<string, string>; errors: FieldErrors }) {
  const { lang, standing, errors, values } = props;
  return (
    <>
      <h1>{t(lang, 'claim.form.title', { number: props.number })}</h1>
      <ErrorSummary lang={lang} errors={errors} />
      {standing.offered === false && standing.why === 'professional' && <Manufacturer lang={lang} standing={standing} />}
      {standing.offered === false && standing.why !== 'professional' && <p>{t(lang, `error.${standing.why === 'cancelled' ? 'not_delivered' : standing.why}`)}</p>}
      {standing.offered && (
        <>
          <p>{t(lang, 'claim.form.delivered', { date: longDate(lang, standing.deliveredOn), endsOn: longDate(lang, standing.endsOn) })}</p>
          <p>{standing.periodOver ? t(lang, 'claim.form.over', { date: longDate(lang, standing.endsOn) }) : standing.presumptionNow ? t(lang, 'claim.form.presumption', { date: longDate(lang, standing.presumptionEndsOn) }) : t(lang, 'claim.form.noPresumption', { date: longDate(lang, standing.presumptionEndsOn) })}</p>
          <form method="post" action={props.action} enctype="multipart/form-data" novalidate aria-label={t(lang, 'claim.form.submit')}>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <fieldset>
              <legend>{t(lang, 'claim.form.kind')}</legend>
              {(['conformity', 'hidden_defect'] as const).map((k) => (
                <div>
                  <input type="radio" id={`f-kind-${k}`} name="kind" value={k} checked={(values.kind ?? 'conformity') === k} />
                  <label for={`f-kind-${k}`}>{t(lang, `claim.kind.${k}`)}</label>
                </div>
              ))}
            </fieldset>
            <div class={errors.discoveredOn ? 'field has-error' : 'field'}>
              <label for="f-discoveredOn">{t(lang, 'claim.form.discoveredOn')}</label>
              <FieldError id="f-discoveredOn" error={errors.discoveredOn} />
              <input id="f-discoveredOn" name="discoveredOn" type="date" value={values.discoveredOn ?? ''} aria-invalid={errors.discoveredOn ? 'true' : undefined} aria-describedby={errors.discoveredOn ? 'f-discoveredOn-error' : undefined} />
            </div>
            <div class={errors.description ? 'field has-error' : 'field'}>
              <label for="f-description">{t(lang, 'claim.form.description')}</label>
              <FieldError id="f-description" error={errors.description} />
              <textarea id="f-description" name="description" rows="5" required aria-invalid={errors.description ? 'true' : undefined} aria-describedby={errors.description ? 'f-description-error' : undefined}>{values.description ?? ''}</textarea>
            </div>
            <fieldset>
              <legend>{t(lang, 'claim.form.lines')}</legend>
              {props.lines.map((l) => (
                <div>
                  <input type="checkbox" id={`f-line-${l.lineNo}`} name="lines" value={String(l.lineNo)} checked />
                  <label for={`f-line-${l.lineNo}`}>{l.quantity} × {l.name} ({l.sku})</label>
                </div>
              ))}
            </fieldset>
            <div class={errors.photos ? 'field has-error' : 'field'}>
              <label for="f-photos">{t(lang, 'claim.form.photos')}</label>
              <FieldError id="f-photos" error={errors.photos} />
              <input id="f-photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple aria-invalid={errors.photos ? 'true' : undefined} aria-describedby={errors.photos ? 'f-photos-error' : undefined} />
            </div>
            <p><button type="submit">{t(lang, 'claim.form.submit')}</button></p>
          </form>
        </>
      )}
      {standing.offered && <GuaranteeBoxView box={props.box} />}
    </>
  );
}

function Decision({ lang, claim }: { lang: Lang; claim: ClaimJson }) {
  const d = claim.decision;
  if (!d) return <p>{t(lang, 'claim.page.pending')}</p>;
  return (
    <>
      <p>{t(lang, 'claim.page.decided', { date: longDate(lang, d.decidedOn ?? ''), remedy: t(lang, `claim.remedy.${d.remedy}`) })}</p>
      {d.remedy === 'declined' && d.note && <p>{t(lang, 'claim.page.reason', { reason: d.note })}</p>}
      {d.amountCents !== undefined && <p>{t(lang, 'claim.page.amount', { amount: money(lang, d.amountCents) })}</p>}
      {d.refundDueOn && <p><strong>{t(lang, 'claim.page.refundDue', { date: longDate(lang, d.refundDueOn) })}</strong></p>}
      {d.repairDueOn && <p><strong>{t(lang, 'claim.page.repairDue', { date: longDate(lang, d.repairDueOn) })}</strong></p>}
      {claim.settlement && <Settlement lang={lang} settlement={claim.settlement} />}
      {claim.facts.length > 0 && (
        <ul>
          {claim.facts.map((f) => (
            <li>
              {t(lang, 'claim.page.fact', { fact: t(lang, `claim.fact.${f.type}`), date: longDate(lang, f.on) })}
              {f.trackingNumber && <> {t(lang, 'claim.page.tracking', { tracking: f.trackingNumber })}</>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** What the decision paid back: the credit note (its PDF) and the refund, with where the money stands. */
function Settlement({ lang, settlement }: { lang: Lang; settlement: WarrantySettlement }) {
  const { creditNote, refund } = settlement;
  const means = refund ? (refund.paidOutside ? 'outside' : refund.method) : null;
  return (
    <dl class="facts">
      {creditNote && (
        <>
          <dt>{t(lang, 'claim.page.creditNote')}</dt>
          <dd><a href={creditNote.pdfUrl}>{creditNote.number}</a> — {longDate(lang, creditNote.issuedOn)} — {money(lang, creditNote.grossCents)}</dd>
        </>
      )}
      {refund && means && (
        <>
          <dt>{t(lang, 'claim.page.refund')}</dt>
          <dd>{t(lang, `claim.page.refund.${means}`, { amount: money(lang, refund.amountCents) })} {t(lang, `claim.page.refundStatus.${refund.status}`)}</dd>
        </>
      )}
    </dl>
  );
}

/** The claim's photos as thumbnails, each a link to the image at full size (served inline, never sniffed). */
export function ClaimPhotos({ lang, claim, url }: { lang: Lang; claim: ClaimJson; url: (n: number) => string }) {
  if (claim.photos === 0) return null;
  const nos = Array.from({ length: claim.photos }, (_, i) => i + 1);
  return (
    <ul class="photos">
      {nos.map((n) => <li><a href={url(n)}><img src={url(n)} alt={t(lang, 'claim.page.photoAlt', { n })} width="160" loading="lazy" /></a></li>)}
    </ul>
  );
}

export function ClaimPage({ lang, claim, number, box, orderUrl, photoUrl }: { lang: Lang; claim: ClaimJson; number: string; box: GuaranteeBox; orderUrl: string; photoUrl: (n: number) => string }) {
  return (
    <>
      <h1>{t(lang, 'claim.page.title', { number })}</h1>
      <p class="notice" role="status">{t(lang, 'claim.page.opened', { date: longDate(lang, claim.openedOn), endsOn: longDate(lang, claim.warrantyEndsOn) })}</p>
      <dl class="facts">
        <dt>{t(lang, 'claim.form.kind')}</dt>
        <dd>{t(lang, `claim.kind.${claim.kind}`)}</dd>
        <dt>{t(lang, 'claim.form.description')}</dt>
        <dd>{claim.description}</dd>
        <dt>{t(lang, 'claim.form.lines')}</dt>
        <dd>{claim.lines.map((l) => `${l.quantity} × ${l.name}`).join(', ')}</dd>
      </dl>
      <p>{t(lang, claim.presumption ? 'claim.page.presumed' : 'claim.page.notPresumed')}</p>
      <p>{t(lang, 'claim.page.photos', { n: claim.photos })}</p>
      <ClaimPhotos lang={lang} claim={claim} url={photoUrl} />
      <Decision lang={lang} claim={claim} />
      <GuaranteeBoxView box={box} />
      <p><a href={orderUrl}>{t(lang, 'claim.page.back')}</a></p>
    </>
  );
}

/** The entry on the customer's order page once delivered: the claim form, or the manufacturer's warranty. */
export function ClaimEntry({ lang, href }: { lang: Lang; href: string }) {
  return (
    <section aria-labelledby="claim-entry">
      <h2 id="claim-entry">{t(lang, 'claim.entry.title')}</h2>
      <p><a href={href}>{t(lang, 'claim.entry.link')}</a></p>
    </section>
  );
}

/** The staff section of the back-office order page: each claim, its deadline, and the decision form. */
/** Staff record what was done about a repair or a replacement: the facts its remedy admits, not yet recorded. */
function ClaimFactForm({ lang, claim, csrf, action, today }: { lang: Lang; claim: ClaimJson; csrf: string; action: string; today: string }) {
  const remedy = claim.decision?.remedy;
  const types = CLAIM_FACTS.filter((f) => (remedy === 'repair' ? f === 'repaired' : remedy === 'replacement' && f !== 'repaired') && !claim.facts.some((r) => r.type === f));
  if (types.length === 0) return null;
  const id = claim.id;
  return (
    <form method="post" action={action} aria-label={t(lang, 'claim.staff.fact')}>
      <input type="hidden" name="_csrf" value={csrf} />
      <div class="field">
        <label for={`f-fact-${id}`}>{t(lang, 'claim.staff.factType')}</label>
        <select id={`f-fact-${id}`} name="type">
          {types.map((f) => <option value={f}>{t(lang, `claim.fact.${f}`)}</option>)}
        </select>
      </div>
      <div class="field">
        <label for={`f-fact-at-${id}`}>{t(lang, 'claim.staff.factAt')}</label>
        <input id={`f-fact-at-${id}`} name="at" type="date" value={today} required />
      </div>
      <div class="field">
        <label for={`f-tracking-${id}`}>{t(lang, 'claim.staff.tracking')}</label>
        <input id={`f-tracking-${id}`} name="trackingNumber" type="text" />
      </div>
      <p><button type="submit">{t(lang, 'claim.staff.fact')}</button></p>
    </form>
  );
}

export function StaffClaimsSection({ lang, claims, csrf, action, factAction, photoUrl, refundWindow, today }: { lang: Lang; claims: readonly ClaimJson[]; csrf: string; action: (id: string) => string; factAction: (id: string) => string; photoUrl: (id: string, n: number) => string; refundWindow: string | null; today: string }) {
  if (claims.length === 0) return null;
  return (
    <section aria-labelledby="warranty-claims">
      <h2 id="warranty-claims">{t(lang, 'claim.staff.title')}</h2>
      {refundWindow && <p class="muted">{t(lang, 'claim.staff.window', { within: refundWindow })}</p>}
      {claims.map((c) => (
        <article aria-labelledby={`claim-${c.id}`}>
          <h3 id={`claim-${c.id}`}>{t(lang, `claim.kind.${c.kind}`)} — {longDate(lang, c.openedOn)}</h3>
          <p>{c.description}</p>
          <p>{t(lang, 'claim.page.opened', { date: longDate(lang, c.openedOn), endsOn: longDate(lang, c.warrantyEndsOn) })} {t(lang, c.presumption ? 'claim.page.presumed' : 'claim.page.notPresumed')} {t(lang, 'claim.page.photos', { n: c.photos })}</p>
          <ClaimPhotos lang={lang} claim={c} url={(n) => photoUrl(c.id, n)} />
          {c.decision ? <><Decision lang={lang} claim={c} /><ClaimFactForm lang={lang} claim={c} csrf={csrf} action={factAction(c.id)} today={today} /></> : (
            <form method="post" action={action(c.id)} aria-label={t(lang, 'claim.staff.decide')}>
              <input type="hidden" name="_csrf" value={csrf} />
              <div class="field">
                <label for={`f-remedy-${c.id}`}>{t(lang, 'claim.staff.remedy')}</label>
                <select id={`f-remedy-${c.id}`} name="remedy">
                  {DECISIONS.map((r) => <option value={r}>{t(lang, `claim.remedy.${r}`)}</option>)}
                </select>
              </div>
              <div class="field">
                <label for={`f-at-${c.id}`}>{t(lang, 'claim.staff.at')}</label>
                <input id={`f-at-${c.id}`} name="at" type="date" value={today} required />
              </div>
              <div class="field">
                <label for={`f-amount-${c.id}`}>{t(lang, 'claim.staff.amount')}</label>
                <input id={`f-amount-${c.id}`} name="amount" inputmode="decimal" />
              </div>
              <div class="field">
                <label for={`f-percent-${c.id}`}>{t(lang, 'claim.staff.percent')}</label>
                <input id={`f-percent-${c.id}`} name="percent" inputmode="decimal" />
              </div>
              <div class="field">
                <label for={`f-note-${c.id}`}>{t(lang, 'claim.staff.note')}</label>
                <input id={`f-note-${c.id}`} name="note" type="text" aria-describedby={`f-note-hint-${c.id}`} />
                <p class="muted" id={`f-note-hint-${c.id}`}>{t(lang, 'claim.staff.noteHint')}</p>
              </div>
              <p><button type="submit">{t(lang, 'claim.staff.decide')}</button></p>
            </form>
          )}
        </article>
      ))}
    </section>
  );
}
