import { readdirSync, readFileSync } from 'node:fs';

/**
 * The `.cpuprofile` a process wrote to a folder under `--cpu-prof`, summed by function inside a window of
 * the monotonic clock (µs, as the profile's timestamps), for the profiling benches' reports.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface ProfileTimes {
  /** By function (`name file:line`): time in it, and time with it on the stack (counted once per sample). */
  self: Map<string, number>;
  inclusive: Map<string, number>;
  /** The window's samples' time, busy and idle. */
  busy: number;
  idle: number;
}

/**
 * `weigh`: `gaps` sums each sample's recorded gap (µs of the main thread); `samples` counts each sample as
 * `interval` µs, for a machine other work loads, where a gap includes time the process was not running and
 * charges it to whatever function the sample lands in. `under`: only samples whose stack holds a function whose
 * name contains it.
 */
export function profileTimes(
  dir: string,
  window: { from: number; to: number },
  options: { weigh: 'gaps' } | { weigh: 'samples'; interval: number; under?: string },
): ProfileTimes {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
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
  const under = options.weigh === 'samples' ? options.under : undefined;
  const times: ProfileTimes = { self: new Map(), inclusive: new Map(), busy: 0, idle: 0 };
  const add = (map: Map<string, number>, key: string, time: number) => map.set(key, (map.get(key) ?? 0) + time);
  let at = profile.startTime;
  profile.samples.forEach((sample, i) => {
    const gap = profile.timeDeltas[i]!;
    at += gap;
    if (at < window.from || at > window.to) return;
    const stack: string[] = [];
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) stack.push(name(byId.get(id)!));
    if (under && !stack.some((frame) => frame.includes(under))) return;
    const time = options.weigh === 'gaps' ? gap : options.interval;
    if (byId.get(sample)!.callFrame.functionName === '(idle)') {
      times.idle += time;
      return;
    }
    times.busy += time;
    add(times.self, stack[0]!, time);
    for (const frame of new Set(stack)) add(times.inclusive, frame, time);
  });
  return times;
}

/** The `n` largest entries, one line each: the time divided by `count`, then the function. */
export function topLines(map: Map<string, number>, n: number, count: number, unit: string): string {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([frame, time]) => `${(time / count).toFixed(1).padStart(8)} µs/${unit}  ${frame}`)
    .join('\n');
}
