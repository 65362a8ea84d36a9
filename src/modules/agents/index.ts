import { defineModule } from '../../core/module.ts';
import type { Clock } from '../../core/clock.ts';
import type { ConnectorsModule } from '../connectors/index.ts';
import type { IntelligenceModule } from '../intelligence/index.ts';
import type { MarketModule } from '../market/index.ts';
import type { SecretsModule } from '../secrets/index.ts';
import type { StreamModule } from '../stream/index.ts';
import type { TokensModule } from '../tokens/index.ts';
import { loadPipelines, type AgentsDeps } from './agentPlans.ts';
import { createAgentsComponent } from './agentsComponent.ts';
import { agentsRoutes } from './routes.ts';
import { runAgentOnce, startAgents } from './runner.ts';
import { agentsMigrations } from './table.ts';

interface Needs {
  connectors: ConnectorsModule;
  intelligence: IntelligenceModule;
  market: MarketModule;
  secrets: SecretsModule;
  stream: StreamModule;
  tokens: TokensModule;
}

/**
 * The AI agents: each polls its sources (config/agents.json plus stored
 * overrides), analyses the posts and publishes intelligence items. Built
 * here, started by the `agents` component.
 */
export const agentsModule = defineModule({
  name: 'agents',
  migrations: agentsMigrations,
  components: [createAgentsComponent()],
  create(ctx, { connectors, intelligence, market, secrets, stream, tokens }: Needs) {
    const deps: AgentsDeps = {
      ctx,
      tokens: tokens.registry,
      cursors: connectors.cursors,
      ingestMany: (items) => intelligence.service.ingestMany(items),
      announced: () => intelligence.service.announced(),
      quotes: market.quotes,
      sourceCredentials: secrets.sourceCredentials,
    };
    return {
      /** Runs every enabled agent (or just `only`); resolves with their stop. */
      start: (options: { only?: string; clock?: Clock } = {}) => startAgents(deps, options),
      /** One poll of each of the agent's sources. */
      runOnce: (agentId: string) => runAgentOnce(deps, agentId),
      /** The effective pipelines: the file with the stored overrides applied. */
      pipelines: () => loadPipelines(ctx),
      gatewayRoutes: [{ prefix: '/api/v1/agents', plugin: agentsRoutes(stream.followerCounts) }],
    };
  },
});

export { createAgentsComponent } from './agentsComponent.ts';
export { createAnalysers } from './analysers.ts';
export { agentIdSchema } from './pipelineConfig.ts';
