import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eventually } from './eventually.ts';
import { freePort } from '../support/ports.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A gateway node run as its own process (`alphanest serve gateway`), as a deployment runs it. */
export interface GatewayProcess {
  url: string;
  child: ChildProcess;
  /** What the node printed, for failure messages. */
  output(): string;
  /** A metric's value from /metrics (summed over its label sets). */
  metric(name: string): Promise<number>;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts a gateway node; `argv` (the script and its arguments) defaults to
 * `alphanest serve gateway`, and may name a launcher that runs more
 * components in the same process (test/support/serveNode.ts).
 */
export async function spawnGateway(
  env: Record<string, string>,
  argv = ['src/cli/main.ts', 'serve', 'gateway'],
): Promise<GatewayProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, argv, {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      ENV: 'testing',
      HOST: '127.0.0.1',
      PORT: String(port),
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  // Not vi.waitFor: bench:stream spawns its gateways with this too, under plain Node, where vitest's helpers throw.
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}:\n${output}`);
    const response = await fetch(`${url}/health`);
    if (response.status !== 200) throw new Error(`health ${response.status}`);
  }, 60_000).catch((err) => {
    child.kill('SIGKILL');
    throw new Error(`gateway did not start: ${(err as Error).message}\n${output}`);
  });
  return {
    url,
    child,
    output: () => output,
    async metric(name) {
      const text = await (await fetch(`${url}/metrics`)).text();
      const lines = text.split('\n').filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`));
      return lines.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
