import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import autocannon from 'autocannon';

/**
 * Shared pieces of the `npm run bench:*` scripts: servers run in a child
 * process (so the load generator doesn't steal the server's event loop),
 * autocannon drives them, and results go to docs/benchmarks.md.
 */

export interface Served {
  url: string;
  stop(): Promise<void>;
}

/** Forks `script` with `args`; the child sends `{ url }` once it listens. */
export function serveInChild(script: string, args: string[], env: Record<string, string> = {}): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(script, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${script} ${args.join(' ')} exited with ${code} before listening`)));
    child.once('message', (message: { url: string }) =>
      resolve({
        url: message.url,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      }),
    );
  });
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export async function load(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ connections: 50, duration: 8, ...options });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** The middle value (the upper middle of an even count). */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export const machine = () =>
  `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const lines = [headers, headers.map(() => '---'), ...rows.map((r) => r.map(String))];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

const BENCHMARKS = new URL('../docs/benchmarks.md', import.meta.url);

/** Replaces (or appends) the section headed `## <title>` in docs/benchmarks.md. */
export function recordSection(title: string, body: string): void {
  // `--no-record` (any bench): a trial run, on a busy machine or a work in progress, that must not replace the record.
  if (process.argv.includes('--no-record')) return;
  const heading = `## ${title}`;
  const current = existsSync(BENCHMARKS)
    ? readFileSync(BENCHMARKS, 'utf8')
    : '# Benchmarks\n\nFigures written by the `npm run bench:*` scripts; each compares against a baseline measured in the same run.\n';
  const start = current.indexOf(heading);
  if (start === -1) {
    writeFileSync(BENCHMARKS, `${current.trimEnd()}\n\n${heading}\n\n${body}\n`);
    return;
  }
  const next = current.indexOf('\n## ', start + heading.length);
  const end = next === -1 ? current.length : next + 1;
  writeFileSync(
    BENCHMARKS,
    `${current.slice(0, start)}${heading}\n\n${body}\n${next === -1 ? '' : '\n'}${current.slice(end)}`,
  );
}
