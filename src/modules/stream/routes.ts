import websocket from '@fastify/websocket';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { AppContext } from '../../core/context.ts';
import { errorBody } from '../../core/http/errors.ts';
import { tokenExpiry } from '../../core/http/authentication.ts';
import { systemClock, type Clock } from '../../core/clock.ts';
import { Flusher } from './coalescing.ts';
import { StreamConnection } from './connection.ts';
import type { FollowStore } from './followStore.ts';
import { startStreamHub, type StreamHub } from './hub.ts';
import type { ItemLog, TokenFilterKey } from '../intelligence/index.ts';
import { createStreamMetrics } from './streamMetrics.ts';
import { closeCodes, serverFrames } from './protocol.ts';
import { createSession } from './session.ts';
import { createTimeWheel } from './timeWheel.ts';
import { createConnectionRateLimit } from './connectionRateLimit.ts';
import { createTokenBucket } from '../../core/tokenBucket.ts';
import { errorText } from '../../core/logger.ts';

export interface StreamDeps {
  /** Stored items by offset, for resume (the intelligence module's). */
  log: ItemLog;
  follows: FollowStore;
  /** Resolves token filters as the feed does (the intelligence module's). */
  tokenFilterKey: TokenFilterKey;
  /** Heartbeats and rate limits read this clock (tests pass a manual one). */
  clock?: Clock;
}

/** How long a stopping node waits for clients to complete the close handshake before cutting them off. */
const SHUTDOWN_GRACE_MS = 3_000;
/** A client's inbound allowance: bursts of this many seconds' worth of frames. */
const INBOUND_BURST_SECONDS = 5;

/**
 * `WS /ws/v1/intelligence/`: the live intelligence stream (protocol in docs/stream.md).
 * On close the node refuses new connections and closes open ones with 1012,
 * so clients reconnect to another node and resume with `since`.
 */
export function streamRoutes(
  ctx: AppContext,
  { log, follows, tokenFilterKey, clock = systemClock }: StreamDeps,
): FastifyPluginAsync {
  return async (app) => {
    const { config, logger } = ctx;
    const metrics = createStreamMetrics(ctx.metrics);
    const hub = await startStreamHub({ bus: ctx.bus, log, logger, metrics, clock });
    const wheel = createTimeWheel<StreamConnection>({
      clock,
      timeoutMs: config.STREAM_HEARTBEAT_TIMEOUT_SECONDS * 1000,
      // A connection's entry is also bound to when its token stops verifying (expireBy): one sweep for both.
      onExpire: (conn, tokenExpired) => {
        if (!tokenExpired) return conn.close(closeCodes.heartbeatTimeout, 'heartbeat_timeout');
        conn.send(
          serverFrames.error({
            code: 'token_expired',
            message: 'the token this connection signed in with has expired; reconnect with a fresh token and since',
          }),
        );
        conn.close(closeCodes.tokenExpired, 'token_expired');
      },
    });
    const onFrame = createSession({
      hub,
      log,
      metrics,
      window: config.STREAM_RESUME_WINDOW,
      follows,
      tokenFilterKey,
      heartbeats: wheel,
      auth: ctx.auth,
      clock,
      logger,
      config,
    });
    const flusher = new Flusher((err, conn) => {
      logger.error({ err }, 'stream write failed');
      conn.close(closeCodes.internalError, 'internal_error');
    });
    const allowConnection = createConnectionRateLimit(config.STREAM_CONNECTS_PER_MINUTE, clock);
    let draining = false;

    await app.register(websocket, {
      options: { maxPayload: config.STREAM_MAX_FRAME_BYTES, clientTracking: false, perMessageDeflate: false },
      preClose: async () => {
        draining = true;
        await closeAll(hub);
      },
      // Protocol errors (oversized or invalid frames) are the client's; ws has already closed with the right code.
      errorHandler: (err) => logger.debug({ err: errorText(err) }, 'stream socket error'),
    });
    app.addHook('onClose', async () => {
      wheel.stop();
      await hub.stop();
    });

    async function admit(request: FastifyRequest, reply: FastifyReply) {
      if (draining)
        return reply
          .status(503)
          .send(errorBody('shutting_down', 'this node is shutting down; connect again to reach another'));
      if (!allowConnection(request.ip)) {
        return reply
          .status(429)
          .send(
            errorBody(
              'rate_limited',
              `at most ${config.STREAM_CONNECTS_PER_MINUTE} new connections per minute per address`,
            ),
          );
      }
    }

    function connect(socket: WebSocket, request: FastifyRequest) {
      const rate = config.STREAM_INBOUND_FRAMES_PER_SECOND;
      const conn = new StreamConnection(
        socket,
        request.principal,
        createTokenBucket(rate * INBOUND_BURST_SECONDS, rate, clock),
        config.STREAM_SEND_BUFFER_BYTES,
        flusher,
        (reason) => metrics.closes.inc({ reason }),
      );
      conn.heartbeat = wheel.add(conn);
      // Checked once at the upgrade, the token would otherwise sign the connection in for as long as it stays open.
      wheel.expireBy(conn.heartbeat, tokenExpiry(request));
      hub.add(conn);
      socket.on('message', (data, isBinary) => {
        wheel.touch(conn.heartbeat);
        onFrame(conn, data as Buffer, isBinary);
      });
      socket.on('ping', () => wheel.touch(conn.heartbeat));
      socket.once('close', () => {
        conn.closing = true;
        wheel.remove(conn.heartbeat);
        hub.remove(conn);
      });
    }

    // With and without the trailing slash: clients differ, and a 404 on upgrade is hard to diagnose.
    for (const url of ['/ws/v1/intelligence/', '/ws/v1/intelligence']) {
      app.route({
        method: 'GET',
        url,
        schema: { hide: true },
        config: { rateLimit: false, queryToken: true },
        preValidation: admit,
        handler: upgradeRequired,
        wsHandler: connect,
      });
    }
  };
}

/**
 * A plain GET (a browser, curl, a client that lost its Upgrade header at a proxy) is told what the address is for,
 * in the platform's error shape, rather than an empty 404 that reads as a wrong path.
 */
function upgradeRequired(_request: FastifyRequest, reply: FastifyReply) {
  return reply
    .status(426)
    .header('upgrade', 'websocket')
    .send(
      errorBody(
        'upgrade_required',
        'this is the live stream: connect with a WebSocket client (Upgrade: websocket); protocol in docs/stream.md',
      ),
    );
}

async function closeAll(hub: StreamHub) {
  const open = [...hub.connections];
  for (const conn of open) conn.close(closeCodes.serviceRestart, 'shutdown');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(
      open.map(
        (conn) => new Promise((resolve) => (conn.ws.readyState === 3 ? resolve(null) : conn.ws.once('close', resolve))),
      ),
    ),
    new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_GRACE_MS))),
  ]);
  clearTimeout(timer);
  for (const conn of open) conn.ws.terminate();
}
