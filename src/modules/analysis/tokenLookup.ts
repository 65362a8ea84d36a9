import type { TokenRecord, TokenRegistry } from '../tokens/index.ts';
import { COMMON_WORDS, NON_TOKEN_ABBREVIATIONS } from './lexicon/commonWords.ts';
import { NAME_ALIASES } from './lexicon/tokenContext.ts';
import type { TokenMention } from './types.ts';

/**
 * The registry seen from the analyser: one preferred record per ticker or
 * name, the informal aliases the registry lacks, and how risky a ticker or
 * name is to read as a token.
 */

type TickerRisk =
  /** Reads as a token on its own ("BTC", "SOL"). */
  | 'plain'
  /** An English word or a one/two-letter ticker ("ONE", "GAS", "OP"): needs context. */
  | 'ambiguous'
  /** Prose abbreviation ("AI", "ATH", "SEC"): only as cashtag, pair or "Name (TICKER)". */
  | 'abbreviation';

export interface TokenLookup {
  /** Best-ranked record for a ticker, tolerant of a leading `$`. */
  bySymbol(symbol: string): TokenRecord | undefined;
  /** Record for a full name or an informal alias ("Ethereum", "Ether", "The Graph"). */
  byName(name: string): TokenRecord | undefined;
  /** Can a name or alias start with this word (lower case)? Most words start none, and need no lookup. */
  startsName(word: string): boolean;
  byAddress(address: string): TokenRecord | undefined;
  tickerRisk(symbol: string): TickerRisk;
  /** A chain's own coin ("Solana", "Arbitrum", "BNB Chain"): what "on X" and "X memecoin" name as a place. */
  isNetwork(record: TokenRecord): boolean;
}

export function isCommonWord(word: string): boolean {
  return COMMON_WORDS.has(word.toLowerCase());
}

export function createTokenLookup(registry: TokenRegistry): TokenLookup {
  const aliases = new Map(NAME_ALIASES.map(([alias, symbol]) => [alias, symbol]));
  const bySymbol = (symbol: string) => registry.bySymbol(symbol)[0];
  // A native coin has no contract; a token named like a chain the registry knows (Arbitrum, Optimism) is that chain's.
  const chains = new Set(registry.all().map((record) => record.chain));
  const firstWords = new Set(
    [...registry.all().map((record) => record.name), ...aliases.keys()].map(
      (name) => name.trim().toLowerCase().split(/\s+/)[0],
    ),
  );
  return {
    bySymbol,
    byName(name) {
      const alias = aliases.get(name.toLowerCase());
      return alias ? bySymbol(alias) : registry.byName(name)[0];
    },
    startsName: (word) => firstWords.has(word),
    byAddress: (address) => registry.byAddress(address),
    tickerRisk(symbol) {
      const upper = symbol.replace(/^\$/, '').toUpperCase();
      if (NON_TOKEN_ABBREVIATIONS.has(upper)) return 'abbreviation';
      if (upper.replace(/[^A-Z]/g, '').length <= 2 || isCommonWord(upper)) return 'ambiguous';
      return 'plain';
    },
    isNetwork: (record) => record.address === null || chains.has(record.name.toLowerCase()),
  };
}

export function toMention(record: TokenRecord, confidence: number): TokenMention {
  return { symbol: record.symbol, name: record.name, chain: record.chain, address: record.address, confidence };
}
