/**
 * `npm run build:dashboard` (also run by `npm install`'s prepare step): builds the dashboard into dashboard/dist,
 * or leaves the cached build when the sources have not changed. The dashboard component does the same at start.
 */
import { loadDashboardBuild } from './build.ts';

const built = await loadDashboardBuild((err) => {
  throw err;
});
process.stdout.write(`dashboard built (${built.sourceHash}): ${[...built.pages.keys()].join(', ')}\n`);
