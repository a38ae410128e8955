/**
 * C09 group-purchase campaigns, C10 delivery (modes, fees, risk, reserves), C12 late delivery.
 * Every mode must produce a dated delivery event: it starts the withdrawal and guarantee clocks.
 */
import { z } from 'zod';
import { Bp, Cents, CountryCode, CustomerKinds, Duration, Flag, IsoDate, MonthDay, Period, Slug, Text, expecting, uniqueList, wholeNumber } from './common.ts';

/** Where the risk passes to the customer (C10; FR L216-4 for consumers: physical possession). */
export const RiskPoint = z.enum([
  'physical_possession',
  'dispatch',
  'leaving_seller_depot',
  'agreed_delivery_point',
  'leaving_manufacturer_depot',
  'handover_to_customer_carrier',
]);
export type RiskPoint = z.infer<typeof RiskPoint>;

const Fee = z.strictObject({
  /** shown_at_checkout: computed and shown before the order (001 online §5.1, 004 art.3). */
  rule: z.enum(['shown_at_checkout', 'fixed', 'free', 'carriage_forward']),
  amountCents: Cents.optional(),
  /** 003 art.7.2: franco from 250 € HT, for modest volumes and reasonable distances, staff-checked. */
  freeFrom: z
    .strictObject({
      amountCents: Cents,
      vat: z.enum(['excl', 'incl']),
      staffCheck: Flag,
      conditions: uniqueList(z.enum(['modest_volume', 'reasonable_distance'])).optional(),
    })
    .optional(),
});

const LeadTime = z.strictObject({
  /** A fixed maximum, or "as shown on the product page/site at order time". */
  max: Duration.optional(),
  from: z.enum(['order', 'shipment', 'conclusion']).optional(),
  shownOnSite: Flag.optional(),
  /** The seed calls its dates indicative; presumed abusive against consumers (R212-1/R212-2, A-38). */
  indicative: Flag,
});

const PostalCode = z.string({ error: expecting('a postcode written as digits') }).regex(/^\d{4,5}$/, { error: expecting('a postcode of 4 or 5 digits') });

/**
 * A run of postcodes of one country, both ends included, naming the commune it covers (001 CG §4:
 * Charleroi and its sections are 6000–6061). `feeCents` overrides the mode's fee in this zone.
 */
export const PostcodeRange = z
  .strictObject({ country: CountryCode, from: PostalCode, to: PostalCode, commune: Text.optional(), feeCents: Cents.optional() })
  .refine((r) => r.from.length === r.to.length && r.from <= r.to, { error: 'from and to must have as many digits, from ≤ to', path: ['to'] });
export type PostcodeRange = z.infer<typeof PostcodeRange>;

const modeFields = {
  label: Text.optional(),
  customerKinds: CustomerKinds.optional(),
  /** Communes served by this mode (001 CG §4); a mode marked `otherCommunes` serves the rest. */
  communes: uniqueList(Text).optional(),
  /** The same zone by postcodes (BE and FR), so an address is placed by its postcode first. */
  postcodes: z.array(PostcodeRange).min(1).optional(),
  otherCommunes: Flag.optional(),
  fee: Fee.optional(),
  leadTime: LeadTime.optional(),
  /** Overrides `delivery.riskTransfer` for this mode (003 art.7.2: seller or manufacturer delivery). */
  riskTransfer: RiskPoint.optional(),
};

const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const ClockTime = z.string({ error: expecting('a time written HH:MM') }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: expecting('a time written HH:MM') });

/** Opening hours of a point: these days, from → to, cut into slots of `slotMinutes` (the whole span by default). */
const Opening = z
  .strictObject({ days: uniqueList(Weekday, 1), from: ClockTime, to: ClockTime, slotMinutes: wholeNumber(15, 24 * 60).optional() })
  .refine((o) => o.from < o.to, { error: 'from must be before to', path: ['to'] });

/** A point shut on these days (inclusive): holidays of the staff, stock-taking… */
const Closure = z.strictObject({ from: IsoDate, to: IsoDate.optional(), reason: Text.optional() });

/**
 * A distribution centre (001 CG §4 "aux jours et heures renseignés lors de la commande"). Served
 * to the addresses of its commune. Slots come from `opening`, less public holidays (unless
 * `openOnHolidays`) and `closures`; each holds `capacity` orders (C09: a slot capacity per centre).
 */
const PickupPoint = z.strictObject({
  id: Slug.optional(),
  name: Text,
  commune: Text,
  postalCode: Text.optional(),
  address: z.strictObject({ line1: Text, postalCode: Text, city: Text }).optional(),
  opening: z.array(Opening).min(1).optional(),
  capacity: wholeNumber(1, 100_000).optional(),
  closures: z.array(Closure).optional(),
  openOnHolidays: Flag.optional(),
  /** How far ahead slots are offered (weeks) and how long before a slot ordering stops (hours). */
  bookWeeksAhead: wholeNumber(1, 52).optional(),
  bookHoursBefore: wholeNumber(0, 24 * 14).optional(),
});
export type PickupPoint = z.infer<typeof PickupPoint>;

export const DeliveryMode = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('carrier'), ...modeFields }),
  /** Cooperative members deliver at home on volunteer rounds (001 CG §4: Charleroi). */
  z.strictObject({ mode: z.literal('volunteer'), ...modeFields }),
  /** Collection at a distribution centre, in a slot chosen at order time (001 CG §4). */
  z.strictObject({
    mode: z.literal('pickup'),
    ...modeFields,
    points: z.array(PickupPoint).min(1),
    slotChosenAtOrder: Flag,
  }),
  /** Incoterms 2020 EXW at the seller's depot (003 art.7.1, professionals). */
  z.strictObject({ mode: z.literal('ex_works'), ...modeFields, incoterm: z.literal('EXW 2020') }),
  z.strictObject({ mode: z.literal('seller_delivery'), ...modeFields }),
  z.strictObject({ mode: z.literal('manufacturer_direct'), ...modeFields }),
  /** A carrier the customer appoints, not one the seller offered (004 art.5; FR L216-5). */
  z.strictObject({ mode: z.literal('customer_carrier'), ...modeFields }),
]);
export type DeliveryMode = z.infer<typeof DeliveryMode>;

export const Delivery = z.strictObject({
  modes: z.array(DeliveryMode).min(1, { error: 'must list at least one delivery mode' }),
  riskTransfer: z.strictObject({ consumer: RiskPoint.optional(), nonConsumer: RiskPoint.optional() }),
  /** FR L216-1: with no date agreed, delivery within 30 days of conclusion. */
  consumerMaxDelay: Duration.optional(),
  singleShipment: Flag.optional(),
  unloadingIncluded: Flag.optional(),
  /** Timely delivery assumes the customer is up to date with payments (003 art.7.2). */
  requiresCustomerUpToDate: Flag.optional(),
  /** 001 online §3.3: transport damage must be reported at delivery (A-16 for consumers). */
  transportDamageReport: z.enum(['at_delivery', 'conformity_workflow']).optional(),
  /** 003 art.7.2, 8.1: reserves with the carrier, confirmed by LRAR; both limits shown. */
  reserves: z
    .strictObject({
      customerKinds: CustomerKinds,
      confirmWithin: z.array(Period).min(1),
      copyToSeller: Flag,
    })
    .optional(),
  /** 003 art.7.2: refused or uncollected goods disposed of 8 days after an LRAR. */
  nonCollection: z
    .strictObject({
      disposeAfter: Period,
      depositKept: Flag,
      specialOrderFullPrice: Flag,
    })
    .optional(),
  /** Special packaging or transport on a quote accepted in writing (004 art.5). */
  specialTransportOnQuote: Flag.optional(),
});
export type Delivery = z.infer<typeof Delivery>;

export const Campaign = z
  .strictObject({
    slug: Slug,
    /** "{year}" is replaced by the campaign's year. */
    name: Text,
    yearly: Flag,
    /** Orders submitted after this day (A-08: the submission timestamp counts)… */
    lateOrdersAfter: MonthDay,
    /** …are not delivered before this day… */
    lateOrdersNotBefore: MonthDay,
    /** …and are delivered at the latest on this day (001 CG §4). */
    lateOrdersLatestBy: MonthDay,
    withinStock: Flag,
  })
  .refine((c) => c.lateOrdersAfter < c.lateOrdersNotBefore && c.lateOrdersNotBefore <= c.lateOrdersLatestBy, {
    error: 'the dates must follow each other: lateOrdersAfter < lateOrdersNotBefore ≤ lateOrdersLatestBy',
    path: ['lateOrdersLatestBy'],
  });

/** A late-refund surcharge bracket: refunded at most `lateUpTo` late (none = beyond) → +bp. */
const SurchargeBracket = z.strictObject({ lateUpTo: Duration.optional(), bp: Bp });

export const LateDelivery = z.strictObject({
  consumer: z
    .strictObject({
      trigger: z.enum(['displayed_lead_time', 'agreed_date_or_30_days', 'indicative_date_plus_grace']),
      grace: Duration.optional(),
      /** How the consumer ends the contract (FR L216-6: injunction, then termination). */
      act: z.enum(['cancellation_notice', 'termination_after_injunction', 'written_request']),
      /** 001 online §3.2: a cancellation received after shipment has no effect. */
      ineffectiveIfShipped: Flag.optional(),
      refund: Period,
      /** 004 art.5 states its own schedule; the law's current one is in floors.ts. */
      lateRefundSurcharges: z.array(SurchargeBracket).optional(),
    })
    .optional(),
  /** 003 art.7.2: professionals get no cancellation or compensation for delay. */
  professionalNoRemedy: Flag.optional(),
});
export type LateDelivery = z.infer<typeof LateDelivery>;
