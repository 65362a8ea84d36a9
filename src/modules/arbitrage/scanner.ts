import type { MarketSource } from './marketSource.ts';
import { allCrossTrades, type CrossTrade, type VenueBook } from './crossExchange.ts';
import type { VenueMarket } from './triangular.ts';

export interface SymbolTrade extends CrossTrade {
  symbol: string;
}

/** Profitable after both fees, by at least `minProfitPct`. */
export const isOpportunity = (trade: CrossTrade, minProfitPct: number) =>
  trade.netProfitPct > 0 && trade.netProfitPct >= minProfitPct;

export interface ScannerOptions {
  /** Levels per book side. */
  depth: number;
  /** Only these symbols (all listed ones when absent). */
  symbols?: readonly string[];
  /** A venue whose book failed is left out of this round; this hears about it. */
  onError?: (venue: string, symbol: string, err: unknown) => void;
}

/**
 * Reads books from a market source and turns them into trades: cross-exchange
 * for one symbol or all of them, and a venue's markets for triangular cycles.
 * Which venue lists which symbol is learnt once and kept.
 */
export interface Scanner {
  /** Symbols listed on at least two venues (the only ones with cross-exchange trades). */
  symbols(): Promise<string[]>;
  /** Venues listing the symbol; empty for one nobody lists. */
  venuesOf(symbol: string): Promise<string[]>;
  books(symbol: string): Promise<VenueBook[]>;
  /** Every ordered venue pair of the symbol, priced for `size` (default: each pair's executable size). */
  trades(symbol: string, size?: number): Promise<SymbolTrade[]>;
  /** Every venue pair of every symbol, each priced at its executable size (or at the top of both books when nothing is profitable). */
  candidates(): Promise<SymbolTrade[]>;
  /** Trades still profitable after fees at their executable size, across all symbols, best first. */
  scan(): Promise<SymbolTrade[]>;
  venueMarkets(venue: string): Promise<VenueMarket[]>;
}

export function createScanner(source: MarketSource, options: ScannerOptions): Scanner {
  const wanted = options.symbols ? new Set(options.symbols) : undefined;
  let listing: Promise<Map<string, string[]>> | undefined;

  async function loadListing() {
    const byVenue = await Promise.all(
      source.venues().map(async (venue) => ({ venue, markets: await source.markets(venue) })),
    );
    const venuesBySymbol = new Map<string, string[]>();
    for (const { venue, markets } of byVenue) {
      for (const { symbol } of markets) {
        if (wanted && !wanted.has(symbol)) continue;
        venuesBySymbol.set(symbol, [...(venuesBySymbol.get(symbol) ?? []), venue]);
      }
    }
    return venuesBySymbol;
  }

  function venuesBySymbol() {
    // A failed load (an exchange down at start) is retried on the next call instead of being remembered.
    listing ??= loadListing().catch((err) => {
      listing = undefined;
      throw err;
    });
    return listing;
  }

  async function venueBook(venue: string, symbol: string): Promise<VenueBook | null> {
    try {
      const [book, fee] = await Promise.all([
        source.orderBook(venue, symbol, options.depth),
        source.takerFee(venue, symbol),
      ]);
      return { venue, book, fee };
    } catch (err) {
      options.onError?.(venue, symbol, err);
      return null;
    }
  }

  const scanner: Scanner = {
    async symbols() {
      return [...(await venuesBySymbol())].filter(([, venues]) => venues.length > 1).map(([symbol]) => symbol);
    },
    async venuesOf(symbol) {
      return (await venuesBySymbol()).get(symbol) ?? [];
    },
    async books(symbol) {
      const books = await Promise.all((await scanner.venuesOf(symbol)).map((venue) => venueBook(venue, symbol)));
      return books.filter((b): b is VenueBook => b !== null);
    },
    async trades(symbol, size) {
      return allCrossTrades(await scanner.books(symbol), size).map((trade) => ({ ...trade, symbol }));
    },
    async candidates() {
      const perSymbol = await Promise.all((await scanner.symbols()).map((symbol) => scanner.trades(symbol)));
      return perSymbol.flat();
    },
    async scan() {
      return (await scanner.candidates())
        .filter((t) => isOpportunity(t, 0))
        .sort((a, b) => b.netProfitPct - a.netProfitPct);
    },
    async venueMarkets(venue) {
      const markets = (await source.markets(venue)).filter((m) => !wanted || wanted.has(m.symbol));
      const priced = await Promise.all(
        markets.map(async (m) => ({ market: m, book: await venueBook(venue, m.symbol) })),
      );
      return priced
        .filter(({ book }) => book !== null)
        .map(({ market, book }) => ({ ...market, book: book!.book, fee: book!.fee }));
    },
  };
  return scanner;
}
