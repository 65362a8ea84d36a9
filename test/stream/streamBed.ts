import { afterAll, beforeAll } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import type { Clock } from '../../src/core/clock.ts';
import { createTestContext, type TestContextOptions } from '../support/context.ts';
import { startGateway, type RunningGateway } from '../support/gateway.ts';
import { createIngester, type Ingester } from './ingester.ts';
import { connectStream, type StreamClient } from './streamClient.ts';
import { startStreamServer, type StreamServer } from './streamServer.ts';

export interface StreamBed<Server> {
  ctx: AppContext;
  server: Server;
  /** Connects a client that is closed with the bed. */
  connect(options?: { token?: string; query?: string }): Promise<StreamClient>;
}

/**
 * What a stream test file sets up, registered as its beforeAll and
 * afterAll: a test context, a server on a loopback port, and every client
 * the tests connect, all closed after the file. Fields are filled in by
 * beforeAll, so tests read them, not the file's top level.
 */
function streamBed<Server extends { url: string; close(): Promise<void> }>(
  options: TestContextOptions,
  start: (ctx: AppContext) => Promise<Server>,
): StreamBed<Server> {
  const clients: StreamClient[] = [];
  const bed = {
    async connect(connectOptions = {}) {
      const client = await connectStream(bed.server.url, connectOptions);
      clients.push(client);
      return client;
    },
  } as StreamBed<Server>;
  beforeAll(async () => {
    bed.ctx = await createTestContext(options);
    bed.server = await start(bed.ctx);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await bed.server?.close();
    await bed.ctx?.close();
  });
  return bed;
}

/** The whole gateway, and an ingester posting through its API. */
export const streamGatewayBed = (options: TestContextOptions) =>
  streamBed(options, async (ctx): Promise<RunningGateway & { ingest: Ingester }> => {
    const gateway = await startGateway(ctx);
    return Object.assign(gateway, { ingest: await createIngester(ctx, gateway.url) });
  });

/** Just the stream, its time driven by `clock`. */
export const streamServerBed = (options: TestContextOptions, clock: Clock) =>
  streamBed<StreamServer>(options, (ctx) => startStreamServer(ctx, clock));
