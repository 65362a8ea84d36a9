import type { AppContext } from '../../src/core/context.ts';
import { agentCatalogue } from '../../src/modules/intelligence/index.ts';
import type { IngestInput, Item } from '../../src/modules/intelligence/schemas.ts';
import { http } from '../support/gateway.ts';
import type { StreamClient } from './streamClient.ts';

export interface Ingester {
  /** Posts an item through the ingest API (as an agent) and returns the stored item (new, or the one it joined). */
  post(item?: Partial<IngestInput>): Promise<Item>;
  /** Waits until every frame the server sent the client before now has arrived: a ping's heartbeat comes back behind them. */
  settle(client: StreamClient): Promise<void>;
  /** Settles the client, which has then received everything up to an offset the server had already dispatched. */
  waitPast(client: StreamClient, offset: number): Promise<void>;
}

export async function createIngester(ctx: AppContext, gatewayUrl: string | (() => string)): Promise<Ingester> {
  // Bound to every agent of the catalogue: tests post as any of them.
  const agents = agentCatalogue.map((agent) => agent.id);
  const token = await ctx.auth.sign({ sub: 'stream-test-agent', role: 'agent', agents }, '1h');
  const url = typeof gatewayUrl === 'string' ? () => gatewayUrl : gatewayUrl;
  let n = 0;
  const settle = async (client: StreamClient) => {
    const skip = client.frames.length;
    client.send({ type: 'ping' });
    await client.next((f) => f.type === 'heartbeat', skip);
  };
  return {
    async post(item = {}) {
      n++;
      const { status, body } = await http(`${url()}/api/v1/intelligence/`, {
        method: 'POST',
        token,
        json: {
          type: 'news',
          title: `item ${n}`,
          content: `stream test item ${n} ${Math.random()}`,
          source: { name: 'stream test' },
          ...item,
        },
      });
      // 200: another agent's delivery of a stored post, which joins its item.
      if (status !== 201 && status !== 200) throw new Error(`ingest answered ${status}: ${JSON.stringify(body)}`);
      return body.item as Item;
    },
    settle,
    waitPast: (client) => settle(client),
  };
}
