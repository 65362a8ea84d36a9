import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestContext } from '../../../test/support/context.ts';
import { runId } from '../../../test/support/services.ts';
import type { AppContext } from '../../core/context.ts';
import { NotFoundError, UpstreamError } from '../../core/domainErrors.ts';
import { pino } from 'pino';
import { createMemoryCallLimiter } from './callLimiter.ts';
import { createToolRegistry, type ToolRegistry } from './registry.ts';
import { defineTool, type ToolDefinition, type ToolDomain } from '../../core/tool.ts';

const user = { sub: 'u1', role: 'user' as const };
const admin = { sub: 'a1', role: 'admin' as const };
const base = { title: 'test', description: 'a test tool', annotations: { readOnlyHint: true }, role: 'guest' as const };
const never = () => new Promise<never>(() => {});

const tools: ToolDefinition[] = [
  defineTool({
    ...base,
    name: 'test.echo',
    input: z.object({ text: z.string().min(1), nested: z.object({ count: z.number().int().min(1) }).optional() }),
    output: z.object({ text: z.string(), count: z.number().optional() }),
    handler: async ({ text, nested }) => ({ text, count: nested?.count }),
  }),
  defineTool({
    ...base,
    name: 'test.admin_only',
    role: 'admin',
    input: z.object({}),
    output: z.object({ ok: z.boolean() }),
    handler: async () => ({ ok: true }),
  }),
  defineTool({ ...base, name: 'test.slow', timeoutMs: 20, input: z.object({}), output: z.object({}), handler: never }),
  defineTool({
    ...base,
    name: 'test.broken',
    input: z.object({}),
    output: z.object({}),
    handler: async () => Promise.reject(new Error('connection to db:5432 as hunter2 failed')),
  }),
  defineTool({
    ...base,
    name: 'test.missing',
    input: z.object({}),
    output: z.object({}),
    handler: async () => Promise.reject(new NotFoundError('nothing lists XYZ', { field: 'symbol' })),
  }),
  defineTool({
    ...base,
    name: 'test.upstream',
    input: z.object({}),
    output: z.object({}),
    handler: async () =>
      Promise.reject(
        Object.assign(new UpstreamError('chain_unavailable', 'local did not answer'), {
          cause: new Error('RPC Request failed.\n\nURL: https://rpc.example/v2/SECRETKEY\nRequest body: {…}'),
        }),
      ),
  }),
  defineTool({
    ...base,
    name: 'test.wrong_output',
    input: z.object({}),
    output: z.object({ n: z.number() }),
    handler: async () => ({ n: 'five' }) as never,
  }),
  defineTool({
    ...base,
    name: 'test.huge',
    input: z.object({}),
    output: z.object({ data: z.string() }),
    handler: async () => ({ data: 'x'.repeat(2_000) }),
  }),
  defineTool({
    ...base,
    name: 'test.dated',
    input: z.object({}),
    output: z.object({ at: z.date() }),
    handler: async () => ({ at: new Date('2026-01-02T03:04:05Z') }),
  }),
];
const testDomain: ToolDomain = { name: 'test', description: 'tools for the registry tests', tools };

describe('tool registry', () => {
  let ctx: AppContext;
  let registry: ToolRegistry;

  beforeAll(async () => {
    ctx = await createTestContext({ backend: 'postgres', env: { TOOL_RESULT_MAX_BYTES: '1024' } });
    registry = createToolRegistry(ctx, [testDomain], { limiter: createMemoryCallLimiter({ perMinute: 1_000 }) });
  });
  afterAll(() => ctx?.close());

  it('runs a tool and reports how long it took', async () => {
    const outcome = await registry.execute('test.echo', { text: 'hi', nested: { count: 2 } }, { principal: null });
    expect(outcome).toMatchObject({ ok: true, result: { text: 'hi', count: 2 } });
    expect(outcome.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('names every invalid field by its path', async () => {
    const outcome = await registry.execute('test.echo', { text: '', nested: { count: 0.5 } }, { principal: null });
    expect(outcome).toMatchObject({ ok: false, status: 400, error: { code: 'invalid_parameters', field: 'text' } });
    if (outcome.ok) return;
    expect(outcome.error.details?.issues).toEqual([
      { field: 'text', message: expect.any(String) },
      { field: 'nested.count', message: expect.any(String) },
    ]);
    expect(outcome.error.message).toMatch(/^text: .+; nested\.count: .+/);
  });

  it('refuses NUL characters, unpaired surrogates and prototype keys anywhere in the arguments, naming the field', async () => {
    expect(await registry.execute('test.echo', { text: 'a\u0000b' }, { principal: null })).toMatchObject({
      ok: false,
      status: 400,
      error: { code: 'invalid_parameters', field: 'text' },
    });
    expect(
      await registry.execute('test.echo', { text: 'ok', nested: { count: 1, note: '\ud800' } }, { principal: null }),
    ).toMatchObject({ ok: false, error: { field: 'nested.note' } });
    expect(
      await registry.execute('test.echo', JSON.parse('{"text":"ok","__proto__":{"polluted":true}}'), {
        principal: null,
      }),
    ).toMatchObject({ ok: false, error: { field: '__proto__' } });
  });

  it('refuses an argument the tool does not name, listing those it takes, and its schema says so', async () => {
    const outcome = await registry.execute('test.echo', { text: 'hi', txet: 'typo' }, { principal: null });
    expect(outcome).toMatchObject({
      ok: false,
      status: 400,
      error: {
        code: 'invalid_parameters',
        field: 'txet',
        message: 'txet: unknown parameter; accepted: text, nested',
        details: { issues: [{ field: 'txet', message: 'unknown parameter; accepted: text, nested' }] },
      },
    });
    expect(registry.jsonSchemas.get('test.echo')!.input.additionalProperties).toBe(false);
  });

  it('treats missing parameters as an empty object and reports the missing field', async () => {
    const outcome = await registry.execute('test.echo', undefined, { principal: null });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_parameters', field: 'text' } });
  });

  it('enforces the role inside the call', async () => {
    expect(await registry.execute('test.admin_only', {}, { principal: null })).toMatchObject({
      ok: false,
      status: 401,
      error: { code: 'unauthorized' },
    });
    expect(await registry.execute('test.admin_only', {}, { principal: user })).toMatchObject({
      ok: false,
      status: 403,
      error: { code: 'forbidden' },
    });
    expect(await registry.execute('test.admin_only', {}, { principal: admin })).toMatchObject({
      ok: true,
      result: { ok: true },
    });
  });

  it('answers an unknown tool with unknown_tool', async () => {
    expect(await registry.execute('test.nope', {}, { principal: null })).toMatchObject({
      ok: false,
      status: 404,
      error: { code: 'unknown_tool', field: 'tool_name' },
    });
  });

  it('stops a handler at its timeout even when it ignores its signal', async () => {
    expect(await registry.execute('test.slow', {}, { principal: null })).toMatchObject({
      ok: false,
      status: 504,
      error: { code: 'timeout', message: 'no result within 20 ms' },
    });
  });

  it('stops when the caller goes away', async () => {
    const controller = new AbortController();
    const pending = registry.execute('test.slow', {}, { principal: null, signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('keeps internals out of failures but passes deliberate client errors through', async () => {
    const broken = await registry.execute('test.broken', {}, { principal: null });
    expect(broken).toMatchObject({ ok: false, status: 500, error: { code: 'tool_failed' } });
    expect(JSON.stringify(broken)).not.toMatch(/hunter2|5432|stack/);
    expect(await registry.execute('test.missing', {}, { principal: null })).toMatchObject({
      ok: false,
      status: 404,
      error: { code: 'not_found', field: 'symbol' },
    });
  });

  it('logs an outside service’s failure as a warning with the clients’ message, not its raw text', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const logged = createToolRegistry({ ...ctx, logger }, [testDomain], {
      limiter: createMemoryCallLimiter({ perMinute: 1_000 }),
    });
    expect(await logged.execute('test.upstream', {}, { principal: null })).toMatchObject({
      ok: false,
      status: 502,
      error: { code: 'chain_unavailable', message: 'local did not answer' },
    });
    const failures = lines.filter((line) => /fail/.test(String(line.msg)));
    expect(failures).toEqual([expect.objectContaining({ level: 40, code: 'chain_unavailable' })]);
    expect(JSON.stringify(lines)).not.toMatch(/SECRETKEY|stack/);
  });

  it('refuses results outside the output schema or above the size cap', async () => {
    expect(await registry.execute('test.wrong_output', {}, { principal: null })).toMatchObject({
      ok: false,
      error: { code: 'tool_failed' },
    });
    expect(await registry.execute('test.huge', {}, { principal: null })).toMatchObject({
      ok: false,
      error: { code: 'result_too_large' },
    });
  });

  it('returns plain JSON values, with the JSON text they were read from', async () => {
    const outcome = await registry.execute('test.dated', {}, { principal: null });
    expect(outcome).toMatchObject({ ok: true, result: { at: '2026-01-02T03:04:05.000Z' } });
    // Surfaces store or send `json` in place of the result's JSON.stringify, so it must be exactly that.
    expect(outcome.ok && outcome.json).toBe(JSON.stringify(outcome.ok && outcome.result));
  });

  it('limits calls per signed-in user, and per client for guests', async () => {
    const limited = createToolRegistry(ctx, [testDomain], {
      limiter: createMemoryCallLimiter({ perMinute: 2, now: () => 30_000 }),
    });
    const call = (options: Parameters<ToolRegistry['execute']>[2]) =>
      limited.execute('test.echo', { text: 'x' }, options);
    await call({ principal: user });
    await call({ principal: user });
    expect(await call({ principal: user })).toMatchObject({
      ok: false,
      status: 429,
      error: { code: 'rate_limited', details: { retry_after_seconds: 30 } },
    });
    expect(await call({ principal: null, client: 'ip:10.0.0.1' })).toMatchObject({ ok: true });
    expect(await call({ principal: admin })).toMatchObject({ ok: true });
  });

  it('counts calls by tool and outcome', async () => {
    const text = await ctx.metrics.registry.getSingleMetricAsString('tool_calls_total');
    expect(text).toContain('tool_calls_total{tool="test.echo",outcome="ok"}');
    expect(text).toContain('tool_calls_total{tool="test.slow",outcome="timeout"}');
    expect(text).toContain('tool_calls_total{tool="unknown",outcome="unknown_tool"}');
  });

  it('exports JSON Schemas with an object at the root, even for schemas with an id', async () => {
    const id = runId('Result');
    const named = defineTool({
      ...base,
      name: 'named.tool',
      input: z.object({ q: z.string().default('x') }),
      output: z.object({ a: z.number() }).meta({ id }),
      handler: async () => ({ a: 1 }),
    });
    const schemas = createToolRegistry(ctx, [{ name: 'named', description: 'd', tools: [named] }]).jsonSchemas.get(
      'named.tool',
    )!;
    expect(schemas.output).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['a'],
      additionalProperties: false,
    });
    expect(Object.keys(schemas.output.$defs as object)).toEqual([id]);
    expect(schemas.input).toMatchObject({ type: 'object', properties: { q: { default: 'x' } } });
    expect(schemas.input.required).toBeUndefined();
  });

  it('refuses badly named tools and outputs MCP cannot carry', () => {
    const echo = tools[0]!;
    expect(() => createToolRegistry(ctx, [{ name: 'other', description: 'd', tools: [echo] }])).toThrow(
      /other\.<action>/,
    );
    expect(() => createToolRegistry(ctx, [testDomain, testDomain])).toThrow(/registered twice/);
    const listy = defineTool({
      ...base,
      name: 'test.list',
      input: z.object({}),
      output: z.array(z.string()),
      handler: async () => [],
    });
    expect(() => createToolRegistry(ctx, [{ ...testDomain, tools: [listy] }])).toThrow(/must describe an object/);
  });
});
