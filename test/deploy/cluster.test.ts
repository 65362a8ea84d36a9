import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth, type Auth } from '../../src/core/auth/auth.ts';
import { loadSigningKeys } from '../../src/core/auth/keys.ts';
import { type Cluster, startCluster, stopAll } from '../../scripts/cluster/cluster.ts';
import type { ClusterProcess } from '../../scripts/cluster/nodeProcess.ts';
import { readEvents } from '../chat/support.ts';
import { http } from '../support/gateway.ts';
import { services, sharedServicesRun } from '../support/services.ts';
import { tempDir } from '../support/tempDir.ts';
import { portsAside } from '../support/ports.ts';
import { eventually } from '../stream/eventually.ts';
import { connectStream, type StreamClient } from '../stream/streamClient.ts';

/**
 * `npm run cluster` as a deployment runs it: nginx with the shipped configuration in front of two gateway
 * processes, the tool server, the arbitrage engine and the dashboard, two agents workers beside them, on the real PostgreSQL,
 * Redis and RabbitMQ. Every request here goes through nginx.
 */
describe('the cluster behind nginx', () => {
  const run = sharedServicesRun('cluster');
  const { schema } = run;
  const dir = tempDir('cluster');
  let cluster: Cluster;
  /** Every process started, even if the cluster never came up: afterAll stops them whatever happened. */
  const started: ClusterProcess[] = [];
  let auth: Auth;
  const clients: StreamClient[] = [];
  let posted = 0;

  /** Posts an item as the generic `ingest` agent (stream clients below follow only it, not the replaying agents). */
  const ingest = async (title: string) => {
    posted++;
    const { status, body } = await http(`${cluster.url}/api/v1/intelligence/`, {
      method: 'POST',
      token: await auth.sign({ sub: 'cluster-test', role: 'agent' }, '1h'),
      json: {
        type: 'news',
        title,
        content: `${title}: cluster item ${posted} of ${schema}`,
        source: { name: 'cluster test' },
      },
    });
    expect(status).toBe(201);
    return body.item.offset as number;
  };
  const follow = async (init: object = {}) => {
    const client = await connectStream(cluster.url);
    clients.push(client);
    await client.init({ agents: ['ingest'], ...init });
    return client;
  };

  beforeAll(async () => {
    // Chosen long before the last of them listens: outside the range another test's port-0 server may be given.
    const [nginx, gateway1, gateway2, mcp, arbitrage, dashboard] = await portsAside(6);
    cluster = await startCluster({
      dir,
      ports: {
        nginx: nginx!,
        gateways: [gateway1!, gateway2!],
        mcp: mcp!,
        arbitrage: arbitrage!,
        dashboard: dashboard!,
      },
      agentsWorkers: 2,
      started,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: services.postgresUrl,
        ...run.env,
        DEMO_DATA: 'false',
        LOG_LEVEL: 'warn',
        // Half an hour of the recording a second: the workers have posts to race for within the test.
        REPLAY_SPEED: '1800',
        ANALYSIS_WORKERS: '0',
        GLOBAL_LIMIT_TIMES: '100000',
        SHUTDOWN_TIMEOUT_SECONDS: '5',
        // A killed agents worker's sources change hands within seconds.
        LEASE_TTL_SECONDS: '3',
      },
    });
    const keys = await loadSigningKeys({
      JWT_PUBLIC_FILE: `${dir}/keys/jwt-public.pem`,
      JWT_PRIVATE_FILE: `${dir}/keys/jwt-private.pem`,
      DATA_DIR: dir,
    });
    auth = createAuth(keys, { jwtMaxAgeSeconds: 3600 });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await stopAll(started);
    await run.remove();
  }, 60_000);

  it("routes each path to its component: the dashboard at / and a browser's /tools, the rest to the services", async () => {
    const feed = await http(`${cluster.url}/api/v1/intelligence/?size=5`);
    expect(feed.status).toBe(200);
    expect(feed.body.items).toEqual(expect.any(Array));
    expect((await http(`${cluster.url}/health`)).body).toMatchObject({ status: 'healthy' });
    expect((await http(`${cluster.url}/ping`)).body).toEqual({ pong: true });
    expect((await http(`${cluster.url}/docs/json`)).body.info.title).toBe('AlphaNest gateway');
    expect((await http(`${cluster.url}/tools`)).body.domains).toEqual(expect.any(Array));
    expect((await http(`${cluster.url}/opportunities`)).body).toMatchObject({ opportunities: expect.any(Array) });
    // Metrics are scraped from each component's own port, never served to the public.
    expect((await http(`${cluster.url}/metrics`)).status).toBe(404);

    // / is the dashboard; /tools is its tools page for a browser and the tool server's listing for anyone else.
    const page = (path: string) => fetch(`${cluster.url}${path}`, { headers: { accept: 'text/html,*/*;q=0.8' } });
    const root = await page('/');
    expect(root.status).toBe(200);
    expect(await root.text()).toMatch(/<title>[^<]*Live feed/);
    expect(await (await page('/tools')).text()).toMatch(/<title>[^<]*Tools/);
    expect((await http(`${cluster.url}/tools/market`)).body).toMatchObject({ name: 'market' });
    // /execute is the tool server's REST door: a tool run through nginx, as the specification's example calls it.
    const executed = await http(`${cluster.url}/execute`, {
      method: 'POST',
      token: await auth.sign({ sub: 'rest-user', role: 'user' }, '1h'),
      json: { tool_name: 'arbitrage.spread', parameters: { symbol: 'BTC/USDT' } },
    });
    expect(executed.status).toBe(200);
    expect(executed.body).toMatchObject({ tool_name: 'arbitrage.spread', result: expect.any(Object) });

    // A gateway behind nginx carries the client's request id back.
    const feedAgain = await http(`${cluster.url}/api/v1/intelligence/?size=1`, {
      headers: { 'x-request-id': 'probe-1' },
    });
    expect(feedAgain.headers.get('x-request-id')).toBe('probe-1');
  });

  it("answers nginx's own refusals in the platform's error shape, as JSON", async () => {
    const longUrl = await fetch(`${cluster.url}/api/v1/intelligence/?q=${'x'.repeat(9 * 1024)}`);
    expect(longUrl.status).toBe(414);
    expect(longUrl.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await longUrl.json()).toEqual({ error: { code: 'url_too_long', message: expect.any(String) } });
    const bigHeader = await http(`${cluster.url}/api/v1/intelligence/`, { headers: { 'x-big': 'y'.repeat(20_000) } });
    expect(bigHeader.status).toBe(431);
    expect(bigHeader.body.error.code).toBe('headers_too_large');
  });

  it('exports every metric the provisioned Grafana dashboard charts', async () => {
    const dashboard = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../deploy/grafana/dashboards/alphanest.json'), 'utf8'),
    );
    const charted = dashboard.panels.flatMap((panel: any) =>
      // Metric names have an underscore; of the words in these queries, only histogram_quantile is a function.
      panel.targets.flatMap((target: any) => target.expr.match(/\b[a-z]+(?:_[a-z0-9]+)+\b/g)),
    );
    const exported = await (await fetch(`${cluster.process('gateway-1').url}/metrics`)).text();
    // Declared, observed or not yet (a histogram's series are its name with _bucket, _sum and _count).
    for (const metric of new Set<string>(charted.filter((name: string) => name !== 'histogram_quantile')))
      expect(exported, metric).toMatch(new RegExp(`^# TYPE ${metric.replace(/_bucket$/, '')} `, 'm'));
  });

  it('streams an item ingested through nginx to a WebSocket client connected through nginx', async () => {
    const client = await follow();
    const offset = await ingest('through nginx');
    const frame = await client.next((f) => f.type === 'message' && f.offset === offset);
    expect(frame.data).toMatchObject({ title: 'through nginx', agent_id: 'ingest' });
  });

  it('answers a real MCP client through nginx', async () => {
    const mcp = new Client({ name: 'cluster-test', version: '1.0.0' });
    const headers = { authorization: `Bearer ${await auth.sign({ sub: 'mcp-user', role: 'user' }, '1h')}` };
    await mcp.connect(new StreamableHTTPClientTransport(new URL(`${cluster.url}/mcp`), { requestInit: { headers } }));
    try {
      const { tools } = await mcp.listTools();
      expect(tools.map((tool) => tool.name)).toContain('intelligence.search');
      const result = await mcp.callTool({ name: 'intelligence.search', arguments: { limit: 3 } });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ items: expect.any(Array) });
    } finally {
      await mcp.close();
    }
  });

  it('streams a chat answer as server-sent events through nginx', async () => {
    const response = await fetch(`${cluster.url}/api/chat/message`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await auth.sign({ sub: 'chat-user', role: 'user' }, '1h')}`,
      },
      body: JSON.stringify({ message: 'spread for BTC/USDT', stream: true }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = await readEvents(response);
    expect(events[0]).toMatchObject({ event: 'tool-call-start', data: { name: 'arbitrage__spread' } });
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { reply: expect.any(String) } });
  });

  it('a stream client whose gateway dies resumes through nginx on the other with since, missing nothing', async () => {
    await Promise.all(clients.map((other) => other.close()));
    // The client must be on gateway-1, the first gateway, which dies here: nginx alternates, so a client it gave
    // the other gateway connects again.
    let client = await follow();
    for (let tries = 0; (await streamHolder(cluster)) !== 'gateway-1'; tries++) {
      if (tries === 5) throw new Error('nginx never gave a stream client gateway-1');
      await client.close();
      client = await follow();
    }
    const before = [await ingest('before 1'), await ingest('before 2')];
    await client.next((f) => f.offset === before[1]);
    await cluster.process('gateway-1').stop('SIGKILL');
    await client.closed;

    // The dashboard reaches the gateways through nginx: its status page and its /api still answer.
    const dashboard = cluster.process('dashboard').url!;
    const status = await http(`${dashboard}/status/services`);
    expect(status.body.services.find((s: { name: string }) => s.name === 'gateway')).toMatchObject({
      status: 'healthy',
    });
    for (let i = 0; i < 3; i++) expect((await http(`${dashboard}/api/v1/intelligence/?size=1`)).status).toBe(200);

    const missed = [await ingest('while away 1'), await ingest('while away 2'), await ingest('while away 3')];
    const resumed = await follow({ since: before[1] });
    const after = await ingest('after');
    await resumed.next((f) => f.offset === after);
    expect(resumed.offsets()).toEqual([...missed, after]);
    expect(client.offsets()).toEqual(before);
  });

  it('two agents workers share the sources through leases; one killed, the other takes its sources over, storing no post twice', async () => {
    const db = new pg.Client({ connectionString: services.postgresUrl });
    await db.connect();
    try {
      const query = async <T>(text: string) => (await db.query(text)).rows as T[];
      const count = async () =>
        Number(
          (
            await query<{ n: string }>(
              `SELECT count(*) AS n FROM "${schema}".intelligence_items WHERE external_id LIKE '%replay:%'`,
            )
          )[0]!.n,
        );
      await expect.poll(count, { timeout: 60_000, interval: 250 }).toBeGreaterThanOrEqual(30);
      /** The live leases of the sources and module workers, by holder's process id. */
      const leases = async () =>
        (
          await query<{ name: string; holder: string }>(
            `SELECT name, holder FROM "${schema}".leases WHERE expires_at > now() ORDER BY name`,
          )
        ).map(({ name, holder }) => ({ name, pid: Number(holder.split(':').at(-2)) }));
      const cursors = async () =>
        new Map(
          (
            await query<{ connector_id: string; cursor: { line: number } }>(
              `SELECT connector_id, cursor FROM "${schema}".connector_cursors WHERE connector_id LIKE '%:replay'`,
            )
          ).map((row) => [row.connector_id, row.cursor.line]),
        );
      const workers = ['agents-1', 'agents-2'].map((name) => cluster.process(name));
      const pids = new Set([...workers, cluster.process('arbitrage')].map((proc) => proc.child.pid));
      const sourceNames = ['listing-hunter', 'news-sentiment-radar', 'security-watch', 'token-mentions'].map(
        (agent) => `connector:${agent}:replay`,
      );
      const sourceLeases = async () => (await leases()).filter((lease) => lease.name.startsWith('connector:'));
      // Every replaying agent's source is polled, each by one worker, two each once the workers have evened out.
      await expect
        .poll(
          async () => {
            const held = await sourceLeases();
            return {
              names: held.map((l) => l.name),
              perWorker: workers.map((w) => held.filter((l) => l.pid === w.child.pid).length),
            };
          },
          { timeout: 60_000, interval: 250 },
        )
        .toEqual({ names: sourceNames, perWorker: [2, 2] });
      const sources = await sourceLeases();
      expect(sources.every((lease) => pids.has(lease.pid))).toBe(true);
      const engines = (await leases()).filter((lease) => lease.name === 'worker:arbitrage engine');
      expect(engines).toHaveLength(1);

      // One worker dies at once (no release): its leases run out (LEASE_TTL_SECONDS) and the other worker takes its
      // sources over from the stored cursors.
      const owner = workers[0]!;
      const survivor = workers.find((proc) => proc !== owner)!;
      const before = await cursors();
      await owner.stop('SIGKILL');
      await expect
        .poll(async () => (await leases()).filter((l) => l.name.startsWith('connector:')).map((l) => l.pid), {
          timeout: 60_000,
          interval: 250,
        })
        .toEqual(sources.map(() => survivor.child.pid));
      // The sources move on from where they were (the dead worker's last batch read again, not skipped).
      await expect
        .poll(
          async () => {
            const now = await cursors();
            return [...before].every(([id, line]) => (now.get(id) ?? 0) > line);
          },
          { timeout: 60_000, interval: 250 },
        )
        .toBe(true);
      const repeated = await query(
        `SELECT external_id, count(*) FROM "${schema}".intelligence_items WHERE external_id IS NOT NULL
         GROUP BY external_id HAVING count(*) > 1`,
      );
      expect(repeated).toEqual([]);
      expect(survivor.child.exitCode).toBeNull();
    } finally {
      await db.end();
    }
  });
});

/** The gateway holding the one open stream connection, once the counts settle on one (a closed client's may linger). */
function streamHolder(cluster: Cluster): Promise<string> {
  const names = ['gateway-1', 'gateway-2'];
  return eventually(async () => {
    const counts = await Promise.all(names.map((name) => streamConnections(cluster, name)));
    expect(counts.reduce((a, b) => a + b)).toBe(1);
    return names[counts.indexOf(1)]!;
  });
}

/** Open stream connections on one gateway, read from its own /metrics (not through nginx, which hides it). */
async function streamConnections(cluster: Cluster, name: string): Promise<number> {
  const text = await (await fetch(`${cluster.process(name).url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('stream_connections '));
  return Number(line?.split(' ')[1] ?? 0);
}
