import type { Address, Hex } from 'viem';
import { createCachedLoader } from '../../core/cache/cachedLoader.ts';
import { StartupError } from '../../core/startupFailure.ts';
import { defineModule, type FaceOf } from '../../core/module.ts';
import type { IntelligenceModule } from '../intelligence/index.ts';
import type { MarketModule } from '../market/index.ts';
import type { TokensModule } from '../tokens/index.ts';
import { createOnchainAgent } from './agent/onchainAgent.ts';
import { createChainRegistry } from './chains/chainRegistry.ts';
import { ChainsConfigError } from './chains/chainSpec.ts';
import { createChainIndex } from './history/chainIndex.ts';
import { createIndexerWorker } from './history/indexerWorker.ts';
import { artifact } from './localChain/compile.ts';
import { contractsIn, createLocalChain } from './localChain/localChain.ts';
import { onchainMigrations } from './table.ts';
import { naughtyCoinTools } from './tools.ts';

/**
 * On-chain intelligence over EVM JSON-RPC: the chains of CHAINS_FILE / CHAIN_RPC_URLS, or, when none is
 * configured, an embedded anvil seeded with a demo economy; naughty_coin checks tokens by behaviour.
 */
export const onchainModule = defineModule({
  name: 'onchain',
  migrations: onchainMigrations,
  // intelligence is optional: the on-chain agent publishes through it where the platform has it.
  create(
    ctx,
    { tokens, market, intelligence }: { tokens: TokensModule; market: MarketModule; intelligence?: IntelligenceModule },
  ) {
    const closing = new AbortController();
    const contracts = contractsIn(ctx.config.DATA_DIR, closing.signal);
    const localChain = createLocalChain({ contracts, logger: ctx.logger });
    ctx.onClose(() => {
      closing.abort(new Error('the platform is closing'));
      return localChain.stop();
    });
    const chainIndex = createChainIndex(ctx.db, ctx.config, ctx.logger);
    const chains = createChainRegistry(ctx.config, localChain, ctx.logger, chainIndex.historyOf);
    const probeCode = async (): Promise<Hex> => artifact(await contracts(), 'TokenProbe').deployedBytecode;
    // A pool's USD value needs the native coin's price to the minute, not the second: one price a minute per
    // coin keeps market data calls down and a token's answer steady while the simulated market ticks.
    const nativePrices = createCachedLoader({
      cache: ctx.cache,
      metrics: ctx.metrics,
      logger: ctx.logger,
      name: 'native_price',
      ttlMs: 60_000,
      maxValueBytes: 1_024,
    });
    const nativePriceUsd = async (symbol: string) =>
      JSON.parse(
        await nativePrices.get(`onchain:native-price:${symbol}`, async () =>
          JSON.stringify((await market.data.tokenInfo({ symbol }).catch(() => null))?.price_usd ?? null),
        ),
      ) as number | null;
    const checkDeps = { registry: tokens.registry, probeCode, nativePriceUsd, now: () => new Date() };
    const agent =
      intelligence && ctx.config.ONCHAIN_AGENT
        ? createOnchainAgent({
            chains,
            db: ctx.db,
            leases: ctx.leases,
            ingest: (item) => intelligence.service.ingest(item),
            check: async (chain, token) => (await import('./check/checkToken.ts')).checkToken(chain, token, checkDeps),
            localRuns: ctx.config.DEMO_DATA,
            intervalMs: ctx.config.ONCHAIN_AGENT_INTERVAL_MS,
            logger: ctx.logger,
          })
        : null;

    return {
      chains,
      /** naughty_coin.check_token's answer, for other modules (the wallet tools rate the contracts an address deployed). */
      async checkToken(chain: string | number, address: Address) {
        const resolved = await chains.resolve(chain);
        const { checkToken } = await import('./check/checkToken.ts');
        return checkToken(resolved, address, checkDeps);
      },
      /** The embedded chain (started on first use when no chain is configured). */
      localChain,
      /** Indexes the chain up to its head now (tests, tools); resolves with how far the index is. */
      catchUp: async (chain: string | number) => (await chains.resolve(chain)).index.catchUp(),
      /** The on-chain agent (null without the intelligence module or with ONCHAIN_AGENT=false): `pass(chain)` runs one scan now. */
      agent: agent && { pass: (chain: string) => agent.pass(chain) },
      workers: [
        ...(ctx.config.ONCHAIN_INDEXER
          ? [
              createIndexerWorker({
                chains,
                leases: ctx.leases,
                localRuns: ctx.config.DEMO_DATA,
                intervalMs: ctx.config.ONCHAIN_INDEXER_INTERVAL_MS,
                logger: ctx.logger,
              }),
            ]
          : []),
        ...(agent ? [agent.worker] : []),
      ],
      tools: {
        name: 'naughty_coin',
        description:
          'Scam-token ("naughty coin") checks on EVM chains: trading simulation, privileges found by behaviour, proxies, holders, liquidity.',
        tools: naughtyCoinTools(chains, checkDeps, ctx.db),
      },
      async prepare() {
        let configured: number;
        try {
          configured = chains.configured().length;
        } catch (err) {
          if (err instanceof ChainsConfigError) throw new StartupError(err.message);
          throw err;
        }
        if (configured > 0) return;
        // Each node runs its own embedded chain, while the chain index lives in the database: on a shared database
        // every other node's anvil answers the same chain id with another chain, and the index starts again each time.
        if (ctx.db.kind === 'postgres')
          ctx.logger.warn(
            'no chain configured (CHAINS_FILE, CHAIN_RPC_URLS): this node runs its own embedded chain; nodes sharing ' +
              'this database must share one chain instead (docs/deployment.md, "One chain for every node")',
          );
        // The embedded default starts with the platform (in the background: a node serves while anvil boots);
        // without demo data it starts on the first call that needs it.
        if (ctx.config.DEMO_DATA) localChain.ready().catch(() => {});
      },
    };
  },
});
export { forCall } from './chains/chainClient.ts';
export { chainErrorNote, chainFailure } from './chains/chainError.ts';
export type { ChainRegistry, OnchainChain } from './chains/chainRegistry.ts';
export { LOCAL_CHAIN_ID } from './localChain/anvil.ts';
export { LOCAL_CHAIN_NAME } from './localChain/localChain.ts';
export { SCAM_STORY } from './localChain/scamStory.ts';
/** `{chain, address}` as the on-chain tools take it: a chain by id or name, an address checked and checksummed. */
export { checkTokenInput as chainAddressInput } from './schemas.ts';
export type { AddressActivity, LiquidityEvent, NativeTransfer, TokenTransfer } from './history/chainHistory.ts';

export type OnchainModule = FaceOf<typeof onchainModule>;
