import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { createTestContext } from '../support/context.ts';
import { http, startGateway, type RunningGateway } from '../support/gateway.ts';
import { mcpClient, startToolServer, type ToolServer } from '../mcp/toolServer.ts';
import { seededRandom } from '../../src/core/seededRandom.ts';
import { hostileJsonValues } from './hostileValues.ts';
import { bodyVariants, describeValue, openApiCases, sampleOf, type FuzzCase, type OpenApiDoc } from './openapiCases.ts';
import { newTotals, runCases, type FuzzTotals } from './fuzzRun.ts';

/**
 * Every route of the gateway and the tool server, read from their OpenAPI
 * documents, gets hostile values in each parameter and body field in turn, as
 * a guest and as an admin; /execute gets them in every tool's arguments, and
 * MCP tools/call in a few. No answer may be a 5xx, show internals, or be a
 * 4xx outside the error shape. FUZZ_SEED replays a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);

// Limits out of the way: the fuzz is one client sending thousands of requests.
const env = {
  GLOBAL_LIMIT_TIMES: '1000000',
  TOOL_RATE_LIMIT_PER_MINUTE: '1000000000',
  CHAT_RATE_PER_MINUTE: '1000000',
  CHAT_CONCURRENCY: '10000',
};

/** Streaming and the OpenAPI UI's own files say nothing about input handling. */
const notFuzzed = (_method: string, path: string) => path.startsWith('/docs') || path === '/metrics';

function report(totals: FuzzTotals) {
  const lines = totals.findings
    .slice(0, 25)
    .map((f) => `${f.status} ${f.request} [${f.what}]: ${f.problem} — ${f.body}`);
  return `${totals.findings.length} findings in ${totals.requests} requests (seed ${SEED}):\n${lines.join('\n')}`;
}

describe('OpenAPI fuzz: hostile input never gives a 5xx or shows internals', () => {
  let gatewayCtx: AppContext;
  let gateway: RunningGateway;
  let tools: ToolServer;
  let adminToken: string;

  beforeAll(async () => {
    gatewayCtx = await createTestContext({ backend: 'postgres', env });
    gateway = await startGateway(gatewayCtx);
    tools = await startToolServer({ backend: 'postgres', env });
    adminToken = await gatewayCtx.auth.sign({ sub: 'fuzz-admin', role: 'admin' }, '1h');
    // Something to find, so hostile filters, cursors and clan events reach the database rather than an empty table.
    const day = 24 * 3600 * 1000;
    const seeded = await Promise.all([
      http(`${gateway.url}/api/v1/intelligence/`, {
        method: 'POST',
        token: adminToken,
        json: { type: 'news', title: 'Fuzz seed one', source: { name: 'fuzz' } },
      }),
      http(`${gateway.url}/api/v1/intelligence/`, {
        method: 'POST',
        token: adminToken,
        json: { type: 'twitter', title: 'Fuzz seed two', source: { name: 'fuzz' } },
      }),
      http(`${gateway.url}/api/v1/clans`, {
        method: 'POST',
        token: adminToken,
        json: { slug: 'fuzz-clan', name: 'Fuzz Clan', members: [{ handle: 'fuzzer' }] },
      }),
      http(`${gateway.url}/api/v1/clans`, {
        method: 'POST',
        token: adminToken,
        json: { slug: 'other-clan', name: 'Other Clan' },
      }),
      http(`${gateway.url}/api/v1/clans/seasons`, {
        method: 'POST',
        token: adminToken,
        json: {
          id: 'fuzz-season',
          name: 'Fuzz',
          starts_at: new Date(Date.now() - day).toISOString(),
          ends_at: new Date(Date.now() + 30 * day).toISOString(),
        },
      }),
    ]);
    expect(seeded.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
  });

  afterAll(async () => {
    await gateway?.close();
    await gatewayCtx?.close();
    await tools?.close();
  });

  it('the gateway: every route, parameter and body field', async () => {
    const doc = (await http(`${gateway.url}/docs/json`)).body as OpenApiDoc;
    const totals = newTotals();
    await runCases(gateway.url, openApiCases(doc, seededRandom(SEED), notFuzzed), adminToken, totals);
    console.info(
      `gateway fuzz: ${totals.requests} requests, statuses ${JSON.stringify(Object.fromEntries(totals.byStatus))}`,
    );
    expect(totals.findings, report(totals)).toEqual([]);
  });

  it('the tool server: every route, and /execute with every tool’s arguments', async () => {
    const doc = (await http(`${tools.url}/docs/json`)).body as OpenApiDoc;
    const random = seededRandom(SEED + 1);
    const introspected = (await http(`${tools.url}/introspect`)).body as {
      tools: Array<{ name: string; input_schema: object; examples: Array<{ input: unknown }> }>;
    };
    const execute: FuzzCase[] = introspected.tools.flatMap((tool) => {
      const parameters = tool.examples[0]?.input ?? sampleOf(doc, tool.input_schema);
      return bodyVariants({ tool_name: tool.name, parameters }, random).map(({ body, what }) => ({
        method: 'POST',
        path: '/execute',
        body,
        what: `${tool.name}: ${what}`,
      }));
    });
    const totals = newTotals();
    await runCases(
      tools.url,
      [...openApiCases(doc, random, (method, path) => notFuzzed(method, path) || path === '/mcp'), ...execute],
      await tools.token('fuzz-admin', 'admin'),
      totals,
    );
    console.info(
      `tool server fuzz: ${totals.requests} requests, statuses ${JSON.stringify(Object.fromEntries(totals.byStatus))}`,
    );
    expect(totals.findings, report(totals)).toEqual([]);
  });

  it('MCP tools/call with hostile arguments answers isError results naming the field', async () => {
    const client = await mcpClient(tools, await tools.token('fuzz-admin', 'admin'));
    /** The failure an isError result carries, or null for a result. */
    const call = async (name: string, args: Record<string, unknown>) => {
      const result = await client.callTool({ name, arguments: args });
      return result.isError
        ? (
            JSON.parse((result.content as Array<{ text: string }>)[0]!.text) as {
              error: { code: string; field?: string };
            }
          ).error
        : null;
    };
    try {
      const random = seededRandom(SEED + 2);
      const calls = [
        { name: 'shop.generate_theme', field: 'description' },
        { name: 'onboarding.help', field: 'question' },
        { name: 'osint.token_mentions', field: 'token' },
        { name: 'clan.score_lookup', field: 'clan' },
      ];
      for (const { name, field } of calls) {
        for (const value of ['a\u0000b', 'x\ud800', '\udfffy']) {
          expect(await call(name, { [field]: value }), `${name} ${field}=${describeValue(value)}`).toMatchObject({
            code: 'invalid_parameters',
            field,
          });
        }
        for (const value of hostileJsonValues(random).filter((v) => typeof v !== 'object' || v === null)) {
          // Any answer but a thrown protocol error or a failure of the tool itself.
          expect((await call(name, { [field]: value }))?.code, `${name} ${field}=${describeValue(value)}`).not.toBe(
            'tool_failed',
          );
        }
      }
    } finally {
      await client.close();
    }
  });
});
