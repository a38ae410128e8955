/**
 * A profile that cannot be loaded. One error carries every problem found, in every file, so a
 * shop's staff fix them all in one pass (DESIGN principle 11: a clear error, nothing changed).
 */

export interface ProfileIssue {
  /** The file as shown to people (relative to the working directory when inside it). */
  readonly file: string;
  /** Dotted path inside the profile (`checkout.maxPerProduct`), "" for the file as a whole. */
  readonly path: string;
  readonly message: string;
}

export function describeIssue(issue: ProfileIssue): string {
  return issue.path ? `${issue.file}: ${issue.path}: ${issue.message}` : `${issue.file}: ${issue.message}`;
}

export class ProfileInvalid extends Error {
  readonly code = 'profile_invalid';
  readonly issues: readonly ProfileIssue[];

  constructor(issues: readonly ProfileIssue[]) {
    const count = `${issues.length} problem${issues.length === 1 ? '' : 's'}`;
    super(`Invalid shop profile (${count}):\n${issues.map(describeIssue).join('\n')}`);
    this.name = 'ProfileInvalid';
    this.issues = issues;
  }
}
