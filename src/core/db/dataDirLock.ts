import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The embedded database is one process's: a second writer (a CLI command beside `npm start`) can corrupt it. */
export class DataDirInUseError extends Error {
  readonly pid: number;
  constructor(pid: number) {
    super(`DATA_DIR is in use by AlphaNest (pid ${pid}): stop it, or use DATABASE_URL`);
    this.pid = pid;
  }
}

/** What the lock file says: who holds it, since when that process runs, and a token only the holder knows. */
interface Holder {
  pid: number;
  /** Start time of the process (Linux), so a pid reused by another process after a crash is not taken for the holder. */
  started: string;
  token: string;
}

/** A lock file still empty this long after it was created is left over (its writer died between creating and writing it). */
const EMPTY_GRACE_MS = 2_000;

/** How long a new holder waits before checking that nobody replaced its file while taking over a stale one. */
const SETTLE_MS = 25;

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot), or '' where there is no /proc. */
function startTimeOf(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

function isRunning({ pid, started }: Holder): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return started === '' || startTimeOf(pid) === '' || startTimeOf(pid) === started;
}

function read(file: string): { holder: Holder | null; inode: number; ageMs: number } | null {
  try {
    const { ino, mtimeMs } = statSync(file);
    const [pid, started = '', token = ''] = readFileSync(file, 'utf8').trim().split(' ');
    const holder = Number.isInteger(Number(pid)) && Number(pid) > 0 ? { pid: Number(pid), started, token } : null;
    return { holder, inode: ino, ageMs: Date.now() - mtimeMs };
  } catch {
    return null;
  }
}

/**
 * Takes `dir/alphanest.pid` for this process, or throws DataDirInUseError when
 * a running process holds it. A file left by a process that died (or whose pid
 * now belongs to another process) is taken over. Returns the function that
 * releases it.
 */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, 'alphanest.pid');
  const mine: Holder = { pid: process.pid, started: startTimeOf(process.pid), token: randomBytes(8).toString('hex') };
  let tookOver = false;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      writeFileSync(file, `${mine.pid} ${mine.started} ${mine.token}\n`, { flag: 'wx' });
      // Only a takeover races: another process that judged the same file stale may replace ours right after.
      if (tookOver) {
        pause(SETTLE_MS);
        if (read(file)?.holder?.token !== mine.token) continue; // it did: look again
      }
      return () => {
        if (read(file)?.holder?.token === mine.token) unlinkSync(file);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const seen = read(file);
    if (!seen) continue; // removed meanwhile
    if (!seen.holder && seen.ageMs < EMPTY_GRACE_MS) {
      pause(50); // another process is writing its pid right now
      continue;
    }
    if (seen.holder && isRunning(seen.holder)) throw new DataDirInUseError(seen.holder.pid);
    // Stale: remove it only if it is still the very file judged stale, not a lock someone took since
    // (inodes are reused at once, so the token must match too).
    const current = read(file);
    if (current?.inode === seen.inode && current.holder?.token === seen.holder?.token) {
      unlinkSync(file);
      tookOver = true;
    }
  }
  throw new DataDirInUseError(read(file)?.holder?.pid ?? 0);
}
