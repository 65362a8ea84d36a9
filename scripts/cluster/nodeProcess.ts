import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** What a node printed last, for failure messages and `npm run cluster`'s console: bounded, whatever it logs. */
const KEPT_OUTPUT_CHARS = 256 * 1024;

/** One process of the cluster: a node running one component (`alphanest serve <component>`), or nginx. */
export interface ClusterProcess {
  /** `gateway-1`, `mcp`, `agents-2`, `nginx`… */
  name: string;
  child: ChildProcess;
  /** The HTTP address it serves on this machine, when it serves one. */
  url?: string;
  /** The last output it printed (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once it exited. */
  exited: Promise<number | string>;
  /** Sends a signal (SIGTERM: a clean stop within SHUTDOWN_TIMEOUT_SECONDS; SIGKILL: a crash) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/** Every line a process prints, with its name, for a console that interleaves them (`npm run cluster`). */
export type LineSink = (name: string, line: string) => void;

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; url?: string; onLine?: LineSink },
): ClusterProcess {
  const child = spawn(command, args, { cwd: root, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let partial = '';
  const record = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-KEPT_OUTPUT_CHARS);
    if (!options.onLine) return;
    const lines = (partial + text).split('\n');
    partial = lines.pop()!;
    for (const line of lines) options.onLine(name, line);
  };
  child.stdout!.on('data', record);
  child.stderr!.on('data', record);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return {
    name,
    child,
    url: options.url,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** A node of the platform running one component, as a deployment runs it. */
export function startNode(
  name: string,
  component: string,
  options: { env: NodeJS.ProcessEnv; url?: string; onLine?: LineSink },
): ClusterProcess {
  return startProcess(name, process.execPath, ['src/cli/main.ts', 'serve', component], options);
}
