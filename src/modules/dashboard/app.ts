import Fastify, { LogController } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from '../../core/context.ts';
import { errorHandler } from '../../core/http/errors.ts';
import { refusedBodies } from '../../core/http/refusedBody.ts';
import { clientErrorHandler } from '../../core/http/clientErrors.ts';
import { type HealthProbes, operationalRoutes } from '../../core/http/systemRoutes.ts';
import { requestId, requestLog } from '../../core/http/requestLog.ts';
import { EVENT_TYPES, SENTIMENT_LABELS } from '../analysis/index.ts';
import { itemTypes } from '../intelligence/index.ts';
import type { ToolRegistry } from '../tools/index.ts';
import { assetRoutes } from './assets.ts';
import { clanStandingsRoutes } from './clanStandings.ts';
import type { DashboardBuild } from './build.ts';
import { devSignInRoutes } from './devSignIn.ts';
import { forwardingRoutes } from './forwarding.ts';
import { notFoundPage, pageHandlers, pageRoutes, TOOLS_PAGE } from './pages.ts';
import { statusRoutes } from './status.ts';
import { upstreamsOf } from './upstreams.ts';

/**
 * The dashboard's HTTP app: the pages and their built scripts, the status and Clan Warz reads, the dev sign-in, and everything
 * else the pages call forwarded to the gateway, the tool server and the arbitrage engine (one origin for the browser).
 * Like every component it answers `/ping`, `/health` (with `probes`: the platform's) and `/metrics` on its own port.
 */
export async function buildDashboardApp(
  ctx: AppContext,
  build: DashboardBuild,
  registry: ToolRegistry,
  probes?: HealthProbes,
) {
  const app = Fastify({
    loggerInstance: ctx.logger,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    trustProxy: ctx.config.trustProxy,
    genReqId: requestId,
    bodyLimit: 1024 * 1024,
    frameworkErrors: errorHandler,
    clientErrorHandler,
  });
  // The operational routes' schemas are zod's, as on the other components (the dashboard's own routes have none).
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundPage(build));
  await app.register(refusedBodies);
  await app.register(requestLog, { metrics: ctx.metrics });
  await app.register(operationalRoutes(ctx, probes));
  const upstreams = upstreamsOf(ctx.config);
  const pages = pageHandlers(build, {
    env: ctx.config.ENV,
    itemTypes,
    sentiments: SENTIMENT_LABELS,
    eventTypes: EVENT_TYPES,
    chatMaxMessageChars: ctx.config.CHAT_MAX_MESSAGE_CHARS,
  });
  await app.register(pageRoutes(pages));
  await app.register(assetRoutes(build));
  await app.register(statusRoutes(upstreams));
  await app.register(clanStandingsRoutes(registry));
  await app.register(devSignInRoutes(ctx));
  await app.register(forwardingRoutes(upstreams, pages.get(TOOLS_PAGE)!));
  return app;
}
