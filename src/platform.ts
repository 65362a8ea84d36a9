import type { Config } from './core/config.ts';
import { createContext, type AppContext, type ContextOptions } from './core/context.ts';
import { ModuleList } from './core/module.ts';
import { leaseTables } from './core/lease/table.ts';
import { agentsModule } from './modules/agents/index.ts';
import { arbitrageModule } from './modules/arbitrage/index.ts';
import { chatModule } from './modules/chat/index.ts';
import { clanModule } from './modules/clan/index.ts';
import { connectorsModule } from './modules/connectors/index.ts';
import { dashboardModule } from './modules/dashboard/index.ts';
import { intelligenceModule } from './modules/intelligence/index.ts';
import { marketModule } from './modules/market/index.ts';
import { onboardingModule } from './modules/onboarding/index.ts';
import { onchainModule } from './modules/onchain/index.ts';
import { osintModule } from './modules/osint/index.ts';
import { databaseUrlFromVault, secretsModule } from './modules/secrets/index.ts';
import { shopModule } from './modules/shop/index.ts';
import { streamModule } from './modules/stream/index.ts';
import { tokensModule } from './modules/tokens/index.ts';
import { toolsModule } from './modules/tools/index.ts';
import { walletModule } from './modules/wallet/index.ts';

/**
 * The composition root: every module, built once per process in this order,
 * each from its context and the modules it names (the compiler checks that
 * they come earlier). A new module is its folder plus one line here.
 */
export const platformModules = new ModuleList()
  // The leases every node takes (src/core/lease): core's one table, migrated before any module's.
  .add(leaseTables)
  // First: every module may read secrets (credentials, keys) through its face.
  .add(secretsModule)
  .add(tokensModule)
  .add(marketModule)
  .add(intelligenceModule)
  .add(streamModule)
  .add(connectorsModule)
  .add(agentsModule)
  .add(arbitrageModule)
  .add(clanModule)
  .add(osintModule)
  .add(onchainModule)
  .add(walletModule)
  .add(shopModule)
  .add(onboardingModule)
  // Gathers the tools, resources and prompts of every module above.
  .add(toolsModule)
  .add(chatModule)
  // The web pages on DASHBOARD_PORT, forwarding to the components above.
  .add(dashboardModule);

/** Builds every module and prepares them (subscriptions, demo data); the migrations have run with the context. */
export const createPlatform = (ctx: AppContext) => platformModules.create(ctx);

/** A built platform: every module's face by name, the context, and the modules in order. */
export type AlphaNest = Awaited<ReturnType<typeof createPlatform>>;

/** A context with every module's migrations applied, and the platform built on it. */
export async function openPlatform(
  config: Config,
  options: Omit<ContextOptions, 'migrations'> = {},
): Promise<AlphaNest> {
  const ctx = await createContext(config, {
    databaseUrlFromStore: databaseUrlFromVault,
    ...options,
    migrations: platformModules.migrations(),
  });
  try {
    return await createPlatform(ctx);
  } catch (err) {
    await ctx.close();
    throw err;
  }
}
