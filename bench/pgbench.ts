/**
 * pgbench, as the benches run it (bench/checkout.ts's anchor, bench/replay.ts's replay): found on
 * the PATH or not at all (the bench installs nothing), one run of one script file, and the
 * figures its summary prints.
 */
import { execFile, execFileSync } from 'node:child_process';

/** pgbench's path, or null when it is not installed (Debian: postgresql-client). */
export function pgbenchPath(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v pgbench'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export type PgbenchSummary = { tps: number; transactions: number; failed: number };

/**
 * `pgbench -n -f file -c clients -j 2 -T seconds`, with `options.args` before the target (a
 * protocol, a per-transaction log) and `options.env` added to this process's environment.
 */
export async function runPgbench(pgbench: string, target: string, file: string, run: { clients: number; seconds: number; args?: string[]; env?: Record<string, string> }): Promise<PgbenchSummary> {
  const args = ['-n', '-f', file, '-c', String(run.clients), '-j', '2', '-T', String(run.seconds), ...(run.args ?? []), target];
  const out = await new Promise<string>((resolve, reject) =>
    execFile(pgbench, args, { encoding: 'utf8', maxBuffer: 1 << 20, env: { ...process.env, ...run.env } }, (error, stdout, stderr) =>
      error ? reject(new Error(`pgbench failed: ${stderr || error.message}`)) : resolve(stdout),
    ),
  );
  return {
    tps: Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? Number.NaN),
    transactions: Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1] ?? Number.NaN),
    failed: Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0),
  };
}
