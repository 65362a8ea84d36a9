import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, type ToolDomain } from '../../src/core/tool.ts';
import { http } from '../support/gateway.ts';
import { startAuthorizationServer } from '../support/authorizationServer.ts';
import { initializeMessage, mcpClient, rawRequest, startToolServer, type ToolServer } from './toolServer.ts';

const adminOnly: ToolDomain = {
  name: 'guarded',
  description: 'a tool only admins may call',
  tools: [
    defineTool({
      name: 'guarded.admin_report',
      title: 'Admin report',
      description: 'for admins',
      input: z.object({}),
      output: z.object({ ok: z.boolean() }),
      annotations: { readOnlyHint: true },
      role: 'admin',
      handler: async () => ({ ok: true }),
    }),
  ],
};

/**
 * The tool server as an OAuth 2.1 resource server (MCP authorization, RFC 9728, RFC 8707), against a real
 * authorization server (oidc-provider) that registers the client, runs the code flow with PKCE and issues
 * JWT access tokens per resource.
 */
describe('MCP authorization by an OAuth 2.1 authorization server', () => {
  const resource = 'https://mcp.alphanest.test/mcp';
  const other = 'https://other-api.example/';
  let as: Awaited<ReturnType<typeof startAuthorizationServer>>;
  let server: ToolServer;
  beforeAll(async () => {
    as = await startAuthorizationServer({ [resource]: 'alphanest:tools alphanest:admin', [other]: 'other:read' });
    server = await startToolServer({
      domains: [adminOnly],
      env: {
        OAUTH_ISSUER: as.issuer,
        MCP_RESOURCE_URL: resource,
        OAUTH_SCOPE_ROLES: 'alphanest:tools=user,alphanest:admin=admin',
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await as?.close();
  });

  it('publishes its protected resource metadata naming the authorization server', async () => {
    for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
      const { status, body } = await http(`${server.url}${path}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        resource,
        authorization_servers: [as.issuer],
        scopes_supported: ['alphanest:tools', 'alphanest:admin'],
        bearer_methods_supported: ['header'],
      });
    }
  });

  it('answers an unauthenticated MCP request with 401 and where the metadata is', async () => {
    const refused = await rawRequest(`${server.url}/mcp`, { json: initializeMessage('2025-11-25') });
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe(
      'Bearer resource_metadata="https://mcp.alphanest.test/.well-known/oauth-protected-resource/mcp"',
    );
  });

  it('serves an MCP client holding a token the issuer minted for this resource, with the role its scopes grant', async () => {
    const token = await as.accessToken(resource, 'openid alphanest:tools');
    const client = await mcpClient(server, token);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('market.token_info');
    const result = await client.callTool({ name: 'shop.generate_theme', arguments: { description: 'tea shop' } });
    expect(result.isError).toBeFalsy();
    await client.close();
    // The same token on REST: the platform's other door to the same tools.
    const rest = await http(`${server.url}/execute`, {
      method: 'POST',
      token,
      json: { tool_name: 'shop.generate_theme', parameters: { description: 'tea shop' } },
    });
    expect(rest.status).toBe(200);
  });

  it('maps scopes to roles: only a token with the admin scope calls an admin tool', async () => {
    const call = async (token: string) => {
      const client = await mcpClient(server, token);
      const result = await client.callTool({ name: 'guarded.admin_report', arguments: {} });
      await client.close();
      return result;
    };
    expect(await call(await as.accessToken(resource, 'alphanest:tools alphanest:admin', 'root'))).toMatchObject({
      structuredContent: { ok: true },
    });
    expect((await call(await as.accessToken(resource, 'alphanest:tools'))).isError).toBe(true);
  });

  it('refuses a token the issuer minted for another resource (audience), saying the token is invalid', async () => {
    const token = await as.accessToken(other, 'other:read');
    const refused = await rawRequest(`${server.url}/mcp`, {
      json: initializeMessage('2025-11-25'),
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({
      error: { code: 'unauthorized', message: 'token claim "aud" invalid: check_failed' },
    });
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer resource_metadata=".+", error="invalid_token"$/);
  });

  it('answers 503, not 401, while the authorization server cannot be reached', async () => {
    const down = await startToolServer({
      env: { OAUTH_ISSUER: 'http://127.0.0.1:9/', MCP_RESOURCE_URL: resource },
    });
    try {
      const token = await as.accessToken(resource, 'alphanest:tools');
      // A token that names the unreachable issuer: the same token, re-signed claims are not needed to reach it.
      const forged = `${Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'test-key' })).toString('base64url')}.${Buffer.from(
        JSON.stringify({
          ...JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()),
          iss: 'http://127.0.0.1:9/',
        }),
      ).toString('base64url')}.${token.split('.')[2]}`;
      const refused = await http(`${down.url}/tools`, { token: forged });
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ error: { code: 'authorization_server_unavailable' } });
      expect(JSON.stringify(refused.body)).not.toContain('ECONNREFUSED');
    } finally {
      await down.close();
    }
  });

  it('still accepts the platform’s own tokens', async () => {
    const client = await mcpClient(server, await server.token('bob'));
    expect((await client.listTools()).tools.length).toBeGreaterThan(5);
    await client.close();
  });
});
