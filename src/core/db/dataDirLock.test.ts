import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './dataDirLock.ts';
import { tempDir } from '../../../test/support/tempDir.ts';

const freshDir = () => tempDir('lock');
const startTime = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
};

describe('DATA_DIR lock', () => {
  it('lets one holder in at a time and frees the directory on release', () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(new DataDirInUseError(process.pid));
    release();
    lockDataDir(dir)();
  });

  it('refuses while another live process holds it', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'alphanest.pid'), `${process.ppid} ${startTime(process.ppid)} sometoken\n`);
    expect(() => lockDataDir(dir)).toThrow(`DATA_DIR is in use by AlphaNest (pid ${process.ppid})`);
  });

  it('takes over a file left by a dead process, or by a pid that now belongs to another process', () => {
    const dead = freshDir();
    writeFileSync(join(dead, 'alphanest.pid'), '2147483646 1 oldtoken\n');
    lockDataDir(dead)();
    const reused = freshDir();
    // The parent is alive, but it started at another time than the process that wrote this file.
    writeFileSync(join(reused, 'alphanest.pid'), `${process.ppid} 1 oldtoken\n`);
    lockDataDir(reused)();
    const legacy = freshDir();
    writeFileSync(join(legacy, 'alphanest.pid'), '2147483646\n');
    lockDataDir(legacy)();
  });
});
