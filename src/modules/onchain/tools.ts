import { BaseError, type Address } from 'viem';
import { UpstreamError } from '../../core/domainErrors.ts';
import { defineTool, type ToolDefinition } from '../../core/tool.ts';
import type { ChainRegistry } from './chains/chainRegistry.ts';
import type { CheckDeps } from './check/checkToken.ts';
import { checkTokenInput, checkTokenOutput } from './schemas.ts';

/** The embedded chain's demo honeypot (the same address on every start: fixed deployer, fixed order). */
export const DEMO_HONEYPOT: Address = '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9';

/** naughty_coin: scam-token checks by behaviour on the chain itself. */
export function naughtyCoinTools(chains: ChainRegistry, deps: CheckDeps): ToolDefinition[] {
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
    async handler({ chain, address }, { logger }) {
      const resolved = await chains.resolve(chain);
      // Loaded at the first check: every process builds the platform (the CLI's too), few check tokens.
      const { checkToken } = await import('./check/checkToken.ts');
      try {
        return await checkToken(resolved, address, deps);
      } catch (err) {
        if (!(err instanceof BaseError)) throw err;
        // viem's errors name the RPC URL (which may carry an API key): the log has them, the caller a summary.
        logger.warn({ chain: resolved.spec.name, err: err.message }, 'chain RPC failed during a token check');
        throw new UpstreamError(
          'chain_unavailable',
          `${resolved.spec.name} did not answer a JSON-RPC call in time or correctly (${err.shortMessage})`,
        );
      }
    },
  });
  return [check];
}
