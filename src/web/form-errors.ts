/**
 * Form plumbing shared by pages: nested values from flat form fields ("address.city"), and
 * domain errors turned into one message per field for the form to show.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ValidationFailed } from '../kernel/errors.ts';
import type { Lang } from '../kernel/i18n/index.ts';
import { messageFor } from './errors.tsx';
import type { FieldErrors } from './forms.tsx';
import { SESSION_COOKIE } from './context.ts';

export function flatForm(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  }
  return out;
}

/** "address.city" → { address: { city } }; empty optional fields are left out. */
export function nestForm(flat: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1] as string] = value;
  }
  return out;
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
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: 14 * 86_400 });
}
