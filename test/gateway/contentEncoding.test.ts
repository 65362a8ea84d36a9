import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bothHttpServers } from '../support/bothHttpServers.ts';
import { http } from '../support/gateway.ts';

/** A body with a Content-Encoding the servers do not decode is a 415 naming it, not a 400 about its JSON. */
describe('a request body with a Content-Encoding', () => {
  const servers = bothHttpServers();

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
    const token = await servers.ctx.auth.sign({ sub: 'ada', role: 'user' }, '1h');
    refused(await post(`${servers.gateway.url}/api/chat/message`, token, 'gzip', gzipSync(message)), 'gzip');
    // A mislabelled plain body too: the label says it is not JSON as sent.
    refused(await post(`${servers.gateway.url}/api/chat/message`, token, 'br', message), 'br');
  });

  it.each(['/execute', '/mcp'])('is refused 415 on the tool server (%s)', async (path) => {
    const body = JSON.stringify({ tool: 'get_token_price', arguments: { symbol: 'BTC' } });
    refused(
      await post(`${servers.tools.url}${path}`, await servers.tools.token('ada'), 'gzip, deflate', gzipSync(body)),
      'gzip, deflate',
    );
  });

  it('is read as usual when the encoding is identity', async () => {
    const token = await servers.ctx.auth.sign({ sub: 'ada', role: 'user' }, '1h');
    const answer = await post(`${servers.gateway.url}/api/chat/message`, token, 'identity', message);
    expect(answer.status).toBe(200);
  });
});
