import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { http } from '../support/gateway.ts';
import { createMemoryCallLimiter, createRedisCallLimiter } from '../../src/modules/tools/callLimiter.ts';
import { defineTool, type ToolDomain } from '../../src/core/tool.ts';
import { initializeMessage, mcpClient, rawRequest, startToolServer, type ToolServer } from './toolServer.ts';

const guarded: ToolDomain = {
  name: 'guarded',
  description: 'a tool only admins may call',
  tools: [
    defineTool({
      name: 'guarded.admin_report',
      title: 'Admin report',
      description: 'for admins',
      input: z.object({}),
      output: z.object({ secret: z.string() }),
      annotations: { readOnlyHint: true },
      role: 'admin',
      handler: async () => ({ secret: 'for admins only' }),
    }),
  ],
};

const theme = { tool_name: 'shop.generate_theme', parameters: { description: 'tea shop' } };
const toolCall = (id: number) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'shop.generate_theme', arguments: { description: 'tea shop' } },
});
const errorOf = (result: unknown) =>
  JSON.parse((result as { content: Array<{ text: string }> }).content[0]!.text).error;

describe('tool server security', () => {
  describe('outside development', () => {
    let server: ToolServer;
    beforeAll(async () => {
      server = await startToolServer({ backend: 'postgres', domains: [guarded] });
    });
    afterAll(() => server?.close());

    it('needs a bearer token on /mcp and /execute, and says how to send one', async () => {
      const rest = await http(`${server.url}/execute`, { method: 'POST', json: theme });
      expect(rest).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
      const mcp = await rawRequest(`${server.url}/mcp`, { json: initializeMessage('2025-11-25') });
      expect(mcp).toMatchObject({ status: 401, headers: { 'www-authenticate': 'Bearer realm="alphanest"' } });
      const bad = await http(`${server.url}/execute`, { method: 'POST', token: 'not.a.jwt', json: theme });
      expect(bad).toMatchObject({
        status: 401,
        body: { error: { code: 'unauthorized', message: expect.stringMatching(/token/) } },
      });
      // A refused token is named in the challenge (RFC 6750 §3.1), so a client fetches a new one.
      const refused = await rawRequest(`${server.url}/mcp`, {
        headers: { authorization: 'Bearer not.a.jwt' },
        json: initializeMessage('2025-11-25'),
      });
      expect(refused).toMatchObject({
        status: 401,
        headers: { 'www-authenticate': 'Bearer realm="alphanest", error="invalid_token"' },
      });
    });

    it('leaves browsing and health open', async () => {
      expect((await http(`${server.url}/tools`)).status).toBe(200);
      expect((await http(`${server.url}/introspect`)).status).toBe(200);
      expect((await http(`${server.url}/health`)).body.status).toBe('healthy');
    });

    it('enforces each tool’s role inside the call, on both surfaces', async () => {
      const userToken = await server.token('bob');
      const rest = await http(`${server.url}/execute`, {
        method: 'POST',
        token: userToken,
        json: { tool_name: 'guarded.admin_report', parameters: {} },
      });
      expect(rest).toMatchObject({
        status: 403,
        body: { tool_name: 'guarded.admin_report', error: { code: 'forbidden' } },
      });
      const asUser = await mcpClient(server, userToken);
      const denied = await asUser.callTool({ name: 'guarded.admin_report', arguments: {} });
      expect(denied.isError).toBe(true);
      expect(errorOf(denied)).toMatchObject({ code: 'forbidden' });
      await asUser.close();

      const asAdmin = await mcpClient(server, await server.token('root', 'admin'));
      expect((await asAdmin.callTool({ name: 'guarded.admin_report', arguments: {} })).structuredContent).toEqual({
        secret: 'for admins only',
      });
      await asAdmin.close();
    });

    it('refuses a Host or Origin of another site (DNS rebinding)', async () => {
      const token = await server.token('carol');
      const auth = { authorization: `Bearer ${token}` };
      for (const path of ['/mcp', '/execute']) {
        const json = path === '/mcp' ? initializeMessage('2025-11-25') : theme;
        expect(
          await rawRequest(`${server.url}${path}`, { headers: { ...auth, host: 'evil.example.com' }, json }),
        ).toMatchObject({ status: 403, body: { error: { code: 'forbidden_host', field: 'host' } } });
        expect(
          await rawRequest(`${server.url}${path}`, { headers: { ...auth, origin: 'http://evil.example.com' }, json }),
        ).toMatchObject({ status: 403, body: { error: { code: 'forbidden_origin', field: 'origin' } } });
        expect(
          (
            await rawRequest(`${server.url}${path}`, {
              headers: { ...auth, host: `localhost:${server.port}`, origin: 'http://localhost:6274' },
              json,
            })
          ).status,
        ).toBe(200);
      }
    });
  });

  describe('in development', () => {
    let server: ToolServer;
    beforeAll(async () => {
      server = await startToolServer({ backend: 'postgres', env: { ENV: 'dev' } });
    });
    afterAll(() => server?.close());

    it('lets a client on this machine call guest tools without a token', async () => {
      const client = await mcpClient(server);
      expect(
        (await client.callTool({ name: 'shop.generate_theme', arguments: { description: 'tea shop' } })).isError,
      ).toBeFalsy();
      const checklist = await client.callTool({ name: 'onboarding.checklist', arguments: {} });
      expect(errorOf(checklist)).toMatchObject({ code: 'unauthorized' });
      await client.close();
    });

    it('still asks for a token when a proxy forwarded the request', async () => {
      const forwarded = await rawRequest(`${server.url}/execute`, {
        headers: { 'x-forwarded-for': '203.0.113.9' },
        json: theme,
      });
      expect(forwarded.status).toBe(401);
    });
  });

  describe('rate limit', () => {
    let server: ToolServer;
    beforeAll(async () => {
      // A fixed clock keeps all calls in one window; the count lives in Redis, shared by both surfaces.
      server = await startToolServer({
        backend: 'postgres',
        redis: true,
        // The raw call below reads a stateless JSON answer.
        env: { MCP_SESSIONS: 'false' },
        registry: (ctx) => ({
          limiter: createRedisCallLimiter(
            ctx.redis!,
            { perMinute: 3, now: () => 90_000 },
            createMemoryCallLimiter({ perMinute: 3 }),
            ctx.logger,
          ),
        }),
      });
    });
    afterAll(() => server?.close());

    it('counts a user’s calls across REST and MCP and refuses the one over the limit', async () => {
      const token = await server.token('dave');
      const client = await mcpClient(server, token);
      expect((await http(`${server.url}/execute`, { method: 'POST', token, json: theme })).status).toBe(200);
      expect(
        (await client.callTool({ name: 'shop.generate_theme', arguments: { description: 'tea shop' } })).isError,
      ).toBeFalsy();
      expect(
        (await rawRequest(`${server.url}/mcp`, { headers: { authorization: `Bearer ${token}` }, json: toolCall(7) }))
          .body.result.isError,
      ).toBeUndefined();

      const refused = await http(`${server.url}/execute`, { method: 'POST', token, json: theme });
      expect(refused).toMatchObject({
        status: 429,
        body: { error: { code: 'rate_limited', details: { retry_after_seconds: 30 } } },
      });
      expect(
        errorOf(await client.callTool({ name: 'shop.generate_theme', arguments: { description: 'tea shop' } })),
      ).toMatchObject({ code: 'rate_limited' });

      const other = await http(`${server.url}/execute`, {
        method: 'POST',
        token: await server.token('erin'),
        json: theme,
      });
      expect(other.status).toBe(200);
      await client.close();
    });
  });
});
