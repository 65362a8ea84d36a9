import { enableCompileCache, findPackageJSON, registerHooks, type ResolveFnOutput } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Every `npm start` and `alphanest <command>` is a new process that loads the same modules again; before the
 * platform is imported, this takes the two largest needless parts of that work out (together about half of a
 * command's CPU):
 *
 * - Node's compile cache, keyed by content, keeps the stripped and compiled modules for the next process. Where
 *   NODE_COMPILE_CACHE is set (the image sets a folder its user owns), Node turned it on there before this runs.
 *   Otherwise it lives beside the dependencies, in the node_modules drizzle-orm was installed in (beside the sources
 *   or hoisted above them), under .cache as other tools' caches do; not in the temporary directory, which a test run
 *   removes. Where that is not writable the cache stays off and nothing else changes.
 * - To tell a `.js` file's format, Node reads its package's package.json on every import and, in doing so, parses
 *   the whole `exports` map each time: drizzle-orm's is 180 kB, and its hundred files import each other hundreds
 *   of times, and our files import it fifty times (together over 2 s of CPU). Its package is `"type": "module"` with
 *   no other package.json, so a relative `.js` import inside it is an ES module, and the resolution says so without
 *   asking Node; and `drizzle-orm/…` from any of our files resolves to the same file, so Node is asked once.
 *
 * Modules imported before the call (the entry point's own static imports) are loaded the usual way.
 */
export function speedUpModuleLoading(): void {
  const drizzlePackageJson = findPackageJSON('drizzle-orm', import.meta.url)!;
  if (!process.env.NODE_COMPILE_CACHE)
    enableCompileCache(join(dirname(dirname(drizzlePackageJson)), '.cache/node-compile-cache'));
  const drizzle = pathToFileURL(join(dirname(drizzlePackageJson), '/')).href;
  const ours = new URL('..', import.meta.url).href;
  const fromOurs = new Map<string, ResolveFnOutput>();
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.startsWith(drizzle))
        return { url: new URL(specifier, context.parentURL).href, format: 'module', shortCircuit: true };
      if (!/^drizzle-orm(\/|$)/.test(specifier) || !context.parentURL?.startsWith(ours))
        return nextResolve(specifier, context);
      const key = `${specifier} ${context.conditions}`;
      const resolved = fromOurs.get(key) ?? { ...nextResolve(specifier, context), shortCircuit: true };
      fromOurs.set(key, resolved);
      return resolved;
    },
  });
}
