/**
 * The warranty claim's acknowledgement e-mail, rendered by the outbox at send time (issue 9: the
 * row holds the claim's id, src/aftersale/claims.ts names the template). It says what was
 * received, when, and until when the warranty runs, with the guarantee information of the shop's law.
 */
import type { Kysely } from 'kysely';
import { findClaimFor } from '../../aftersale/claims.ts';
import { guaranteeInformationBox } from '../../aftersale/guarantee-box.ts';
import { findOrder } from '../../aftersale/queries.ts';
import type { DB } from '../../db/schema.ts';
import { isLang, type Lang, t } from '../../kernel/i18n/index.ts';
import type { RenderedEmail } from '../../notifications/templates.ts';
import { getShop } from '../../shops/service.ts';

export async function renderClaimAck(db: Kysely<DB>, row: { shopId: string | null; data: Record<string, unknown> }): Promise<RenderedEmail> {
  const shop = await getShop(db, row.shopId ?? '');
  const claim = await findClaimFor(db, shop, String(row.data.claimId ?? ''), 'staff');
  const order = await findOrder(db, shop.slug, claim.order_id);
  const lang: Lang = isLang(row.data.lang) ? row.data.lang : shop.language;
  const number = order?.number ?? '';
  const box = guaranteeInformationBox(shop.legalSystem, lang);
  const body = [
    t(lang, 'claim.mail.body', { date: claim.opened_on, kind: t(lang, `claim.kind.${claim.kind}`), number, endsOn: claim.warranty_ends_on }),
    t(lang, claim.presumption ? 'claim.page.presumed' : 'claim.page.notPresumed'),
    '',
    claim.description,
    '',
    box.title,
    ...box.paragraphs,
  ];
  return { subject: t(lang, 'claim.mail.subject', { shop: shop.name, number }), text: body.join('\n'), attachments: [] };
}
