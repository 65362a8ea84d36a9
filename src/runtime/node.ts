import type { Config } from '../core/config.ts';
import type { Component } from '../core/module.ts';
import { openPlatform } from '../platform.ts';
import { flushTraces } from '../telemetry/flush.ts';
import { errorText } from '../core/logger.ts';

/**
 * Runs a set of components as one node: builds the context and platform (which
 * migrates, and seeds the demo data into an empty database when DEMO_DATA is on),
 * starts the components, then prints where to find them; on SIGINT/SIGTERM stops the components (newest first)
 * and closes the context, exiting within SHUTDOWN_TIMEOUT_SECONDS whatever
 * hangs (code 0 when everything stopped, 1 when the deadline cut it short).
 */
export async function runNode(config: Config, components: Component[]): Promise<void> {
  const platform = await openPlatform(config);
  const { ctx } = platform;
  const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const deadlineSeconds = config.SHUTDOWN_TIMEOUT_SECONDS;
    ctx.logger.info({ signal, deadline_seconds: deadlineSeconds }, 'shutting down');
    // Steps wait on dependencies (requests in flight, a partitioned database's goodbye): past the deadline, say which did not finish and go.
    const unfinished = new Set<string>();
    setTimeout(() => {
      ctx.logger.error(
        { unfinished: [...unfinished], deadline_seconds: deadlineSeconds },
        'shutdown deadline passed; exiting without waiting for them',
      );
      process.exit(1);
    }, deadlineSeconds * 1000);
    const step = async (name: string, work: () => Promise<void>) => {
      unfinished.add(name);
      await work().catch((err) => ctx.logger.error({ step: name, err: errorText(err) }, 'stop failed'));
      unfinished.delete(name);
    };
    for (const { name, stop } of [...stops].reverse()) await step(name, stop);
    await step('connections (bus, cache, database)', () => ctx.close());
    await step('traces', flushTraces);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    for (const component of components) {
      // A signal during the start: the rest are not started, and the shutdown stops those that were.
      if (stopping) return;
      const stop = await component.start(platform);
      // Started after the shutdown took its list: stopped here, beside it.
      if (stopping) {
        await stop().catch(() => {});
        return;
      }
      stops.push({ name: component.name, stop });
    }
  } catch (err) {
    // Failing as the shutdown closes what it needs: the shutdown exits, with its own code.
    if (stopping) return;
    // A component that cannot start (its port is taken) stops the node: release what the others hold first.
    for (const { stop } of [...stops].reverse()) await stop().catch(() => {});
    await ctx.close();
    throw err;
  }
  if (stopping) return;
  // Only now: a node that cannot start (database unreachable, port taken) prints its one-line failure and no URLs.
  const urls = components.flatMap((c) => (c.urls?.(config) ?? []).map((url) => `  ${c.name.padEnd(10)} ${url}`));
  process.stdout.write(
    `AlphaNest (${config.ENV}) running ${components.map((c) => c.name).join(', ')}:\n${urls.join('\n')}\nPress Ctrl-C to stop.\n`,
  );
  ctx.logger.info(
    { database: ctx.db.kind, cache: ctx.cache.kind, bus: ctx.bus.kind, components: components.map((c) => c.name) },
    'AlphaNest ready',
  );
}
