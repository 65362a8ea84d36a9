import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Agent, fetch as undiciFetch } from 'undici';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth, type Auth } from '../../src/core/auth/auth.ts';
import { KEY_FILES, writeKeyPair } from '../../src/core/auth/keyFiles.ts';
import { loadSigningKeys } from '../../src/core/auth/keys.ts';
import { type ClusterProcess, startNode } from '../../scripts/cluster/nodeProcess.ts';
import { eventually } from '../stream/eventually.ts';
import { portsAside } from '../support/ports.ts';
import { connectStream, type StreamClient } from '../stream/streamClient.ts';
import { childPids, services, sharedServicesRun } from '../support/services.ts';
import { tempDir } from '../support/tempDir.ts';

/** One request on a connection of its own, so the primary hands each to the next worker in turn. */
function once(url: string, init: { method?: string; token?: string; json?: unknown } = {}) {
  const body = init.json === undefined ? undefined : JSON.stringify(init.json);
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = request(
      url,
      {
        agent: false,
        method: init.method ?? 'GET',
        headers: {
          connection: 'close',
          ...(body && { 'content-type': 'application/json' }),
          ...(init.token && { authorization: `Bearer ${init.token}` }),
        },
        timeout: 10_000,
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.end(body);
  });
}

/**
 * `alphanest serve <component>` with WORKERS=2, as the container, the units and the manifests run it: one port, two
 * processes that are each a full node sharing PostgreSQL, Redis and RabbitMQ. Resolves once the workers listen.
 */
async function serveWorkers(
  component: 'gateway' | 'mcp',
  dir: string,
  env: Record<string, string | undefined>,
): Promise<{ node: ClusterProcess; url: string; auth: Auth }> {
  const keysDir = join(dir, 'keys');
  await writeKeyPair(keysDir, { overwrite: true });
  const keyFiles = {
    JWT_PUBLIC_FILE: join(keysDir, KEY_FILES.public),
    JWT_PRIVATE_FILE: join(keysDir, KEY_FILES.private),
  };
  // Below the ephemeral range: the primary listens seconds later, and no other test's port-0 server may take it meanwhile.
  const [port] = await portsAside(1);
  const url = `http://127.0.0.1:${port}`;
  const node = startNode(component, component, {
    url,
    env: {
      PATH: process.env.PATH,
      ENV: 'production',
      WORKERS: '2',
      HOST: '127.0.0.1',
      [component === 'gateway' ? 'PORT' : 'MCP_PORT']: String(port),
      DATA_DIR: join(dir, 'data'),
      ...keyFiles,
      SECRETS_MASTER_KEY: randomBytes(32).toString('base64'),
      DATABASE_URL: services.postgresUrl,
      DEMO_DATA: 'false',
      AGENTS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_SECONDS: '5',
      ...env,
    },
  });
  await eventually(async () => {
    if (node.child.exitCode !== null) throw new Error(`${component} exited:\n${node.output()}`);
    expect(node.output()).toContain('workers started');
    expect((await once(`${url}/ping`)).status).toBe(200);
  }, 120_000);
  const auth = createAuth(await loadSigningKeys({ ...keyFiles, DATA_DIR: dir }), { jwtMaxAgeSeconds: 3600 });
  return { node, url, auth };
}

describe('the gateway as WORKERS processes on one port', () => {
  const run = sharedServicesRun('workers');
  const dir = tempDir('workers');
  let gateway: ClusterProcess;
  let url: string;
  let auth: Auth;
  const clients: StreamClient[] = [];

  beforeAll(async () => {
    ({
      node: gateway,
      url,
      auth,
    } = await serveWorkers('gateway', dir, {
      ...run.env,
      GLOBAL_LIMIT_TIMES: '6',
      GLOBAL_LIMIT_SECONDS: '3600',
    }));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await gateway?.stop('SIGTERM');
    await run.remove();
  }, 60_000);

  it('runs two workers under one primary', () => {
    expect(childPids(gateway.child.pid!)).toHaveLength(2);
  });

  it('streams to a client on one worker the items posted through both', async () => {
    const client = await connectStream(url);
    clients.push(client);
    await client.init({ agents: ['ingest'] });
    const token = await auth.sign({ sub: 'workers-test', role: 'agent' }, '1h');
    const offsets: number[] = [];
    // Each on a new connection: the primary hands them to the workers in turn.
    for (let n = 0; n < 4; n++) {
      const posted = await once(`${url}/api/v1/intelligence/`, {
        method: 'POST',
        token,
        json: {
          type: 'news',
          title: `worker item ${n}`,
          content: `posted on connection ${n}`,
          source: { name: 'test' },
        },
      });
      expect(posted.status).toBe(201);
      offsets.push(posted.body.item.offset);
    }
    await client.next((f) => f.type === 'message' && f.offset === offsets.at(-1));
    expect(client.offsets()).toEqual(offsets);
  });

  it('counts the global rate limit across the workers', async () => {
    const statuses: number[] = [];
    // Six requests a client may make in the window, whichever worker answers; the requests alternate between two.
    for (let n = 0; n < 8; n++) statuses.push((await once(`${url}/api/v1/intelligence/?size=1`)).status);
    // Counted per process, each worker would have seen four and refused none.
    const refused = statuses.indexOf(429);
    expect(statuses[0]).toBe(200);
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThanOrEqual(6);
    expect(statuses.slice(0, refused).every((status) => status === 200)).toBe(true);
  });

  it('answers /metrics on the shared port for every worker, summed, whichever worker takes the scrape', async () => {
    const pings = async () => {
      const text: string = await new Promise((resolve, reject) => {
        const req = request(`${url}/metrics`, { agent: false, headers: { connection: 'close' } }, (res) => {
          let body = '';
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve(body));
        });
        req.on('error', reject);
        req.end();
      });
      const line = text.split('\n').find((l) => l.startsWith('http_requests_total{') && l.includes('route="/ping"'));
      return Number(line?.split(' ').at(-1) ?? 0);
    };
    const before = await pings();
    for (let n = 0; n < 6; n++) expect((await once(`${url}/ping`)).status).toBe(200);
    // Two scrapes, one per worker in turn: the same sum, six more than before.
    expect([await pings(), await pings()]).toEqual([before + 6, before + 6]);
  });

  it('replaces a worker that dies, and keeps answering', async () => {
    const [victim, other] = childPids(gateway.child.pid!);
    process.kill(victim!, 'SIGKILL');
    const replaced = await eventually(() => {
      const now = childPids(gateway.child.pid!);
      if (now.length !== 2 || now.includes(victim!)) throw new Error(`workers ${now.join(', ')}`);
      return now;
    }, 60_000);
    expect(replaced).toContain(other);
    await eventually(async () => expect((await once(`${url}/ping`)).status).toBe(200), 30_000);
    for (let n = 0; n < 4; n++) expect((await once(`${url}/ping`)).status).toBe(200);
    expect(gateway.output()).toContain('worker exited; starting another');
  });

  it('stops every worker on SIGTERM and exits cleanly', async () => {
    const workers = childPids(gateway.child.pid!);
    expect(await gateway.stop('SIGTERM')).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });
});

describe('the tool server as WORKERS processes on one port', () => {
  const run = sharedServicesRun('mcp_workers');
  const dir = tempDir('workers-mcp');
  let server: ClusterProcess;
  let url: string;
  let auth: Auth;

  beforeAll(async () => {
    // At info, every request leaves an access line carrying the pid of the worker that answered it.
    ({
      node: server,
      url,
      auth,
    } = await serveWorkers('mcp', dir, {
      ...run.env,
      MCP_ALLOWED_HOSTS: '127.0.0.1',
      LOG_LEVEL: 'info',
    }));
  }, 180_000);

  afterAll(async () => {
    await server?.stop('SIGTERM');
    await run.remove();
  }, 60_000);

  it('keeps an MCP session whichever worker takes each of its requests', async () => {
    expect(childPids(server.child.pid!)).toHaveLength(2);
    // Every request on a connection of its own, so the primary hands them to the workers in turn: the session the
    // first worker made is continued on the other.
    const connections = new Agent({ pipelining: 0 }); // no keep-alive: a connection a request
    const fresh: typeof fetch = (input, init) =>
      undiciFetch(input as string, { ...(init as object), dispatcher: connections }) as never;
    const mcp = new Client({ name: 'workers-test', version: '1.0.0' });
    const headers = { authorization: `Bearer ${await auth.sign({ sub: 'mcp-user', role: 'user' }, '1h')}` };
    await mcp.connect(
      new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { fetch: fresh, requestInit: { headers } }),
    );
    try {
      for (let n = 0; n < 3; n++) {
        const { tools } = await mcp.listTools();
        expect(tools.map((tool) => tool.name)).toContain('arbitrage.spread');
        const result = await mcp.callTool({ name: 'arbitrage.spread', arguments: { symbol: 'BTC/USDT' } });
        expect(result.isError).toBeFalsy();
        expect(result.structuredContent).toMatchObject({ symbol: 'BTC/USDT' });
      }
    } finally {
      await mcp.close();
      await connections.close();
    }
    // Both workers answered the session's requests: its access lines (written as each worker gets to them) name each
    // worker's pid.
    const answeredBy = () =>
      new Set(
        server
          .output()
          .split('\n')
          .flatMap((line) => {
            try {
              const entry = JSON.parse(line) as { route?: string; pid?: number };
              return entry.route === '/mcp' ? [entry.pid] : [];
            } catch {
              return [];
            }
          }),
      );
    const workers = childPids(server.child.pid!).sort();
    await eventually(() => expect([...answeredBy()].sort()).toEqual(workers), 10_000);
  });
});
