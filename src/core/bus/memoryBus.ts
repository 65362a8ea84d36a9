import type { Logger } from '../logger.ts';
import { timed } from '../health.ts';
import { topicMatches, type Bus, type BusHandler } from './bus.ts';

/** The embedded bus: delivers to subscribers in this process, asynchronously, like a broker would. */
export function createMemoryBus(logger: Logger): Bus {
  const subscribers = new Set<{ pattern: string; handler: BusHandler }>();
  const bus: Bus = {
    kind: 'memory',
    async publish(routingKey, payload) {
      for (const sub of subscribers) {
        if (!topicMatches(sub.pattern, routingKey)) continue;
        queueMicrotask(() => {
          Promise.resolve(sub.handler({ routingKey, payload })).catch((err) =>
            logger.error({ err, routingKey }, 'bus subscriber failed'),
          );
        });
      }
    },
    async publishMany(messages) {
      await Promise.all(messages.map(({ routingKey, payload }) => bus.publish(routingKey, payload)));
    },
    async subscribe(pattern, handler) {
      const sub = { pattern, handler };
      subscribers.add(sub);
      return async () => {
        subscribers.delete(sub);
      };
    },
    health: () => timed(async () => {}, 'memory'),
    async close() {
      subscribers.clear();
    },
  };
  return bus;
}
