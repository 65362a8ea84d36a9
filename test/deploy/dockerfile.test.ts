import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TRAINING_SETS } from '../../src/modules/chat/planner/router.ts';

const root = join(import.meta.dirname, '../..');

/** The Dockerfile's instructions (continuation lines joined, comments dropped), grouped by build stage. */
function stages(): Array<{ from: string; name?: string; instructions: Array<[string, string]> }> {
  const text = readFileSync(join(root, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const args: Record<string, string> = {};
  const result: ReturnType<typeof stages> = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line || line.startsWith('#')) continue;
    const [, keyword, rest] = /^(\w+)\s+(.*)$/.exec(line)!;
    const instruction = keyword!.toUpperCase();
    if (instruction === 'ARG' && !result.length) {
      const [name, value] = rest!.split('=');
      args[name!] = value!;
    } else if (instruction === 'FROM') {
      const [image, , name] = rest!.replace(/\$\{(\w+)\}/g, (_, arg: string) => args[arg] ?? '').split(/\s+/);
      result.push({ from: image!, name, instructions: [] });
    } else result.at(-1)!.instructions.push([instruction, rest!]);
  }
  return result;
}

describe('Dockerfile', () => {
  const all = stages();
  const runtime = all.at(-1)!;
  const find = (instruction: string) => runtime.instructions.filter(([i]) => i === instruction).map(([, rest]) => rest);

  it('builds in stages on the official Node 24 image, installing production dependencies only', () => {
    expect(all.map((stage) => stage.from)).toEqual(['node:24-bookworm-slim', 'node:24-bookworm-slim']);
    expect(all.map((stage) => stage.name)).toEqual(['deps', 'runtime']);
    expect(all[0]!.instructions).toContainEqual(['RUN', expect.stringContaining('npm ci --omit=dev')]);
    expect(find('COPY')).toContain('--from=deps /app/node_modules ./node_modules');
  });

  it('runs as a dedicated user, checks its health and runs any component by its command', () => {
    expect(find('USER')).toEqual(['alphanest']);
    expect(find('HEALTHCHECK')[0]).toMatch(/^--interval=\S+ .*CMD .*\/health/);
    expect(find('ENTRYPOINT')).toEqual(['["node", "bin/alphanest.js"]']);
    expect(find('CMD')).toEqual(['["serve", "gateway"]']);
  });

  it("keeps Node's compile cache in a folder the alphanest user owns, filled as that user at build time", () => {
    const cache = /(?:^|\s)NODE_COMPILE_CACHE=(\S+)/.exec(find('ENV').join(' '))?.[1];
    expect(cache).toMatch(/^\//);
    const user = runtime.instructions.findIndex(([instruction]) => instruction === 'USER');
    const asRoot = runtime.instructions.slice(0, user).filter(([i]) => i === 'RUN');
    expect(asRoot.some(([, rest]) => rest.includes(`mkdir -p`) && rest.includes(cache!))).toBe(true);
    expect(asRoot.some(([, rest]) => new RegExp(`chown alphanest:alphanest .*${cache}`).test(rest))).toBe(true);
    // Not under the DATA_DIR volume, which would hide what the build put there.
    expect(cache!.startsWith(find('VOLUME')[0]!.replace(/^\["|"\]$/g, ''))).toBe(false);
    const asUser = runtime.instructions.slice(user + 1);
    const setAt = asUser.findIndex(([i, rest]) => i === 'ENV' && rest.includes('NODE_COMPILE_CACHE='));
    expect(asUser.slice(setAt + 1)).toContainEqual(['RUN', expect.stringMatching(/^node .*import\('\.\/src\//)]);
  });

  it('copies only what exists and what .dockerignore lets into the build context', () => {
    const ignore = readFileSync(join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    expect(ignore[0]).toBe('**');
    const allowed = ignore.filter((line) => line.startsWith('!')).map((line) => line.slice(1).replace(/\/$/, ''));
    const sources = [...all[0]!.instructions, ...runtime.instructions]
      .filter(([i, rest]) => i === 'COPY' && !rest.startsWith('--from'))
      .flatMap(([, rest]) => rest.split(/\s+/).slice(0, -1));
    for (const source of sources) {
      expect(existsSync(join(root, source)), source).toBe(true);
      expect(allowed, source).toContain(source.replace(/\/$/, ''));
    }
    // The datasets a node reads: the replay corpus, and the chat phrasings the local planner learns from (every one copied).
    const trainingSets = Object.values(TRAINING_SETS)
      .map((url) => relative(root, fileURLToPath(url)))
      .filter((path) => path.startsWith('datasets/'));
    expect(sources).toEqual(expect.arrayContaining(trainingSets));
    const readAtRunTime = ['datasets/replay.jsonl', ...trainingSets];
    expect(
      allowed.filter((entry) => /\.env|data|test|node_modules/.test(entry) && !readAtRunTime.includes(entry)),
    ).toEqual([]);
  });
});
