import { writeFileSync } from 'node:fs';
import { getCompileCacheDir } from 'node:module';

/** Preloaded with `node --import`: writes where the process kept its compile cache (none: empty) to COMPILE_CACHE_DIR_FILE as it exits. */
process.on('exit', () => writeFileSync(process.env.COMPILE_CACHE_DIR_FILE!, getCompileCacheDir() ?? ''));
