import { defineModule } from '../../core/module.ts';
import { dashboardComponent } from './dashboardComponent.ts';

/**
 * The web dashboard (docs/dashboard.md): a component that serves the pages built from dashboard/ at the
 * repository root and forwards their API calls. It has no services or tables of its own.
 */
export const dashboardModule = defineModule({
  name: 'dashboard',
  components: [dashboardComponent],
  create: () => ({}),
});
