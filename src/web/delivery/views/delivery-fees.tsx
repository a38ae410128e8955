/**
 * The delivery modes and their fees by zone (issue 12 §7; 001 online §5.1: "Les frais d'expédition
 * … sont également affichés sur le Site Internet au moment de la commande"), on the shop's page and
 * in the cart. Nothing when the profile states no amount (the fee is then computed at checkout).
 */
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import { money } from '../../../kernel/i18n/money.ts';
import type { Profile } from '../../../shops/profile/schema.ts';
import { deliveryLabel } from '../../checkout/views/labels.ts';

type Mode = NonNullable<Profile['delivery']>['modes'][number];

function where(lang: Lang, m: Mode): string | null {
  if (m.postcodes?.length) {
    const byCommune = new Map<string, string[]>();
    for (const r of m.postcodes) {
      const key = r.commune ?? r.country;
      byCommune.set(key, [...(byCommune.get(key) ?? []), r.from === r.to ? r.from : `${r.from}–${r.to}`]);
    }
    return t(lang, 'delivery.fees.where', { where: [...byCommune].map(([c, ranges]) => `${c} (${ranges.join(', ')})`).join(', ') });
  }
  if (m.communes?.length) return t(lang, 'delivery.fees.where', { where: m.communes.join(', ') });
  if (m.otherCommunes) return t(lang, 'delivery.fees.elsewhere');
  return null;
}

function fee(lang: Lang, m: Mode): string | null {
  if (m.fee?.rule === 'carriage_forward') return t(lang, 'checkout.delivery.carriageForward');
  if (m.fee?.rule === 'free' || m.fee?.amountCents === 0) return t(lang, 'delivery.fees.free');
  if (m.fee?.amountCents === undefined) return null;
  const zones = [...new Set((m.postcodes ?? []).map((r) => r.feeCents).filter((c): c is number => c !== undefined))];
  const base = money(lang, m.fee.amountCents);
  return zones.length > 0 ? `${base} (${zones.map((c) => money(lang, c)).join(', ')})` : base;
}

export function DeliveryFees({ lang, profile, kind }: { lang: Lang; profile: Profile; kind?: string | null }) {
  const modes = (profile.delivery?.modes ?? []).filter((m) => !kind || !m.customerKinds || m.customerKinds.includes(kind as never));
  if (!modes.some((m) => m.fee?.amountCents !== undefined)) return null;
  return (
    <section aria-labelledby="delivery-fees">
      <h2 id="delivery-fees">{t(lang, 'delivery.fees.title')}</h2>
      <p>{t(lang, 'delivery.fees.intro')}</p>
      <ul>
        {modes.map((m) => {
          const place = where(lang, m);
          const cost = fee(lang, m);
          return (
            <li>
              {deliveryLabel(lang, m)}
              {place && ` — ${place}`}
              {cost && <> : <strong>{cost}</strong></>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
