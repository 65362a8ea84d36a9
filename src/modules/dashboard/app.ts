import Fastify, { LogController } from 'fastify';
import type { AppContext } from '../../core/context.ts';
import { errorHandler, notFoundHandler } from '../../core/http/errors.ts';
import { clientErrorHandler } from '../../core/http/clientErrors.ts';
import { requestId, requestLog } from '../../core/http/requestLog.ts';
import { EVENT_TYPES, SENTIMENT_LABELS } from '../analysis/index.ts';
import { itemTypes } from '../intelligence/index.ts';
import type { ToolRegistry } from '../tools/index.ts';
import { assetRoutes } from './assets.ts';
import { clanStandingsRoutes } from './clanStandings.ts';
import type { DashboardBuild } from './build.ts';
import { devSignInRoutes } from './devSignIn.ts';
import { forwardingRoutes } from './forwarding.ts';
import { pageHandlers, pageRoutes, TOOLS_PAGE } from './pages.ts';
import { statusRoutes } from './status.ts';
import { upstreamsOf } from './upstreams.ts';

/**
 * The dashboard's HTTP app: the pages and their built scripts, the status and Clan Warz reads, the dev sign-in, and everything
 * else the pages call forwarded to the gateway, the tool server and the arbitrage engine (one origin for the browser).
 */
export async function buildDashboardApp(ctx: AppContext, build: DashboardBuild, registry: ToolRegistry) {
  const app = Fastify({
    loggerInstance: ctx.logger,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    trustProxy: ctx.config.trustProxy,
    genReqId: requestId,
    bodyLimit: 1024 * 1024,
    frameworkErrors: errorHandler,
    clientErrorHandler,
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  await app.register(requestLog, { metrics: ctx.metrics });
  const upstreams = upstreamsOf(ctx.config);
  const pages = pageHandlers(build, {
    env: ctx.config.ENV,
    itemTypes,
    sentiments: SENTIMENT_LABELS,
    eventTypes: EVENT_TYPES,
  });
  await app.register(pageRoutes(pages));
  await app.register(assetRoutes(build));
  await app.register(statusRoutes(upstreams));
  await app.register(clanStandingsRoutes(registry));
  await app.register(devSignInRoutes(ctx));
  await app.register(forwardingRoutes(upstreams, pages.get(TOOLS_PAGE)!));
  return app;
}
