import { readFileSync } from 'node:fs';
import type { Fleet, Latency } from './fleet.ts';

/** Publishes one item stamped with the given time (epoch milliseconds, sub-millisecond precision). */
export type Publish = (stampMs: number) => Promise<void>;

export const now = () => performance.timeOrigin + performance.now();

/** Items per round, and rounds in flight at once: the server always has work, clients never fall a full buffer behind. */
export const ROUND = 20;
const ROUNDS_IN_FLIGHT = 2;

/**
 * Deliveries per second with the server kept busy: each round is published once the round two back
 * has been received everywhere. A round's items are published at once, so storing them one after
 * another does not bound what the stream is asked to deliver.
 */
export async function saturation(fleet: Fleet, publish: Publish, rounds: number): Promise<number> {
  await fleet.reset();
  const start = now();
  for (let round = 1; round <= rounds; round++) {
    if (round > ROUNDS_IN_FLIGHT) await fleet.awaitEach((round - ROUNDS_IN_FLIGHT) * ROUND);
    await Promise.all(Array.from({ length: ROUND }, () => publish(now())));
  }
  await fleet.awaitEach(rounds * ROUND);
  const seconds = (now() - start) / 1000;
  const { received } = await fleet.report();
  return Math.round(received / seconds);
}

/** What the clients received in a run: how many messages, in how many frames, and each one's latency. */
export interface Received {
  received: number;
  frames: number;
  latency: Latency;
}

/** Publish→receive latency at a fixed publishing rate, measured on every delivery. */
export async function latencyAt(fleet: Fleet, publish: Publish, perSecond: number, seconds: number): Promise<Received> {
  await fleet.reset();
  const items = perSecond * seconds;
  const start = now();
  const published: Array<Promise<void>> = [];
  for (let n = 0; n < items; n++) {
    const due = start + (n * 1000) / perSecond;
    const wait = due - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    published.push(publish(now()));
  }
  await Promise.all(published);
  await fleet.awaitEach(items);
  const { received, frames, latency } = await fleet.report();
  return { received, frames, latency };
}

/** Resident memory of a process, in bytes. */
export function rss(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

/** CPU time (user + system) a process has used, in seconds. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
