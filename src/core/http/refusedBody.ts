import type { IncomingMessage } from 'node:http';
import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';

/** At most this much of a refused body is read to be dropped: a client declaring or sending more is answered at once. */
const DISCARD_BYTES = 16 * 1024 * 1024;

export interface RefusedBodyOptions {
  /** How long a slow client's rest is waited for before the refusal is sent anyway. */
  discardMs?: number;
}

/**
 * A body over the limit is refused after its rest has arrived, so the refusal reaches the client.
 *
 * Fastify refuses it unread or part-read and asks for the connection to be closed after the 413. A socket
 * closed while the client's bytes still arrive is reset by the kernel, which can destroy the answer before
 * the client reads it: curl sending 2 MB to a 1 MB limit got no status (rc 55, send failure) in 2 to 5 tries
 * of 10. Reading and dropping the rest first makes the close orderly. Only for that refusal (others leave
 * nothing unread worth the wait), bounded in bytes and time, and ended at once when the server closes, so
 * a slow client never holds a shutdown.
 */
export const refusedBodies = fp<RefusedBodyOptions>(
  async (app, { discardMs = 5_000 }) => {
    const draining = new Set<() => void>();
    let closing = false;
    app.addHook('onError', async (request, _reply, error: FastifyError) => {
      if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE' || closing) return;
      await discardRest(request.raw, discardMs, draining);
    });
    app.addHook('preClose', async () => {
      closing = true;
      for (const finish of draining) finish();
    });
  },
  { name: 'refused-bodies' },
);

function discardRest(request: IncomingMessage, discardMs: number, draining: Set<() => void>): Promise<void> {
  if (request.complete || request.destroyed || Number(request.headers['content-length']) > DISCARD_BYTES)
    return Promise.resolve();
  return new Promise((resolve) => {
    let received = 0;
    const finish = () => {
      clearTimeout(timer);
      draining.delete(finish);
      request.off('data', count).off('end', finish).off('close', finish);
      request.pause();
      resolve();
    };
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received > DISCARD_BYTES) finish();
    };
    const timer = setTimeout(finish, discardMs);
    draining.add(finish);
    request.on('data', count).once('end', finish).once('close', finish);
    request.resume();
  });
}
