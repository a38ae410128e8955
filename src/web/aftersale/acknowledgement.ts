/**
 * What the acknowledgement says, for the e-mail, the PDF and the page alike (L221-21; Directive
 * 2011/83 art. 11a: the content, date and time of the withdrawal, on a durable medium): the
 * statement as confirmed, when it was sent, the period it was judged against, how to send the
 * goods back and at whose cost, the refund, and the terms version the order accepted (issue 10
 * §9). Built from the stored withdrawal, so a rendering later says exactly the same.
 */
import { Temporal } from 'temporal-polyfill';
import type { AcceptedTermsJson, WithdrawalStatementJson, WithdrawnServiceJson } from '../../db/schema.ts';
import { type Lang, hasMessage, type MessageKey, t } from '../../kernel/i18n/index.ts';
import { money } from '../../kernel/i18n/money.ts';
import type { Shop } from '../../shops/service.ts';
import { addressLine, channelLabel, dateTime, longDate } from '../../aftersale/format.ts';
import type { WithdrawalRow } from '../../aftersale/queries.ts';
import { returnInstructions } from '../../aftersale/returns.ts';

export type Acknowledgement = {
  statement: WithdrawalStatementJson;
  /** The model form's notice, naming goods, services or both (Annex R221-1: "vente du bien / prestation de services"). */
  intro: string;
  /** Label and value pairs: when, how, period. */
  facts: [string, string][];
  lines: string[];
  returns: string[];
  refund: string;
  terms: string | null;
};

export function acknowledgement(lang: Lang, shop: Shop, w: WithdrawalRow, acceptedTerms: AcceptedTermsJson): Acknowledgement {
  const statement = w.statement as unknown as WithdrawalStatementJson;
  const facts: [string, string][] = [
    [t(lang, 'withdrawal.order'), statement.order.number],
    [t(lang, 'withdrawal.orderedOn'), dateTime(lang, new Date(statement.order.placedAt), shop.timeZone)],
    [t(lang, 'withdrawal.customer'), statement.customer.name],
    [t(lang, 'withdrawal.email'), statement.customer.email],
    ...(statement.customer.address ? [[t(lang, 'withdrawal.address'), addressLine(statement.customer.address)] as [string, string]] : []),
    w.notified_at ? [t(lang, 'withdrawal.sentAt'), dateTime(lang, w.notified_at, shop.timeZone)] : [t(lang, 'withdrawal.sentOn'), longDate(lang, w.notified_on)],
    ...(w.notified_at ? [] : [[t(lang, 'withdrawal.shopReceivedOn'), longDate(lang, w.received_on)] as [string, string]]),
    [t(lang, 'withdrawal.channel'), channelLabel(lang, w.channel)],
    [t(lang, 'withdrawal.period'), w.period_ends_on ? t(lang, 'withdrawal.periodEnds', { date: longDate(lang, w.period_ends_on) }) : t(lang, 'withdrawal.periodNotStarted')],
  ];
  const lines = statement.lines.map((l) => `${l.quantity} × ${l.name} (${l.sku})`);
  // Services alone (issue 10 §2): nothing to send back (L221-23 is about goods), nor any goods to
  // wait for before refunding (L221-24 al. 3): the refund is due 14 days after the notice.
  const servicesOnly = statement.lines.length > 0 && statement.lines.every((l) => l.service);
  const r = returnInstructions(shop.profile, Temporal.PlainDate.from(w.notified_on));
  const returns = servicesOnly
    ? [t(lang, 'service.withdrawal.nothingToReturn')]
    : [
        t(lang, 'withdrawal.return.by', { date: longDate(lang, r.returnBy.toString()), days: r.withinDays }),
        ...(r.address ? [t(lang, 'withdrawal.return.to', { address: [shop.profile.identity.legalName, addressLine(r.address)].join(', ') })] : []),
        t(lang, `withdrawal.return.cost.${r.costBorneBy}` as MessageKey),
      ];
  const cgv = acceptedTerms.find((d) => d.kind === 'cgv') ?? acceptedTerms[0];
  const kind = cgv && hasMessage(`terms.kind.${cgv.kind}`) ? t(lang, `terms.kind.${cgv.kind}` as MessageKey) : (cgv?.kind ?? '');
  return {
    statement,
    intro: statementIntro(lang, statement.lines.map((l) => !!l.service)),
    facts,
    lines,
    returns,
    // Once staff assessed a depreciation of the goods back, the sum is net of it and says why.
    refund: [
      t(lang, servicesOnly ? 'service.withdrawal.refund' : 'withdrawal.refund.amount', { amount: money(lang, w.due_cents) }),
      ...(w.depreciation_cents > 0 ? [t(lang, 'withdrawal.depreciation', { amount: money(lang, w.depreciation_cents), reason: w.depreciation_reason ?? '' })] : []),
      ...statement.lines.flatMap((l) => (l.service ? [serviceOwedText(lang, l.name, l.quantity * l.unitPriceCents, l.service)] : [])),
    ].join(' '),
    terms: cgv ? t(lang, 'withdrawal.terms', { kind, version: cgv.version }) : null,
  };
}

/**
 * The statement's notice for lines that are services (true) or goods (false): the model form's
 * "vente du bien (*) / pour la prestation de services (*)", the one that applies (issue 10 §2).
 */
export function statementIntro(lang: Lang, services: readonly boolean[]): string {
  if (services.length > 0 && services.every(Boolean)) return t(lang, 'service.statementIntro');
  return t(lang, services.some(Boolean) ? 'service.statementIntroMixed' : 'withdrawal.statementIntro');
}

/** What a withdrawn service owes and why (L221-25, issue 10 §2). */
export function serviceOwedText(lang: Lang, name: string, priceCents: number, s: WithdrawnServiceJson): string {
  if (s.requestedAt === null) return t(lang, 'service.withdrawal.notRequested', { name });
  return t(lang, 'service.withdrawal.owed', { name, startedOn: longDate(lang, s.startedOn), supplied: s.suppliedDays, days: s.serviceDays, owed: money(lang, s.owedCents), refund: money(lang, priceCents - s.owedCents) });
}

/** The acknowledgement as plain text: the e-mail's body. */
export function acknowledgementText(lang: Lang, shop: Shop, ack: Acknowledgement): string {
  return [
    t(lang, 'withdrawal.mail.hello', { name: ack.statement.customer.name }),
    '',
    t(lang, 'withdrawal.mail.intro', { number: ack.statement.order.number }),
    '',
    ack.intro,
    ...ack.facts.map(([k, v]) => `${k}${lang === 'fr' ? ' : ' : ': '}${v}`),
    '',
    `${t(lang, 'withdrawal.lines')} :`,
    ...ack.lines.map((l) => `- ${l}`),
    '',
    `${t(lang, 'withdrawal.return.title')} :`,
    ...ack.returns,
    '',
    `${t(lang, 'withdrawal.refund.title')} :`,
    ack.refund,
    ...(ack.terms ? ['', ack.terms] : []),
    '',
    shop.name,
  ].join('\n');
}
