import { formatNumber } from '../../../../core/displayAmount.ts';
import { addressesIn } from '../extract.ts';
import {
  type Answered,
  isString,
  list,
  plural,
  prior,
  type Intent,
  type IntentContext,
  type IntentPlan,
} from '../intent.ts';
import type { PlannedCall } from '../types.ts';
import { CHECK, chainIn, chainOrAsk, checksumMismatch, creatorIn, knownChainOf, notAnAddress } from './naughtyCoin.ts';

const DOSSIER = 'wallet.scam_dossier';
const ANALYZE = 'wallet.analyze';

/** Who made a contract: "who deployed it?", "who created this token?", "who is the deployer?". */
const CREATOR_WORDS =
  /\bwho\b.{0,30}\b(deploy(ed|s)?|creat(ed|es)|made|launch(ed|es)?|minted)\b|\b(deployer|creator)\b/i;

/**
 * The token check of the turn before, when a message asks who made that token and types no other address: its
 * creator is the wallet asked about, not the token (wallet.analyze of a contract finds no deployer).
 */
function checkAskedAbout(text: string, context: IntentContext): PlannedCall | undefined {
  if (!CREATOR_WORDS.test(text)) return undefined;
  const check = context.last?.calls.find((call) => call.tool === CHECK);
  const checked = String(check?.args.address).toLowerCase();
  return check && addressesIn(text).every((found) => found.address.toLowerCase() === checked) ? check : undefined;
}

/**
 * The creator of the token checked just before, as its answer named it, said when it named none; undefined when the
 * answer is not known (the routing evaluation plans without results): the address asked about, as before.
 */
function creatorPlan(tool: string, check: PlannedCall, context: IntentContext): IntentPlan | undefined {
  const reply = context.last?.reply;
  if (reply === undefined) return undefined;
  const creator = creatorIn(reply);
  if (!creator)
    return {
      ask: `The check of ${String(check.args.address)} did not name its creator: it names one only among the largest holders. Ask "who is behind 0x…" with the creator's address.`,
    };
  return { calls: [{ tool, args: { chain: check.args.chain, address: creator } }] };
}

/**
 * A wallet tool's call: the address asked about (else, when none is typed, not even a mistyped one, the conversation's last), on the chain named, the last one,
 * the one the address is known on, or the only one configured; asked for otherwise. `example` shows how to ask.
 */
function walletCall(tool: string, text: string, context: IntentContext, example: string): IntentPlan {
  const check = checkAskedAbout(text, context);
  const ofCreator = check && creatorPlan(tool, check, context);
  if (ofCreator) return ofCreator;
  // A mistyped address is said to be one, not taken for the last one asked about.
  const mistyped = notAnAddress(text);
  if (mistyped) return { ask: mistyped };
  const address =
    addressesIn(text).find((found) => found.family === 'evm')?.address ?? prior(context, 'address', isString);
  if (!address) return { ask: `Which wallet? Give its address, for example "${example}".` };
  const chain = chainOrAsk(
    chainIn(text) ?? prior(context, 'chain', isString) ?? knownChainOf(address, context),
    address,
    context,
  );
  if ('ask' in chain) return chain;
  return { calls: [{ tool, args: { chain: chain.chain, address } }], ...(chain.note && { note: chain.note }) };
}

/** The fields of wallet.scam_dossier the answer reads. */
interface Dossier {
  address: string;
  chain: string;
  is_contract: boolean;
  summary: string;
  evidence: Array<{ severity: string; description: string; tx_hash?: string }>;
}

const EVIDENCE_SHOWN = 5;
const WALLET_WORDS =
  /\b(wallets?|scammers?|dossier|deployer|mixers?|tornado|who(?:'s| is) behind|who owns|(ties|links|connections?) to (known )?scam(s|mers)?)\b/i;
const OF_A_WALLET = /\b(wallets?|scammers?|deployer|mixers?|tornado|address|account)\b/i;
/** "dossier" as the only word of a wallet's: of a coin, when one is named. */
export const coinDossier = (text: string) => /\bdossier\b/i.test(text) && !OF_A_WALLET.test(text);
const LOOK_WORDS =
  /\b(check|scams?|scammers?|safe|legit|flagged|blacklist(ed)?|dossier|look (into|up)|investigate|trust(worthy)?|analy[sz]e)\b/i;

/**
 * The dossier's answer: its summary and evidence; of a contract, that it is one and where its check is. A dossier
 * reads an address's transactions as a wallet's: of a honeypot token it finds nothing, which must not read as a clean
 * bill for the contract (the tool's summary says so; the answer adds how to ask for the check).
 */
function dossierAnswer(results: Answered[]): string {
  const dossier = results[0]!.result as Dossier;
  const evidence = dossier.evidence.slice(0, EVIDENCE_SHOWN).map((e) => `${e.severity}: ${e.description}`);
  const more =
    dossier.evidence.length > EVIDENCE_SHOWN
      ? `\n(${dossier.evidence.length - EVIDENCE_SHOWN} more in the tool result)`
      : '';
  const check = dossier.is_contract ? `\nTo check the contract itself, ask "is ${dossier.address} a scam?".` : '';
  return `${dossier.summary}${evidence.length ? `\n${list(evidence)}${more}` : ''}${check}`;
}

/** Whether an address is a scammer (wallet.scam_dossier): "is 0x… a scammer?", "check wallet 0x…". */
const scamDossier: Intent = {
  tools: [DOSSIER],
  capability:
    'a scam dossier on a wallet: flagged funding, mixers, rugged tokens ("is 0x… a scammer?", "check wallet 0x…")',
  topic: 'wallet dossiers',
  score(text, context) {
    // Whether the creator of the token just checked scams ("is the creator a serial rugger?", "and the deployer
    // wallet?"): the dossier, a specific request the classifier, never shown the check before it, reads as nothing.
    if (checkAskedAbout(text, context) && (SCAM_WORDS.test(text) || /\b(wallet|red flags?)\b/i.test(text))) return 6;
    if (!WALLET_WORDS.test(text)) return 0;
    // Above a token check (5): "is 0x… a scam wallet?" asks about the wallet (mistyped, the plan says so).
    if (addressesIn(text).some((found) => found.family === 'evm') || notAnAddress(text)) return 6;
    // A dossier on a coin named, no wallet in sight ("uniswap dossier, last 72h"), is a briefing on it.
    if (coinDossier(text) && context.assets(text).length > 0) return 0;
    return LOOK_WORDS.test(text) ? 4 : 0;
  },
  plan: (text, context) => walletCall(DOSSIER, text, context, 'is 0x… a scammer on base?'),
  failed: checksumMismatch,
  answer: dossierAnswer,
};

/** Who an address is, not whether it scams: the words that ask for wallet.analyze over the dossier. */
const BEHIND_WORDS =
  /\b(who(?:'s| is|s) behind|who owns|who (?:funded|bankrolled)|where (?:did )?(?:the|its|their|his|her) (?:first )?(?:money|funds|eth) c[ao]me? from|where did \S+ get (?:its|their) (?:(?:first|initial|starting) (?:money|funds|eth|gas)|(?:money|funds|eth|bnb|gas) from)|funding source|what (?:does|did)\b.{1,60}\b(?:hold|own)|what contracts (?:has|did|have)\b.{1,60}\bdeploy(?:ed)?|holdings|balances?)\b/i;
const ANALYSE_WORDS = /\b(analy[sz]e|analysis|profile)\b/i;
const WALLETISH = /\b(wallets?|address|account|deployer)\b/i;
const SCAM_WORDS =
  /\b(scam(mers?)?|rug(ger|ged|s)?|mixers?|tornado|flagged|legit|safe|trust(worthy)?|blacklist(ed)?)\b/i;

/** The fields of wallet.analyze the answer reads. */
interface Analysis {
  address: string;
  chain: string;
  is_contract: boolean;
  created_by: string | null;
  native_balance: string;
  tx_count: number | null;
  first_activity: { block: number; time: string | null } | null;
  funding_source: { from: string; value: string; flag: { category: string } | null } | null;
  contracts_deployed: Array<{ address: string; symbol: string | null; level: string | null }> | null;
  flagged_interactions: Array<{ address: string; category: string }> | null;
  notes: string[];
}

/**
 * The native coin of the chains the on-chain module ships (the embedded one and those it bundles), by name:
 * wallet.analyze gives its amounts in whole coins without the ticker. Another chain's is not known here.
 */
const NATIVE_SYMBOLS: Record<string, string> = {
  local: 'ETH',
  ethereum: 'ETH',
  base: 'ETH',
  arbitrum: 'ETH',
  bsc: 'BNB',
};

/** An amount of a chain's native coin as the dossier writes one: "4.846 ETH", "30 in native coin" on a chain whose ticker is not known. */
function coinsOn(chain: string, amount: string): string {
  const value = Number(amount);
  const shown = Number.isFinite(value) ? formatNumber(value) : amount;
  const symbol = NATIVE_SYMBOLS[chain];
  return symbol ? `${shown} ${symbol}` : `${shown} in native coin`;
}

/** Who is behind an address (wallet.analyze): "who is behind 0x…", "analyse wallet 0x…". Not "is it a scammer?". */
const walletAnalysis: Intent = {
  tools: [ANALYZE],
  capability: 'who is behind a wallet: balances, funding, activity, contracts deployed ("who is behind 0x…")',
  topic: 'wallet dossiers',
  score(text, context) {
    // Who made the token just checked: a specific request (router.ts), which the classifier, never shown the check
    // before it, reads as nothing; unless a dossier on them is asked for ("dossier on the deployer").
    if (checkAskedAbout(text, context) && !LOOK_WORDS.test(text)) return 5;
    if (SCAM_WORDS.test(text) || !(BEHIND_WORDS.test(text) || (ANALYSE_WORDS.test(text) && WALLETISH.test(text))))
      return 0;
    // Above the dossier (6), which "who is behind" and "wallet" also reach; an address mistyped is asked about too
    // (the plan says it is none).
    return addressesIn(text).some((found) => found.family === 'evm') || notAnAddress(text) ? 7 : 0;
  },
  plan(text, context) {
    // The classifier may choose this intent for words without an address ("analyse my wallet").
    return walletCall(ANALYZE, text, context, 'who is behind 0x… on base?');
  },
  failed: checksumMismatch,
  answer(results) {
    const r = results[0]!.result as Analysis;
    const deployed = r.contracts_deployed;
    const lines = [
      // "who deployed 0x…?" asked of a token: its creator is the answer, so it comes first.
      ...(r.is_contract ? [`a contract, deployed by ${r.created_by ?? 'an unknown address'}`] : []),
      `native balance: ${coinsOn(r.chain, r.native_balance)}`,
      r.tx_count === null
        ? 'activity: unknown'
        : `${plural(r.tx_count, 'transaction')} since block ${r.first_activity?.block ?? '?'}`,
      r.funding_source
        ? `funded by ${r.funding_source.from} (${coinsOn(r.chain, r.funding_source.value)}${r.funding_source.flag ? `, flagged ${r.funding_source.flag.category}` : ''})`
        : 'funding source: unknown',
      deployed === null
        ? 'contracts deployed: unknown'
        : // An empty symbol (a contract that sets none) is no name: its address is.
          `contracts deployed: ${deployed.length ? deployed.map((c) => `${c.symbol || c.address} (${c.level ?? 'unrated'})`).join(', ') : 'none'}`,
      ...(r.flagged_interactions ?? []).map((f) => `dealt with ${f.address}, flagged ${f.category}`),
    ];
    return `${r.address} on ${r.chain}:\n${list(lines)}${r.notes.length ? `\n(${r.notes.join('; ')})` : ''}`;
  },
};

export const walletIntents: Intent[] = [scamDossier, walletAnalysis];
