import type { Config } from '../core/config.ts';
import { createContext } from '../core/context.ts';
import { createPlatform } from '../platform.ts';
import { seedDemo } from '../modules/intelligence/demo.ts';
import type { Component } from './component.ts';

/**
 * Runs a set of components as one node: prints where to find them, builds the
 * context and platform, seeds the demo feed on an empty database when
 * DEMO_DATA is on, and on SIGINT/SIGTERM stops the components (newest first)
 * and closes the context.
 */
export async function runNode(config: Config, components: Component[]): Promise<void> {
  const urls = components.flatMap((c) => (c.urls?.(config) ?? []).map((url) => `  ${c.name.padEnd(10)} ${url}`));
  process.stdout.write(`AlphaNest (${config.ENV}) starting ${components.map((c) => c.name).join(', ')}:\n${urls.join('\n')}\nPress Ctrl-C to stop.\n`);

  const ctx = await createContext(config);
  const platform = await createPlatform(ctx);
  if (config.DEMO_DATA && (await platform.intelligence.repository.count()) === 0) {
    const seeded = await seedDemo(platform.intelligence.repository);
    ctx.logger.info({ items: seeded }, 'seeded demo intelligence');
  }
  const stops: Array<() => Promise<void>> = [];
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.logger.info({ signal }, 'shutting down');
    for (const stop of stops.reverse()) await stop().catch((err) => ctx.logger.error({ err }, 'stop failed'));
    await ctx.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  for (const component of components) stops.push(await component.start(platform));
  ctx.logger.info({ database: ctx.db.kind, cache: ctx.cache.kind, bus: ctx.bus.kind, components: components.map((c) => c.name) }, 'AlphaNest ready');
}
