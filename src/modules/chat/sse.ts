import type { FastifyReply } from 'fastify';

export interface EventStream {
  /** One `event:`/`data:` frame; `json` is the data, JSON on a single line. Ignored once the client is gone. */
  send(event: string, json: string): void;
  end(): void;
}

/**
 * Takes the response over from Fastify and opens a server-sent event stream
 * on it. Headers Fastify's hooks already set (CORS) are carried over.
 *
 * The frames sent in one turn of the event loop leave in one write: the local
 * planner hands over its whole answer at once, a line per frame, and each
 * write of a chunked response costs its own chunk (about 1 µs of CPU a frame
 * in a bare Node server). Frames that come turn by turn, as a model's deltas
 * do, still leave as they come.
 */
export function openEventStream(reply: FastifyReply): EventStream {
  const raw = reply.raw;
  for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) raw.setHeader(name, value);
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // Proxies such as nginx would otherwise hold deltas back until their buffer fills.
    'x-accel-buffering': 'no',
  });
  const open = () => !raw.writableEnded && !raw.destroyed;
  let pending = '';
  const flush = () => {
    if (pending && open()) raw.write(pending);
    pending = '';
  };
  return {
    send(event, json) {
      if (!open()) return;
      if (!pending) process.nextTick(flush);
      pending += `event: ${event}\ndata: ${json}\n\n`;
    },
    end() {
      if (open()) raw.end(pending);
      pending = '';
    },
  };
}
