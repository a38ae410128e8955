/**
 * Sign-in refused for now: the caller must wait (sign-in-rules.ts). The web layer sends it as
 * 429 with `Retry-After` (RFC 9110 §10.2.3) in seconds.
 */
import { DomainError } from '../kernel/errors.ts';

export class TooManyAttempts extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('too_many_attempts', 'too_many', { seconds: retryAfterSeconds });
  }
}
