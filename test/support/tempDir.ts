import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new temporary folder (`alphanest-<label>-…`) under the run's temporary root, removed when the run ends (tempRoot.setup.ts). */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `alphanest-${label}-`));
}
