import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

// Registered once per test file (each file loads this module afresh): its folders go when the file ends.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new temporary folder (`alphanest-<label>-…`), removed when the test file ends. */
export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `alphanest-${label}-`));
  made.push(dir);
  return dir;
}
