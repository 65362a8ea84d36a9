import type { Config } from '../core/config.ts';
import type { AlphaNest } from '../platform.ts';

/**
 * Runs `use` on the whole platform (every module's migrations applied) and closes it after; logs go to stderr, so
 * stdout carries only the command's result. The platform is imported here, when a command asks for it, so that
 * the commands that need less (`--help`, `token`, `keys`, `secrets`) start without loading every module.
 *
 * Always without demo data, whatever DEMO_DATA says: building the platform prepares every module, and with
 * DEMO_DATA (on by default, for `npm start`) that seeds an empty database with the demo feed, the Clan Warz demo
 * and the flagged addresses and starts the embedded chain. A command that lists, imports or reseals must leave a
 * real database as it found it; the nodes that serve (`npm start`, `serve`) seed, and `seed-demo` on request.
 */
export async function withPlatform<T>(config: Config, use: (platform: AlphaNest) => Promise<T>): Promise<T> {
  const [{ openPlatform }, { createLogger }] = await Promise.all([
    import('../platform.ts'),
    import('../core/logger.ts'),
  ]);
  const platform = await openPlatform(
    { ...config, DEMO_DATA: false },
    { logger: createLogger(config, process.stderr) },
  );
  try {
    return await use(platform);
  } finally {
    await platform.ctx.close();
  }
}
