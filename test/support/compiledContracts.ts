import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { compileContracts, compiledContractsPath } from '../../src/modules/onchain/localChain/compile.ts';

/** Shared by every test file and run, as build tools keep their caches: solc runs once per version of the sources. */
const SHARED = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'alphanest-contracts');

/**
 * Compiles the project's contracts into the shared cache unless it holds them already: the run's global setup, before
 * any test file starts. The platform compiles at the lowest priority, and a test file calling an on-chain tool while
 * another file keeps the cores busy waited for solc past the tool's deadline.
 */
export default async function setup(): Promise<void> {
  await compileContracts(SHARED);
}

/**
 * Puts the project's compiled contracts into DATA_DIR/onchain (where the platform looks for them) from the
 * shared cache, compiling them there first when they are missing: a platform that starts the embedded chain
 * then does not wait for solc. Every test context gets them (test/support/context.ts).
 */
export async function seedCompiledContracts(dataDir: string): Promise<void> {
  const compiled = await compiledContractsPath(SHARED);
  await mkdir(join(dataDir, 'onchain'), { recursive: true });
  const seeded = join(dataDir, 'onchain', basename(compiled));
  await copyFile(compiled, seeded).catch(async () => {
    await compileContracts(SHARED);
    await copyFile(compiled, seeded);
  });
}
