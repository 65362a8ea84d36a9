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

/** Lock files this process holds: a file naming our own pid that is not among them is left over from an earlier run (containers reuse pid 1). */
const held = new Set<string>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock file still empty this long after it was created is left over (its writer died between creating and writing it). */
const EMPTY_GRACE_MS = 2_000;

const ageMs = (file: string) => {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
};

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function ownerOf(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Takes `dir/alphanest.pid` for this process, or throws DataDirInUseError when
 * a running process holds it. A file left by a process that died is taken over.
 * Resolves with the function that releases it.
 */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, 'alphanest.pid');
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      held.add(file);
      return () => {
        held.delete(file);
        if (ownerOf(file) === process.pid) unlinkSync(file);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = ownerOf(file);
    if (owner === null && ageMs(file) < EMPTY_GRACE_MS) {
      pause(50); // another process is writing its pid right now
      continue;
    }
    const stale = owner === null || (owner === process.pid ? !held.has(file) : !isRunning(owner));
    if (!stale) throw new DataDirInUseError(owner!);
    try {
      unlinkSync(file);
    } catch {
      // Another process removed it first; the next attempt decides who gets it.
    }
  }
  throw new DataDirInUseError(ownerOf(file) ?? 0);
}
