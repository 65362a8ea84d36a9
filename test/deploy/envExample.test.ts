import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_EXAMPLE, renderEnvExample, UNDOCUMENTED } from '../../scripts/env-example.ts';
import { envSchema } from '../../src/core/config.ts';

describe('.env.example', () => {
  const shipped = readFileSync(ENV_EXAMPLE, 'utf8');

  it('names every variable of the configuration schema, with its default', () => {
    const named = [...shipped.matchAll(/^# ([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(named).toEqual(Object.keys(envSchema.shape));
    expect(shipped).toContain('\n# PORT=8000\n');
    expect(shipped).toContain('\n# DATABASE_URL=\n');
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
