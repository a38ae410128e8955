import type { AddressJson } from '../../../db/schema.ts';
import { type Lang, t } from '../../../kernel/i18n/index.ts';
import { countryName, deliveryLabel } from './labels.ts';

type Delivery = { address?: AddressJson | undefined | null; pickupPointId?: string | undefined };

/** How and where an order is delivered, as reviewed before confirming and as read after. */
export function DeliveryFacts({ lang, mode, delivery }: { lang: Lang; mode: Parameters<typeof deliveryLabel>[1]; delivery: Delivery }) {
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
          {t(lang, 'checkout.review.pickup', { point: delivery.pickupPointId })}
        </>
      )}
    </>
  );
}
