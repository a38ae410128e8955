/**
 * Form plumbing shared by pages: nested values from flat form fields ("address.city"), and
 * domain errors turned into one message per field for the form to show.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import qs from 'qs';
import { DomainError, ValidationFailed } from '../kernel/errors.ts';
import type { Lang } from '../kernel/i18n/index.ts';
import { messageFor } from './errors.tsx';
import type { FieldErrors } from './forms.tsx';
import { SESSION_COOKIE } from './context.ts';
import { SAFE_FORM_OPTIONS } from './form-body.ts';
import { secureCookies } from './urls.ts';

/**
 * The form's text fields (any body: form, JSON or multipart fields), without the CSRF token.
 * Built with `Object.fromEntries`, which defines own properties: even a key `__proto__` from a
 * JSON body stays a plain field and never sets a prototype.
 */
export function flatForm(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== '_csrf'));
}

/**
 * "address.city" → { address: { city } }, by qs with the edge parser's options: a path through
 * `__proto__`, `constructor` or any other Object.prototype name is dropped, never followed
 * (issue 8 §4), and nesting stops at 5 levels (the rest stays one unknown key, refused by the schema).
 */
export function nestForm(flat: Record<string, string>): Record<string, unknown> {
  return qs.parse(flat, { ...SAFE_FORM_OPTIONS, allowDots: true });
}

/** Field errors of a failed form, or rethrows what is not the user's doing. */
export function fieldErrors(error: unknown, lang: Lang): FieldErrors {
  if (error instanceof ValidationFailed) {
    const errors: FieldErrors = {};
    for (const issue of error.issues) errors[issue.field || '_form'] ??= messageFor(lang, issue.code, issue.params);
    return errors;
  }
  if (error instanceof DomainError && error.kind !== 'forbidden' && error.kind !== 'not_found') {
    return { [error.field ?? '_form']: messageFor(lang, error.code, error.params) };
  }
  throw error;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies(request), maxAge: 14 * 86_400 });
}

/** A form's filled fields, trimmed; empty ones are not given (so optional fields stay absent). */
export const filledFields = (values: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));
