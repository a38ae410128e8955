/**
 * The demo profiles with one clause changed, in a temporary directory a test platform loads
 * (COMPTOIR_PROFILES_DIR): e.g. Bible et Jeux capturing card payments at shipment.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Copies `profiles/` and replaces `from` (which must be there) by `to` in `file`; returns the directory. */
export function profilesWith(file: string, from: RegExp, to: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-profiles-'));
  cpSync('profiles', dir, { recursive: true });
  const path = join(dir, file);
  const yaml = readFileSync(path, 'utf8');
  assert.match(yaml, from);
  writeFileSync(path, yaml.replace(from, to));
  return dir;
}

/** Bible et Jeux's profile with card payments authorised at order and captured at shipment. */
export const captureAtShipmentProfiles = () => profilesWith('bible-et-jeux.yaml', /\n {2}capture: at_order /, '\n  capture: at_shipment ');
