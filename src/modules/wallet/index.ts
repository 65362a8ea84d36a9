import { defineModule } from '../../core/module.ts';
import type { OnchainModule } from '../onchain/index.ts';
import { chainIdsOf } from './chainIds.ts';
import { createFlagImport } from './flagImport.ts';
import { createFlagRepository } from './flagRepository.ts';
import { flagRoutes } from './routes.ts';
import { walletMigrations } from './table.ts';
import { walletTools } from './tools.ts';

/**
 * Who is behind an address: wallet.analyze and wallet.scam_dossier read the chain, its indexed history
 * (through the onchain module) and the flagged addresses this module keeps (alphanest flags import,
 * POST /api/v1/flags).
 */
export const walletModule = defineModule({
  name: 'wallet',
  migrations: walletMigrations,
  create(ctx, { onchain }: { onchain: OnchainModule }) {
    const repository = createFlagRepository(ctx.db);
    const flags = createFlagImport(repository, chainIdsOf(onchain.chains));
    return {
      flags,
      tools: {
        name: 'wallet',
        description:
          'Wallets on EVM chains: balances, history, counterparties, funding, contracts deployed, flagged addresses, and a scam dossier with evidence.',
        tools: walletTools({ chains: onchain.chains, flags: repository, checkToken: onchain.checkToken }),
      },
      gatewayRoutes: [{ plugin: flagRoutes(flags) }],
      async prepare() {
        // The embedded chain's scripted scam names its funder and mixer: flagged, so the demo dossier has its evidence.
        if (ctx.config.DEMO_DATA && onchain.chains.configured().length === 0) {
          const added = await flags.seedDemo();
          if (added) ctx.logger.info({ added }, 'seeded the demo flagged addresses');
        }
      },
    };
  },
});
export { FlagFileError } from './flagFile.ts';
