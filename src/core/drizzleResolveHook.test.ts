import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { findPackageJSON, type ResolveFnOutput, type ResolveHookContext } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir.ts';
import { drizzleResolveHook } from './drizzleResolveHook.ts';

const ours = new URL('..', import.meta.url).href;

/** A drizzle-orm folder whose package.json says `type`, and how the hook resolves `specifier` from `parent` in it. */
function resolveIn(type: string) {
  const folder = join(tempDir('drizzle'), 'node_modules/drizzle-orm');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'drizzle-orm', type }));
  const hook = drizzleResolveHook(join(folder, 'package.json'), ours);
  const root = pathToFileURL(`${folder}/`).href;
  return (specifier: string, parent: string) =>
    hook(specifier, { parentURL: `${root}${parent}`, conditions: ['node', 'import'] } as ResolveHookContext, () => ({
      url: 'asked-node',
    })) as ResolveFnOutput;
}

describe('drizzleResolveHook', () => {
  it("says a relative .js import between drizzle's own files is an ES module, without asking Node", () => {
    const resolve = resolveIn('module');
    expect(resolve('./column.js', 'pg-core/index.js')).toMatchObject({ format: 'module', shortCircuit: true });
    expect(resolve('./column.js', 'pg-core/index.js').url).toMatch(/\/drizzle-orm\/pg-core\/column\.js$/);
  });

  it('asks Node when the package is not "type": "module", or for the packages in its own node_modules', () => {
    expect(resolveIn('commonjs')('./column.js', 'pg-core/index.js').url).toBe('asked-node');
    expect(resolveIn('module')('./index.js', 'node_modules/some-dependency/lib/main.js').url).toBe('asked-node');
    expect(resolveIn('module')('../node_modules/x/index.js', 'pg-core/index.js').url).toBe('asked-node');
  });

  it('holds for the drizzle-orm installed: no package.json below its own, which could say its files are not ES modules', () => {
    const packageJson = findPackageJSON('drizzle-orm', import.meta.url)!;
    const files = readdirSync(dirname(packageJson), { recursive: true, encoding: 'utf8' });
    expect(files.filter((file) => file === 'package.json' || file.endsWith('/package.json'))).toEqual(['package.json']);
  });
});
