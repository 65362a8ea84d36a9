import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Abi, Hex } from 'viem';
import { makeDirectory } from '../../../core/makeDirectory.ts';

export interface CompiledContract {
  abi: Abi;
  bytecode: Hex;
  deployedBytecode: Hex;
}

/** Every contract of `src/modules/onchain/contracts/`, by contract name. */
export type Artifacts = ReadonlyMap<string, CompiledContract>;

const CONTRACTS_DIR = new URL('../contracts/', import.meta.url);

// `paris`: no PUSH0, so the probe also runs by state override on chains that lag behind Ethereum's forks.
// No optimizer: solc-js then compiles these contracts in about 4 s instead of 20 (the first start waits for it),
// and gas matters little in a demo chain and a probe run only inside eth_call.
const SETTINGS = {
  optimizer: { enabled: false },
  evmVersion: 'paris',
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
};

interface SolcOutput {
  errors?: Array<{ severity: string; formattedMessage: string }>;
  contracts?: Record<
    string,
    Record<string, { abi: Abi; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>
  >;
}

/** The lowest scheduling priority: the compile gives way to requests being served. */
const NICEST = 19;

function runSolc(input: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const child = spawn(process.execPath, [fileURLToPath(new URL('./solcProcess.ts', import.meta.url))], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    try {
      if (child.pid !== undefined) setPriority(child.pid, NICEST);
    } catch {
      // Not allowed here (some containers): it runs at normal priority.
    }
    // A platform closing mid-compile ends the compiler rather than waiting seconds for it.
    const abort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', abort, { once: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      signal?.removeEventListener('abort', abort);
      if (signal?.aborted) reject(signal.reason);
      else if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else
        reject(new Error(`solc exited with code ${code}: ${Buffer.concat(err).toString('utf8').trim().slice(0, 500)}`));
    });
    child.stdin.end(input);
  });
}

/** The compiler input for the project's contracts, and the cache file name it compiles to (by the hash of the compiler version, settings and sources). */
async function compilerInput() {
  const names = (await readdir(CONTRACTS_DIR)).filter((n) => n.endsWith('.sol')).sort();
  const sources = Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, { content: await readFile(new URL(n, CONTRACTS_DIR), 'utf8') }])),
  );
  const input = JSON.stringify({ language: 'Solidity', sources, settings: SETTINGS });
  const { version } = createRequire(import.meta.url)('solc/package.json') as { version: string };
  const key = createHash('sha256').update(`solc ${version}\n`).update(input).digest('hex').slice(0, 32);
  return { input, version, file: `contracts-${key}.json` };
}

/** Where compileContracts(cacheDir) keeps the output for the contracts as they are now. */
export const compiledContractsPath = async (cacheDir: string) => join(cacheDir, (await compilerInput()).file);

/**
 * Compiles the project's contracts with solc from npm, at most once per source version: the output is kept
 * under `cacheDir`, named by the hash of the compiler version, settings and sources.
 */
export async function compileContracts(cacheDir: string, signal?: AbortSignal): Promise<Artifacts> {
  const { input, version, file } = await compilerInput();
  const cached = join(cacheDir, file);

  let text = await readFile(cached, 'utf8').catch(() => null);
  if (text === null) {
    text = await runSolc(input, signal);
    const problems = ((JSON.parse(text) as SolcOutput).errors ?? []).filter((e) => e.severity === 'error');
    if (problems.length)
      throw new Error(`solc ${version}: ${problems.map((p) => p.formattedMessage.trim()).join('\n')}`);
    makeDirectory(cacheDir);
    const partial = `${cached}.${process.pid}.tmp`;
    await writeFile(partial, text);
    await rename(partial, cached);
  }

  const output = JSON.parse(text) as SolcOutput;
  const artifacts = new Map<string, CompiledContract>();
  for (const file of Object.values(output.contracts ?? {}))
    for (const [name, contract] of Object.entries(file))
      artifacts.set(name, {
        abi: contract.abi,
        bytecode: `0x${contract.evm.bytecode.object}`,
        deployedBytecode: `0x${contract.evm.deployedBytecode.object}`,
      });
  return artifacts;
}

/** A contract the sources must define (a typo in a name is a bug, said plainly). */
export function artifact(artifacts: Artifacts, name: string): CompiledContract {
  const found = artifacts.get(name);
  if (!found) throw new Error(`no compiled contract named ${name}`);
  return found;
}
