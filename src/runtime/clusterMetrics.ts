import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { Component } from '../core/module.ts';

/** A worker asks its primary for the process group's metrics; the primary asks each worker for its own. */
const ASK_GROUP = 'alphanest:metrics';
const ASK_OWN = 'alphanest:own-metrics';
/** How long a request for metrics waits for its answer. */
const ANSWER_WITHIN_MS = 5_000;

type Message = { type?: string; id?: number; text?: string; metrics?: unknown; error?: string };
type OwnMetrics = Array<MetricObjectWithValues<MetricValue<string>>>;

/** Sends `message` with a fresh id over `send` and resolves with the first answer of `type` carrying that id. */
function asker(on: (listener: (m: Message) => void) => () => void) {
  let next = 0;
  return (send: (m: Message) => void, type: string) =>
    new Promise<Message>((resolve, reject) => {
      const id = next++;
      const off = on((message) => {
        if (message?.type !== type || message.id !== id) return;
        clearTimeout(timer);
        off();
        if (message.error) reject(new Error(message.error));
        else resolve(message);
      });
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no ${type} answer within ${ANSWER_WITHIN_MS} ms`));
      }, ANSWER_WITHIN_MS);
      send({ type, id });
    });
}

/**
 * In the primary: answers a worker's request for the metrics of the whole process group by asking every worker
 * that listens for its registry's values and summing them (prom-client's AggregatorRegistry.aggregate: counters
 * and histograms added up, gauges per their aggregator), so a scrape through the shared port counts every worker
 * whichever one takes it. A worker still starting is left out until it listens.
 */
export function serveClusterMetrics(): void {
  const listening = new Set<Worker>();
  cluster.on('listening', (worker) => listening.add(worker));
  cluster.on('exit', (worker) => listening.delete(worker));
  const ask = asker((listener) => {
    const onMessage = (_worker: Worker, message: Message) => listener(message);
    cluster.on('message', onMessage);
    return () => cluster.off('message', onMessage);
  });
  cluster.on('message', (worker, message: Message) => {
    if (message?.type !== ASK_GROUP) return;
    Promise.all([...listening].map((each) => ask((m) => each.send(m), ASK_OWN)))
      .then((answers) => AggregatorRegistry.aggregate(answers.map((a) => a.metrics as OwnMetrics)).metrics())
      .then(
        (text) => worker.send({ type: ASK_GROUP, id: message.id, text }),
        (err: Error) => worker.send({ type: ASK_GROUP, id: message.id, error: err.message }),
      );
  });
}

/** In a worker: the component, its `/metrics` answered with the primary's sum of every worker's registry. */
export function withClusterMetrics(component: Component): Component {
  return {
    ...component,
    start(platform) {
      const { metrics } = platform.ctx;
      process.on('message', (message: Message) => {
        if (message?.type !== ASK_OWN) return;
        metrics.registry.getMetricsAsJSON().then(
          (own) => process.send!({ type: ASK_OWN, id: message.id, metrics: own }),
          (err: Error) => process.send!({ type: ASK_OWN, id: message.id, error: err.message }),
        );
      });
      const ask = asker((listener) => {
        process.on('message', listener);
        return () => process.off('message', listener);
      });
      metrics.exposeWith(async () => (await ask((m) => process.send!(m), ASK_GROUP)).text!);
      return component.start(platform);
    },
  };
}
