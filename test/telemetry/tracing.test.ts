import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'rabbitmq-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuth } from '../../src/core/auth/auth.ts';
import { loadSigningKeys } from '../../src/core/auth/keys.ts';
import { startOtlpCollector, type CollectedSpan, type OtlpCollector } from '../fakes/otlpCollector.ts';
import { http } from '../support/gateway.ts';
import { freePort } from '../support/ports.ts';
import { deleteRedisKeys, dropSchema, runId, services } from '../support/services.ts';

const main = join(import.meta.dirname, '../../src/main.ts');
const recordLoadedModules = join(import.meta.dirname, 'recordLoadedModules.ts');

const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;

/**
 * `npm start` against real PostgreSQL, Redis and RabbitMQ, with
 * OTEL_EXPORTER_OTLP_ENDPOINT pointing at a fake collector. The batch delay
 * is ten minutes, so every span the collector holds after SIGTERM was sent
 * by the flush on the way out.
 */
describe('tracing over OTLP', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'alphanest-otel-'));
  const schema = runId('otel');
  const prefix = `${runId('otel')}:`;
  const exchange = runId('otel');
  const env = {
    DATA_DIR: dataDir,
    ENV: 'testing',
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'false',
    AGENTS_ENABLED: 'false',
    DATABASE_URL: services.postgresUrl,
    DATABASE_SCHEMA: schema,
    CACHE_URL: services.redisUrl,
    CACHE_PREFIX: prefix,
    RABBIT_URL: services.rabbitUrl,
    RABBIT_EXCHANGE: exchange,
  };
  let collector: OtlpCollector;

  beforeAll(async () => {
    collector = await startOtlpCollector();
  });
  afterAll(async () => {
    // A failed assertion leaves its node running: stop it before dropping what it uses.
    for (const child of running) child.kill('SIGKILL');
    await collector?.close();
    await dropSchema(schema);
    await deleteRedisKeys(prefix);
    const admin = new Connection(services.rabbitUrl);
    await admin.exchangeDelete({ exchange });
    await admin.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exports linked spans for HTTP, PostgreSQL, Redis, AMQP, tool calls and chat steps, flushed at SIGTERM', async () => {
    const node = await startNode({
      ...env,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_BSP_SCHEDULE_DELAY: '600000',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '2048',
    });
    const auth = createAuth(await loadSigningKeys({ DATA_DIR: dataDir }), { jwtMaxAgeSeconds: 86_400 });
    const agent = await auth.sign({ sub: 'otel-agent', role: 'agent' }, '1h');
    const user = await auth.sign({ sub: 'otel-user', role: 'user' }, '1h');

    const feed = await http(`${node.gateway}/api/v1/intelligence/?size=5`);
    const ingest = await http(`${node.gateway}/api/v1/intelligence/`, {
      method: 'POST',
      token: agent,
      json: {
        type: 'news',
        title: 'traced item',
        content: 'an item stored while tracing',
        source: { name: 'otel test' },
      },
    });
    const tool = await http(`${node.tools}/execute`, {
      method: 'POST',
      token: user,
      json: { tool_name: 'osint.token_mentions', parameters: { token: 'BTC' } },
    });
    const chat = await http(`${node.gateway}/api/chat/message`, {
      method: 'POST',
      token: user,
      json: { message: 'what coins are trending this week?' },
    });
    expect([feed.status, ingest.status, tool.status, chat.status]).toEqual([200, 201, 200, 200]);
    expect(chat.body.tool_calls.length).toBeGreaterThan(0);
    expect(collector.spans).toEqual([]); // the batch waits: what arrives below is the shutdown's flush

    expect(await node.stop()).toBe(0);
    const spans = collector.spans;
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['alphanest']));
    const serverSpan = (method: string, route: string) =>
      only(spans, (s) => s.kind === SERVER && s.name === `${method} ${route}` && s.attributes['http.route'] === route);
    const inTrace = (root: CollectedSpan, scope: string) =>
      spans.filter((s) => s.traceId === root.traceId && s.scope === scope);

    // The feed: its PostgreSQL query and Redis commands are in its trace.
    const feedSpan = serverSpan('GET', '/api/v1/intelligence');
    expect(inTrace(feedSpan, '@opentelemetry/instrumentation-pg').some((s) => s.name.startsWith('pg.query'))).toBe(
      true,
    );
    expect(inTrace(feedSpan, '@opentelemetry/instrumentation-ioredis').length).toBeGreaterThan(0);

    // The ingest: its insert, the publish, and the node's own delivery of the message, parented by the publish through the headers.
    const ingestSpan = serverSpan('POST', '/api/v1/intelligence');
    expect(inTrace(ingestSpan, '@opentelemetry/instrumentation-pg').length).toBeGreaterThan(0);
    const publish = only(spans, (s) => s.kind === PRODUCER && s.traceId === ingestSpan.traceId);
    expect(publish).toMatchObject({
      name: `publish ${exchange}`,
      attributes: { 'messaging.system': 'rabbitmq', 'messaging.destination.name': exchange },
    });
    expect(spans.filter((s) => s.kind === CONSUMER && s.parentSpanId === publish.spanId).length).toBeGreaterThan(0);

    // The tool call over REST: its span is in the request's trace and parents the tool's own queries and the rate limiter's Redis command.
    const executeSpan = serverSpan('POST', '/execute');
    const toolSpan = only(
      spans,
      (s) => s.name === 'execute_tool osint.token_mentions' && s.traceId === executeSpan.traceId,
    );
    expect(toolSpan.attributes).toMatchObject({ 'gen_ai.tool.name': 'osint.token_mentions' });
    expect(
      spans.some((s) => s.parentSpanId === toolSpan.spanId && s.scope === '@opentelemetry/instrumentation-ioredis'),
    ).toBe(true);
    expect(
      spans.some((s) => s.parentSpanId === toolSpan.spanId && s.scope === '@opentelemetry/instrumentation-pg'),
    ).toBe(true);

    // The chat message: one agent span, the planner's two model steps and the tool calls under it, in the request's trace.
    const chatSpan = serverSpan('POST', '/api/chat/message');
    const agentSpan = only(spans, (s) => s.name === 'invoke_agent alphanest-chat' && s.traceId === chatSpan.traceId);
    const children = spans.filter((s) => s.parentSpanId === agentSpan.spanId);
    expect(children.filter((s) => s.name === 'chat local-planner')).toHaveLength(2);
    expect(children.filter((s) => s.name.startsWith('execute_tool '))).toHaveLength(chat.body.tool_calls.length);
  });

  it('loads no OpenTelemetry SDK, exporter or instrumentation when no endpoint is set', async () => {
    const loadedFile = join(dataDir, 'loaded-modules.json');
    const node = await startNode({ ...env, LOADED_MODULES_FILE: loadedFile }, ['--import', recordLoadedModules]);
    expect((await http(`${node.gateway}/api/v1/intelligence/?size=5`)).status).toBe(200);
    expect(await node.stop()).toBe(0);
    const loaded = JSON.parse(readFileSync(loadedFile, 'utf8')) as string[];
    expect(loaded.some((url) => url.includes('/fastify/'))).toBe(true); // the recorder saw the app load
    const opentelemetry = loaded.filter((url) => url.includes('/node_modules/@opentelemetry/'));
    // Only the API, whose tracer hands out non-recording spans.
    expect(opentelemetry.filter((url) => !url.includes('/@opentelemetry/api/'))).toEqual([]);
    expect(
      loaded.filter((url) => url.includes('import-in-the-middle') || url.includes('require-in-the-middle')),
    ).toEqual([]);
  });
});

/** The one span matching `match`, failing with the spans' names when there is none or more than one. */
function only(spans: CollectedSpan[], match: (span: CollectedSpan) => boolean): CollectedSpan {
  const found = spans.filter(match);
  if (found.length !== 1)
    throw new Error(
      `expected one matching span, found ${found.length} among: ${spans.map((s) => `${s.scope} ${s.name}`).join(', ')}`,
    );
  return found[0]!;
}

const running = new Set<ChildProcess>();

/** `npm start` with the given environment (and node options); resolves once both HTTP servers answer. */
async function startNode(env: Record<string, string>, nodeOptions: string[] = []) {
  const ports = {
    PORT: String(await freePort()),
    MCP_PORT: String(await freePort()),
    ARBITRAGE_PORT: String(await freePort()),
    DASHBOARD_PORT: String(await freePort()),
  };
  const child = spawn(process.execPath, [...nodeOptions, main], {
    env: { PATH: process.env.PATH, ...ports, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  running.add(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve)).finally(() =>
    running.delete(child),
  );
  const gateway = `http://127.0.0.1:${ports.PORT}`;
  const tools = `http://127.0.0.1:${ports.MCP_PORT}`;
  await vi
    .waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`the node exited with ${child.exitCode}: ${stderr}`);
        expect((await fetch(`${gateway}/health`)).status).toBe(200);
        expect((await fetch(`${tools}/health`)).status).toBe(200);
      },
      { timeout: 60_000, interval: 25 },
    )
    .catch((err) => {
      child.kill('SIGKILL');
      throw err;
    });
  return {
    gateway,
    tools,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
