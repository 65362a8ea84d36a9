import type { AppContext } from '../../core/context.ts';
import { defineModule, type FaceOf } from '../../core/module.ts';
import { agentCatalogue, type IntelligenceModule } from '../intelligence/index.ts';
import type { TokensModule } from '../tokens/index.ts';
import { mcpComponent } from './mcpComponent.ts';
import { createToolRegistry, type RegistryOptions } from './registry.ts';

/**
 * The one registry of typed tools, gathered from every module built before
 * it, with their MCP resources and prompts; served over MCP and REST by the
 * `mcp` component (MCP_PORT) and used by the chat.
 */
export const toolsModuleWith = (options: (ctx: AppContext) => RegistryOptions = () => ({})) =>
  defineModule({
    name: 'tools',
    components: [mcpComponent],
    create(ctx, _deps: Record<never, never>, built) {
      const faces = built.map((m) => m.face);
      // Live intelligence resources are served when the platform has the intelligence module (and tokens to complete).
      const face = <T>(name: string) => built.find((m) => m.name === name)?.face as T | undefined;
      const intelligence = face<IntelligenceModule>('intelligence');
      const tokens = face<TokensModule>('tokens');
      return {
        registry: createToolRegistry(
          ctx,
          faces.flatMap((f) => (f.tools ? [f.tools] : [])),
          options(ctx),
        ),
        resources: faces.flatMap((f) => f.resources ?? []),
        prompts: faces.flatMap((f) => f.prompts ?? []),
        live: intelligence && {
          log: intelligence.itemLog,
          tokenFilterKey: intelligence.tokenFilterKey,
          agentIds: () => agentCatalogue.map((agent) => agent.id),
          tokenSymbols: () => tokens?.registry.all().map((token) => token.symbol) ?? [],
        },
      };
    },
  });

export const toolsModule = toolsModuleWith();

export type ToolsModule = FaceOf<typeof toolsModule>;
export { buildToolServer } from './app.ts';
export { createMcpSurface } from './mcpServer.ts';
export type { RegistryOptions, ToolOutcome, ToolRegistry } from './registry.ts';
export { accessDenied } from './access.ts';
export { createMemoryCallLimiter, takeFromRedisWindow } from './callLimiter.ts';
export { answerUnreadableLines, forwardStdio } from './stdioForward.ts';
