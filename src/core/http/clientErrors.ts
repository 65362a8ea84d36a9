import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { clientErrorCode } from './clientErrorCodes.ts';
import { errorBody } from './errors.ts';

/** The status and message of each refusal Node makes before a request reaches Fastify, by Node's error code. */
const REFUSALS: Record<string, [status: number, message: string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'the request line and headers are larger than the server accepts: send a shorter URL or fewer headers',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'the request did not arrive in time'],
};
const MALFORMED: [number, string] = [400, 'the request is not valid HTTP/1.1'];

/**
 * Fastify's `clientErrorHandler`: requests Node's parser refuses (a header block over the limit, say a
 * query string with thousands of values, or a malformed request line) are answered in the platform's
 * error shape too, instead of Fastify's own `{"error":"…","statusCode":…}`. Nothing is logged: these
 * are the client's, and a scanner would fill the log.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  // A reset connection, or one already gone, has no one left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] = REFUSALS[err.code ?? ''] ?? MALFORMED;
  const body = JSON.stringify(errorBody(clientErrorCode(status), message));
  // A request that ran out of time after its answer began (a 401 sent before its body arrived, say) gets no second
  // answer in the middle of the first, as Node's own handler would not write one.
  const answer = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (socket.writable && !answer?.headersSent)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(err);
}
