import { createHttpApp } from '../../core/http/server.ts';
import { platformHealthProbes, systemRoutes } from '../../core/http/systemRoutes.ts';
import type { Platform } from '../../core/module.ts';

/**
 * The agents worker's probes and metrics on AGENTS_HEALTH_PORT (none when unset, so `npm start` opens no extra
 * port): `/ping` for liveness (the event loop answers), `/health` for readiness (the database, cache and bus it
 * ingests through, and the secrets store its sources' credentials come from: the gateway's probes), `/metrics` for
 * Prometheus. Resolves with the function that closes it.
 */
export async function startHealthDoor(platform: Pick<Platform, 'ctx' | 'modules'>): Promise<() => Promise<void>> {
  const { ctx } = platform;
  const port = ctx.config.AGENTS_HEALTH_PORT;
  if (port === undefined) return async () => {};
  const app = await createHttpApp(ctx, {
    title: 'AlphaNest agents worker',
    description: 'Liveness, health and metrics of an agents worker; it serves nothing else.',
  });
  await app.register(systemRoutes(ctx, platformHealthProbes(platform)));
  await app.listen({ port, host: ctx.config.HOST });
  return () => app.close();
}
