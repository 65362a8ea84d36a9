import type { AppContext } from '../../src/core/context.ts';
import { defineModule, ModuleList } from '../../src/core/module.ts';
import type { ToolDomain } from '../../src/core/tool.ts';
import { intelligenceModule } from '../../src/modules/intelligence/index.ts';
import { marketModule } from '../../src/modules/market/index.ts';
import { tokensModule } from '../../src/modules/tokens/index.ts';

/** The intelligence store and what it needs, without the rest of the platform (tests of one module over it). */
const storeModules = new ModuleList().add(tokensModule).add(marketModule).add(intelligenceModule);

export const createStore = (ctx: AppContext) => storeModules.create(ctx);
export const createIntelligence = async (ctx: AppContext) => (await createStore(ctx)).intelligence;

/** The list with test tool domains added just before the registry gathers every module's tools. */
export function withToolDomains<Built extends { tools: unknown }>(
  modules: ModuleList<Built>,
  domains: readonly ToolDomain[],
): ModuleList<Built> {
  return domains.reduce(
    (list, domain) =>
      list.insertBefore('tools', defineModule({ name: `test-${domain.name}`, create: () => ({ tools: domain }) })),
    modules,
  );
}
