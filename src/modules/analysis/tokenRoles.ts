import { NAME_QUALIFIERS } from './lexicon/tokenContext.ts';
import {
  ATTACKED_WORDS,
  CONVERSION_VERBS,
  DESTINATION_WORDS,
  LOSS_VERBS,
  NETWORK_ATTRIBUTE_NOUNS,
  NETWORK_PREPOSITIONS,
  PASSIVE_AUXILIARIES,
  PAYMENT_WORDS,
  PERPETRATOR_WORDS,
  PRICE_MOVE_WORDS,
  STANCE_WORDS,
  TRADE_VERBS,
} from './lexicon/tokenRoles.ts';
import type { FoundToken } from './mentions.ts';
import { createWordTest } from './phraseMatcher.ts';
import type { Word } from './splitWords.ts';
import type { TokenLookup } from './tokenLookup.ts';
import type { TokenMention } from './types.ts';
import { isExchangeName } from './venue.ts';

/**
 * Which tokens a story is about (its subjects) and which it names in passing.
 *
 * Every time a token is named, the place and the role of that naming score:
 * the headline counts 3, the lead sentence 2, the rest 1; a naming followed
 * by a price move ("SUI fell 7%") adds 2. Some namings are not about the
 * token at all and score nothing: where funds were moved to ("the attacker
 * swapped the loot into SOL", "bridged it to Ethereum") and a chain named as
 * a place ("on Solana", "the Solana memecoin"), the currency a trade was paid
 * in ("bought 2,000 ETH with USDT"). The funds a story says were
 * stolen or moved ("drained DAI and USDC") score a quarter: the victim, not
 * the loot, is the story. A token is a subject when it scores at least half
 * of the best score; subjects come best first. A story whose every token is
 * named in passing has no subject: "Protocol X drained of $40M, loot swapped
 * into SOL" is not about SOL, whether or not X is a known token.
 *
 * A story about an event (a listing, a hack) may add how the market moved, in
 * a part of its own: "Binance will list PEPE and WIF; BTC dips", "… Meanwhile
 * ETH rose 2%." Such an aside (a sentence, or a part after ";" or a dash, that
 * names another token's price move and none of the event's cues) is context:
 * when the event's own parts name a token (other than as moved funds), or name
 * their coin by a ticker the registry does not know ("Coinbase to delist XYZ;
 * ETH rallies"), the tokens of the asides are named in passing (see findAsides).
 * A chain's coin that a hack (or a listing, an unlock…) names only as moving,
 * in a clause without a cue, is context the same way once the event names whom
 * it happened to: "Pump drained; SOL fell", "Pump.fun drained, SOL fell 3%" are
 * not about SOL (see chainMoveClauses).
 */

const HEADLINE_WEIGHT = 3;
const LEAD_WEIGHT = 2;
const BODY_WEIGHT = 1;
const PRICE_MOVE_BONUS = 2;
const MOVED_FUNDS_FACTOR = 0.25;
/** A subject scores at least this share of the best-scoring token. */
const SUBJECT_SHARE = 0.5;
/** Passing mentions keep this share of how sure the analyser is that they are tokens at all. */
const PASSING_CONFIDENCE_FACTOR = 0.5;
/** How far back in its clause a verb still governs a token. */
const VERB_REACH = 12;
/** How many words from an event's cue the coin it happens to is still read: "delist XYZ", "XYZ Protocol hacked". */
const CUE_REACH = 4;
/** A word written as a ticker: "XYZ", "$QWERT", "ZK1". */
const TICKER_SHAPE = /^\$?[A-Z0-9]*[A-Z][A-Z0-9]*$/;

const isConversion = createWordTest(CONVERSION_VERBS);
const isLoss = createWordTest(LOSS_VERBS);
const isTrade = createWordTest(TRADE_VERBS);
const isPriceMove = createWordTest(PRICE_MOVE_WORDS);
const SIGNED_PERCENT = /^\s*[+\-−]\d[\d.,]*\s?%/;
/** Words between a token and its price move: "the BAL token dropped", "XRP price slips". */
const TOKEN_NOUNS = new Set(['token', 'tokens', 'coin', 'price', 'itself']);
const LIST_JOINERS = new Set(['and', 'or']);

type Role = 'subject' | 'moved' | 'passing';

export interface TokenRoles {
  subjects: TokenMention[];
  mentions: TokenMention[];
  /** The market asides whose tokens were set aside (offsets in the text): not what the story reports. */
  asides: Array<[start: number, end: number]>;
  /**
   * With no subject, the coins the event happens to named by tickers the registry does not know ("Coinbase to delist
   * XYZ" → XYZ), and the protocols a hack names by name ("Pump drained" → Pump), as written: no tokens (tokens are
   * registry records), but what the story is about.
   */
  coins: readonly string[];
}

/** Where the text's parts end: the headline (title, or first sentence) and the lead sentence after it. */
export interface TextLayout {
  headlineEnd: number;
  leadEnd: number;
}

function wordAt(words: readonly Word[], offset: number): number {
  let low = 0;
  let high = words.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (words[middle]!.end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Moved funds, a destination or the currency a trade was paid in ("bought 2,000 ETH with USDT": USDT is passing),
 * from the verbs earlier in the same clause.
 */
function roleFromVerbs(words: readonly Word[], index: number): Role | undefined {
  let destination = false;
  let loss = false;
  const before = words[index - 1];
  const paid = before !== undefined && !before.boundaryAfter && PAYMENT_WORDS.has(before.lower);
  for (let k = index - 1; k >= 0 && index - k <= VERB_REACH && !words[k]!.boundaryAfter; k--) {
    const lower = words[k]!.lower;
    if (paid && isTrade(lower)) return 'passing';
    if (DESTINATION_WORDS.has(lower)) destination = true;
    else if (isConversion(lower)) return destination ? 'passing' : 'moved';
    else if (isLoss(lower)) loss = true;
  }
  return loss ? 'moved' : undefined;
}

/** The chain's name qualifies a noun, maybe through one lower-case modifier: "a Solana memecoin", "an Ethereum restaking startup". */
function qualifiesNoun(words: readonly Word[], index: number): boolean {
  const [next, after] = [words[index + 1], words[index + 2]];
  if (!next || words[index]!.boundaryAfter) return false;
  if (NETWORK_ATTRIBUTE_NOUNS.has(next.lower)) return true;
  return (
    next.raw === next.lower && !next.boundaryAfter && after !== undefined && NETWORK_ATTRIBUTE_NOUNS.has(after.lower)
  );
}

/** "on Solana", "on Ethereum and Solana", "a Solana memecoin", "Solana-based"; not "bullish on SOL". */
function isPlace(words: readonly Word[], index: number): boolean {
  if (qualifiesNoun(words, index)) return true;
  let k = index - 1;
  if (LIST_JOINERS.has(words[k]?.lower ?? '') && !words[k]!.boundaryAfter && index >= 2)
    return isPlace(words, index - 2);
  if (words[k]?.lower === 'the' && !words[k]!.boundaryAfter) k--;
  const preposition = words[k];
  if (!preposition || preposition.boundaryAfter || !NETWORK_PREPOSITIONS.has(preposition.lower)) return false;
  const stance = words[k - 1];
  return !stance || stance.boundaryAfter || !STANCE_WORDS.has(stance.lower);
}

function movesPrice(text: string, words: readonly Word[], index: number): boolean {
  let k = index;
  while (TOKEN_NOUNS.has(words[k + 1]?.lower ?? '') && !words[k]!.boundaryAfter) k++;
  if (SIGNED_PERCENT.test(text.slice(words[k]!.end, words[k]!.end + 12))) return true;
  const next = words[k + 1];
  return next !== undefined && !words[k]!.boundaryAfter && isPriceMove(next.lower);
}

/** Characters between two words that end a part of a story: a sentence, ";", a dash, a bar. */
const PART_BREAK = /[.!?\n;—–|]|\s-\s/;
const PART_WORDS = new Set(['meanwhile', 'elsewhere']);

/** The part of the text each word is in (see above): parts end at sentence ends, ";", dashes, "meanwhile". */
function partsOf(text: string, words: readonly Word[]): Int32Array {
  const part = new Int32Array(words.length);
  let at = 0;
  for (let i = 0; i < words.length; i++) {
    part[i] = at;
    const next = words[i + 1];
    if (next && (PART_BREAK.test(text.slice(words[i]!.end, next.start)) || PART_WORDS.has(next.lower))) at++;
  }
  return part;
}

/** The parts of a story that are market asides (see above), by word and by where they sit in the text. */
interface Asides {
  has(index: number): boolean;
  spans: Array<[start: number, end: number]>;
}

/** How the naming of `found` at word `index` counts: not at all, as moved funds, or as the story's (undefined). */
function roleAt(found: FoundToken, words: readonly Word[], index: number, lookup: TokenLookup): Role | undefined {
  return lookup.isNetwork(found.record) && isPlace(words, index) ? 'passing' : roleFromVerbs(words, index);
}

/** Only a "(" between word `index` and the next. */
function opensBracket(text: string, words: readonly Word[], index: number): boolean {
  return /^\s*\(\s*$/.test(text.slice(words[index]!.end, words[index + 1]?.start));
}

/**
 * The coins the event names, a few words from one of its cues and in the same clause, by tickers the registry does
 * not know ("Coinbase to delist XYZ", "XYZ Protocol hacked"), as written without a "$", in text order; a list of them
 * may run on past commas ("delist XYZ, ABC and DEF"). Not an abbreviation, an English or one- or two-letter word
 * (tickerRisk), an exchange ("OKX hacked") or the cue itself; not a word of another clause ("BREAKING: Coinbase
 * to delist…", "no hack, all funds are SAFU"); and none beside a cue written in capitals, where every word looks like
 * a ticker ("HACKER DRAINS BRIDGE").
 */
function unknownTickers(
  text: string,
  words: readonly Word[],
  part: Int32Array,
  cues: readonly number[],
  lookup: TokenLookup,
) {
  const isCoin = (word: Word) =>
    TICKER_SHAPE.test(word.raw) &&
    !lookup.bySymbol(word.raw) &&
    lookup.tickerRisk(word.raw) === 'plain' &&
    !isExchangeName(word);
  const near = new Set<number>();
  for (const cue of cues) {
    if (TICKER_SHAPE.test(words[cue]!.raw)) continue;
    for (const step of [-1, 1]) {
      for (let i = cue + step; Math.abs(i - cue) <= CUE_REACH && part[i] === part[cue]; i += step) {
        // A clause ends between this word and the one before it on the way: only a list of coins runs on past it, and
        // a ticker in brackets after its name ("Binance Will List Foo (FOO)").
        const gap = Math.min(i, i - step);
        if (words[gap]!.boundaryAfter && !near.has(i - step) && !opensBracket(text, words, gap)) break;
        if (isCoin(words[i]!)) near.add(i);
      }
    }
  }
  return [...new Set([...near].sort((a, b) => a - b).map((i) => words[i]!.raw.replace(/^\$/, '')))];
}

/** Where a story's event is told: its cues, the parts of the text, and the coins it names by unknown tickers. */
interface EventWords {
  /** Where the cues begin, as offsets in the text and as words. */
  at: readonly number[];
  cues: readonly number[];
  /** The part of the text each word is in (partsOf). */
  part: Int32Array;
  /** The event happens to a coin (`cuesNameCoin`, see assignRoles). */
  happensToCoin: boolean;
  /** See unknownTickers; only for an event that happens to a coin. */
  coins: readonly string[];
  /** See victimBefore: the protocols a hack names by name, as written. */
  victims: readonly string[];
}

/** The clause each word is in: clauses end where a word's `boundaryAfter` says. */
function clausesOf(words: readonly Word[]): Int32Array {
  const clause = new Int32Array(words.length);
  for (let i = 1; i < words.length; i++) clause[i] = clause[i - 1]! + (words[i - 1]!.boundaryAfter ? 1 : 0);
  return clause;
}

/** How many capitalised words a victim's name may run to: "Radiant Capital drained". */
const VICTIM_NAME_WORDS = 3;
const CAPITALISED = /^\p{Lu}/u;

/**
 * The capitalised name right before a verb of being attacked, maybe through a qualifier or an auxiliary, as written:
 * "Pump drained" → Pump, "Cetus Protocol exploited" → Cetus Protocol, "Radiant was hacked" → Radiant. Not who
 * attacked ("Hackers drained $5M"), nor beside a cue in capitals, where every word looks like a name.
 */
function victimBefore(words: readonly Word[], cue: number): string | undefined {
  if (!ATTACKED_WORDS.has(words[cue]!.lower) || TICKER_SHAPE.test(words[cue]!.raw)) return undefined;
  const attached = (k: number) => k >= 0 && !words[k]!.boundaryAfter;
  let end = cue - 1;
  while (attached(end) && PASSIVE_AUXILIARIES.has(words[end]!.lower)) end--;
  let start = end;
  while (attached(start) && CAPITALISED.test(words[start]!.raw) && end - start < VICTIM_NAME_WORDS) start--;
  start++;
  // The name is what stands before its qualifiers: "Cetus Protocol", not "Protocol".
  if (start > end || NAME_QUALIFIERS.has(words[start]!.lower) || PERPETRATOR_WORDS.has(words[start]!.lower))
    return undefined;
  return words
    .slice(start, end + 1)
    .map((word) => word.raw)
    .join(' ');
}

interface Naming {
  token: FoundToken;
  index: number;
  part: number;
  clause: number;
  moves: boolean;
  role: Role | undefined;
}

/**
 * The clauses where a chain's coin moves in a story of what happened to someone else (see above): the event names
 * whom it happened to beside a cue (a token, a coin by an unknown ticker, a protocol by its name), and the chain's
 * coin is named as the story's only in price moves, in clauses holding no cue. "Pump drained; SOL fell" and "Pump.fun
 * drained, SOL fell 3%" are about Pump.fun; "Cetus Protocol exploited, Sui validators freeze it … SUI fell 7%" names
 * Sui as more than a move, and keeps it. Another token's move stays the story's: it is mostly the protocol's own
 * (Loopring… LRC fell 9%).
 */
function chainMoveClauses(
  namings: readonly Naming[],
  clause: Int32Array,
  event: EventWords,
  lookup: TokenLookup,
): Set<number> {
  const clauses = new Set<number>();
  if (!event.happensToCoin) return clauses;
  const cueClauses = new Set(event.cues.map((cue) => clause[cue]!));
  const besideCue = (naming: Naming) =>
    naming.role === undefined &&
    event.cues.some((cue) => clause[cue] === naming.clause && Math.abs(cue - naming.index) <= CUE_REACH);
  // A victim named only by a name or an unknown ticker, beside another token the story names ("Cetus drained; $60M
  // in USDC bridged. SUI fell 7%"): setting the chain aside would tag that token, the loot most often, and the chain
  // is the better guess.
  const namedOnly = event.coins.length > 0 || event.victims.length > 0;
  const onlyChains = namings.every((naming) => naming.role === 'passing' || lookup.isNetwork(naming.token.record));
  if (!namings.some(besideCue) && !(namedOnly && onlyChains)) return clauses;
  for (const token of new Set(namings.map((naming) => naming.token))) {
    if (!lookup.isNetwork(token.record)) continue;
    const own = namings.filter((naming) => naming.token === token && naming.role === undefined);
    const onlyMoves = own.every((naming) => naming.moves && !cueClauses.has(naming.clause));
    if (own.length > 0 && onlyMoves) for (const naming of own) clauses.add(naming.clause);
  }
  return clauses;
}

/**
 * The story's market asides, given where its event is told. The event's parts are those holding a cue, and the headline
 * when it holds none (it still says what happened); its tokens are those they name as the story's.
 * An aside is another part where a token other than the event's moves, and none of the event's does: "CRV fell 9%"
 * after "Curve drained" is the story's, not an aside. A chain's coin moving in a clause of its own beside what
 * happened to a protocol is an aside too (chainMoveClauses).
 */
function findAsides(
  found: readonly FoundToken[],
  text: string,
  words: readonly Word[],
  layout: TextLayout,
  lookup: TokenLookup,
  event: EventWords | undefined,
): Asides | undefined {
  if (!event) return undefined;
  const { at: eventAt, cues, part } = event;
  const eventParts = new Set(cues.map((cue) => part[cue]!));
  if (eventAt.every((offset) => offset >= layout.headlineEnd))
    for (let i = 0; i < words.length && words[i]!.start < layout.headlineEnd; i++) eventParts.add(part[i]!);
  const clause = clausesOf(words);
  const namings: Naming[] = found.flatMap((token) =>
    token.at.map((at) => {
      const index = wordAt(words, at);
      return {
        token,
        index,
        part: part[index]!,
        clause: clause[index]!,
        moves: movesPrice(text, words, index),
        role: roleAt(token, words, index, lookup),
      };
    }),
  );
  const eventTokens = new Set(
    namings.filter((naming) => eventParts.has(naming.part) && naming.role === undefined).map((naming) => naming.token),
  );
  // No token of the event's: the price move may be all the story says of its subject ("Shibarium Bridge exploited…
  // SHIB slipped 5%"), unless the event names its coin by a ticker the registry does not know. That coin is no
  // token (the extractor knows only the registry's), but it is the subject, so another token's price move is an
  // aside: "Coinbase to delist XYZ; ETH rallies" is not about ETH. A protocol named by its name is not enough: the
  // token that then moves is mostly its own (Loopring… LRC fell 9%); only its chain's coin is set aside then.
  const asideParts = new Set<number>();
  if (eventTokens.size > 0 || event.coins.length > 0) {
    const eventMoves = new Set<number>();
    for (const { token, part: at, moves } of namings) {
      if (!moves || eventParts.has(at)) continue;
      (eventTokens.has(token) ? eventMoves : asideParts).add(at);
    }
    for (const at of eventMoves) asideParts.delete(at);
  }
  const asideClauses = chainMoveClauses(namings, clause, event, lookup);
  if (asideParts.size === 0 && asideClauses.size === 0) return undefined;
  const has = (index: number) => asideParts.has(part[index]!) || asideClauses.has(clause[index]!);
  const spans: Asides['spans'] = [];
  words.forEach((word, i) => {
    if (!has(i)) return;
    const last = spans.at(-1);
    if (last && i > 0 && has(i - 1)) last[1] = word.end;
    else spans.push([word.start, word.end]);
  });
  return { has, spans };
}

function score(
  found: FoundToken,
  text: string,
  words: readonly Word[],
  layout: TextLayout,
  lookup: TokenLookup,
  skipped: (index: number) => boolean = () => false,
) {
  let total = 0;
  for (const at of found.at) {
    const index = wordAt(words, at);
    if (skipped(index)) continue;
    const place = at < layout.headlineEnd ? HEADLINE_WEIGHT : at < layout.leadEnd ? LEAD_WEIGHT : BODY_WEIGHT;
    const role = roleAt(found, words, index, lookup);
    if (role === 'passing') continue;
    if (role === 'moved') total += place * MOVED_FUNDS_FACTOR;
    else total += place + (movesPrice(text, words, index) ? PRICE_MOVE_BONUS : 0);
  }
  return total;
}

/**
 * `eventAt`: where the cues of the story's event begin (offsets in `text`), for an event that has a subject.
 * `cuesNameCoin`: the event happens to a coin named beside its cues ("delist XYZ", "XYZ hacked"), not to whoever
 * acts ("FINMA bans…"), so a ticker there is the story's coin even when the registry does not know it.
 */
export function assignRoles(
  found: readonly FoundToken[],
  text: string,
  words: readonly Word[],
  layout: TextLayout,
  lookup: TokenLookup,
  eventAt: readonly number[] = [],
  cuesNameCoin = false,
): TokenRoles {
  let event: EventWords | undefined;
  if (eventAt.length > 0 && words.length > 0) {
    const part = partsOf(text, words);
    const cues = eventAt.map((offset) => wordAt(words, offset));
    event = {
      at: eventAt,
      cues,
      part,
      happensToCoin: cuesNameCoin,
      coins: cuesNameCoin ? unknownTickers(text, words, part, cues, lookup) : [],
      victims: cuesNameCoin
        ? [...new Set(cues.map((cue) => victimBefore(words, cue)).filter((name) => name !== undefined))]
        : [],
    };
  }
  // Only when the event's parts name a token as more than moved funds, or an unknown ticker beside a cue: else the
  // price move may be all the story says of its subject ("Bridge drained of ETH. SHIB slipped 5%").
  const asides = findAsides(found, text, words, layout, lookup, event);
  const scored = found.map((token, order) => ({
    token,
    order,
    score: score(token, text, words, layout, lookup, asides?.has),
  }));
  const best = Math.max(0, ...scored.map((entry) => entry.score));
  const isSubject = (entry: (typeof scored)[number]) => best > 0 && entry.score >= best * SUBJECT_SHARE;
  const subjects = scored
    .filter(isSubject)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((entry) => entry.token.mention);
  const mentions = scored
    .filter((entry) => !isSubject(entry))
    .map(({ token: { mention } }) => ({
      ...mention,
      confidence: Math.round(mention.confidence * PASSING_CONFIDENCE_FACTOR * 100) / 100,
    }));
  return {
    subjects,
    mentions,
    asides: asides?.spans ?? [],
    // A coin's ticker names it better than the name it may stand in ("XYZ Protocol hacked" → XYZ).
    coins: subjects.length > 0 || !event ? [] : event.coins.length > 0 ? event.coins : event.victims,
  };
}
