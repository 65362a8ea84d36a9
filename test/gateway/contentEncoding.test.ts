import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { startToolServer, type ToolServer } from '../mcp/toolServer.ts';
import { createTestContext } from '../support/context.ts';
import { http, startGateway, type RunningGateway } from '../support/gateway.ts';

/** A body with a Content-Encoding the servers do not decode is a 415 naming it, not a 400 about its JSON. */
describe('a request body with a Content-Encoding', () => {
  let ctx: AppContext;
  let gateway: RunningGateway;
  let tools: ToolServer;
  beforeAll(async () => {
    ctx = await createTestContext();
    [gateway, tools] = await Promise.all([startGateway(ctx), startToolServer()]);
  });
  afterAll(async () => {
    await gateway?.close();
    await tools?.close();
    await ctx?.close();
  });

  const post = (url: string, token: string, encoding: string, body: string | Buffer) =>
    http(url, {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      body: new Uint8Array(typeof body === 'string' ? Buffer.from(body) : body),
    });
  const refused = (answer: Awaited<ReturnType<typeof http>>, encoding: string) => {
    expect(answer.status).toBe(415);
    expect(answer.body).toEqual({
      error: { code: 'unsupported_media_type', message: expect.stringContaining(encoding) },
    });
  };
  const message = JSON.stringify({ message: 'hello' });

  it('is refused 415 on the gateway, naming the encoding', async () => {
    const token = await ctx.auth.sign({ sub: 'ada', role: 'user' }, '1h');
    refused(await post(`${gateway.url}/api/chat/message`, token, 'gzip', gzipSync(message)), 'gzip');
    // A mislabelled plain body too: the label says it is not JSON as sent.
    refused(await post(`${gateway.url}/api/chat/message`, token, 'br', message), 'br');
  });

  it.each(['/execute', '/mcp'])('is refused 415 on the tool server (%s)', async (path) => {
    const body = JSON.stringify({ tool: 'get_token_price', arguments: { symbol: 'BTC' } });
    refused(
      await post(`${tools.url}${path}`, await tools.token('ada'), 'gzip, deflate', gzipSync(body)),
      'gzip, deflate',
    );
  });

  it('is read as usual when the encoding is identity', async () => {
    const token = await ctx.auth.sign({ sub: 'ada', role: 'user' }, '1h');
    const answer = await post(`${gateway.url}/api/chat/message`, token, 'identity', message);
    expect(answer.status).toBe(200);
  });
});
