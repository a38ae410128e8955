import type { AddressJson } from '../../../db/schema.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import { dateTimeFormat } from '../../../kernel/intl.ts';
import { countryName, deliveryLabel } from './labels.ts';

type Delivery = {
  address?: AddressJson | undefined | null;
  pickupPointId?: string | undefined;
  /** The point as it was when ordered (issue 12 §3); older orders name it by `pickupPointId` only. */
  pickupPoint?: { name: string; address?: { line1: string; postalCode: string; city: string } | undefined } | undefined;
  slot?: { startsAt: string; endsAt: string } | undefined;
};

const LOCALE: Record<Lang, string> = { fr: 'fr-BE', en: 'en-GB', nl: 'nl-BE' };

/** "samedi 5 septembre 2026, 09:00–12:00", in the shop's time zone. */
export function slotText(lang: Lang, slot: { startsAt: string | Date; endsAt: string | Date }, timeZone: string): string {
  const day = dateTimeFormat(LOCALE[lang], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(new Date(slot.startsAt));
  const time = dateTimeFormat(LOCALE[lang], { hour: '2-digit', minute: '2-digit', timeZone });
  return `${day}, ${time.format(new Date(slot.startsAt))}–${time.format(new Date(slot.endsAt))}`;
}

/** How and where an order is delivered, as reviewed before confirming and as read after. */
export function DeliveryFacts({ lang, mode, delivery, timeZone = 'Europe/Paris' }: { lang: Lang; mode: Parameters<typeof deliveryLabel>[1]; delivery: Delivery; timeZone?: string }) {
  const point = delivery.pickupPoint;
  return (
    <>
      {deliveryLabel(lang, mode)}
      {delivery.address && (
        <>
          <br />
          {delivery.address.line1}, {delivery.address.postalCode} {delivery.address.city}, {countryName(lang, delivery.address.country)}
        </>
      )}
      {delivery.pickupPointId && (
        <>
          <br />
          {t(lang, 'checkout.review.pickup', { point: point?.name ?? delivery.pickupPointId })}
          {point?.address && `, ${point.address.line1}, ${point.address.postalCode} ${point.address.city}`}
        </>
      )}
      {delivery.slot && (
        <>
          <br />
          <strong>{t(lang, 'delivery.slot.fact', { slot: slotText(lang, delivery.slot, timeZone) })}</strong>
        </>
      )}
    </>
  );
}
