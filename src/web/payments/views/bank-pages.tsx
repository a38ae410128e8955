/**
 * Back-office pages of bank statements (issue 4 §2): the upload form, an import's progress, and
 * the queue of unmatched credits with a form per credit to match it to an order. No script: the
 * progress page is refreshed by the server's `Refresh` header (the CSP forbids inline scripts).
 */
import { money } from '../../../kernel/i18n/money.ts';
import { type Lang, type MessageKey, t } from '../../../kernel/i18n/index.ts';
import { ErrorSummary, type FieldErrors } from '../../forms.tsx';
import type { QueuedEntry } from '../../../payments/bank-queue.ts';
import type { ImportProgress } from '../../../payments/statement-imports.ts';

const base = (shop: string) => `/shops/${shop}/staff/bank`;

export function UploadPage({ lang, shop, csrf, queued, errors }: { lang: Lang; shop: string; csrf: string; queued: number; errors: FieldErrors }) {
  const error = errors.statement;
  return (
    <>
      <h1>{t(lang, 'bank.title')}</h1>
      <p><a href={`${base(shop)}/queue`}>{t(lang, 'bank.queue.link', { n: queued })}</a></p>
      <ErrorSummary lang={lang} errors={errors} />
      <form method="post" action={`${base(shop)}/imports`} enctype="multipart/form-data" novalidate aria-label={t(lang, 'bank.upload.submit')}>
        <input type="hidden" name="_csrf" value={csrf} />
        <div class={error ? 'field has-error' : 'field'}>
          <label for="f-statement">{t(lang, 'bank.upload.file')}</label>
          <p class="hint" id="f-statement-hint">{t(lang, 'bank.upload.hint')}</p>
          {error && <p class="error" id="f-statement-error">{error}</p>}
          <input
            id="f-statement"
            name="statement"
            type="file"
            accept=".xml,application/xml,text/xml"
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'f-statement-hint f-statement-error' : 'f-statement-hint'}
          />
        </div>
        <button type="submit">{t(lang, 'bank.upload.submit')}</button>
      </form>
    </>
  );
}

function Counts({ lang, progress }: { lang: Lang; progress: ImportProgress }) {
  const rows: [MessageKey, number][] = [
    ['bank.count.entries', progress.totalEntries],
    ['bank.count.matched', progress.matched],
    ['bank.count.unmatched', progress.unmatched],
    ['bank.count.duplicates', progress.duplicates],
    ['bank.count.ignored', progress.ignored],
  ];
  return (
    <dl class="facts">
      {rows.map(([key, n]) => (
        <>
          <dt>{t(lang, key)}</dt>
          <dd>{n}</dd>
        </>
      ))}
    </dl>
  );
}

export function ImportPage({ lang, shop, progress }: { lang: Lang; shop: string; progress: ImportProgress }) {
  const status =
    progress.status === 'failed' ? t(lang, 'bank.import.status.failed', { code: progress.errorCode ?? '' }) : t(lang, `bank.import.status.${progress.status}`);
  return (
    <>
      <h1>{t(lang, 'bank.import.title', { filename: progress.filename })}</h1>
      <p role="status" class="notice">{status}</p>
      <p>
        <label for="import-progress">{t(lang, 'bank.import.progress', { processed: progress.processedEntries, total: progress.totalEntries })}</label>
        <br />
        <progress id="import-progress" max={Math.max(progress.totalEntries, 1)} value={progress.processedEntries}>
          {progress.processedEntries} / {progress.totalEntries}
        </progress>
      </p>
      {progress.status === 'running' && <p class="muted">{t(lang, 'bank.import.refresh')}</p>}
      <Counts lang={lang} progress={progress} />
      {progress.status !== 'running' && (
        <p><a href={`${base(shop)}/queue`}>{t(lang, 'bank.queue.link', { n: progress.unmatched })}</a></p>
      )}
      <p><a href={base(shop)}>{t(lang, 'bank.title')}</a></p>
    </>
  );
}

function suggestionLabel(lang: Lang, s: QueuedEntry['suggestions'][number]): string {
  return t(lang, 'bank.match.suggestion', {
    number: s.number,
    score: s.score,
    same: s.sameAmount ? t(lang, 'bank.match.sameAmount') : '',
    names: s.nameWords > 0 ? t(lang, 'bank.match.nameWords', { n: s.nameWords }) : '',
  });
}

function EntryCard({ lang, shop, csrf, entry, error }: { lang: Lang; shop: string; csrf: string; entry: QueuedEntry; error: string | undefined }) {
  const id = entry.id;
  return (
    <section aria-labelledby={`e-${id}`}>
      <h2 id={`e-${id}`}>{t(lang, 'bank.entry.heading', { amount: money(lang, entry.amountCents), date: entry.bookingDate ?? '—' })}</h2>
      <dl class="facts">
        <dt>{t(lang, 'bank.entry.debtor')}</dt>
        <dd>{entry.debtorName ?? '—'}</dd>
        <dt>{t(lang, 'bank.entry.reference')}</dt>
        <dd>{entry.reference ?? '—'}</dd>
        <dt>{t(lang, 'bank.entry.text')}</dt>
        <dd>{entry.unstructured || '—'}</dd>
        <dt>{t(lang, 'bank.entry.reason')}</dt>
        <dd>{t(lang, `bank.reason.${entry.reason}`)}</dd>
      </dl>
      {error && <p class="error" role="alert" id={`e-${id}-error`}>{error}</p>}
      <form method="post" action={`${base(shop)}/entries/${id}/match`} novalidate aria-labelledby={`e-${id}`}>
        <input type="hidden" name="_csrf" value={csrf} />
        <fieldset aria-describedby={error ? `e-${id}-error` : undefined}>
          <legend>{t(lang, 'bank.match.legend')}</legend>
          {entry.suggestions.length === 0 && <p class="muted">{t(lang, 'bank.match.noSuggestion')}</p>}
          {entry.suggestions.map((s, i) => (
            <p>
              <input type="radio" id={`e-${id}-s${i}`} name="orderId" value={s.orderId} /> <label for={`e-${id}-s${i}`}>{suggestionLabel(lang, s)}</label>
            </p>
          ))}
          <div class="field">
            <label for={`e-${id}-number`}>{t(lang, 'bank.match.number')}</label>
            <input type="text" id={`e-${id}-number`} name="number" autocomplete="off" />
          </div>
        </fieldset>
        <button type="submit">{t(lang, 'bank.match.submit')}</button>
      </form>
    </section>
  );
}

export function QueuePage(props: { lang: Lang; shop: string; csrf: string; entries: QueuedEntry[]; matched: string | undefined; error: { entryId: string; message: string } | null }) {
  const { lang, shop, csrf, entries, matched, error } = props;
  return (
    <>
      <h1>{t(lang, 'bank.queue.title')}</h1>
      {matched && <p class="notice" role="status">{t(lang, 'bank.queue.matched', { number: matched })}</p>}
      {error && !entries.some((e) => e.id === error.entryId) && <p class="error" role="alert">{error.message}</p>}
      {entries.length === 0 ? <p>{t(lang, 'bank.queue.empty')}</p> : entries.map((entry) => <EntryCard lang={lang} shop={shop} csrf={csrf} entry={entry} error={error?.entryId === entry.id ? error.message : undefined} />)}
      <p><a href={base(shop)}>{t(lang, 'bank.title')}</a></p>
    </>
  );
}
