import { enableCompileCache, findPackageJSON, registerHooks } from 'node:module';
import { dirname, join } from 'node:path';
import { drizzleResolveHook } from './drizzleResolveHook.ts';

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
 * - drizzle-orm's imports, resolved without Node parsing its 180 kB package.json again for each (drizzleResolveHook.ts).
 *
 * Modules imported before the call (the entry point's own static imports) are loaded the usual way.
 */
export function speedUpModuleLoading(): void {
  const drizzlePackageJson = findPackageJSON('drizzle-orm', import.meta.url)!;
  if (!process.env.NODE_COMPILE_CACHE)
    enableCompileCache(join(dirname(dirname(drizzlePackageJson)), '.cache/node-compile-cache'));
  registerHooks({ resolve: drizzleResolveHook(drizzlePackageJson, new URL('..', import.meta.url).href) });
}
