import { platformHealthProbes } from '../../core/http/systemRoutes.ts';
import type { ModuleComponent } from '../../core/module.ts';
import type { ToolRegistry } from '../tools/index.ts';
import { buildDashboardApp } from './app.ts';
import { loadDashboardBuild } from './build.ts';

/** The web dashboard on DASHBOARD_PORT (3000): the pages, forwarding what they call to the other components. */
export const dashboardComponent: ModuleComponent<{ registry: ToolRegistry }> = {
  name: 'dashboard',
  urls: ({ DASHBOARD_PORT }) => [`http://localhost:${DASHBOARD_PORT}/  (dashboard)`],
  async start({ registry }, platform) {
    const { ctx } = platform;
    const build = await loadDashboardBuild((err) =>
      ctx.logger.warn({ err }, 'dashboard: the build could not be cached in dashboard/dist; built again at each start'),
    );
    const app = await buildDashboardApp(ctx, build, registry, platformHealthProbes(platform));
    await app.listen({ port: ctx.config.DASHBOARD_PORT, host: ctx.config.HOST });
    return () => app.close();
  },
};
