import { LAUNCHES } from './cast.ts';
import { exchange } from './publishers.ts';
import type { Random } from './random.ts';
import { chatter, openInterest, priceMove, smartMoney } from './stories/market.ts';
import { exploit, unexploited } from './stories/security.ts';
import { perpListing, spotListing } from './stories/exchange.ts';
import { unlock, unlockFacts, type UnlockFacts } from './stories/tokenomics.ts';
import type { StoryMaker } from './story.ts';
import { MEMECOINS, TOKENS, type CorpusToken } from './tokens.ts';

/**
 * The narratives of the corpus's last days, what trending and the briefing
 * should find: a mid cap listed on Upbit and then Binance futures, a
 * memecoin's run, a fresh token's launch, an exploit and its aftermath, an
 * unlock coming due. Each arc's tokens were mentioned now and then before
 * (except the launch), so they rise against a baseline instead of all being
 * "first seen".
 */

export interface Scheduled {
  at: Date;
  make: StoryMaker;
}

const hoursBefore = (end: Date, hours: number) => new Date(end.getTime() - hours * 3_600_000);
/** About `hours` before the end, give or take ten minutes, so arcs do not tick on the hour. */
const around = (r: Random, end: Date, hours: number) => hoursBefore(end, hours + r.float(-1 / 6, 1 / 6, 4));

/** `n` stories spread at random over the hours [from, to) before the end. */
function scatter(r: Random, end: Date, n: number, from: number, to: number, make: StoryMaker): Scheduled[] {
  return Array.from({ length: n }, () => ({ at: around(r, end, r.float(to, from, 3)), make }));
}

function listingRush(r: Random, end: Date, memory: Map<string, unknown>): Scheduled[] {
  const token = r.pick([
    TOKENS.KMNO,
    TOKENS.MOVE,
    TOKENS.ETHFI,
    TOKENS.AERO,
    TOKENS.MORPHO,
    TOKENS.ZK,
    TOKENS.PENDLE,
    TOKENS.EIGEN,
  ]);
  // Reserved now, so no background story lists it there first.
  memory.set(`listed:Upbit:${token.symbol}`, true);
  memory.set(`listed:Binance:${token.symbol}`, true);
  memory.set(`arc:${token.symbol}`, true);
  return [
    ...scatter(r, end, 4, 30 * 24, 6 * 24, (m) => (m.r.chance(0.5) ? chatter(m, token) : smartMoney(m, token))),
    { at: around(r, end, 44), make: (m) => chatter(m, token) },
    { at: around(r, end, 38), make: (m) => smartMoney(m, token, true) },
    { at: around(r, end, 31), make: (m) => spotListing(m, exchange('Upbit'), token) },
    { at: around(r, end, 30.4), make: (m) => priceMove(m, token) },
    ...scatter(r, end, 3, 30, 22, (m) => chatter(m, token)),
    { at: around(r, end, 21), make: (m) => perpListing(m, exchange('Binance'), token) },
    { at: around(r, end, 16), make: (m) => openInterest(m, token) },
    { at: around(r, end, 8), make: (m) => priceMove(m, token) },
    ...scatter(r, end, 5, 15, 0.5, (m) => chatter(m, token)),
    ...scatter(r, end, 2, 14, 1, (m) => smartMoney(m, token)),
  ];
}

function memecoinRun(r: Random, end: Date, memory: Map<string, unknown>): Scheduled[] {
  const token = r.pick(MEMECOINS.filter((t) => !['DOGE', 'SHIB'].includes(t.symbol)));
  memory.set(`arc:${token.symbol}`, true);
  const buzz: StoryMaker = (m) => (m.r.chance(0.6) ? chatter(m, token) : smartMoney(m, token, true));
  return [
    ...scatter(r, end, 4, 30 * 24, 5 * 24, buzz),
    ...scatter(r, end, 1, 96, 72, buzz),
    ...scatter(r, end, 2, 72, 48, buzz),
    ...scatter(r, end, 4, 48, 24, buzz),
    ...scatter(r, end, 7, 24, 0.3, buzz),
    { at: around(r, end, 30), make: (m) => priceMove(m, token) },
    { at: around(r, end, 11), make: (m) => openInterest(m, token) },
    { at: around(r, end, 5), make: (m) => priceMove(m, token) },
  ];
}

/** A token nobody had heard of until its listings, the first-seen coin of the last day. */
function launch(r: Random, end: Date): Scheduled[] {
  const token: CorpusToken = r.pick(LAUNCHES);
  return [
    { at: around(r, end, 19), make: (m) => spotListing(m, exchange('Binance'), token) },
    { at: around(r, end, 18.5), make: (m) => spotListing(m, exchange(m.r.pick(['OKX', 'Bybit', 'KuCoin'])), token) },
    { at: around(r, end, 17), make: (m) => spotListing(m, exchange(m.r.pick(['Gate', 'MEXC', 'Bitget'])), token) },
    ...scatter(r, end, 4, 16, 0.5, (m) => chatter(m, token, true)),
    { at: around(r, end, 9), make: (m) => smartMoney(m, token, false) },
  ];
}

function exploitArc(r: Random, end: Date, memory: Map<string, unknown>): Scheduled[] {
  const protocol = unexploited(r, memory, true)!;
  return [{ at: around(r, end, 58), make: (m) => exploit(m, protocol, m.r.float(45, 140, 0), true) }];
}

function unlockDue(r: Random, end: Date, memory: Map<string, unknown>): Scheduled[] {
  const candidates = [TOKENS.SUI, TOKENS.APT, TOKENS.ARB, TOKENS.STRK, TOKENS.TIA, TOKENS.WLD, TOKENS.ZRO].filter(
    (t) => !memory.has(`arc:${t.symbol}`),
  );
  const token = r.pick(candidates);
  const on = new Date(end.getTime() + r.float(20, 40) * 3_600_000);
  const story: StoryMaker = (m) =>
    unlock(m, (m.memory.get(`unlock:${token.symbol}`) as UnlockFacts | undefined) ?? unlockFacts(m, token, on));
  // Reserved now, so no background story announces a different unlock of it.
  memory.set(`unlock:${token.symbol}:arc`, true);
  return [
    { at: around(r, end, 7 * 24 - 3), make: story },
    { at: around(r, end, 40), make: story },
    { at: around(r, end, 4), make: story },
  ];
}

/** Every arc's stories, for a corpus ending at `end`. */
export function arcs(r: Random, end: Date, memory: Map<string, unknown>): Scheduled[] {
  return [
    ...listingRush(r, end, memory),
    ...memecoinRun(r, end, memory),
    ...launch(r, end),
    ...exploitArc(r, end, memory),
    ...unlockDue(r, end, memory),
  ];
}
