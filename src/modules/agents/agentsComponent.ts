import type { ModuleComponent } from '../../core/module.ts';
import { runWorkerSingleton } from '../../core/lease/workerLease.ts';
import { startHealthDoor } from './healthDoor.ts';

/**
 * The agents as a node component: in-process under `npm start`, alone with
 * `serve agents`. It also runs every module's workers that feed the
 * intelligence store (the arbitrage scanner, the DEX Screener connector), so a
 * node that ingests runs all of its producers: each on one agents worker at a
 * time, under its lease.
 */
/** What the component needs of the agents module's face. */
interface RunsAgents {
  start(options: { only?: string }): Promise<() => Promise<void>>;
}

export function createAgentsComponent(options: { only?: string } = {}): ModuleComponent<RunsAgents> {
  return {
    name: 'agents',
    // Its probes, when it opens them: a worker serves nothing else.
    urls: ({ AGENTS_HEALTH_PORT }) =>
      AGENTS_HEALTH_PORT === undefined ? [] : [`http://localhost:${AGENTS_HEALTH_PORT}/health  (probes, /metrics)`],
    async start(agents, platform) {
      const { ctx, modules } = platform;
      if (!ctx.config.AGENTS_ENABLED) {
        ctx.logger.info('agents disabled (AGENTS_ENABLED=false)');
        return async () => {};
      }
      // Probes first: a worker is alive while it starts its sources, which may take a while.
      const stops = [await startHealthDoor(platform)];
      stops.push(await agents.start(options));
      if (!options.only) {
        for (const { face } of modules)
          for (const worker of face.workers ?? []) stops.push(runWorkerSingleton(ctx.leases, worker));
      }
      return async () => {
        for (const stop of stops.reverse()) await stop();
      };
    },
  };
}
