import type { Platform } from '../../platform.ts';
import { agentCatalogue } from '../agents/catalogue.ts';
import type { ExecuteOptions } from './registry.ts';

/** Read-only reference data an MCP client can load into context without calling a tool. */
export interface ReferenceResource {
  uri: string;
  name: string;
  title: string;
  description: string;
  read(caller: ExecuteOptions): Promise<unknown>;
}

/**
 * The resources a platform serves. Those backed by a tool go through the
 * registry like any call (role, rate limit, output checks) and are offered
 * only when that tool's domain is registered.
 */
export function referenceResources(platform: Platform): ReferenceResource[] {
  const { tools } = platform;
  const viaTool = (tool: string, parameters: Record<string, unknown>) => async (caller: ExecuteOptions) => {
    const outcome = await tools.execute(tool, parameters, caller);
    if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
    return outcome.result;
  };
  const resources: Array<ReferenceResource & { needs?: string }> = [
    {
      uri: 'alphanest://reference/exchanges',
      name: 'exchanges',
      title: 'Supported exchanges',
      description: 'The venues the arbitrage engine reads order books from, and whether they are live (ccxt) or the embedded simulation.',
      read: async () => ({ source: platform.arbitrage.source.kind, venues: platform.arbitrage.source.venues() }),
    },
    {
      uri: 'alphanest://reference/agents',
      name: 'agents',
      title: 'Intelligence agents',
      description: 'The AI agents that publish intelligence, what each watches, and their ids for following them on the live stream.',
      read: async () => ({ agents: agentCatalogue }),
    },
    {
      uri: 'alphanest://reference/clans',
      name: 'clans',
      title: 'Clan Warz standings',
      description: 'Every clan of the running season with its score and rank (the clan.leaderboard tool, top 100).',
      needs: 'clan.leaderboard',
      read: viaTool('clan.leaderboard', { limit: 100 }),
    },
  ];
  return resources.filter((r) => !r.needs || tools.get(r.needs));
}
