import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { createHttpApp } from '../../src/core/http/server.ts';
import { startToolServer, type ToolServer } from '../mcp/toolServer.ts';
import { connectStream } from '../stream/streamClient.ts';
import { createTestContext } from '../support/context.ts';
import { startGateway, type RunningGateway } from '../support/gateway.ts';
import { rawClient } from '../support/rawHttp.ts';

/** A request whose body stops after `{` of a declared 1000 bytes. */
const unfinishedBody = (port: number, path: string, token?: string) => {
  const client = rawClient(port);
  void client.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n` +
      `${token ? `Authorization: Bearer ${token}\r\n` : ''}\r\n{`,
  );
  return client;
};

const answered408 = (answer: string) => {
  expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
    error: { code: 'request_timeout', message: 'the request did not arrive in time' },
  });
};

/**
 * REQUEST_TIMEOUT_SECONDS (1 s here): a request whose headers or body never finish is answered 408 in the
 * platform's shape, on the gateway and the tool server; answers that take longer (SSE, a WebSocket) are not
 * cut; and closing a server with such a request open does not wait for it.
 */
describe('a request that never finishes arriving', () => {
  const env = { REQUEST_TIMEOUT_SECONDS: '1' };
  let ctx: AppContext;
  let gateway: RunningGateway;
  let tools: ToolServer;
  beforeAll(async () => {
    ctx = await createTestContext({ env });
    [gateway, tools] = await Promise.all([startGateway(ctx), startToolServer({ env })]);
  });
  afterAll(async () => {
    await gateway?.close();
    await tools?.close();
    await ctx?.close();
  });
  const gatewayPort = () => Number(new URL(gateway.url).port);

  it.each(['/api/chat/message', '/api/v1/intelligence/'])('is answered 408 on the gateway (%s)', async (path) => {
    const token = await ctx.auth.sign({ sub: 'ada', role: 'agent' }, '1h');
    answered408(await unfinishedBody(gatewayPort(), path, token).answer);
  });

  it.each(['/execute', '/mcp'])('is answered 408 on the tool server (%s)', async (path) => {
    answered408(await unfinishedBody(tools.port, path, await tools.token('ada')).answer);
  });

  it('is answered 408 when its headers never end', async () => {
    const client = rawClient(gatewayPort());
    await client.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `);
    answered408(await client.answer);
  });

  it('does not cut an answer that takes longer than the deadline (SSE) or a WebSocket', async () => {
    const app = await createHttpApp(ctx, { title: 'sse', description: 'a slow stream' });
    app.get('/slow', (_request, reply) => {
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
      let sent = 0;
      const timer = setInterval(() => {
        reply.raw.write(`data: ${sent}\n\n`);
        if (++sent === 6) {
          clearInterval(timer);
          reply.raw.end();
        }
      }, 500);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const stream = await connectStream(gateway.url);
    try {
      const { port } = app.server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/slow`);
      expect(await response.text()).toBe([0, 1, 2, 3, 4, 5].map((n) => `data: ${n}\n\n`).join(''));
      // The WebSocket outlived the deadline (3 s of SSE) and still answers.
      expect((await stream.init()).type).toBe('ack');
    } finally {
      await stream.close();
      await app.close();
    }
  });
});

describe('closing a server with a request still arriving', () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => ctx?.close());

  it('drops that request, and stream clients get 1012', async () => {
    // The default deadline (30 s): a closing server no longer enforces it, so only dropping the connection ends it.
    const gateway = await startGateway(ctx);
    const stream = await connectStream(gateway.url);
    await stream.init();
    const token = await ctx.auth.sign({ sub: 'ada', role: 'user' }, '1h');
    const slowBody = unfinishedBody(Number(new URL(gateway.url).port), '/api/chat/message', token);
    const slowHeaders = rawClient(Number(new URL(gateway.url).port));
    await slowHeaders.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await sleep(200);
    await gateway.close();
    expect(await stream.closed).toEqual({ code: 1012, reason: 'shutdown' });
    expect(await slowBody.answer).toBe('');
    expect(await slowHeaders.answer).toBe('');
  }, 20_000);
});
