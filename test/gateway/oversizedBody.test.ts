import { describe, expect, it } from 'vitest';
import { bothHttpServers } from '../support/bothHttpServers.ts';
import { uploadOversized } from '../support/rawHttp.ts';

/**
 * A body over the 1 MiB limit sent as curl sends it (src/core/http/refusedBody.test.ts has the cases), on
 * the gateway and the tool server: the 413 reaches the client every time.
 */
describe('a body over the limit on the gateway and the tool server', () => {
  const servers = bothHttpServers();

  const answered = (answer: string) => {
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'body_too_large', message: expect.any(String) },
    });
  };

  it('is answered 413 on a chat message', async () => {
    const token = await servers.ctx.auth.sign({ sub: 'ada', role: 'user' }, '1h');
    const port = Number(new URL(servers.gateway.url).port);
    for (let i = 0; i < 3; i++)
      answered(await uploadOversized(port, '/api/chat/message', { authorization: `Bearer ${token}` }));
  });

  it.each(['/mcp', '/execute'])('is answered 413 on the tool server (%s)', async (path) => {
    for (let i = 0; i < 3; i++) answered(await uploadOversized(servers.tools.port, path));
  });
});
