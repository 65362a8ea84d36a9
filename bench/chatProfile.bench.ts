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
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { asUsers, caseOf, chatBenchEnv, userTokens } from './chatSetup.ts';
import { profileTimes, topLines } from './cpuProfile.ts';
import { load } from './support.ts';

const INTERVAL_US = 200;
const WARM_UP_SECONDS = 3;
const option = (name: string, fallback: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

function report(dir: string, top: number, under: string | undefined) {
  const window = JSON.parse(readFileSync(`${dir}/window.json`, 'utf8')) as {
    from: number;
    to: number;
    requests: number;
  };
  const { self, inclusive, busy, idle } = profileTimes(dir, window, { weigh: 'samples', interval: INTERVAL_US, under });
  const perRequest = (time: number) => (time / window.requests).toFixed(0);
  process.stdout.write(
    `window ${((window.to - window.from) / 1e6).toFixed(2)} s, ${window.requests} requests${under ? `, samples under "${under}"` : ''}: ` +
      `${perRequest(busy)} µs/req busy, ${perRequest(idle)} µs/req idle\n\n` +
      `self:\n${topLines(self, top, window.requests, 'req')}\n\ninclusive:\n${topLines(inclusive, top * 2, window.requests, 'req')}\n`,
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
