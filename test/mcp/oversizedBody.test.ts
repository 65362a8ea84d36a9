import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startToolServer, type ToolServer } from './toolServer.ts';

/** Twice the 1 MiB body limit. */
const OVERSIZED = Buffer.alloc(2 * 1024 * 1024, 'a');

/**
 * POSTs the oversized body as JSON the way curl sends a large one: Expect: 100-continue, then the whole body
 * once the server says continue, reading the answer only after the upload (curl reads it when it stops
 * sending). The answer's status line and body, or how the connection failed.
 */
function postOversized(port: number, path: string) {
  return new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(`failed: ${err.code}`));
    socket.once('data', async (chunk: string) => {
      if (!chunk.startsWith('HTTP/1.1 100')) return resolve(`no continue: ${chunk}`);
      socket.pause();
      await new Promise((written) => socket.write(OVERSIZED, written));
      await sleep(50);
      socket.on('data', (more: string) => (received += more)).on('end', () => resolve(received));
      socket.resume();
    });
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${OVERSIZED.length}\r\nExpect: 100-continue\r\n\r\n`,
    );
  });
}

describe('a body over the limit on the tool server', () => {
  let server: ToolServer;
  beforeAll(async () => {
    server = await startToolServer();
  });
  afterAll(() => server?.close());

  // The connection closes after the refusal; closed with the upload still arriving, it was reset and the client
  // often read no answer at all (curl: rc 55, send failure).
  it.each(['/mcp', '/execute'])('is answered 413 in the error shape every time (%s)', async (path) => {
    for (let i = 0; i < 6; i++) {
      const answer = await postOversized(server.port, path);
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
        error: { code: 'body_too_large', message: expect.any(String) },
      });
    }
  });
});
