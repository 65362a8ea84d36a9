import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

/** anvil could not be found or started: the message says which and why, naming anvil. */
class AnvilError extends Error {}

/** `@foundry-rs/anvil` ships the binary in a per-platform package, one of its optional dependencies. */
const PLATFORM_PACKAGES: Readonly<Record<string, string>> = {
  'linux-x64': 'linux-amd64',
  'linux-arm64': 'linux-arm64',
  'darwin-x64': 'darwin-amd64',
  'darwin-arm64': 'darwin-arm64',
  'win32-x64': 'win32-amd64',
};

/**
 * The anvil binary npm installed. The package's own `anvil` command is a Node wrapper that spawns it; running
 * the binary directly leaves one process to stop instead of two. Looked up as the wrapper does: the platform
 * package beside it, else the copy its postinstall may have downloaded into the package folder.
 */
function anvilBinary(): string {
  const platform = PLATFORM_PACKAGES[`${process.platform}-${process.arch}`];
  if (!platform) throw new AnvilError(`anvil: @foundry-rs/anvil has no build for ${process.platform}-${process.arch}`);
  const name = process.platform === 'win32' ? 'anvil.exe' : 'anvil';
  let wrapper: string;
  try {
    wrapper = createRequire(import.meta.url).resolve('@foundry-rs/anvil/package.json');
  } catch {
    throw new AnvilError('anvil: the npm package @foundry-rs/anvil is not installed (run npm install)');
  }
  try {
    return createRequire(wrapper).resolve(`@foundry-rs/anvil-${platform}/bin/${name}`);
  } catch {
    for (const candidate of [join(dirname(wrapper), name), join(dirname(wrapper), '..', 'dist', name)])
      if (existsSync(candidate)) return candidate;
  }
  throw new AnvilError(`anvil: @foundry-rs/anvil-${platform} (the binary for this machine) is not installed`);
}

export interface RunningAnvil {
  url: string;
  /** Stops the process (SIGTERM, then SIGKILL after 3 s). */
  stop(): Promise<void>;
}

/**
 * A small Node process between the platform and anvil: it runs anvil and ends it when its stdin closes, which
 * happens whenever the platform's process goes away, SIGKILL included, so anvil never outlives it. SIGTERM
 * (a stop) ends anvil the same way.
 */
const GUARD = `
const { spawn } = require('node:child_process');
const anvil = spawn(process.argv[1], process.argv.slice(2), { stdio: ['ignore', 'inherit', 'inherit'] });
const end = () => {
  anvil.kill('SIGTERM');
  setTimeout(() => anvil.kill('SIGKILL'), 3000).unref();
};
process.stdin.on('end', end);
process.stdin.on('error', end);
process.stdin.resume();
process.on('SIGTERM', end);
anvil.on('error', (err) => { console.error(err.message); process.exit(1); });
anvil.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
`;

/** Anvil's default chain id, which wallets and tools expect of a local chain. */
export const LOCAL_CHAIN_ID = 31337;

/**
 * Starts anvil on 127.0.0.1 on a port the system picks (it prints the one it bound). Its accounts are the
 * usual unlocked development ones, with 10,000 ether each. Rejects naming anvil when it does not come up.
 */
export function startAnvil({ startTimeoutMs = 20_000 }: { startTimeoutMs?: number } = {}): Promise<RunningAnvil> {
  const binary = anvilBinary();
  const args = ['--host', '127.0.0.1', '--port', '0', '--chain-id', String(LOCAL_CHAIN_ID), '--accounts', '10'];
  const child = spawn(process.execPath, ['-e', GUARD, binary, ...args, '--balance', '10000'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(killer);
  };

  return new Promise<RunningAnvil>((resolve, reject) => {
    const errors: string[] = [];
    const fail = (reason: string) => {
      clearTimeout(timer);
      void stop();
      reject(new AnvilError(`anvil (${binary}) did not start: ${reason}`));
    };
    const timer = setTimeout(() => fail(`no "Listening on" line within ${startTimeoutMs} ms`), startTimeoutMs);
    child.once('error', (err) => fail(err.message));
    const onEarlyExit = (code: number | null, signal: string | null) =>
      fail(`exited with ${signal ?? `code ${code}`}${errors.length ? `: ${errors.join(' ')}` : ''}`);
    child.once('exit', onEarlyExit);
    createInterface({ input: child.stderr }).on('line', (line) => errors.length < 5 && errors.push(line.trim()));
    // Anvil logs every request on stdout: read it all, or a full pipe would stall it.
    createInterface({ input: child.stdout }).on('line', (line) => {
      const listening = /Listening on ([\d.]+):(\d+)/.exec(line);
      if (!listening) return;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      resolve({ url: `http://${listening[1]}:${listening[2]}`, stop });
    });
  });
}
