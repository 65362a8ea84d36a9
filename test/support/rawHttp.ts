import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';

/** A raw HTTP/1.1 client: what it writes, and everything the server answers until it closes (or how it failed). */
export function rawClient(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let received = '';
  const answer = new Promise<string>((resolve) => {
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('end', () => resolve(received));
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(`failed: ${err.code}`));
  });
  // Like curl, a client whose upload fails stops there: it reads no answer.
  const write = (data: string | Buffer) =>
    new Promise<void>((done, fail) => socket.write(data, (err) => (err ? fail(err) : done())));
  return { socket, answer, write, received: () => received };
}

/**
 * POSTs a 2 MiB JSON body the way curl sends a large one: Expect: 100-continue, then the body in pieces,
 * giving up if sending fails. The last pieces come after a pause, once a 1 MiB limit's refusal has been
 * sent. Resolves with the answer after the 100 Continue (status line, headers and body).
 */
export async function uploadOversized(port: number, path: string, headers: Record<string, string> = {}) {
  const piece = Buffer.alloc(64 * 1024, 'a');
  const client = rawClient(port);
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  await client.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${32 * piece.length}\r\nExpect: 100-continue\r\n${extra}\r\n`,
  );
  await expect.poll(client.received, { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 100 /);
  for (let sent = 0; sent < 32; sent++) {
    if (sent === 24) await sleep(100);
    await client.write(piece);
  }
  return (await client.answer).replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '');
}
