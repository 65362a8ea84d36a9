import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDirectory } from './makeDirectory.ts';

describe('makeDirectory', () => {
  const root = mkdtempSync(join(tmpdir(), 'alphanest-mkdir-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('makes every missing folder with the mode given, and is done when the folder exists', () => {
    const deep = join(root, 'a', 'b', 'c');
    makeDirectory(deep, 0o700);
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(statSync(join(root, 'a')).mode & 0o777).toBe(0o700);
    makeDirectory(deep, 0o700);
  });

  it('fails at once where a folder cannot be made (where recursive mkdirSync spins for ever), saying which and why', () => {
    expect(() => makeDirectory('/proc/nope/keys')).toThrow(
      expect.objectContaining({
        code: 'ENOENT',
        message: 'cannot make the folder /proc/nope: /proc allows no new folders',
      }),
    );
    const file = join(root, 'file');
    writeFileSync(file, '');
    const below = join(file, 'below', 'deeper');
    expect(() => makeDirectory(below)).toThrow(
      expect.objectContaining({
        code: 'ENOTDIR',
        message: `cannot make the folder ${below}: ${file} is a file, not a folder`,
      }),
    );
  });
});
