import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { http } from '../support/gateway.ts';
import { connectStream, type StreamClient } from '../stream/streamClient.ts';
import { startFaultBed, timeouts, type Answer, type Dependency, type FaultBed, type Kind } from './faultBed.ts';

/** How long mixed traffic runs during each fault: past the longest database wait (a query the database never answers). */
const FAULT_WINDOW_MS = timeouts.DATABASE_STATEMENT_TIMEOUT_MS + 2_000 + 500;

/** An expected answer: its status, and the error code it carries (an MCP tool result's with isError answers 200). */
type Expected = { status: number; code?: string };

/** What each request answers while the dependency is healthy, or while one the node can do without is faulted. */
const healthy: Record<Kind, Expected> = {
  'cached feed': { status: 200 },
  'uncached feed': { status: 200 },
  'cached item': { status: 200 },
  'uncached item': { status: 404, code: 'not_found' },
  ingest: { status: 201 },
  'database tool': { status: 200 },
  'market tool': { status: 200 },
  'mcp tool': { status: 200 },
  chat: { status: 200 },
};

const databaseUnavailable = { status: 503, code: 'database_unavailable' };

/**
 * While PostgreSQL is away, what is in Redis keeps being served (the nodes
 * cache in Redis, not in process), and so do the tools that do not read it;
 * everything that needs the database is a 503 naming it, with Retry-After:
 * over MCP that is the tool result's error (isError), and a chat answer fails
 * when its exchange is stored.
 */
const withoutDatabase: Record<Kind, Expected> = {
  ...healthy,
  'uncached feed': databaseUnavailable,
  'uncached item': databaseUnavailable,
  ingest: databaseUnavailable,
  'database tool': databaseUnavailable,
  'mcp tool': { status: 200, code: 'database_unavailable' },
  chat: databaseUnavailable,
};

const expected: Record<Dependency, Record<Kind, Expected>> = {
  postgres: withoutDatabase,
  redis: healthy,
  rabbitmq: healthy,
};

/** How many answers of each kind, by status and code: what the fault window exercised. */
function summary(answers: Answer[]): string {
  const counts = new Map<string, number>();
  for (const a of answers)
    counts.set(
      `${a.kind} ${a.status}${a.code ? ` ${a.code}` : ''}`,
      (counts.get(`${a.kind} ${a.status}${a.code ? ` ${a.code}` : ''}`) ?? 0) + 1,
    );
  return [...counts].map(([key, count]) => `${key} ×${count}`).join(', ');
}

/** Answers that differ from what is expected, in a form that reads well in a failure message. */
function unexpected(answers: Answer[], statuses: Record<Kind, Expected>) {
  return answers
    .filter(
      (a) =>
        a.status !== statuses[a.kind].status ||
        a.code !== statuses[a.kind].code ||
        (a.status === 503 && a.retryAfter === null),
    )
    .map((a) => `${a.node} ${a.kind}: ${a.status} ${a.body.slice(0, 200)}`);
}

/**
 * Two gateway nodes sharing PostgreSQL, Redis and RabbitMQ through proxies the
 * test faults: each dependency is reset (connections destroyed, new ones
 * refused) and then black-holed (connections accepted and held, nothing
 * delivered) under mixed traffic: the feed (cached and not), items, ingest,
 * REST and MCP tool calls on each node's tool server, and chat. No node exits,
 * every request answers before its documented deadline (requestDeadlines in
 * faultBed.ts, README "Outages"), and each node recovers by itself once the
 * dependency is back; a stream client gets every item stored through all of
 * it, once and in order.
 */
describe('two gateway nodes through dependency faults', () => {
  let bed: FaultBed;
  /** A live stream client on node B (node A is the one the last test stops), there through every fault. */
  let watcher: StreamClient;
  const allUp = async () => {
    for (const node of bed.nodes) {
      const { services } = (await http(`${node.url}/health`)).body;
      expect([services.database.status, services.cache.status, services.bus.status]).toEqual(['up', 'up', 'up']);
    }
  };
  const recovered = () =>
    vi.waitFor(
      async () => {
        await allUp();
        for (const node of bed.nodes) {
          for (const kind of ['uncached feed', 'ingest', 'database tool', 'mcp tool', 'chat'] as const) {
            const answer = await bed.ask(node, kind);
            expect([answer.status, answer.code], `${answer.kind} ${answer.body.slice(0, 200)}`).toEqual([
              healthy[kind].status,
              healthy[kind].code,
            ]);
          }
        }
      },
      { timeout: 20_000, interval: 25 },
    );

  // Two nodes start at once beside another test fork: about 5 s each on a quiet machine, past the default
  // 60 s once in a loaded CI run (each node may take spawnGateway's 60 s to answer).
  beforeAll(async () => {
    bed = await startFaultBed();
    watcher = await connectStream(bed.nodes[1].url);
    await watcher.init();
    bed.stored.length = 0; // what was stored before the client's init is not owed to it
  }, 150_000);
  afterAll(async () => {
    await watcher?.close();
    await bed?.close();
  });

  for (const dependency of ['redis', 'rabbitmq', 'postgres'] as const) {
    it(`${dependency}: answers within the deadline through a reset and a black hole, then recovers by itself`, async ({
      annotate,
    }) => {
      for (const fault of ['cut', 'blackhole'] as const) {
        await bed.warm();
        bed.proxies[dependency][fault]();
        const answers = await bed.mixedTraffic(FAULT_WINDOW_MS);
        bed.proxies[dependency].restore();
        await annotate(`${fault}: ${summary(answers)}`);
        expect(unexpected(answers, expected[dependency]), `${dependency} ${fault}`).toEqual([]);
        expect(bed.nodes.map((node) => node.child.exitCode)).toEqual([null, null]);
        await recovered();
      }
    });
  }

  it('delivered every item stored through all of it to a stream client, once and in order', async () => {
    // Items stored on either node while the bus was down reach the client from the database's gap fill.
    await vi.waitFor(() => expect(watcher.offsets()).toEqual(expect.arrayContaining(bed.stored)), {
      timeout: 20_000,
      interval: 25,
    });
    const offsets = watcher.offsets();
    expect(offsets).toEqual([...new Set(offsets)].sort((a, b) => a - b));
    expect(bed.stored.length).toBeGreaterThan(0);
  });

  it('exits within SHUTDOWN_TIMEOUT_SECONDS on SIGTERM while PostgreSQL is black-holed', async () => {
    const [node, other] = bed.nodes;
    bed.proxies.postgres.blackhole();
    try {
      // Requests in flight that the database will never answer: the shutdown has something to wait for.
      const inFlight = Promise.all([bed.ask(node, 'uncached feed'), bed.ask(node, 'ingest')]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      const exitCode = await node.stop('SIGTERM');
      const tookMs = Date.now() - started;
      await inFlight;
      expect([0, 1], node.output()).toContain(exitCode);
      // Cut short (the requests in flight wait for the database longer than the deadline): it says what did not finish.
      if (exitCode === 1) expect(node.output()).toMatch(/"unfinished":\["gateway"\].*shutdown deadline passed/);
      // The deadline plus the time a process takes to be scheduled and die on a busy machine.
      expect(tookMs, node.output()).toBeLessThan((timeouts.SHUTDOWN_TIMEOUT_SECONDS + 3) * 1000);
    } finally {
      bed.proxies.postgres.restore();
    }
    await vi.waitFor(async () => expect((await bed.ask(other, 'uncached feed')).status).toBe(200), {
      timeout: 20_000,
      interval: 25,
    });
    expect(other.child.exitCode).toBeNull();
  });
});
