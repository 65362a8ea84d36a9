import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { roles } from '../../core/auth/auth.ts';
import { requireRole } from '../../core/http/authentication.ts';
import { NotFoundError } from '../../core/domainErrors.ts';
import { errorBody, errorBodySchema } from '../../core/http/errors.ts';
import { GLOBAL_LIMIT_HEADERS } from '../../core/http/rateLimit.ts';
import { sendSerialized } from '../../core/http/serialized.ts';
import type { ChatService, Exchange } from './service.ts';
import { openEventStream } from './sse.ts';
import { streamErrorEvent } from './streamErrorEvent.ts';
import { toolRunReply } from './toolRunReply.ts';
import { chatEventJson, messageReplyBody, messageReplyJson } from './wireJson.ts';
import {
  conversationListQuerySchema,
  conversationPageSchema,
  conversationParamsSchema,
  conversationSchema,
  messageBodySchema,
  messageReplySchema,
  toolRunBodySchema,
  toolRunReplySchema,
} from './schemas.ts';

const signedIn = requireRole(...roles);
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

const wantsStream = (body: { stream?: boolean }, accept: string | undefined) =>
  body.stream === true || (accept ?? '').includes('text/event-stream');

/** Aborted when the client goes away before the response is complete: the model call and running tools stop with it. */
function abortOnDisconnect(reply: FastifyReply) {
  const controller = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('client disconnected'));
  };
  reply.raw.on('close', onClose);
  return { signal: controller.signal, dispose: () => reply.raw.off('close', onClose) };
}

/** The exchange as server-sent events: text-delta, tool-call-start, tool-call-end, then done (or error). */
async function streamExchange(reply: FastifyReply, exchange: Exchange, signal: AbortSignal) {
  const stream = openEventStream(reply);
  try {
    const result = await exchange.run(signal, (event) => stream.send(event.type, chatEventJson(event)));
    stream.send('done', messageReplyJson(result));
  } catch (err) {
    if (signal.aborted) return;
    stream.send('error', JSON.stringify(streamErrorEvent(err, reply.log)));
  } finally {
    stream.end();
  }
}

export function chatRoutes(chat: ChatService, maxMessageChars: number): FastifyPluginAsyncZod {
  return async (app) => {
    // Mounted: this node answers chat messages, so the engine prepares now rather than during the first one.
    chat.warmUp();
    app.post('/message', {
      schema: {
        tags: ['chat'],
        summary: 'Ask a question in plain language; the answer is grounded in the platform’s tools',
        description:
          'The user comes from the token (service and admin callers may act for `user_id`). `tools` restricts which chat tools may be used. ' +
          'With `"stream": true` or `Accept: text/event-stream` the exchange streams as server-sent events: `text-delta` {text}, ' +
          '`tool-call-start` {id, name, arguments}, `tool-call-end` {id, name, arguments, result, is_error, duration_ms}, then `done` ' +
          '(the same body as the JSON reply) or `error` {code, message, status}. 429 with Retry-After past CHAT_RATE_PER_MINUTE or CHAT_CONCURRENCY.',
        security: [{ bearer: [] }],
        body: messageBodySchema(maxMessageChars),
        response: {
          200: messageReplySchema,
          ...errors,
          429: errorBodySchema,
          502: errorBodySchema,
          504: errorBodySchema,
        },
      },
      onRequest: signedIn,
      handler: async (request, reply) => {
        const prepared = await chat.prepare(request.principal!, request.body);
        if ('refused' in prepared) {
          const { retryAfterSeconds, message } = prepared.refused;
          // The global limit's headers would say requests remain: this refusal's own limit is in its message.
          for (const name of GLOBAL_LIMIT_HEADERS) reply.removeHeader(name);
          return reply
            .header('retry-after', String(retryAfterSeconds))
            .status(429)
            .send(errorBody('rate_limited', `${message}; retry after ${retryAfterSeconds} s`));
        }
        const { exchange } = prepared;
        const disconnect = abortOnDisconnect(reply);
        try {
          // The reply is built field by field from typed values (service.ts): the schema's encoding would only
          // walk it, tool results and all, once more before it is written.
          if (!wantsStream(request.body, request.headers.accept))
            return sendSerialized(reply, messageReplyBody(await exchange.run(disconnect.signal)));
          await streamExchange(reply, exchange, disconnect.signal);
        } catch (err) {
          // The client is gone: there is no one to answer, and nothing failed on this side.
          if (!disconnect.signal.aborted) throw err;
          reply.hijack();
        } finally {
          disconnect.dispose();
          await exchange.release();
        }
      },
    });

    app.post('/tools', {
      schema: {
        tags: ['chat'],
        summary: 'Run one chat tool directly, with the same validation and roles as MCP',
        description:
          'tool_name is a chat name (arbitrage_lookup, arbitrage__spread…) or a registry name (arbitrage.spread).',
        security: [{ bearer: [] }],
        body: toolRunBodySchema,
        response: {
          200: toolRunReplySchema,
          ...errors,
          429: errorBodySchema,
          500: errorBodySchema,
          502: errorBodySchema,
          504: errorBodySchema,
        },
      },
      onRequest: signedIn,
      handler: async (request, reply) => {
        const disconnect = abortOnDisconnect(reply);
        try {
          const outcome = await chat.runTool(
            request.principal!,
            request.body.tool_name,
            request.body.parameters,
            disconnect.signal,
          );
          return toolRunReply(reply, request.body.tool_name, outcome);
        } finally {
          disconnect.dispose();
        }
      },
    });

    app.get('/conversation/:id', {
      schema: {
        tags: ['chat'],
        summary: 'One of your conversations with every message and tool call',
        security: [{ bearer: [] }],
        params: conversationParamsSchema,
        response: { 200: conversationSchema, ...errors },
      },
      onRequest: signedIn,
      handler: async (request) => {
        const conversation = await chat.conversation(request.principal!.sub, request.params.id);
        if (!conversation) throw new NotFoundError(`no conversation ${request.params.id}`);
        return conversation;
      },
    });

    app.get('/conversations', {
      schema: {
        tags: ['chat'],
        summary: 'Your conversations, most recently active first',
        security: [{ bearer: [] }],
        querystring: conversationListQuerySchema,
        response: { 200: conversationPageSchema, ...errors },
      },
      onRequest: signedIn,
      handler: async (request) => chat.conversations(request.principal!.sub, request.query.page, request.query.size),
    });

    app.delete('/conversation/:id', {
      schema: {
        tags: ['chat'],
        summary: 'Delete one of your conversations',
        security: [{ bearer: [] }],
        params: conversationParamsSchema,
        response: { 204: z.null(), ...errors },
      },
      onRequest: signedIn,
      handler: async (request, reply) => {
        if (!(await chat.remove(request.principal!.sub, request.params.id))) {
          throw new NotFoundError(`no conversation ${request.params.id}`);
        }
        return reply.status(204).send(null);
      },
    });
  };
}
