import type { Platform } from '../../platform.ts';
import { systemClock, type Clock } from '../../core/clock.ts';
import { createCursorStore } from '../connectors/cursorStore.ts';
import { pollOnce, runPoller, type PollReport } from '../connectors/poller.ts';
import { planAgents } from './agentPlans.ts';
import { analysisWorkers, createAnalysers } from './analysers.ts';
import type { DeliveryReport } from './pipeline.ts';

/**
 * Runs every enabled agent (or just `only`): one polling loop per connector,
 * each with its own interval and backoff. Resolves with the function that
 * stops them, which waits for in-flight batches to be stored.
 */
export async function startAgents(platform: Platform, options: { only?: string; clock?: Clock } = {}): Promise<() => Promise<void>> {
  const { logger, db, config } = platform.ctx;
  const clock = options.clock ?? systemClock;
  const analysers = createAnalysers(config, platform.tokens, logger, analysisWorkers(config));
  const plans = await planAgents(platform, analysers, { clock, only: options.only }).catch(async (err) => {
    await analysers.close();
    throw err;
  });
  const cursors = createCursorStore(db);
  const controller = new AbortController();
  const loops = plans.flatMap((plan) =>
    plan.connectors.map((connector) =>
      runPoller(
        { connector, cursors, deliver: plan.deliver, logger },
        {
          clock,
          signal: controller.signal,
          onPoll: (report) => {
            const stored = report.delivered && report.delivered.created + report.delivered.merged;
            if (report.delivered) logger[stored ? 'info' : 'debug']({ agent: plan.id, ...report }, 'agent batch stored');
          },
        },
      ),
    ),
  );
  logger.info({ agents: plans.map((p) => ({ id: p.id, sources: p.connectors.map((c) => c.id) })) }, 'agents running');
  return async () => {
    controller.abort();
    await Promise.all(loops);
    await analysers.close();
  };
}

export type OnceReport = PollReport<DeliveryReport> | { connector: string; error: string };

/** One poll of each of the agent's sources, the replay playing its next batch at once; a failing source is reported, not fatal. */
export async function runAgentOnce(platform: Platform, agentId: string): Promise<OnceReport[]> {
  // One batch is not worth starting analysis workers for.
  const analysers = createAnalysers(platform.ctx.config, platform.tokens, platform.ctx.logger);
  const [plan] = await planAgents(platform, analysers, { clock: systemClock, once: true, only: agentId });
  const cursors = createCursorStore(platform.ctx.db);
  const reports: OnceReport[] = [];
  for (const connector of plan!.connectors) {
    try {
      reports.push(await pollOnce({ connector, cursors, deliver: plan!.deliver, logger: platform.ctx.logger }));
    } catch (err) {
      reports.push({ connector: connector.id, error: (err as Error).message });
    }
  }
  return reports;
}
