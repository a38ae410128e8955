/**
 * The embedded database's own secret (issue 10 §1): without COMPTOIR_SECRET, `npm start` used to
 * draw a new secret at each start, so the signed order links of e-mails sent before a restart
 * (and the signed cookies) stopped working. With the embedded database the data directory is
 * the installation: a secret is generated there once (file `secret`, mode 0600, readable by the
 * server's user only) and read at every later start. It is never printed nor logged.
 *
 * Only in development with the embedded database: production refuses to start without
 * COMPTOIR_SECRET (src/config.ts), and a PostgreSQL server has no data directory of ours.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';

export const KEY_FILE = 'secret';

/** The secret kept in `dataDir`, created on the first call (exclusively: two starts never write two). */
export function dataDirSecret(dataDir: string): string {
  const path = join(dataDir, KEY_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // A file copied in with wider rights is narrowed: it signs every customer's order link.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${path}: the secret kept there is too short; delete the file to draw a new one (links already sent stop working)`);
  return secret;
}

/**
 * The configuration `comptoir serve` runs with: COMPTOIR_SECRET when set; else, on the embedded
 * database, the data directory's secret (`file` says where, for the start-up message); else the
 * secret drawn for this run.
 */
export function withDataDirSecret(config: Config): { config: Config; file: string | null } {
  if (!config.secretGenerated || config.databaseUrl || config.production) return { config, file: null };
  return { config: Object.freeze({ ...config, secret: dataDirSecret(config.dataDir) }), file: join(config.dataDir, KEY_FILE) };
}
