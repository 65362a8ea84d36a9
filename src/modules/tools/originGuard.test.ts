import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../../../test/mcp/toolServer.ts';
import type { Config } from '../../core/config.ts';
import { originGuard } from './originGuard.ts';

type GuardConfig = Pick<Config, 'MCP_ALLOWED_HOSTS' | 'MCP_ALLOWED_ORIGINS'>;

/** A listening app with one guarded route per configuration, so each case is a real request. */
async function guardedApp(configs: Record<string, GuardConfig>) {
  const app = Fastify();
  for (const [path, config] of Object.entries(configs))
    app.post(`/${path}`, { onRequest: originGuard(config) }, async () => ({ ok: true }));
  return { app, url: await app.listen({ port: 0, host: '127.0.0.1' }) };
}

describe('origin guard', async () => {
  const { app, url } = await guardedApp({
    defaults: { MCP_ALLOWED_HOSTS: 'localhost,127.0.0.1,[::1]' },
    public: { MCP_ALLOWED_HOSTS: 'tools.example.com,localhost', MCP_ALLOWED_ORIGINS: 'https://app.example.com' },
    open: { MCP_ALLOWED_HOSTS: '*' },
  });
  afterAll(() => app.close());
  const status = async (path: string, headers: Record<string, string>) =>
    (await rawRequest(`${url}/${path}`, { headers, json: {} })).status;

  it('accepts loopback names on any port, with or without an Origin on them', async () => {
    expect(await status('defaults', { host: 'localhost:8002' })).toBe(200);
    expect(await status('defaults', { host: '[::1]:9', origin: 'http://127.0.0.1:6274' })).toBe(200);
  });

  it('refuses other hosts and other origins', async () => {
    expect(await status('defaults', { host: 'attacker.example:8002' })).toBe(403);
    expect(await status('defaults', { host: 'localhost', origin: 'https://attacker.example' })).toBe(403);
    expect(await status('defaults', { host: 'localhost', origin: 'null' })).toBe(403);
  });

  it('uses the configured host names and exact origins', async () => {
    expect(await status('public', { host: 'tools.example.com' })).toBe(200);
    expect(await status('public', { host: 'tools.example.com', origin: 'https://app.example.com' })).toBe(200);
    expect(await status('public', { host: 'tools.example.com', origin: 'https://tools.example.com' })).toBe(403);
  });

  it('lets any host and origin in when MCP_ALLOWED_HOSTS is *', async () => {
    expect(await status('open', { host: 'anything.internal:1234', origin: 'https://anywhere.example' })).toBe(200);
  });
});
