import type { AppContext } from '../../core/context.ts';
import { createHttpApp } from '../../core/http/server.ts';
import { systemRoutes } from '../../core/http/systemRoutes.ts';

/**
 * The agents worker's probes and metrics on AGENTS_HEALTH_PORT (none when unset, so `npm start` opens no extra
 * port): `/ping` for liveness (the event loop answers), `/health` for readiness (the database, cache and bus it
 * ingests through), `/metrics` for Prometheus. Resolves with the function that closes it.
 */
export async function startHealthDoor(ctx: AppContext): Promise<() => Promise<void>> {
  const port = ctx.config.AGENTS_HEALTH_PORT;
  if (port === undefined) return async () => {};
  const app = await createHttpApp(ctx, {
    title: 'AlphaNest agents worker',
    description: 'Liveness, health and metrics of an agents worker; it serves nothing else.',
  });
  await app.register(systemRoutes(ctx));
  await app.listen({ port, host: ctx.config.HOST });
  return () => app.close();
}
