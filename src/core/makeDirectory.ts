import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * makeDirectory's refusal, saying which folder and why (mkdir's own words name neither the file in the way nor
 * what refused); `code` is mkdir's.
 */
export class FolderRefusedError extends Error {
  readonly code: string | undefined;
  readonly path: string;
  constructor(err: NodeJS.ErrnoException, path: string) {
    super(`cannot make the folder ${path}: ${refusalReason(err.code, path)}`, { cause: err });
    this.code = err.code;
    this.path = path;
  }
}

/** The file standing where a folder of `path` should be: `path` itself or the nearest file above it. */
function fileIn(path: string): string | undefined {
  for (let at = path; at !== dirname(at); at = dirname(at)) {
    try {
      if (!statSync(at).isDirectory()) return at;
    } catch {
      // Missing, or below a file: the file is further up.
    }
  }
  return undefined;
}

function refusalReason(code: string | undefined, path: string): string {
  const file = code === 'ENOTDIR' || code === 'EEXIST' ? fileIn(path) : undefined;
  if (file) return `${file} is a file, not a folder`;
  // What is left of a path under a folder that refuses new entries, such as /proc.
  if (code === 'ENOENT') return `${dirname(path)} allows no new folders`;
  if (code === 'EACCES' || code === 'EPERM') return `not allowed to make folders in ${dirname(path)}`;
  if (code === 'EROFS') return 'the file system is read-only';
  return code ?? 'no reason given';
}

/**
 * `mkdir -p`, one folder at a time. Node 24's `mkdirSync(dir, { recursive: true })` (and its promise twin) loops
 * for ever at full CPU on a path under a folder that refuses new entries with ENOENT, such as /proc
 * (`--out /proc/nope`); made one at a time, such a path fails at once. `mode` applies to the folders it makes; a
 * folder it cannot make throws a FolderRefusedError.
 */
export function makeDirectory(dir: string, mode?: number): void {
  try {
    makeEach(dir, mode);
  } catch (err) {
    const refused = err as NodeJS.ErrnoException;
    throw refused.syscall === 'mkdir' ? new FolderRefusedError(refused, refused.path ?? dir) : err;
  }
}

function makeEach(dir: string, mode: number | undefined): void {
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    try {
      mkdirSync(at, { mode });
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') break;
      if (code !== 'ENOENT' || dirname(at) === at || missing.length > 256) throw err;
      missing.push(at);
    }
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder, { mode });
    } catch (err) {
      // Made meanwhile by another process starting at once: as good as made here.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
