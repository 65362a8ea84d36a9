import { systemClock, type Clock } from '../../core/clock.ts';
import type { Lease } from '../../core/lease/leases.ts';
import { pollOnce, runPoller, type CursorStore, type PollReport } from '../connectors/index.ts';
import { planAgents, type AgentsDeps } from './agentPlans.ts';
import { analysisWorkers, createAnalysers } from './analysers.ts';
import type { DeliveryReport } from './pipeline.ts';

/**
 * Runs every enabled agent (or just `only`): one polling loop per connector,
 * each with its own interval and backoff. Resolves with the function that
 * stops them, which waits for in-flight batches to be stored.
 */
export async function startAgents(
  deps: AgentsDeps,
  options: { only?: string; clock?: Clock } = {},
): Promise<() => Promise<void>> {
  const { logger, config } = deps.ctx;
  const { cursors } = deps;
  const clock = options.clock ?? systemClock;
  const analysers = createAnalysers(config, deps.tokens, logger, analysisWorkers(config));
  const plans = await planAgents(deps, analysers, { clock, only: options.only }).catch(async (err) => {
    await analysers.close();
    throw err;
  });
  const controller = new AbortController();
  // Each source is polled by one agents worker at a time: the one holding its lease, whose cursor writes are fenced
  // (a worker that lost the lease stops, and cannot move the cursor its successor reads). The sources are spread
  // over the live workers (each takes at most its share), and a dead one's are taken over once their leases expire.
  const share = { group: 'connector:', total: plans.reduce((n, plan) => n + plan.connectors.length, 0) };
  const loops = plans.flatMap((plan) =>
    plan.connectors.map((connector) =>
      deps.ctx.leases.hold(
        `connector:${connector.id}`,
        (lease) =>
          runPoller(
            { connector, cursors: fencedBy(cursors, lease), deliver: plan.deliver, logger },
            {
              clock,
              signal: lease.signal,
              onPoll: (report) => {
                const stored = report.delivered && report.delivered.created + report.delivered.merged;
                if (report.delivered)
                  logger[stored ? 'info' : 'debug']({ agent: plan.id, ...report }, 'agent batch stored');
              },
            },
          ),
        controller.signal,
        share,
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

/** The cursor store as the holder of a connector's lease writes it. */
const fencedBy = (cursors: CursorStore, lease: Lease): CursorStore => ({
  get: (connectorId) => cursors.get(connectorId),
  set: (connectorId, cursor) => cursors.set(connectorId, cursor, lease),
});

export type OnceReport = PollReport<DeliveryReport> | { connector: string; error: string };

/** One poll of each of the agent's sources, the replay playing its next batch at once; a failing source is reported, not fatal. */
export async function runAgentOnce(deps: AgentsDeps, agentId: string): Promise<OnceReport[]> {
  const { config, logger } = deps.ctx;
  // One batch is not worth starting analysis workers for.
  const analysers = createAnalysers(config, deps.tokens, logger);
  const [plan] = await planAgents(deps, analysers, { clock: systemClock, once: true, only: agentId });
  const { cursors } = deps;
  const reports: OnceReport[] = [];
  for (const connector of plan!.connectors) {
    // Not while a running agents worker polls it: the two would read and move the same cursor.
    const lease = await deps.ctx.leases.tryAcquire(`connector:${connector.id}`);
    if (!lease) {
      reports.push({ connector: connector.id, error: 'a running agents worker polls it (it holds its lease)' });
      continue;
    }
    try {
      reports.push(
        await pollOnce({ connector, cursors: fencedBy(cursors, lease), deliver: plan!.deliver, logger }, lease.signal),
      );
    } catch (err) {
      reports.push({ connector: connector.id, error: (err as Error).message });
    } finally {
      await lease.release();
    }
  }
  return reports;
}
