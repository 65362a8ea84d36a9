import type { TokenRecord } from '../tokens/index.ts';
import { toMention } from './tokenLookup.ts';
import type { TokenMention } from './types.ts';

/** How sure each way of spotting a token is. */
export const CONFIDENCE = {
  address: 0.99,
  cashtag: 0.95,
  pair: 0.95,
  namedTicker: 0.95,
  parenthesisedTicker: 0.85,
  rankedName: 0.85,
  name: 0.75,
  rankedTicker: 0.85,
  ticker: 0.75,
  inContext: 0.7,
  lowerCaseTicker: 0.6,
};

/** A token the text names, with where it names it (offsets of each occurrence, in the order found). */
export interface FoundToken {
  record: TokenRecord;
  mention: TokenMention;
  at: number[];
}

/** The mentions found so far: one per symbol, at its best confidence, ordered by first appearance. */
export class Mentions {
  private readonly bySymbol = new Map<string, FoundToken>();

  has(symbol: string): boolean {
    return this.bySymbol.has(symbol.replace(/^\$/, '').toUpperCase());
  }

  /** Returns whether there was a record to add. */
  add(record: TokenRecord | undefined, confidence: number, at: number): boolean {
    if (!record) return false;
    const current = this.bySymbol.get(record.symbol);
    if (!current) {
      this.bySymbol.set(record.symbol, { record, mention: toMention(record, confidence), at: [at] });
      return true;
    }
    if (current.mention.confidence < confidence) current.mention = toMention(record, confidence);
    current.at.push(at);
    return true;
  }

  inOrder(): FoundToken[] {
    const first = (found: FoundToken) => Math.min(...found.at);
    return [...this.bySymbol.values()].sort((a, b) => first(a) - first(b));
  }
}
