/**
 * Where one case of `bench:chat` spends the gateway's main thread, per request. It records nothing.
 *
 *   node bench/chatProfile.bench.ts DIR [--case=b] [--seconds=10]   runs the case against a gateway under --cpu-prof,
 *                                                                    then reports
 *   node bench/chatProfile.bench.ts --report DIR [--top=40] [--under=NAME]
 *
 * The gateway runs as bench:chat runs it, in a child process, here with `--cpu-prof` (one sample every
 * INTERVAL_US); after a 3 s warm-up the case (letters as in bench:chat's table) runs alone for the timed window,
 * whose bounds (on the monotonic clock the profile's timestamps use) and request count go to DIR. The report
 * gives each function's self and inclusive time per request within the window, and with --under only the samples
 * whose stack holds a function whose name contains NAME ("plan src/modules/chat/planner/planner.ts").
 *
 * Samples are counted, each as one interval, rather than summed by their recorded gaps: on a machine other work
 * loads, the gap before a sample includes the time the process was not running, and charges it to whatever
 * function the sample lands in. Counted, the figures are shares of the main thread's samples at the interval's
 * scale: compare functions and runs with each other, not with bench:chat's CPU per request.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { asUsers, caseOf, chatBenchEnv, userTokens } from './chatSetup.ts';
import { load } from './support.ts';

const INTERVAL_US = 200;
const WARM_UP_SECONDS = 3;
const option = (name: string, fallback: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

function report(dir: string, top: number, under: string | undefined) {
  const window = JSON.parse(readFileSync(`${dir}/window.json`, 'utf8')) as {
    from: number;
    to: number;
    requests: number;
  };
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))!;
  const profile = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as {
    nodes: ProfileNode[];
    startTime: number;
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const name = (node: ProfileNode) =>
    `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${node.callFrame.lineNumber + 1}`;
  const stackOf = (id: number) => {
    const names: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) names.push(name(byId.get(at)!));
    return names;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let at = profile.startTime;
  let samples = 0;
  let idle = 0;
  profile.samples.forEach((sample, i) => {
    at += profile.timeDeltas[i]!;
    if (at < window.from || at > window.to) return;
    const stack = stackOf(sample);
    if (under && !stack.some((frame) => frame.includes(under))) return;
    samples++;
    if (stack[0]!.startsWith('(idle)')) {
      idle++;
      return;
    }
    self.set(stack[0]!, (self.get(stack[0]!) ?? 0) + 1);
    for (const frame of new Set(stack)) inclusive.set(frame, (inclusive.get(frame) ?? 0) + 1);
  });
  const perRequest = (count: number) => (count * INTERVAL_US) / window.requests;
  const lines = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([frame, count]) => `${perRequest(count).toFixed(1).padStart(8)} µs/req  ${frame}`)
      .join('\n');
  process.stdout.write(
    `window ${((window.to - window.from) / 1e6).toFixed(2)} s, ${window.requests} requests${under ? `, samples under "${under}"` : ''}: ` +
      `${perRequest(samples - idle).toFixed(0)} µs/req busy, ${perRequest(idle).toFixed(0)} µs/req idle\n\n` +
      `self:\n${lines(self, top)}\n\ninclusive:\n${lines(inclusive, top * 2)}\n`,
  );
}

async function run(dir: string, letter: string, seconds: number) {
  mkdirSync(dir, { recursive: true });
  const { env, drop } = chatBenchEnv('bench_chat_profile');
  let gateway: ChildProcess | undefined;
  try {
    gateway = fork(fileURLToPath(new URL('./feedServer.ts', import.meta.url)), ['gateway'], {
      env: { ...process.env, ...env },
      execArgv: [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${INTERVAL_US}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const url = await listeningUrl(gateway);
    const requests = asUsers(await userTokens(env), caseOf(letter));
    await load({ url, requests, duration: WARM_UP_SECONDS });
    const from = Number(process.hrtime.bigint() / 1000n);
    const result = await load({ url, requests, duration: seconds });
    const to = Number(process.hrtime.bigint() / 1000n);
    writeFileSync(
      `${dir}/window.json`,
      JSON.stringify({ from, to, requests: Math.round(result.requestsPerSecond * seconds) }),
    );
    process.stdout.write(
      `(${letter}) ${result.requestsPerSecond} req/s, errors ${result.errors + result.non2xx}; profile in ${dir}\n`,
    );
  } finally {
    // Also when the load failed: the gateway would outlive the bench and its dropped schema.
    if (gateway) await stop(gateway);
    await drop();
  }
}

/** The URL the gateway child says it listens on, once it does. */
function listeningUrl(gateway: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    gateway.once('exit', (code) => reject(new Error(`the gateway exited with ${code} before listening`)));
    gateway.once('message', (message: { url: string }) => resolve(message.url));
  });
}

/** Stops the gateway, if it is still running, and waits for it to exit (it writes its profile as it does). */
function stop(gateway: ChildProcess): Promise<void> {
  if (gateway.exitCode !== null || gateway.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    gateway.removeAllListeners('exit');
    gateway.once('exit', () => resolve());
    gateway.kill('SIGTERM');
  });
}

const reportAt = process.argv.indexOf('--report');
if (reportAt !== -1) report(process.argv[reportAt + 1]!, Number(option('top', '40')), option('under', '') || undefined);
else {
  await run(process.argv[2]!, option('case', 'b'), Number(option('seconds', '10')));
  report(process.argv[2]!, Number(option('top', '40')), undefined);
}
