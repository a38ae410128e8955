import { type Lang, t } from '../kernel/i18n/index.ts';
import type { Email } from '../notifications/outbox.ts';

export function passwordResetEmail(lang: Lang, shop: { id: string; name: string }, to: string, link: string, minutes: number): Email {
  return {
    shopId: shop.id,
    to,
    subject: t(lang, 'accounts.resetMail.subject', { shop: shop.name }),
    text: t(lang, 'accounts.resetMail.body', { shop: shop.name, link, minutes }),
  };
}
