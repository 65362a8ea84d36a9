import { readFileSync } from 'node:fs';
import type { ResolveFnOutput, ResolveHookSync } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A resolve hook (for `registerHooks`) that spares Node most of its work on drizzle-orm. To tell a `.js` file's
 * format, Node reads its package's package.json on every import and, in doing so, parses the whole `exports` map
 * each time: drizzle-orm's is 180 kB, and its hundred files import each other hundreds of times, and our files
 * (those under `ours`) import it fifty times (together over 2 s of CPU). So:
 *
 * - a relative `.js` import from one of drizzle's files to another is an ES module when its package.json says
 *   `"type": "module"` (read once, here) and no other package.json lies between (a test checks drizzle ships
 *   none): the hook says so without asking Node. A drizzle whose package.json says otherwise, and the packages in
 *   drizzle's own node_modules, are resolved by Node as usual.
 * - `drizzle-orm/…` from any of our files resolves to the same file, so Node is asked once for each.
 */
export function drizzleResolveHook(drizzlePackageJson: string, ours: string): ResolveHookSync {
  const root = pathToFileURL(join(dirname(drizzlePackageJson), '/')).href;
  const nested = `${root}node_modules/`;
  const inDrizzle = (url: string | undefined) => !!url?.startsWith(root) && !url.startsWith(nested);
  const isModule = (JSON.parse(readFileSync(drizzlePackageJson, 'utf8')) as { type?: unknown }).type === 'module';
  const fromOurs = new Map<string, ResolveFnOutput>();
  return (specifier, context, nextResolve) => {
    if (isModule && specifier.startsWith('.') && specifier.endsWith('.js') && inDrizzle(context.parentURL)) {
      const url = new URL(specifier, context.parentURL).href;
      if (inDrizzle(url)) return { url, format: 'module', shortCircuit: true };
    }
    if (!/^drizzle-orm(\/|$)/.test(specifier) || !context.parentURL?.startsWith(ours))
      return nextResolve(specifier, context);
    const key = `${specifier} ${context.conditions}`;
    const resolved = fromOurs.get(key) ?? { ...nextResolve(specifier, context), shortCircuit: true };
    fromOurs.set(key, resolved);
    return resolved;
  };
}
