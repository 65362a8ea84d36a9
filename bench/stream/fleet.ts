import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { FleetCommand, FleetEvent } from './fleetProtocol.ts';

const script = new URL('./clientFleet.ts', import.meta.url);

export interface Latency {
  p50: number;
  p99: number;
  samples: number;
}

/** WebSocket clients spread over several processes, so receiving never becomes the bottleneck of one event loop. */
export interface Fleet {
  pids: number[];
  /** Opens `count` more clients; resolves with how many opened. */
  connect(url: string, count: number, init?: object): Promise<{ opened: number; failed: number }>;
  /** Resolves once every process has received `perClient` messages on each of its clients. */
  awaitEach(perClient: number): Promise<void>;
  reset(): Promise<void>;
  report(): Promise<{ received: number; frames: number; open: number; latency: Latency }>;
  ping(everyMs: number): void;
  close(): Promise<void>;
}

export async function startFleet(processes: number): Promise<Fleet> {
  const children: ChildProcess[] = [];
  for (let i = 0; i < processes; i++) {
    const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await once(child, 'message');
    children.push(child);
  }
  const counts = children.map(() => 0);
  const ask = (child: ChildProcess, command: FleetCommand) =>
    new Promise<FleetEvent>((resolve) => {
      child.once('message', resolve);
      child.send(command);
    });
  const all = (command: (i: number) => FleetCommand) => Promise.all(children.map((child, i) => ask(child, command(i))));

  return {
    pids: children.map((child) => child.pid!),
    async connect(url, count, init) {
      const share = (i: number) => Math.floor(count / processes) + (i < count % processes ? 1 : 0);
      const events = (await all((i) => ({ cmd: 'connect', url, count: share(i), init }))) as Array<
        Extract<FleetEvent, { event: 'connected' }>
      >;
      for (const [i, e] of events.entries()) counts[i] = (counts[i] ?? 0) + e.opened;
      return { opened: events.reduce((s, e) => s + e.opened, 0), failed: events.reduce((s, e) => s + e.failed, 0) };
    },
    async awaitEach(perClient) {
      await all((i) => ({ cmd: 'await', total: counts[i]! * perClient }));
    },
    async reset() {
      await all(() => ({ cmd: 'reset' }));
    },
    async report() {
      const events = (await all(() => ({ cmd: 'report' }))) as Array<Extract<FleetEvent, { event: 'report' }>>;
      const merged = new Map<number, number>();
      for (const e of events) for (const [ms, n] of e.histogram) merged.set(ms, (merged.get(ms) ?? 0) + n);
      return {
        received: events.reduce((s, e) => s + e.received, 0),
        frames: events.reduce((s, e) => s + e.frames, 0),
        open: events.reduce((s, e) => s + e.open, 0),
        latency: percentiles(merged),
      };
    },
    ping(everyMs) {
      for (const child of children) child.send({ cmd: 'ping', everyMs } satisfies FleetCommand);
    },
    async close() {
      await Promise.all(
        children.map((child) => {
          child.send({ cmd: 'close' } satisfies FleetCommand);
          return once(child, 'exit');
        }),
      );
    },
  };
}

function percentiles(histogram: Map<number, number>): Latency {
  const sorted = [...histogram].sort((a, b) => a[0] - b[0]);
  const samples = sorted.reduce((s, [, n]) => s + n, 0);
  const at = (q: number) => {
    let seen = 0;
    for (const [ms, n] of sorted) {
      seen += n;
      if (seen >= q * samples) return ms;
    }
    return NaN;
  };
  return { p50: at(0.5), p99: at(0.99), samples };
}
