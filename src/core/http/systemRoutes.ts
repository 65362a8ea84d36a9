import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import type { ServiceHealth } from '../health.ts';
import type { Platform } from '../module.ts';
import { systemClock, type Clock } from '../clock.ts';
import { hasRole } from '../auth/auth.ts';

const serviceHealthSchema = z.object({
  status: z.enum(['up', 'degraded', 'down']),
  response_time: z.number().optional(),
  kind: z.string().optional(),
  error: z.string().optional(),
});

/** Guests see status words only: probe timings, drivers and their error text are for operators (role admin). */
const forGuests = (health: ServiceHealth) => ({ status: health.status });

const healthSchema = z
  .object({
    status: z.enum(['healthy', 'degraded', 'unhealthy']),
    services: z.record(z.string(), serviceHealthSchema),
  })
  .meta({ id: 'Health' });

/** The backing services `/health` probes; a node adds its bus and others as they exist. */
export type HealthProbes = Record<string, () => Promise<ServiceHealth>>;

function healthProbes(ctx: AppContext): HealthProbes {
  return { database: () => ctx.db.health(), cache: () => ctx.cache.health(), bus: () => ctx.bus.health() };
}

/** The context's probes and every module's own (the secrets store's): what a server built on the whole platform reports. */
export function platformHealthProbes({ ctx, modules }: Pick<Platform, 'ctx' | 'modules'>): HealthProbes {
  return Object.assign(healthProbes(ctx), ...modules.map(({ face }) => face.healthProbes ?? {}));
}

/** How long one round of probes answers every `/health` call after it finished. */
const HEALTH_REUSE_MS = 1_000;

/**
 * `/health` is open to guests and exempt from the rate limit and load
 * shedding, so each call must not reach the dependencies: calls during a round
 * of probes share it, and its results answer every call for a second after.
 */
function sharedProbeRounds(probes: HealthProbes, clock: Pick<Clock, 'now'>) {
  let round: Promise<Record<string, ServiceHealth>> | undefined;
  let reusableUntil = 0;
  return () => {
    if (round && clock.now() < reusableUntil) return round;
    reusableUntil = Infinity; // while it runs
    round = Promise.all(Object.entries(probes).map(async ([name, probe]) => [name, await probe()] as const))
      .then((entries) => Object.fromEntries(entries))
      .finally(() => (reusableUntil = clock.now() + HEALTH_REUSE_MS));
    return round;
  };
}

/**
 * The routes every HTTP component serves on its own port, whatever else it serves (the dashboard's pages too):
 * liveness, health and Prometheus metrics. The database is essential (down → 503 unhealthy); anything else down
 * is degraded.
 */
export function operationalRoutes(
  ctx: AppContext,
  probes: HealthProbes = healthProbes(ctx),
  clock: Pick<Clock, 'now'> = systemClock,
): FastifyPluginAsyncZod {
  const probeRound = sharedProbeRounds(probes, clock);
  return async (app) => {
    app.get('/ping', {
      schema: { tags: ['system'], summary: 'Liveness', response: { 200: z.object({ pong: z.literal(true) }) } },
      handler: async () => ({ pong: true as const }),
    });
    app.get('/health', {
      schema: {
        tags: ['system'],
        summary: 'Health of the backing services',
        description:
          'Everyone sees the status words; an admin token also shows probe times, kinds and errors. The probes run at most once a second, whoever asks.',
        response: { 200: healthSchema, 503: healthSchema },
      },
      handler: async (request, reply) => {
        const results = await probeRound();
        const admin = hasRole(request.principal, ['admin']);
        const services = Object.fromEntries(
          Object.entries(results).map(([name, health]) => [name, admin ? health : forGuests(health)]),
        );
        const status =
          results.database?.status === 'down'
            ? 'unhealthy'
            : Object.values(results).some((r) => r.status !== 'up')
              ? 'degraded'
              : 'healthy';
        return reply.status(status === 'unhealthy' ? 503 : 200).send({ status, services });
      },
    });
    app.get('/metrics', {
      schema: { tags: ['system'], summary: 'Prometheus metrics', hide: false },
      handler: async (_request, reply) => {
        reply.type(ctx.metrics.registry.contentType);
        return ctx.metrics.expose();
      },
    });
  };
}

/** The API servers' system routes: server time at `/`, and the operational routes. */
export function systemRoutes(
  ctx: AppContext,
  probes?: HealthProbes,
  clock?: Pick<Clock, 'now'>,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/', {
      schema: {
        tags: ['system'],
        summary: 'Server time and the client address as the server sees it',
        response: { 200: z.object({ server_time: z.string(), client_ip: z.string(), service: z.string() }) },
      },
      handler: async (request) => ({
        server_time: new Date().toISOString(),
        client_ip: request.ip,
        service: 'alphanest',
      }),
    });
    await app.register(operationalRoutes(ctx, probes, clock));
  };
}
