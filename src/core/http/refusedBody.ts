import type { IncomingMessage } from 'node:http';

/** At most this much of a refused body is read to be dropped: a client sending more is answered at once. */
const DISCARD_BYTES = 16 * 1024 * 1024;
/** Nor longer than this, for a client sending slowly. */
const DISCARD_MS = 5_000;

/**
 * Reads and drops what is left of a body Fastify refused unread or part-read (over the body limit), so the
 * refusal can be answered. Fastify closes the connection after it, and a socket closed while the client's
 * bytes still arrive is reset by the kernel, which can destroy the answer before the client reads it: curl
 * sending 2 MB to a 1 MB limit got no status (rc 55, send failure) in 2 to 5 tries of 10. Once the client
 * has sent everything the close is orderly and the answer arrives. Bounded: a larger or slower body is
 * answered without waiting, as before.
 */
export function discardRest(request: IncomingMessage): Promise<void> {
  if (request.complete || request.destroyed || Number(request.headers['content-length']) > DISCARD_BYTES)
    return Promise.resolve();
  return new Promise((resolve) => {
    let received = 0;
    const finish = () => {
      clearTimeout(timer);
      request.off('data', count).off('end', finish).off('close', finish);
      resolve();
    };
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received > DISCARD_BYTES) finish();
    };
    const timer = setTimeout(finish, DISCARD_MS);
    request.on('data', count).once('end', finish).once('close', finish);
    request.resume();
  });
}
