/**
 * A refusal's days (`YYYY-MM-DD` parameters) written as the page writes them ("8 avril 2026"),
 * so the error summary and the page say one date one way. Other errors pass through unchanged.
 */
import { DomainError } from '../../kernel/errors.ts';
import type { Lang } from '../../kernel/i18n/index.ts';
import { longDay } from '../../orders/late-delivery.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function withLongDays(lang: Lang, params: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && DAY.test(v) ? longDay(lang, v) : v]));
}

export function readableDates(error: unknown, lang: Lang): unknown {
  if (!(error instanceof DomainError) || error.constructor !== DomainError) return error;
  return new DomainError(error.code, error.kind, withLongDays(lang, error.params), error.field);
}
