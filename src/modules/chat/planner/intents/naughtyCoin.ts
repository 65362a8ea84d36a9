import { addressesIn } from '../extract.ts';
import type { SearchResult } from '../../../intelligence/index.ts';
import {
  type Failed,
  isString,
  isStrings,
  list,
  money,
  pct,
  prior,
  type Intent,
  type IntentContext,
} from '../intent.ts';
import { itemLine } from './feedItems.ts';

export const CHECK = 'naughty_coin.check_token';

/** The fields of naughty_coin.check_token the answer reads. */
interface TokenCheck {
  chain: string;
  address: string;
  token: { name: string | null; symbol: string | null };
  level: string;
  score: number;
  findings: Array<{ severity: string; title: string; evidence: string }>;
  simulation: {
    can_buy: boolean | null;
    can_sell: boolean | null;
    buy_tax_pct: number | null;
    sell_tax_pct: number | null;
  };
  liquidity: { dex: string; usd: number | null } | null;
  /** Its largest holders, the creator labelled among them: the check names no creator that holds none. */
  holders?: { top: Array<{ address: string; share_pct: number; label: string | null }> } | null;
}

/** How a token check's answer names the creator, which "who deployed it?" reads back (wallet.ts): no result is kept. */
const CREATED_BY = /^Created by (0x[0-9a-fA-F]{40}),/m;
export const creatorIn = (reply: string | undefined) => (reply && CREATED_BY.exec(reply)?.[1]) || undefined;

function creatorLine(check: TokenCheck): string {
  const creator = check.holders?.top.find((holder) => holder.label === 'creator');
  return creator ? `\nCreated by ${creator.address}, which holds ${pct(creator.share_pct)} of the supply.` : '';
}

/** Findings quoted at most; the tool result has them all. */
const FINDINGS_SHOWN = 5;

const SCAM_WORDS =
  /\b(scam(my)?|honeypot|rug( ?pull(ed)?)?|rugpull|fraud|sus|suspicious|safe|legit|trustworthy|dangerous)\b/i;
const CHECK_WORDS =
  /\b(check|audit|scan|analy[sz]e|inspect|vet)\b.*\b(token|contract|coin|address)\b|\b(buy|sell) tax(es)?\b/i;
/** What a contract can do to its holders, asked with its address: "pausable contract? 0x…", "taxes on 0x…". */
const CONTRACT_WORDS =
  /\b(pausable|pause (trading|transfers)|mint(able|ing)?|blacklist\w*|owner(ship)?|renounced|tax(es)?|lp|liquidity|proxy|upgradeable|verified|source code|trap(ped)?|can'?t (sell|get out|exit)|cannot (sell|get out|exit))\b/i;
/** A contract asked about as a buy ("my friend says buy 0x…, good investment?"): whether it is safe to is the check. */
const BUY_WORDS = /\b(buy(ing)?|ape( in(to)?)?|invest(ing|ment)?|worth (it|buying))\b/i;
/** "Is PEPE a rug pull?" asks about one token; "was there a rug pull?" asks for the news. */
const IS_IT_A_SCAM =
  /\b(is|was)\s+(?!there\b|any\b)(this|that|it|the|\$?[A-Za-z0-9]{2,44})\s+((token|coin|project|contract)\s+)?(an? )?(scam|rug( ?pull)?|honeypot|fraud)\b/i;

/** Chains the on-chain module names ("local" is the embedded one), as people write them. */
const CHAIN_NAMES: Array<[RegExp, string]> = [
  [/\b(ethereum|eth mainnet|mainnet)\b/i, 'ethereum'],
  [/\bbase\b/i, 'base'],
  [/\b(bsc|bnb chain|binance smart chain)\b/i, 'bsc'],
  [/\barbitrum\b/i, 'arbitrum'],
  [/\bpolygon\b/i, 'polygon'],
  [/\b(local|anvil|hardhat|local chain|embedded chain|dev chain)\b/i, 'local'],
];
/** The configured chains' ids, so "chain 8453" is written as the name the tools list; another id is passed as typed. */
const CHAIN_IDS: Record<string, string> = {
  '1': 'ethereum',
  '8453': 'base',
  '56': 'bsc',
  '42161': 'arbitrum',
  '137': 'polygon',
  '31337': 'local',
};

/** A chain as the tools list it: a configured chain's id as its name, anything else as written. */
export const chainName = (chain: string) => CHAIN_IDS[chain] ?? chain;

export function chainIn(text: string): string | undefined {
  const byId = /\bchain(?:[ _]?id)?\s*[=: ]\s*\(?(\d{1,10})\b/i.exec(text)?.[1];
  if (byId) return chainName(byId);
  return CHAIN_NAMES.find(([words]) => words.test(text))?.[1];
}

/**
 * The chain of an address written without one: the chain the token registry lists the contract on,
 * else none. An address may exist on every EVM chain, so an unknown one is asked about, not guessed.
 */
export function knownChainOf(address: string, context: IntentContext): string | undefined {
  const chain = context.lookup.byAddress(address)?.chain;
  return chain && CHAIN_NAMES.some(([, name]) => name === chain) ? chain : undefined;
}

const joinedWithOr = (names: readonly string[]) =>
  names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;

/** Asks for the chain of an address written without one, offering the chains configured here when they are known. */
export const askChain = (address: string, configured?: readonly string[]) => {
  const offered = configured?.length ? configured : CHAIN_NAMES.map(([, name]) => name);
  return {
    ask: `On which chain is ${address}? For example "${address} on ${configured?.[0] ?? 'base'}" (${joinedWithOr(offered)}).`,
  };
};

/** The one chain configured here, when there is exactly one. */
const onlyChain = (context: IntentContext) => (context.chains?.length === 1 ? context.chains[0] : undefined);

/**
 * The chain to look at an address on: the one found (named, followed up, the registry's), else the only chain
 * configured here, said in the answer's first line; else the question, offering the configured chains.
 */
export function chainOrAsk(
  found: string | undefined,
  address: string,
  context: IntentContext,
): { chain: string; note?: string } | { ask: string } {
  if (found) return { chain: found };
  const only = onlyChain(context);
  return only
    ? { chain: only, note: `On ${only}, the only chain configured here:` }
    : askChain(address, context.chains);
}

/** Something typed as an address: "0x" and 20 to 50 letters or digits, or a run of 32 to 44 that mixes digits and cases. */
const ADDRESS_LIKE = /(?<![0-9A-Za-z])(?:0x[0-9A-Za-z]{20,50}|[0-9A-Za-z]{32,44})(?![0-9A-Za-z])/g;
const EVM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const WHAT_AN_ADDRESS_IS = 'an EVM address is 0x followed by 40 hex digits (0-9, a-f)';

/**
 * Why an address typed is none the on-chain tools take: 0x and hex of the wrong length ("0x5FC8…570", a digit
 * missing), a letter that is no hex digit, a run that reads as a Solana key but is none, or (written before any EVM
 * address) a Solana key, as the tools read EVM chains. Said instead of looking at an address asked about before,
 * whose verdict would read as this one's; a valid address beside a mistyped one (the message before, added to
 * complete a question) does not stand in for it.
 */
export function notAnAddress(text: string): string | undefined {
  if (!text.includes('0x') && text.length < 32) return undefined;
  const found = addressesIn(text);
  for (const [typed] of text.matchAll(ADDRESS_LIKE)) {
    if (EVM_ADDRESS.test(typed) || found.some((address) => address.address === typed)) continue;
    if (typed.startsWith('0x')) {
      const digits = typed.slice(2);
      const wrong = /[^0-9a-fA-F]/.exec(digits)?.[0];
      const off = digits.length - 40;
      const guess = off === -1 ? ' (one missing?)' : off === 1 ? ' (one too many?)' : '';
      const why = wrong ? `"${wrong}" is no hex digit` : `it has ${digits.length} hex digits after 0x, not 40${guess}`;
      return `${typed} is not a valid address: ${why}; ${WHAT_AN_ADDRESS_IS}. Check it and ask again.`;
    }
    // A long run of letters and digits in prose is no address: one typed as a Solana key mixes digits and both cases.
    if (/\d/.test(typed) && /[A-Z]/.test(typed) && /[a-z]/.test(typed))
      return `${typed} is not a valid address: ${WHAT_AN_ADDRESS_IS}, and it is no Solana key either. Check it and ask again.`;
  }
  // Addresses are found in the order written: one asked about first, before the message added to complete it.
  const [first] = found;
  return first?.family === 'solana'
    ? `${first.address} is a Solana address; the on-chain checks here read EVM chains only, where ${WHAT_AN_ADDRESS_IS}.`
    : undefined;
}

/** The contract asked about: an address written, else a token the registry knows a contract of (with its symbol). */
function contractOf(
  text: string,
  context: IntentContext,
): { address: string; chain?: string; symbol?: string } | { ask: string } | undefined {
  const written = addressesIn(text).find((found) => found.family === 'evm');
  if (written) return { address: written.address, symbol: context.lookup.byAddress(written.address)?.symbol };
  // The chain named is where to look, not the coin to check ("and on ethereum?" after a check on base).
  const chain = chainIn(text);
  const [symbol] = context.assets(text).filter((named) => {
    const name = context.lookup.bySymbol(named)?.name;
    return !chain || !name || chainIn(name) !== chain;
  });
  if (!symbol) return undefined;
  const record = context.lookup.bySymbol(symbol);
  if (record?.address && /^0x/.test(record.address))
    return { address: record.address, chain: record.chain, symbol: record.symbol };
  return {
    ask: `${symbol} is not a token contract I can check (a chain's own coin, or not on an EVM chain). Give the contract address.`,
  };
}

const SEARCH = 'intelligence.search';
/** Security items of a token shown at most, when its contract cannot be checked here. */
const ITEMS_SHOWN = 5;

/** How to have a chain checked here: its RPC URL by id (a chain the platform bundles), else its entry in CHAINS_FILE. */
function enabling(chain: string): string {
  const id = Object.entries(CHAIN_IDS).find(([, name]) => name === chain)?.[0];
  return id && chain !== 'local'
    ? `set \`CHAIN_RPC_URLS=${id}=https://…\` (or list it in \`CHAINS_FILE\`)`
    : 'list it in `CHAINS_FILE`';
}

/**
 * A contract on a chain not configured here ("is PEPE a rug pull?" on the quick start, which runs only the
 * embedded chain): not a tool's error, but what the feed has on the token's security (its hacks, exploits,
 * rug pulls and scam alerts), after a line saying how to have the chain checked.
 */
function fromTheFeed(chain: string, address: string, symbol: string | undefined, configured: readonly string[]) {
  const cannot = `No on-chain check of ${symbol ?? address} here: ${chain} is not configured (chains here: ${joinedWithOr(configured)}); to check it, ${enabling(chain)}.`;
  if (!symbol) return { ask: cannot };
  return {
    calls: [{ tool: SEARCH, args: { event: ['hack'], tokens: [symbol], limit: ITEMS_SHOWN } }],
    note: `${cannot} What the feed has on ${symbol}:`,
  };
}

function securityItems(args: Record<string, unknown>, { items, next_cursor }: SearchResult): string {
  const about = isStrings(args.tokens) ? args.tokens.join(', ') : 'it';
  if (items.length === 0) return `No hacks, exploits, rug pulls or scam alerts about ${about} in the feed.`;
  const more = next_cursor ? `\n(more in the feed: ask for "hacks about ${about}")` : '';
  return `${list(items.map(itemLine))}${more}`;
}

/**
 * An address the on-chain tools refused for its checksum (mixed case that is no EIP-55 checksum): said with the
 * address as typed, as likely mistyped, and how to give it. Any other failure: undefined.
 */
export function checksumMismatch({ args, error }: Failed): string | undefined {
  if (error.field !== 'address' || !error.message.includes('checksum mismatch (EIP-55)') || !isString(args.address))
    return undefined;
  return (
    `${args.address} is not a valid address: its mix of upper and lower case does not match its EIP-55 checksum, ` +
    'so a character may be mistyped. Copy it again as printed, or write it all in lower case if you are sure of it.'
  );
}

/** check_token's refusal of an address without code: the address as the chain has it, and the chain's name. */
const NO_CONTRACT = /\bno contract at (0x[0-9a-fA-F]{40}) on (\S+)$/;

/**
 * "Is 0x… a scam?" about an address that holds no contract (a wallet, an unused address): no token to check, which
 * the tool's bare refusal leaves the user to work out. Said with what it checks and the questions that look at a
 * wallet instead; any other failure is the tool's message.
 */
function noContract({ tool, error }: Failed): string | undefined {
  const found = tool === CHECK && error.field === 'address' ? NO_CONTRACT.exec(error.message) : null;
  if (!found) return undefined;
  const [, address, chain] = found;
  return (
    `${address} holds no contract on ${chain}, so it is no token to check: ${CHECK} checks token contracts. ` +
    `To look into it as a wallet, ask "is ${address} a scammer on ${chain}?" (wallet.scam_dossier) ` +
    `or "who is behind ${address} on ${chain}?" (wallet.analyze).`
  );
}

/**
 * Scam checks of a token contract (naughty_coin.check_token): by address, or
 * by a token the registry knows the contract of, on the chain named (else its
 * own, else Ethereum; the tool's error lists the chains configured).
 */
const checkToken: Intent = {
  // The feed's security items answer for a chain not configured here (fromTheFeed).
  tools: [CHECK, SEARCH],
  capability:
    'check a token contract for scam patterns: honeypot, taxes, mint, blacklist ("is 0x… a honeypot?", "is PEPE a scam?")',
  topic: 'scam checks',
  score(text, context) {
    if (IS_IT_A_SCAM.test(text)) return 5;
    if (!SCAM_WORDS.test(text) && !CHECK_WORDS.test(text))
      return text.includes('0x') &&
        (BUY_WORDS.test(text) || CONTRACT_WORDS.test(text)) &&
        addressesIn(text).some((found) => found.family === 'evm')
        ? 5
        : 0;
    // An address is one contract to check, a mistyped one too (the plan says so); a token named may also be asked
    // about in the news ("any rug pulls on Solana?").
    if (addressesIn(text).length > 0 || notAnAddress(text)) return 5;
    return context.assets(text).length > 0 ? 4 : 0;
  },
  plan(text, context) {
    const mistyped = notAnAddress(text);
    if (mistyped) return { ask: mistyped };
    const contract = contractOf(text, context);
    if (contract && 'ask' in contract) return contract;
    const address = contract?.address ?? prior(context, 'address', isString);
    if (!address) return { ask: 'Which token? Give its contract address, for example "is 0x… a honeypot on base?".' };
    const chain = chainOrAsk(
      chainIn(text) ?? contract?.chain ?? prior(context, 'chain', isString) ?? knownChainOf(address, context),
      address,
      context,
    );
    if ('ask' in chain) return chain;
    if (context.chains && !context.chains.includes(chain.chain))
      return fromTheFeed(chain.chain, address, contract?.symbol ?? prior(context, 'symbol', isString), context.chains);
    return { calls: [{ tool: CHECK, args: { chain: chain.chain, address } }], ...(chain.note && { note: chain.note }) };
  },
  failed: (call) => noContract(call) ?? checksumMismatch(call),
  answer(results) {
    const { tool, args, result } = results[0]!;
    if (tool === SEARCH) return securityItems(args, result as SearchResult);
    const r = result as TokenCheck;
    const name = [r.token.symbol, r.token.name && `(${r.token.name})`].filter(Boolean).join(' ') || 'The token';
    const trade = r.simulation;
    const taxes =
      trade.buy_tax_pct === null && trade.sell_tax_pct === null
        ? ''
        : `; buy tax ${trade.buy_tax_pct === null ? 'unknown' : pct(trade.buy_tax_pct)}, sell tax ${trade.sell_tax_pct === null ? 'unknown' : pct(trade.sell_tax_pct)}`;
    const yes = (value: boolean | null) => (value === null ? 'untested' : value ? 'yes' : 'no');
    const pool = r.liquidity
      ? `; pool on ${r.liquidity.dex}${r.liquidity.usd === null ? '' : ` holding ${money(r.liquidity.usd)}`}`
      : '';
    const findings = r.findings.slice(0, FINDINGS_SHOWN).map((f) => `${f.severity}: ${f.title} (${f.evidence})`);
    const more =
      r.findings.length > FINDINGS_SHOWN
        ? `\n(${r.findings.length - FINDINGS_SHOWN} more findings in the tool result)`
        : '';
    return (
      `${name} at ${r.address} on ${r.chain}: ${r.level}, risk score ${r.score}/100. ` +
      `Can buy: ${yes(trade.can_buy)}, can sell: ${yes(trade.can_sell)}${taxes}${pool}.` +
      creatorLine(r) +
      (findings.length ? `\n${list(findings)}${more}` : '\nNo findings.')
    );
  },
};

const SCAN = 'naughty_coin.scan_new';
/** Tokens launched lately, as a group: "new pools", "fresh launches", "tokens since block 0". */
const NEW_TOKENS =
  /\b(new(ly)?|fresh|latest|recent(ly)?|just)\s+(launched\s+)?([a-z]+\s+)?(pools?|pairs?|tokens?|coins?|launch(es)?|listings?)\b|\b(tokens?|pools?|pairs?)\b.*\bsince block\b/i;
const RISK_WORDS =
  /\b(scam(s|my)?|rugs?|honeypots?|sketchy|shady|dodgy|nasty|risky|dangerous|safe|sus|suspicious|check|scan|scanner|sweep)\b/i;
const FROM_BLOCK = /\b(?:since|from|after|starting (?:at|from|with)|beginning (?:at|from)) block\s*#?(\d{1,12})\b/i;
/** The chain's first block in words: "from genesis", "starting at block zero". */
const FROM_GENESIS =
  /\b(?:since|from|after|starting (?:at|from|with)|beginning (?:at|from)) (?:the )?(?:genesis|block zero)\b/i;
const SCANNED_SHOWN = 5;

/** Scam checks of every token launched since a block (naughty_coin.scan_new): "scan the new pools on base". */
const scanNew: Intent = {
  tools: [SCAN],
  capability: 'check every token whose pool is new on a chain ("scan the new pools on base for scams")',
  topic: 'scam checks',
  // Above a token check (5): it is the group that is asked about, not one contract.
  // Every pool since a block is the group too: "sweep every pool on the dev chain starting at block zero".
  // New pools or pairs on a chain named are the group too, risk unsaid: "anvil new pools".
  score: (text) =>
    !(NEW_TOKENS.test(text) || (/block|genesis/i.test(text) && (FROM_BLOCK.test(text) || FROM_GENESIS.test(text)))) ||
    addressesIn(text).length > 0
      ? 0
      : RISK_WORDS.test(text)
        ? 6
        : /\b(pools?|pairs?)\b/i.test(text) && chainIn(text)
          ? 4
          : 0,
  plan(text, context) {
    const chain = chainIn(text) ?? prior(context, 'chain', isString) ?? onlyChain(context);
    if (!chain) {
      const offered = context.chains?.length ? ` (${joinedWithOr(context.chains)})` : '';
      return { ask: `On which chain? For example "scan the new pools on ${context.chains?.[0] ?? 'base'}"${offered}.` };
    }
    const from = FROM_BLOCK.exec(text)?.[1] ?? (FROM_GENESIS.test(text) ? '0' : undefined);
    return { calls: [{ tool: SCAN, args: { chain, ...(from !== undefined && { from_block: Number(from) }) } }] };
  },
  answer(results) {
    const r = results[0]!.result as {
      chain: string;
      from_block: number;
      to_block: number;
      tokens: Array<{ address: string; symbol: string | null; level: string; score: number }>;
    };
    const span = `on ${r.chain} from block ${r.from_block} to block ${r.to_block}`;
    if (r.tokens.length === 0) return `No new pools ${span}.`;
    const shown = r.tokens
      .slice(0, SCANNED_SHOWN)
      .map((t) => `${t.symbol ?? 'unnamed'} at ${t.address}: ${t.level}, risk score ${t.score}/100`);
    const more =
      r.tokens.length > SCANNED_SHOWN ? `\n(${r.tokens.length - SCANNED_SHOWN} more in the tool result)` : '';
    return `${r.tokens.length} new tokens ${span}, riskiest first:\n${list(shown)}${more}`;
  },
};

export const naughtyCoinIntents: Intent[] = [checkToken, scanNew];
