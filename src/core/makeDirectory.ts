import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p`, one folder at a time. Node 24's `mkdirSync(dir, { recursive: true })` (and its promise twin) loops
 * for ever at full CPU on a path under a folder that refuses new entries with ENOENT, such as /proc
 * (`--out /proc/nope`); made one at a time, such a path fails at once with that error. `mode` applies to the
 * folders it makes.
 */
export function makeDirectory(dir: string, mode?: number): void {
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
