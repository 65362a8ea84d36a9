import type { Address } from 'viem';
import { defineTool, type ToolDefinition } from '../../core/tool.ts';
import type { Database } from '../../core/db/database.ts';
import { forCall } from './chains/chainClient.ts';
import { chainFailure } from './chains/chainError.ts';
import type { ChainRegistry } from './chains/chainRegistry.ts';
import type { CheckDeps } from './check/checkToken.ts';
import { scanNew } from './scan/scanNew.ts';
import { checkTokenInput, checkTokenOutput, scanNewInput, scanNewOutput } from './schemas.ts';

/** The embedded chain's demo honeypot (the same address on every start: fixed deployer, fixed order). */
export const DEMO_HONEYPOT: Address = '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9';

/** Checks a scan runs at once: each makes a few dozen RPC calls. */
const SCAN_CONCURRENCY = 4;
/** scan_new's default window: about a day of Ethereum blocks. */
const SCAN_WINDOW_BLOCKS = 7_200;

/** naughty_coin: scam-token checks by behaviour on the chain itself. */
export function naughtyCoinTools(chains: ChainRegistry, deps: CheckDeps, db: Database): ToolDefinition[] {
  const check = defineTool({
    name: 'naughty_coin.check_token',
    title: 'Check a token for scam patterns',
    description:
      'Simulates a buy, a transfer and a sale of the token through its pool by a fresh address (taxes, gas, whether the sale reverts), ' +
      'tests every function of its code as its owner and creator to see what they can do (mint, move balances, block addresses, pause, change taxes), ' +
      'and reads proxies, opcodes, holders, liquidity and look-alike names. Answers a level (safe, caution, danger, unknown), a score and findings with evidence.',
    input: checkTokenInput,
    output: checkTokenOutput,
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
    role: 'guest',
    // A check makes a few dozen RPC calls; the first on the embedded chain also waits for it to start.
    timeoutMs: 30_000,
    examples: [
      {
        description: 'The demo honeypot on the embedded local chain',
        input: { chain: 'local', address: DEMO_HONEYPOT },
      },
    ],
    async handler({ chain, address }, { progress, signal }) {
      const resolved = await chains.resolve(chain);
      // Loaded at the first check: every process builds the platform (the CLI's too), few check tokens.
      const { checkToken } = await import('./check/checkToken.ts');
      try {
        // A check takes seconds on a public chain: an MCP client that asked for progress hears each step.
        return await forCall(signal, () => checkToken(resolved, address, deps, progress));
      } catch (err) {
        chainFailure(err, resolved.spec.name);
      }
    },
  });
  const scan = defineTool({
    name: 'naughty_coin.scan_new',
    title: 'Check the tokens of new pools',
    description:
      'Checks every token whose pool (against the native coin, on the chain’s DEXes) was created since a block, as check_token does, ' +
      'and lists them riskiest first with their level, score and findings. Reads the chain index: it says how far behind the chain head the index is.',
    input: scanNewInput,
    output: scanNewOutput,
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
    role: 'guest',
    timeoutMs: 60_000,
    examples: [{ description: 'Every pool on the embedded local chain', input: { chain: 'local', from_block: 0 } }],
    async handler({ chain, from_block, limit }, { signal }) {
      const resolved = await chains.resolve(chain);
      const { checkToken } = await import('./check/checkToken.ts');
      try {
        const result = await forCall(signal, () =>
          scanNew(
            resolved,
            db,
            {
              fromBlock: from_block ?? null,
              limit,
              concurrency: SCAN_CONCURRENCY,
              defaultWindowBlocks: SCAN_WINDOW_BLOCKS,
            },
            (token) => checkToken(resolved, token, deps),
          ),
        );
        return { ...result, tokens: result.tokens.map(({ check: _check, ...token }) => token) };
      } catch (err) {
        chainFailure(err, resolved.spec.name);
      }
    },
  });
  return [check, scan];
}
