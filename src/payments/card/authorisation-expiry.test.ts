import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { authorisationExpired, authorisationOutlook } from './authorisation-expiry.ts';

const at = (s: string) => Temporal.Instant.from(s);
const day = (s: string) => Temporal.PlainDate.from(s);
const TZ = 'Europe/Paris';

describe('card authorisation expiry before shipment (SPEC.md A-63, Stripe: 7 days)', () => {
  test('authorised on 1 March at 10:00, shipment planned on 11 March: expires on 8 March, ask again from 8 March', () => {
    const o = authorisationOutlook(at('2026-03-01T09:00:00Z'), day('2026-03-11'), TZ);
    assert.equal(o.expiresAt.toString(), '2026-03-08T09:00:00Z');
    assert.equal(o.expiresOn.toString(), '2026-03-08');
    assert.equal(o.expiresBeforeShipment, true);
    assert.equal(o.actFrom?.toString(), '2026-03-08');
  });

  test('shipment far away: asked again only when a new authorisation covers the shipment day (shipOn − 6)', () => {
    const o = authorisationOutlook(at('2026-03-01T09:00:00Z'), day('2026-03-31'), TZ);
    assert.equal(o.actFrom?.toString(), '2026-03-25');
    const next = authorisationOutlook(at('2026-03-25T06:00:00Z'), day('2026-03-31'), TZ);
    assert.equal(next.expiresBeforeShipment, false, 'the new one covers 31 March');
  });

  test('shipping on the expiry day is not safe; the day before is', () => {
    assert.equal(authorisationOutlook(at('2026-03-01T09:00:00Z'), day('2026-03-08'), TZ).expiresBeforeShipment, true);
    const o = authorisationOutlook(at('2026-03-01T09:00:00Z'), day('2026-03-07'), TZ);
    assert.deepEqual([o.expiresBeforeShipment, o.actFrom], [false, null]);
  });

  test('the expiry day is the shop’s: 23:30 in Paris is the next day', () => {
    assert.equal(authorisationOutlook(at('2026-03-01T22:30:00Z'), day('2026-03-20'), TZ).expiresOn.toString(), '2026-03-08');
  });

  test('expired from the instant 7 × 24 h after the authorisation', () => {
    assert.equal(authorisationExpired(at('2026-03-01T09:00:00Z'), at('2026-03-08T08:59:59Z')), false);
    assert.equal(authorisationExpired(at('2026-03-01T09:00:00Z'), at('2026-03-08T09:00:00Z')), true);
  });
});
