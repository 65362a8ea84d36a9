import type { Platform } from '../../platform.ts';
import type { ToolDomain } from '../tools/tool.ts';
import { createClanModule } from './index.ts';
import { clanRoutes } from './routes.ts';
import { clanTools } from './tools.ts';

export async function clanDomain(platform: Platform): Promise<ToolDomain> {
  const clan = await createClanModule(platform.ctx);
  return {
    name: 'clan',
    description: 'Clan Warz: clans, seasons, wars and leaderboards. Reads for everyone; the admin REST under /api/v1/clans records scores.',
    tools: clanTools(clan.queries),
    gatewayRoutes: clanRoutes(clan.admin),
  };
}
