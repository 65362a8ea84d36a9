import type { ModuleComponent } from '../../core/module.ts';
import { buildDashboardApp } from './app.ts';
import { loadDashboardBuild } from './build.ts';

/** The web dashboard on DASHBOARD_PORT (3000): the pages, forwarding what they call to the other components. */
export const dashboardComponent: ModuleComponent<unknown> = {
  name: 'dashboard',
  urls: ({ DASHBOARD_PORT }) => [`http://localhost:${DASHBOARD_PORT}/  (dashboard)`],
  async start(_face, { ctx }) {
    const build = await loadDashboardBuild((err) =>
      ctx.logger.warn({ err }, 'dashboard: the build could not be cached in dashboard/dist; built again at each start'),
    );
    const app = await buildDashboardApp(ctx, build);
    await app.listen({ port: ctx.config.DASHBOARD_PORT, host: ctx.config.HOST });
    return () => app.close();
  },
};
