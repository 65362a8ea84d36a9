import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { startToolServer, type ToolServer } from '../mcp/toolServer.ts';
import { createTestContext } from '../support/context.ts';
import { startGateway, type RunningGateway } from '../support/gateway.ts';
import { uploadOversized } from '../support/rawHttp.ts';

/**
 * A body over the 1 MiB limit sent as curl sends it (src/core/http/refusedBody.test.ts has the cases), on
 * the gateway and the tool server: the 413 reaches the client every time.
 */
describe('a body over the limit on the gateway and the tool server', () => {
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

  const answered = (answer: string) => {
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'body_too_large', message: expect.any(String) },
    });
  };

  it('is answered 413 on a chat message', async () => {
    const token = await ctx.auth.sign({ sub: 'ada', role: 'user' }, '1h');
    const port = Number(new URL(gateway.url).port);
    for (let i = 0; i < 3; i++)
      answered(await uploadOversized(port, '/api/chat/message', { authorization: `Bearer ${token}` }));
  });

  it.each(['/mcp', '/execute'])('is answered 413 on the tool server (%s)', async (path) => {
    for (let i = 0; i < 3; i++) answered(await uploadOversized(tools.port, path));
  });
});
