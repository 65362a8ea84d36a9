import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: one temporary root for the whole run, removed when it ends. Every temporary folder a test
 * or a process it starts makes (os.tmpdir() reads TMPDIR) lands under it, so nothing is left in /tmp whichever
 * file made it: with `isolate: false` a test file cannot count on a hook of its own running when it ends.
 */
export default function setup(): () => void {
  const before = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'alphanest-run-'));
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(root, { recursive: true, force: true });
  };
}
