import { defineModule } from '../../core/module.ts';
import type { ToolsModule } from '../tools/index.ts';
import { dashboardComponent } from './dashboardComponent.ts';

/**
 * The web dashboard (docs/dashboard.md): a component that serves the pages built from dashboard/ at the
 * repository root and forwards their API calls. It has no services or tables of its own.
 */
export const dashboardModule = defineModule({
  name: 'dashboard',
  components: [dashboardComponent],
  // The Clan Warz standings are read through the registry's guest tools (clanStandings.ts).
  create: (_ctx, { tools }: { tools: ToolsModule }) => ({ registry: tools.registry }),
});
