/**
 * Helpers shared by the profile tests: the real profiles directory, the compliant fixture, and
 * variants of it built by editing its parsed YAML (so each test states only what it changes).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { parseProfile } from './load.ts';
import type { Profile } from './schema.ts';

export const PROFILES_DIR = fileURLToPath(new URL('../../../profiles/', import.meta.url));
export const COMPLIANT_FILE = fileURLToPath(new URL('./fixtures/compliant.yaml', import.meta.url));

// Tests reshape the parsed YAML at will (that is the point); the schema re-validates the result.
// biome-ignore lint/suspicious/noExplicitAny: free-form test edits, re-checked by ProfileSchema
type Data = Record<string, any>;

/** The compliant fixture as plain data, edited by `edit`, as YAML text. */
export function compliantYaml(edit: (data: Data) => void = () => {}): string {
  const data = parse(readFileSync(COMPLIANT_FILE, 'utf8')) as Data;
  edit(data);
  return stringify(data);
}

export function compliantVariant(edit: (data: Data) => void): Profile {
  return parseProfile(compliantYaml(edit), 'variant.yaml');
}

const created: string[] = [];
process.on('exit', () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory holding the given files, removed when the test process exits. */
export function tempDir(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-profiles-'));
  created.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
