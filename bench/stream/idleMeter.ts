import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { now } from './measure.ts';

/** What some processes did over one window, per second of it, summed over the processes and their threads. */
export interface IdleWindow {
  /** Share of one core: the scheduler's run time of every thread, exact to the nanosecond. */
  cpu: number;
  /** The same from /proc/<pid>/stat's utime and stime (charged by the tick): how records before the schedstat figure measured it. */
  cpuByTicks: number;
  /** Times a thread went to sleep and was woken (voluntary context switches): the event loop's wake-ups, mostly. */
  wakeups: number;
  /** read and write system calls (/proc/<pid>/io's syscr and syscw). */
  reads: number;
  writes: number;
  /** The machine's one-minute load average at the window's end. */
  load: number;
}

interface Counters {
  cpuNs: number;
  ticks: number;
  wakeups: number;
  reads: number;
  writes: number;
}

/** USER_HZ: what /proc/<pid>/stat counts utime and stime in (100 on Linux for every architecture Node runs on). */
const CLOCK_TICKS_PER_SECOND = 100;

const field = (text: string, name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);

/**
 * A process's counters so far. CPU from schedstat rather than /proc/<pid>/stat's utime and stime: those are
 * charged by the 10 ms tick to whatever runs at that instant, and a node woken a few hundred times a second
 * for tens of microseconds each is seen by a handful of ticks a window. Threads that exited are not counted
 * (an idle node starts or ends none).
 */
function counters(pid: number): Counters {
  let cpuNs = 0;
  let wakeups = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    cpuNs += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    wakeups += field(readFileSync(`/proc/${pid}/task/${task}/status`, 'utf8'), 'voluntary_ctxt_switches');
  }
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  // utime and stime are the 14th and 15th fields; the command name (2nd) may hold spaces, so count from its ')'.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const [utime, stime] = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .slice(11, 13)
    .map(Number);
  return { cpuNs, ticks: utime! + stime!, wakeups, reads: field(io, 'syscr'), writes: field(io, 'syscw') };
}

/** Waits `seconds` and reports what the processes did meanwhile. */
export async function idleWindow(pids: number[], seconds: number): Promise<IdleWindow> {
  const before = pids.map(counters);
  const start = now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
  const after = pids.map(counters);
  const elapsed = (now() - start) / 1000;
  const rate = (key: keyof Counters) => after.reduce((sum, c, i) => sum + c[key] - before[i]![key], 0) / elapsed;
  return {
    cpu: rate('cpuNs') / 1e9,
    cpuByTicks: rate('ticks') / CLOCK_TICKS_PER_SECOND,
    wakeups: rate('wakeups'),
    reads: rate('reads'),
    writes: rate('writes'),
    load: loadavg()[0]!,
  };
}
