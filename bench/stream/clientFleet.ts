/**
 * A child process holding thousands of WebSocket clients for `bench:stream`.
 * It counts the messages they receive (one per `message` frame, each of a
 * `batch` frame's), keeps a histogram of publish→receive latency (the
 * publisher stamps each item's title with `bench@<epoch ms>`), and can make
 * its clients ping on the protocol's 60-second schedule. The parent drives it
 * over IPC (see FleetCommand).
 *
 * The clients share the machine with the server, so they read no more than
 * the measurement needs: every byte of every frame is read and unframed by
 * a bare-socket WebSocket client (wsClient.ts: reads into one shared buffer,
 * frames handed on in place), then each message in it is found by its stamp,
 * whose `@` a byte search (memchr) finds without parsing the JSON or scanning
 * it for longer patterns; the stamp's digits are read in place.
 */
import { BenchClient } from './wsClient.ts';
import type { FleetCommand, FleetEvent } from './fleetProtocol.ts';

const MAX_LATENCY_MS = 120_000;
/** The stamp's prefix, found by its last byte: a one-byte search is a memchr; an `@` not preceded by `bench` is skipped. */
const STAMP = Buffer.from('bench@');
const AT = 0x40;
/** Handshakes in flight at once: more would overflow the server's accept backlog. */
const CONNECT_CONCURRENCY = 100;

const clients: BenchClient[] = [];
const latency = new Uint32Array(MAX_LATENCY_MS + 1);
let received = 0;
/** WebSocket frames the clients received (a `batch` frame is one). */
let frames = 0;
let awaited: { total: number } | undefined;
let stopPinging = () => {};

const send = (event: FleetEvent) => process.send!(event);
const now = () => performance.timeOrigin + performance.now();

function onMessage(data: Buffer, from: number, to: number) {
  const at = now();
  frames++;
  for (let sign = data.indexOf(AT, from); sign >= 0 && sign < to; sign = data.indexOf(AT, sign + 1)) {
    if (!isStamp(data, from, sign + 1)) continue;
    received++;
    const sent = readNumber(data, sign + 1);
    latency[Math.min(MAX_LATENCY_MS, Math.max(0, Math.round(at - sent)))]!++;
  }
  if (awaited && received >= awaited.total) {
    awaited = undefined;
    send({ event: 'reached', received });
  }
}

/** Whether the stamp's prefix, inside the frame starting at `frame`, ends just before `from` (byte by byte: a subarray per message would cost more than the search). */
function isStamp(data: Buffer, frame: number, from: number): boolean {
  const start = from - STAMP.length;
  if (start < frame) return false;
  for (let i = 0; i < STAMP.length - 1; i++) if (data[start + i] !== STAMP[i]) return false;
  return true;
}

/** The decimal number (digits, then optionally a point and digits) starting at `from`, read without making a string. */
function readNumber(data: Buffer, from: number): number {
  let i = from;
  let whole = 0;
  while (data[i]! >= 0x30 && data[i]! <= 0x39) whole = whole * 10 + data[i++]! - 0x30;
  if (data[i] !== 0x2e) return whole;
  let fraction = 0;
  let scale = 1;
  for (i++; data[i]! >= 0x30 && data[i]! <= 0x39; i++) {
    fraction = fraction * 10 + data[i]! - 0x30;
    scale *= 10;
  }
  return whole + fraction / scale;
}

function open(url: string, init: object | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const client: BenchClient = new BenchClient(url, onMessage, (opened) => {
      if (opened) {
        if (init) client.send(JSON.stringify(init));
        clients.push(client);
      }
      resolve(opened);
    });
  });
}

async function connect(url: string, count: number, init: object | undefined) {
  const before = clients.length;
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      if (!(await open(url, init))) failed++;
    }
  };
  await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, worker));
  send({ event: 'connected', opened: clients.length - before, failed });
}

/** Each client pings once per `everyMs`, at its own phase: the load a fleet of idle clients puts on a node. */
function startPinging(everyMs: number) {
  const stepMs = 100;
  const steps = everyMs / stepMs;
  let step = 0;
  const timer = setInterval(() => {
    for (let i = step; i < clients.length; i += steps) clients[i]!.send('{"type":"ping"}');
    step = (step + 1) % steps;
  }, stepMs);
  stopPinging = () => clearInterval(timer);
}

process.on('message', (command: FleetCommand) => {
  switch (command.cmd) {
    case 'connect':
      return void connect(command.url, command.count, command.init);
    case 'await':
      if (received >= command.total) return send({ event: 'reached', received });
      awaited = { total: command.total };
      return;
    case 'reset':
      received = 0;
      frames = 0;
      latency.fill(0);
      return send({ event: 'reset' });
    case 'report': {
      const histogram: Array<[number, number]> = [];
      for (const [ms, count] of latency.entries()) if (count) histogram.push([ms, count]);
      return send({
        event: 'report',
        received,
        frames,
        histogram,
        open: clients.filter((client) => client.open).length,
      });
    }
    case 'ping':
      return startPinging(command.everyMs);
    case 'close':
      stopPinging();
      for (const client of clients) client.terminate();
      return process.exit(0);
  }
});
send({ event: 'ready' });
