/**
 * When a card authorisation taken at order (004 art.4 O9b, capture at shipment) runs out before
 * the goods leave (SPEC.md A-63: "O9b depends on the card authorisation lifetime … needs a
 * re-authorisation flow"). Pure: the caller gives the instants and days.
 *
 * The lifetime: Stripe, "Place a hold on a payment method"
 * (https://docs.stripe.com/payments/place-a-hold-on-a-payment-method), authorisation validity
 * window of a customer-initiated, card-not-present payment: 7 days for Visa, Mastercard,
 * American Express and Discover. (Stripe gives the exact instant per charge in
 * `payment_method_details.card.capture_before`; we count 7 days from the authorisation.)
 */
import { Temporal } from 'temporal-polyfill';

export const AUTHORISATION_VALIDITY_DAYS = 7;

export type AuthorisationOutlook = {
  /** The instant the hold is released, and its day in the shop's zone. */
  expiresAt: Temporal.Instant;
  expiresOn: Temporal.PlainDate;
  /** Whether it will have expired by the end of the shipment day (shipping that day is not safe). */
  expiresBeforeShipment: boolean;
  /**
   * The day to ask the customer to pay again (null when nothing is to be done): the later of the
   * expiry day (no second hold on the card while the first still stands) and the first day a new
   * authorisation still covers the whole shipment day (shipOn − validity + 1).
   */
  actFrom: Temporal.PlainDate | null;
};

const max = (a: Temporal.PlainDate, b: Temporal.PlainDate) => (Temporal.PlainDate.compare(a, b) >= 0 ? a : b);

export function authorisationOutlook(authorisedAt: Temporal.Instant, shipOn: Temporal.PlainDate, timeZone: string, validityDays = AUTHORISATION_VALIDITY_DAYS): AuthorisationOutlook {
  const expiresAt = authorisedAt.add({ hours: 24 * validityDays });
  const expiresOn = expiresAt.toZonedDateTimeISO(timeZone).toPlainDate();
  const expiresBeforeShipment = Temporal.PlainDate.compare(expiresOn, shipOn) <= 0;
  const actFrom = expiresBeforeShipment ? max(expiresOn, shipOn.subtract({ days: validityDays - 1 })) : null;
  return { expiresAt, expiresOn, expiresBeforeShipment, actFrom };
}

/** Whether the hold is gone at `now`: a capture would fail. */
export const authorisationExpired = (authorisedAt: Temporal.Instant, now: Temporal.Instant, validityDays = AUTHORISATION_VALIDITY_DAYS): boolean =>
  Temporal.Instant.compare(now, authorisedAt.add({ hours: 24 * validityDays })) >= 0;
