import { registerHooks } from 'node:module';
import { writeFileSync } from 'node:fs';

/**
 * Preloaded with `node --import` by the tracing test: records every module
 * a process resolves, by `import` or `require`, and writes the list to
 * LOADED_MODULES_FILE when the process exits.
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
