/**
 * One writer per embedded database (issue 8 §8). PGlite runs PostgreSQL inside the process and
 * keeps its pages in memory: a second process opening the same data directory works on its own
 * copy, and whichever writes last wins (a token made by `comptoir token create` beside a running
 * server never works and is gone at the server's next start). So the first process to open a
 * directory creates `comptoir.pid` in it exclusively (O_EXCL) with its pid, and any other stops
 * with a message naming that pid. A lock whose process is gone (killed -9, crashed) is stale and
 * taken over, as PostgreSQL does with its postmaster.pid.
 *
 * Not proper-lockfile: its locks go stale by age, refreshed on a timer, so after a kill -9 the
 * directory stays locked for the whole stale period, the holder cannot be named, and PGlite's
 * synchronous work, which blocks the event loop, can make a live lock look stale.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'comptoir.pid';

export class DataDirectoryInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly lockPath: string,
  ) {
    super(
      `the server is running on ${dataDir} (pid ${pid}); use the back office or stop it\n` +
        `(the embedded database takes one process at a time; if no such process runs, delete ${lockPath})`,
    );
    this.name = 'DataDirectoryInUse';
  }
}

/** Directories this process holds: opening one twice here would be two writers as well. */
const held = new Set<string>();

type Holder = { pid: number; host: string };

function readHolder(lockPath: string): Holder | null {
  try {
    const [pid, host] = readFileSync(lockPath, 'utf8').split('\n');
    return { pid: Number(pid), host: host ?? '' };
  } catch {
    return null; // removed meanwhile: try again
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, belongs to another user
  }
}

/** A holder that can no longer write: its process is gone, or it is this process's own pid left by a previous life. */
function isStale(holder: Holder, lockPath: string): boolean {
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return true;
  if (holder.host !== hostname()) return false; // another machine's process: cannot tell, keep out
  if (holder.pid === process.pid) return !held.has(lockPath); // e.g. pid 1 again after a container restart
  return !isAlive(holder.pid);
}

/** Takes the directory for this process; returns the release. Throws DataDirectoryInUse. */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n${hostname()}\n`);
      closeSync(fd);
      held.add(lockPath);
      const release = () => {
        process.removeListener('exit', release);
        if (!held.delete(lockPath)) return;
        if (readHolder(lockPath)?.pid === process.pid) unlinkSync(lockPath);
      };
      process.on('exit', release); // a normal exit without close() still frees the directory
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(lockPath);
    if (holder && !isStale(holder, lockPath)) throw new DataDirectoryInUse(dataDir, holder.pid, lockPath);
    try {
      if (holder) unlinkSync(lockPath);
    } catch {
      // another process took it over first: look again
    }
  }
  throw new Error(`could not lock ${dataDir}: ${lockPath} keeps changing`);
}
