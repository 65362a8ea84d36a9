import { join } from 'node:path';

/**
 * Where the embedded PGlite cluster of a DATA_DIR lives: the database opens it there, and the CLI looks for it
 * to know whether an embedded store was ever created. A file of its own so the CLI learns the path without
 * loading the database code.
 */
export const pgliteDir = (dataDir: string): string => join(dataDir, 'pglite');
