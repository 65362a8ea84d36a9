import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '../support/gateway.ts';
import { startToolServer, type ToolServer } from './toolServer.ts';

describe('REST tool API', () => {
  let server: ToolServer;
  let token: string;
  beforeAll(async () => {
    server = await startToolServer({ backend: 'postgres' });
    token = await server.token('frank');
  });
  afterAll(() => server?.close());

  it('lists every tool grouped by domain, and one domain alone', async () => {
    const all = await http(`${server.url}/tools`);
    expect(all.status).toBe(200);
    expect(all.body.domains.map((d: { name: string }) => d.name)).toEqual(
      server.platform.tools.registry.domains.map((d) => d.name),
    );
    const shop = all.body.domains.find((d: { name: string }) => d.name === 'shop');
    expect(shop.tools).toEqual([
      expect.objectContaining({
        name: 'shop.generate_theme',
        role: 'guest',
        annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
      }),
    ]);
    expect((await http(`${server.url}/tools/shop`)).body).toEqual(shop);
    expect(await http(`${server.url}/tools/nope`)).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', field: 'domain' } },
    });
  });

  it("lists every tool in docs/mcp.md's table with the parameters its input schema takes", async () => {
    const { body } = await http(`${server.url}/introspect`);
    const docs = readFileSync(new URL('../../docs/mcp.md', import.meta.url), 'utf8');
    const table = docs.split("## The platform's tools")[1]!.split('\n## ')[0]!;
    const rows = new Map<string, string>();
    for (const [, domain, tools] of table.matchAll(/^\| `([a-z_]+)` \| (.*) \| [^|]*\|$/gm))
      rows.set(domain!, tools!.replaceAll('\\|', '|'));
    const problems: string[] = [];
    for (const tool of body.tools as Array<{
      name: string;
      domain: string;
      input_schema: { properties?: Record<string, unknown>; required?: string[] };
    }>) {
      const action = tool.name.slice(tool.domain.length + 1);
      const spans = [...(rows.get(tool.domain) ?? '').matchAll(/`([a-z_]+)(?: \{([^}]*)\})?`/g)];
      const span = spans.find(([, name]) => name === action);
      if (!span) {
        problems.push(`${tool.name}: not in the table`);
        continue;
      }
      // `{a, b?, c | d+e}`: b is optional, c and d+e are alternatives (each optional alone).
      const documented = new Map<string, boolean>();
      for (const item of span[2] ? span[2].split(', ') : []) {
        const alternatives = item.includes(' | ');
        for (const name of item.replace(/\?$/, '').split(/ \| |\+/))
          documented.set(name, alternatives || item.endsWith('?'));
      }
      const required = new Set(tool.input_schema.required ?? []);
      const properties = Object.keys(tool.input_schema.properties ?? {});
      const expected = properties.map((name) => `${name}${required.has(name) ? '' : '?'}`);
      const actual = [...documented].map(([name, optional]) => `${name}${optional ? '?' : ''}`);
      const alternativesOk = [...documented].every(
        ([name, optional]) => properties.includes(name) && (optional ? !required.has(name) : required.has(name)),
      );
      if (!alternativesOk || documented.size !== properties.length)
        problems.push(`${tool.name}: documented {${actual.join(', ')}}, takes {${expected.join(', ')}}`);
    }
    expect(problems).toEqual([]);
  });

  it('introspects full schemas, roles, timeouts and examples', async () => {
    const { body } = await http(`${server.url}/introspect`);
    const checklist = body.tools.find((t: { name: string }) => t.name === 'onboarding.checklist');
    expect(checklist).toMatchObject({
      domain: 'onboarding',
      role: 'user',
      timeout_ms: 5_000,
      input_schema: { type: 'object' },
      output_schema: { type: 'object', required: ['user', 'completed', 'total', 'steps'] },
    });
    const theme = body.tools.find((t: { name: string }) => t.name === 'shop.generate_theme');
    expect(theme.input_schema.required).toEqual(['description']);
    expect(theme.examples[0]).toMatchObject({ input: { brand_color: '#1a73e8' } });
  });

  it('runs a tool, reporting the result and the time it took', async () => {
    const { status, body } = await http(`${server.url}/execute`, {
      method: 'POST',
      token,
      json: { tool_name: 'onboarding.checklist' },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      tool_name: 'onboarding.checklist',
      result: { user: 'frank', total: expect.any(Number) },
      duration_ms: expect.any(Number),
    });
    expect(body.error).toBeUndefined();
  });

  it('names the bad field of the request itself, and of the tool’s parameters', async () => {
    const noName = await http(`${server.url}/execute`, { method: 'POST', token, json: { parameters: {} } });
    expect(noName).toMatchObject({ status: 400, body: { error: { code: 'invalid_parameter', field: 'tool_name' } } });
    const notObject = await http(`${server.url}/execute`, {
      method: 'POST',
      token,
      json: { tool_name: 'shop.generate_theme', parameters: 'blue' },
    });
    expect(notObject).toMatchObject({ status: 400, body: { error: { field: 'parameters' } } });
    // A field the request does not name is refused, not dropped: "arguments" would run the tool with no parameters.
    const misnamed = await http(`${server.url}/execute`, {
      method: 'POST',
      token,
      json: { tool_name: 'intelligence.search', arguments: { tokens: ['BTC'] } },
    });
    expect(misnamed).toMatchObject({ status: 400, body: { error: { code: 'invalid_parameter', field: 'arguments' } } });
    expect(misnamed.body.error.message).toContain('accepted: tool_name, parameters');
    const badParameter = await http(`${server.url}/execute`, {
      method: 'POST',
      token,
      json: { tool_name: 'onboarding.help', parameters: { question: 'how?', limit: 9 } },
    });
    expect(badParameter).toMatchObject({
      status: 400,
      body: {
        tool_name: 'onboarding.help',
        error: { code: 'invalid_parameters', field: 'limit', details: { issues: [{ field: 'limit' }] } },
      },
    });
    const unknown = await http(`${server.url}/execute`, {
      method: 'POST',
      token,
      json: { tool_name: 'shop.paint', parameters: {} },
    });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'unknown_tool', field: 'tool_name' } } });
    const notJson = await http(`${server.url}/execute`, {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: '{"tool_name":',
    });
    expect(notJson.status).toBe(400);
  });

  it('publishes OpenAPI with the tool routes and health', async () => {
    const { body } = await http(`${server.url}/docs/json`);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/tools', '/tools/{domain}', '/introspect', '/execute', '/health', '/mcp']),
    );
  });
});
