import type { AppContext } from '../../core/context.ts';
import { defineModule, type FaceOf } from '../../core/module.ts';
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
      return {
        registry: createToolRegistry(
          ctx,
          faces.flatMap((f) => (f.tools ? [f.tools] : [])),
          options(ctx),
        ),
        resources: faces.flatMap((f) => f.resources ?? []),
        prompts: faces.flatMap((f) => f.prompts ?? []),
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
export { forwardStdio } from './stdioForward.ts';
