import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { compileContracts, compiledContractsPath } from '../../src/modules/onchain/localChain/compile.ts';

/** Shared by every test file and run, as build tools keep their caches: solc runs once per version of the sources. */
const SHARED = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'alphanest-contracts');

/**
 * Puts the project's compiled contracts into DATA_DIR/onchain (where the platform looks for them) from the
 * shared cache, compiling them there first when the sources changed: a test that starts the embedded chain
 * then does not wait for solc.
 */
export async function seedCompiledContracts(dataDir: string): Promise<void> {
  await compileContracts(SHARED);
  const compiled = await compiledContractsPath(SHARED);
  await mkdir(join(dataDir, 'onchain'), { recursive: true });
  await copyFile(compiled, join(dataDir, 'onchain', basename(compiled)));
}
