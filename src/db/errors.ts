/** SQLSTATE 23505: both pg and PGlite put it on the thrown error's `code`. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
