import { registerHooks } from 'node:module';
import { writeFileSync } from 'node:fs';

/**
 * Preloaded with `node --import` by the tracing and CLI tests: records the modules a process has Node resolve, by
 * `import` or `require`, and writes the list to LOADED_MODULES_FILE when the process exits. Not every module it
 * loads: a hook registered later runs first, and what it answers itself never reaches this one (drizzle-orm's
 * imports of its own files, src/core/drizzleResolveHook.ts).
 */
const loaded = new Set<string>();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    loaded.add(resolved.url);
    return resolved;
  },
});
process.on('exit', () => writeFileSync(process.env.LOADED_MODULES_FILE!, JSON.stringify([...loaded])));
