/**
 * Reads shop profiles from YAML files and validates them. Every problem in every file is
 * collected before anything is returned, and reported in one `ProfileInvalid`; a loaded profile
 * is deeply frozen, since terms change only through a new file (and a new terms version).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { type ProfileIssue, ProfileInvalid } from './errors.ts';
import { type KnownKeys, plainErrorMap, toPlainIssues } from './format-issues.ts';
import { type Profile, ProfileSchema } from './schema.ts';

type Outcome = { ok: true; profile: Profile } | { ok: false; issues: ProfileIssue[] };

/** Validates YAML text; `file` only names the source in messages. */
export function parseProfile(text: string, file: string): Profile {
  const outcome = readProfile(text, file);
  if (!outcome.ok) throw new ProfileInvalid(outcome.issues);
  return outcome.profile;
}

export function loadProfileFile(path: string): Profile {
  return parseProfile(readText(path), displayName(path));
}

/** Every `*.yaml` file of `dir`, sorted by file name; two profiles may not share a slug. */
export function loadProfilesDir(dir: string): Profile[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => join(dir, name));
  const issues: ProfileIssue[] = [];
  const profiles: Profile[] = [];
  const slugs = new Map<string, string>();
  for (const path of files) {
    const file = displayName(path);
    const outcome = readProfile(readText(path), file);
    if (!outcome.ok) {
      issues.push(...outcome.issues);
      continue;
    }
    const owner = slugs.get(outcome.profile.slug);
    if (owner) {
      issues.push({ file, path: 'slug', message: `"${outcome.profile.slug}" is already the slug of ${owner}; each shop needs its own` });
      continue;
    }
    slugs.set(outcome.profile.slug, file);
    profiles.push(outcome.profile);
  }
  if (issues.length) throw new ProfileInvalid(issues);
  return profiles;
}

function readProfile(text: string, file: string): Outcome {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return { ok: false, issues: doc.errors.map((error) => ({ file, path: '', message: yamlMessage(error) })) };
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) {
    return { ok: false, issues: [{ file, path: '', message: 'the file is empty; a profile is a set of "key: value" lines' }] };
  }
  const known: KnownKeys = new Map();
  const result = ProfileSchema.safeParse(data, { error: plainErrorMap(known), reportInput: true });
  if (!result.success) {
    return { ok: false, issues: toPlainIssues(result.error.issues, known).map((issue) => ({ file, ...issue })) };
  }
  return { ok: true, profile: deepFreeze(result.data) };
}

/** "YAML syntax error at line 3, column 5: …", on one line. */
function yamlMessage(error: { message: string; linePos?: [{ line: number; col: number }, ...unknown[]] }): string {
  const firstLine = error.message.split('\n')[0] ?? error.message;
  const reason = firstLine.replace(/ at line \d+, column \d+:?$/, '');
  const at = error.linePos?.[0];
  return at ? `YAML syntax error at line ${at.line}, column ${at.col}: ${reason}` : `YAML syntax error: ${reason}`;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : 'the file cannot be read';
    throw new ProfileInvalid([{ file: displayName(path), path: '', message: reason }]);
  }
}

function displayName(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
