/**
 * `comptoir serve` as `npm start` runs it, in a child process: the compiled server
 * (scripts/build.mjs) on a free port, for the memory bench and test (issue 9). BENCH_TSX=1 runs
 * the sources through tsx instead.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ROOT = new URL('../..', import.meta.url).pathname;
/** Node's flags and the bundle exactly as package.json's `start` script gives them, after its build step. */
function npmStartArguments(): string[] {
  const { scripts } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: { start: string } };
  const command = scripts.start.split('&&').at(-1)?.trim().split(/\s+/) ?? [];
  if (command[0] !== 'node' || command.at(-1) !== 'serve') throw new Error(`package.json start is not "… && node … serve": ${scripts.start}`);
  return command.slice(1, -1);
}
const START = process.env.BENCH_TSX ? ['--import', 'tsx', 'src/main.ts'] : npmStartArguments();

/** Compiles the server as `npm start` does (nothing to do when running the sources). */
export function buildServer(): void {
  if (!process.env.BENCH_TSX) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
export function residentMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/** Starts `comptoir serve` on a free port; resolves with the child, its URL and its "Ready in N ms". */
export function serve(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; readyMs: number }> {
  const { DATABASE_URL: _inherited, ...inherited } = process.env;
  const child = spawn(process.execPath, [...START, 'serve'], {
    cwd: ROOT,
    env: { ...inherited, PORT: '0', HOST: '127.0.0.1', COMPTOIR_SECRET: 'bench-memory-secret-0123456789abcdef', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /Ready in (\d+) ms/.exec(out);
      const url = /running on (http:\/\/\S+)/.exec(out);
      if (ready && url) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve({ child, url: url[1] as string, readyMs: Number(ready[1]) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`comptoir serve exited (${code}) before it was ready:\n${out.slice(-2000)}`)));
  });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

