/**
 * A child process holding thousands of WebSocket clients for `bench:stream`.
 * It counts the messages they receive (one per `message` frame, each of a
 * `batch` frame's), keeps a histogram of publish→receive latency (the
 * publisher stamps each item's title with `bench@<epoch ms>`), and can make
 * its clients ping on the protocol's 60-second schedule. The parent drives it
 * over IPC (see FleetCommand).
 */
import WebSocket from 'ws';
import type { FleetCommand, FleetEvent } from './fleetProtocol.ts';

const MAX_LATENCY_MS = 120_000;
const STAMP = Buffer.from('bench@');
/** How every message starts, alone or inside a batch; item data cannot contain it (its quotes would be escaped). */
const MESSAGE = Buffer.from('{"type":"message","offset":');
/** Handshakes in flight at once: more would overflow the server's accept backlog. */
const CONNECT_CONCURRENCY = 100;

const clients: WebSocket[] = [];
const latency = new Uint32Array(MAX_LATENCY_MS + 1);
let received = 0;
let awaited: { total: number } | undefined;
let stopPinging = () => {};

const send = (event: FleetEvent) => process.send!(event);
const now = () => performance.timeOrigin + performance.now();

function onMessage(data: Buffer) {
  const at = now();
  for (let message = data.indexOf(MESSAGE); message >= 0; message = data.indexOf(MESSAGE, message + 1)) {
    received++;
    const stamp = data.indexOf(STAMP, message);
    if (stamp < 0) continue;
    const sent = Number(data.toString('latin1', stamp + STAMP.length, data.indexOf(0x22, stamp)));
    latency[Math.min(MAX_LATENCY_MS, Math.max(0, Math.round(at - sent)))]!++;
  }
  if (awaited && received >= awaited.total) {
    awaited = undefined;
    send({ event: 'reached', received });
  }
}

function open(url: string, init: object | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { skipUTF8Validation: true, perMessageDeflate: false });
    ws.on('message', onMessage);
    ws.once('open', () => {
      if (init) ws.send(JSON.stringify(init));
      clients.push(ws);
      resolve(true);
    });
    ws.once('error', () => resolve(false));
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
    for (let i = step; i < clients.length; i += steps)
      if (clients[i]!.readyState === WebSocket.OPEN) clients[i]!.send('{"type":"ping"}');
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
      latency.fill(0);
      return send({ event: 'reset' });
    case 'report': {
      const histogram: Array<[number, number]> = [];
      for (const [ms, count] of latency.entries()) if (count) histogram.push([ms, count]);
      return send({
        event: 'report',
        received,
        histogram,
        open: clients.filter((ws) => ws.readyState === WebSocket.OPEN).length,
      });
    }
    case 'ping':
      return startPinging(command.everyMs);
    case 'close':
      stopPinging();
      for (const ws of clients) ws.terminate();
      return process.exit(0);
  }
});
send({ event: 'ready' });
