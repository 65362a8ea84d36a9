import { defineTool, type ToolDefinition } from '../../core/tool.ts';
import { chainFailure, forCall, SCAM_STORY } from '../onchain/index.ts';
import { analysisOf } from './analysis.ts';
import { dossierOf } from './dossier.ts';
import { analyzeOutput, dossierOutput, walletInput } from './schemas.ts';
import { gatherWalletFacts, type WalletDeps } from './walletFacts.ts';

/** A wallet's read makes a few RPC calls and history queries, and checks up to 20 contracts it deployed. */
const TIMEOUT_MS = 60_000;
const example = [
  {
    description: "The demo scam's deployer on the embedded chain",
    input: { chain: 'local', address: SCAM_STORY.scammer },
  },
];

/** The facts, with a chain that fails a call answered as 502 chain_unavailable. */
async function facts(
  deps: WalletDeps,
  { signal }: { signal: AbortSignal },
  chain: string | number,
  address: `0x${string}`,
) {
  try {
    return await forCall(signal, () => gatherWalletFacts(deps, chain, address, signal));
  } catch (err) {
    chainFailure(err, `chain ${chain}`);
  }
}

/** wallet: who is behind an address, from the chain, its indexed history and the flagged addresses. */
export function walletTools(deps: WalletDeps): ToolDefinition[] {
  const analyze = defineTool({
    name: 'wallet.analyze',
    title: 'Analyse a wallet',
    description:
      'Native and token balances, first and last activity, transaction count, top counterparties, the funding source (first inbound native transfer), ' +
      "contracts it deployed with naughty_coin's level, liquidity it added and removed, and its dealings with flagged addresses (scam, mixer, sanctioned, phishing, exploit). " +
      'History that is not at hand is null with a note, never "none".',
    input: walletInput,
    output: analyzeOutput,
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
    role: 'user',
    timeoutMs: TIMEOUT_MS,
    examples: example,
    handler: async ({ chain, address }, context) => analysisOf(await facts(deps, context, chain, address)),
  });
  const dossier = defineTool({
    name: 'wallet.scam_dossier',
    title: 'Scam dossier of a wallet',
    description:
      'Is this address a scammer? Evidence from its history: flagged itself, funded by or paid from flagged addresses, money sent to flagged addresses or mixers, ' +
      'dangerous tokens it deployed, liquidity it pulled. Answers a risk level (low, medium, high, critical, unknown), a score, the evidence with transactions, and a summary.',
    input: walletInput,
    output: dossierOutput,
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
    role: 'user',
    timeoutMs: TIMEOUT_MS,
    examples: example,
    handler: async ({ chain, address }, context) => dossierOf(await facts(deps, context, chain, address)),
  });
  return [analyze, dossier];
}
