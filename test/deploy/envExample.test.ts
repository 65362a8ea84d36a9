import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_EXAMPLE, OUTSIDE_SCHEMA, renderEnvExample, UNDOCUMENTED } from '../../scripts/env-example.ts';
import { envSchema } from '../../src/core/config.ts';

describe('.env.example', () => {
  const shipped = readFileSync(ENV_EXAMPLE, 'utf8');

  it('names every variable of the configuration schema, with its default', () => {
    const named = [...shipped.matchAll(/^# ([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(named).toEqual([...Object.keys(envSchema.shape), ...Object.keys(OUTSIDE_SCHEMA)]);
    expect(shipped).toContain('\n# PORT=8000\n');
    expect(shipped).toContain('\n# DATABASE_URL=\n');
  });

  it('names every variable the sources, the scripts and the image read by name (`env.NAME`)', () => {
    const root = join(import.meta.dirname, '../..');
    const files = [
      'Dockerfile',
      ...['src', 'scripts', 'bin'].flatMap((dir) =>
        readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
          .filter((file) => /\.(ts|js)$/.test(file) && !/\.test\.ts$/.test(file))
          .map((file) => join(dir, file)),
      ),
    ];
    // The test command's own (README, Tests), Node's (docs/deployment.md) and the shell's: not the platform's to set.
    const notForDotEnv = new Set([
      'TEST_DATABASE_URL',
      'TEST_REDIS_URL',
      'TEST_RABBIT_URL',
      'NODE_COMPILE_CACHE',
      'PATH',
    ]);
    const read = new Set(
      files.flatMap((file) =>
        [...readFileSync(join(root, file), 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!),
      ),
    );
    expect(read).toContain('HEALTHCHECK_PORT');
    const listed = new Set([...shipped.matchAll(/^# ([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect([...read].filter((name) => !listed.has(name) && !notForDotEnv.has(name))).toEqual([]);
  });

  it('is what npm run env:example writes from the schema and the docs (run it after changing either)', () => {
    expect(shipped).toBe(renderEnvExample());
  });

  it('gives every variable the meaning a table of README.md or docs/ documents', () => {
    const undocumented = shipped
      .split('\n\n')
      .filter((entry) => entry.includes(UNDOCUMENTED))
      .flatMap((entry) => [...entry.matchAll(/^# ([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect(undocumented).toEqual([]);
  });
});
