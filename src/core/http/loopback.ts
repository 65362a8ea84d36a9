import type { IncomingHttpHeaders } from 'node:http';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * A request straight from this machine: the socket's peer is loopback and no
 * proxy header says it was forwarded (a local nginx would make every remote
 * caller look local; request.ip follows TRUST_PROXY, so it cannot be used here).
 * What ENV=dev grants without a token (guest tool calls, the dashboard's dev
 * sign-in) is for this machine only: HOST is 0.0.0.0 by default.
 */
export function fromLoopback(request: {
  headers: IncomingHttpHeaders;
  raw: { socket: { remoteAddress?: string | undefined } };
}): boolean {
  const { headers } = request;
  return (
    LOOPBACK.has(request.raw.socket.remoteAddress ?? '') &&
    headers['x-forwarded-for'] === undefined &&
    headers.forwarded === undefined
  );
}
