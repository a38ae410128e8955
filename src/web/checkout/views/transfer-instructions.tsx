/**
 * How to pay an order awaiting its transfer (issue 4 §1): beneficiary, IBAN, BIC, amount and the
 * reference to quote, with the EPC QR code (EPC069-12) a banking app scans to fill them in. The
 * order is executed only once the transfer is received (seed 001 online §2.3).
 */
import { money } from '../../../kernel/i18n/money.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import type { TransferInstructions as Transfer } from '../../../payments/transfer.ts';

export function TransferInstructions({ lang, transfer, qrUrl }: { lang: Lang; transfer: Transfer; qrUrl: string }) {
  const amount = money(lang, transfer.amountCents);
  const alt = t(lang, 'transfer.qr.alt', { amount, beneficiary: transfer.beneficiary, iban: transfer.ibanText, reference: transfer.referenceText });
  return (
    <section class="transfer" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t(lang, 'transfer.title')}</h2>
      <p class="notice">{t(lang, 'transfer.awaiting')}</p>
      <dl class="facts">
        <dt>{t(lang, 'transfer.beneficiary')}</dt>
        <dd>{transfer.beneficiary}</dd>
        <dt>{t(lang, 'transfer.iban')}</dt>
        <dd><code>{transfer.ibanText}</code></dd>
        <dt>{t(lang, 'transfer.bic')}</dt>
        <dd><code>{transfer.bic}</code></dd>
        <dt>{t(lang, 'transfer.amount')}</dt>
        <dd><strong>{amount}</strong></dd>
        <dt>{t(lang, `transfer.reference.${transfer.reference.kind}`)}</dt>
        <dd><strong><code>{transfer.referenceText}</code></strong></dd>
      </dl>
      <p>{t(lang, 'transfer.referenceHint')}</p>
      <figure>
        <img src={qrUrl} alt={alt} width="240" height="240" />
        <figcaption>{t(lang, 'transfer.qr.help')}</figcaption>
      </figure>
    </section>
  );
}
