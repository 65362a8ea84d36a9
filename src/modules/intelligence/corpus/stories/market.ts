import { HEADLINE_ACCOUNTS, NEWSROOMS, TRACKERS, traderAccount, whaleAlert, xAccount } from '../publishers.ts';
import { createRotation, type Rotation } from '../rotation.ts';
import { above, cap, count, longDay, oneOf, pct, usd, weekday, type Draft, type Moment } from '../story.ts';
import { MAJORS, MEMECOINS, MID_CAPS, STABLECOINS, TOKENS, nameOf, type CorpusToken } from '../tokens.ts';

/**
 * The market's everyday noise, most of the corpus and most of it low value:
 * price moves, liquidations, whale transfers, smart-money trades, stablecoin
 * mints and traders talking their book.
 */

/** The rotation kept under `key` in the corpus's memory (created on first use). */
function rotate(m: Moment, key: string, entries: ReadonlyArray<readonly [CorpusToken, number]>): CorpusToken {
  let rotation = m.memory.get(`rotation:${key}`) as Rotation<CorpusToken> | undefined;
  if (!rotation) {
    rotation = createRotation(entries, m.r);
    m.memory.set(`rotation:${key}`, rotation);
  }
  return rotation.next();
}

/** Majors most of the time (in rotation), mid caps and memecoins otherwise. */
function anyToken(m: Moment, majorShare = 0.7): CorpusToken {
  const { r } = m;
  if (r.chance(majorShare)) return rotate(m, 'majors', MAJORS);
  return r.chance(0.7) ? r.pick(MID_CAPS) : r.pick(MEMECOINS);
}
const isMajor = (token: CorpusToken) => MAJORS.some(([t]) => t === token);

const UP_REASONS = [
  'spot buyers return',
  'short sellers get squeezed',
  'open interest climbs',
  'whales accumulate',
  'volume surges on Korean exchanges',
  'funding turns positive',
];
const DOWN_REASONS = [
  'long positions unwind',
  'a large holder sends coins to exchanges',
  'funding rates flip negative',
  'risk appetite fades',
  'traders lock in profits',
  'selling hits Asian hours',
];

/** A 24 h move big enough to write about: 2% for a major, 5% for anything else (the market's path is calmer than headlines). */
const newsworthy = (token: CorpusToken, move: number) => Math.abs(move) >= (isMajor(token) ? 2 : 5);

/**
 * A price story: a token's 24 h move at the story's instant, as the embedded
 * market quotes it then (and "N-week high/low" only when the path is at one).
 * Given a token (an arc's), its move whatever the size; otherwise a token whose
 * move is big enough to report; on a quiet moment for every candidate, a
 * trader's post instead.
 */
export function priceMove(m: Moment, token?: CorpusToken): Draft {
  const { r, at } = m;
  // One price story per token and day (other outlets repeat it as echoes), never about an arc's token.
  const today = at.toISOString().slice(0, 10);
  const candidates = token
    ? [token]
    : Array.from({ length: 6 }, () => (r.chance(0.7) ? r.weighted(MAJORS) : r.pick(MID_CAPS))).filter(
        (t) => !m.memory.has(`arc:${t.symbol}`) && !m.memory.has(`price:${t.symbol}:${today}`),
      );
  const found = candidates
    .map((t) => ({ t, move: m.prices.change24h(t, at) }))
    .find(({ t, move }) => (token ? move !== 0 : newsworthy(t, move)));
  if (!found) return chatter(m, candidates[0]);
  m.memory.set(`price:${found.t.symbol}:${today}`, true);
  return priceStory(m, found.t, found.move, m.prices.extremeWeeks(found.t, at, found.move > 0));
}

function priceStory(m: Moment, token: CorpusToken, move: number, weeks: number): Draft {
  const { r } = m;
  const major = isMajor(token);
  const size = Math.abs(move);
  const up = move > 0;
  const name = cap(nameOf(token));
  const sym = token.symbol;
  const reason = r.pick(up ? UP_REASONS : DOWN_REASONS);
  const volume = r.int(30, 180);
  const extreme = weeks ? `${up ? ' to its highest level in' : ' to its lowest level in'} ${weeks} weeks` : '';
  return {
    event: 'other',
    tokens: [token],
    sentiment: up ? r.float(0.4, 0.6) : r.float(-0.6, -0.4),
    value: size >= 15 ? r.int(52, 62) : major ? r.int(42, 56) : r.int(34, 48),
    summary: `${sym} ${up ? 'gained' : 'lost'} ${pct(size)} in a day${extreme} as ${reason}, on volume ${volume}% above average.`,
    analysis: up
      ? `${major ? 'A move this size in a large cap' : `A ${pct(size)} day for a mid cap`} draws momentum traders; whether ${sym} holds it depends on spot demand rather than leverage.`
      : `${sym} gave back ${pct(size)}; ${reason.startsWith('long') || reason.startsWith('funding') ? 'the leverage flush may clear the way for a steadier market' : 'further selling pressure would test lower support'}.`,
    post: {
      publisher: r.pick(NEWSROOMS),
      title: up
        ? oneOf(
            r,
            `${name} jumps ${pct(size)} as ${reason}`,
            weeks ? `${name} rallies to ${weeks}-week high` : `${sym} leads market gains with ${pct(size)} rise`,
            `${name} climbs ${pct(size)} in a day`,
          )
        : oneOf(
            r,
            `${name} slides ${pct(size)} as ${reason}`,
            weeks ? `${sym} drops to ${weeks}-week low` : `${name} falls ${pct(size)}, underperforming the market`,
            `${name} sheds ${pct(size)} in a day`,
          ),
      text: `${name} (${sym}) ${up ? 'rose' : 'fell'} ${pct(size)} over the past 24 hours${extreme} as ${reason}. Trading volume was ${volume}% above its 30-day average.`,
    },
  };
}

/** Leveraged positions wiped out by a sharp BTC day; on a calm day, open interest news instead. */
export function liquidations(m: Moment): Draft {
  const { r, at } = m;
  const move = m.prices.change24h(TOKENS.BTC, at);
  if (Math.abs(move) < 2.5) return openInterest(m);
  const down = move < 0;
  const size = pct(Math.abs(move));
  const amount = usd(r.float(180, 1200, 0));
  const side = down ? 'longs' : 'shorts';
  // Only the majors whose own day went the same way "followed".
  const followers = [TOKENS.ETH, TOKENS.SOL]
    .filter((t) => {
      const theirs = m.prices.change24h(t, at);
      return Math.sign(theirs) === Math.sign(move) && Math.abs(theirs) >= 1;
    })
    .map((t) => cap(nameOf(t)));
  const followed = followers.length ? ` ${followers.join(' and ')} followed.` : '';
  return {
    event: 'other',
    tokens: [TOKENS.BTC],
    sentiment: down ? -0.55 : 0.5,
    value: r.int(55, 66),
    summary: `A ${size} BTC move liquidated ${amount} of leveraged ${side} across exchanges within hours.`,
    analysis: `Liquidation cascades exaggerate moves in both directions; after a flush of ${side} the market is less crowded, which often steadies prices.`,
    post: r.chance(0.3)
      ? {
          publisher: r.pick(HEADLINE_ACCOUNTS),
          text: `JUST IN: ${amount} of crypto ${side} liquidated as bitcoin ${down ? 'drops' : 'jumps'} ${size} today.`,
        }
      : {
          publisher: r.pick(NEWSROOMS),
          title: `Bitcoin ${down ? 'drops' : 'jumps'} ${size}, liquidating ${amount} of ${side}`,
          text: `Bitcoin ${down ? 'fell' : 'rose'} ${size} over the day, and ${amount} of leveraged ${side} were liquidated across exchanges, according to CoinGlass data.${followed}`,
        },
  };
}

/** A token's futures open interest as the corpus has told it: its share of market cap, and the record so far. */
interface OpenInterest {
  share: number;
  record?: { millions: number; at: Date };
}

/**
 * Futures open interest: a share of the token's market cap as the market quotes it (a few percent for
 * a major, more for a leveraged mid cap or memecoin), drifting up as leverage builds. A "record" only
 * when it tops the last record the corpus stated; otherwise how far below that record it stands.
 */
export function openInterest(m: Moment, token: CorpusToken = anyToken(m, 0.5)): Draft {
  const { r, at } = m;
  const key = `oi:${token.symbol}`;
  const known = m.memory.get(key) as OpenInterest | undefined;
  const state: OpenInterest = known ?? { share: isMajor(token) ? r.float(0.025, 0.06, 4) : r.float(0.05, 0.14, 4) };
  m.memory.set(key, state);
  const capMillions = m.prices.marketCap(token, at) / 1e6;
  // An invented token the market does not quote has no cap to take a share of: a new market's few millions.
  const drawn = (capMillions > 0 ? capMillions * state.share : r.float(8, 40)) * r.float(0.92, 1.08);
  const { record } = state;
  // Past the record, or not quite there: a figure that reads as the record is a record, stated above it.
  const millions = record && drawn >= record.millions * 0.98 ? above(record.millions, drawn) : drawn;
  const oi = usd(millions);
  const name = cap(nameOf(token));
  const sym = token.symbol;
  const funding = r.pick(['still neutral', 'turning positive', 'elevated on Binance']);
  if (!record || millions > record.millions) {
    state.record = { millions, at };
    // Leverage builds on a record: the next one needs a larger share of the cap.
    state.share = Math.min(0.25, state.share * r.float(1.01, 1.05));
    return {
      event: 'other',
      tokens: [token],
      sentiment: r.float(0.35, 0.45),
      value: r.int(44, 54),
      summary: `Open interest in ${sym} futures reached a record ${oi}.`,
      analysis: `Record open interest means more leverage riding on ${sym}: it fuels moves in the trend's direction and sharpens any reversal.`,
      post: {
        publisher: r.pick(NEWSROOMS),
        title: `${name} futures open interest hits record ${oi}`,
        text: `Open interest in ${name} (${sym}) futures rose to a record ${oi} across exchanges${record ? `, above the ${usd(record.millions)} peak of ${longDay(record.at)}` : ''}, with funding rates ${funding}.`,
      },
    };
  }
  const below = pct((1 - millions / record.millions) * 100);
  return {
    event: 'other',
    tokens: [token],
    sentiment: r.float(0.2, 0.3),
    value: r.int(36, 46),
    summary: `Open interest in ${sym} futures stands at ${oi}, ${below} below its record ${usd(record.millions)}.`,
    analysis: `Leverage on ${sym} is rebuilding without a new peak; a push past ${usd(record.millions)} would make moves sharper in both directions.`,
    post: {
      publisher: r.pick(NEWSROOMS),
      title: `${name} futures open interest builds to ${oi}`,
      text: `Open interest in ${name} (${sym}) futures stands at ${oi} across exchanges, ${below} below the record ${usd(record.millions)} of ${longDay(record.at)}, with funding rates ${funding}.`,
    },
  };
}

const VENUES = ['Binance', 'Coinbase', 'Kraken', 'OKX', 'Bitfinex', 'Bybit'];
/** Typical whale sizes, in coins. */
const WHALE_SIZES: Record<string, readonly [number, number]> = {
  BTC: [300, 4000],
  ETH: [3000, 60_000],
  SOL: [80_000, 900_000],
  XRP: [20_000_000, 300_000_000],
  DOGE: [50_000_000, 900_000_000],
  BNB: [5000, 60_000],
};

const WHALES = MAJORS.filter(([t]) => t.symbol in WHALE_SIZES);

/** A Whale Alert line: a big transfer of a major between exchanges and wallets. */
export function whaleTransfer(m: Moment): Draft {
  const { r } = m;
  const token = rotate(m, 'whales', WHALES);
  const [min, max] = WHALE_SIZES[token.symbol]!;
  const amount = r.int(min, max);
  const direction = r.weighted([
    ['in', 4],
    ['out', 4],
    ['between', 2],
  ] as const);
  const venue = r.pick(VENUES);
  const [from, to] =
    direction === 'in'
      ? ['unknown wallet', `#${venue}`]
      : direction === 'out'
        ? [`#${venue}`, 'unknown wallet']
        : ['unknown wallet', 'unknown wallet'];
  return {
    event: 'other',
    tokens: [token],
    sentiment: direction === 'in' ? -0.2 : direction === 'out' ? 0.2 : 0,
    value: r.int(14, 30),
    summary: `${count(amount)} ${token.symbol} moved ${direction === 'in' ? `into ${venue}` : direction === 'out' ? `out of ${venue}` : 'between two unlabelled wallets'}.`,
    analysis:
      direction === 'in'
        ? `Large ${token.symbol} deposits to an exchange can precede selling, though many are internal shuffles.`
        : direction === 'out'
          ? `Withdrawals of ${token.symbol} from exchanges usually mean coins going to custody, mildly supportive.`
          : `A transfer between unlabelled wallets says little on its own; it matters only if the coins reach an exchange.`,
    post: {
      publisher: whaleAlert(token.chain),
      text: `🚨 ${count(amount)} #${token.symbol} transferred from ${from} to ${to}`,
    },
  };
}

/** A tracker spots a large wallet buying or dumping. */
export function smartMoney(m: Moment, token: CorpusToken = anyToken(m, 0.35), buying = m.r.chance(0.6)): Draft {
  const { r } = m;
  const sym = token.symbol;
  const spent = usd(r.float(0.4, 12, 1));
  const hours = r.int(2, 30);
  const venue = r.pick(VENUES);
  return {
    event: 'other',
    tokens: [token],
    sentiment: buying ? r.float(0.35, 0.45) : r.float(-0.45, -0.35),
    value: r.int(30, 44),
    summary: buying
      ? `A large wallet spent ${spent} buying ${sym} over ${hours} hours.`
      : `A large ${sym} holder moved ${spent} worth to ${venue}, likely to sell.`,
    analysis: buying
      ? `Single-wallet buying is a weak signal on its own, but clusters of it have preceded moves in ${sym}.`
      : `Exchange deposits from early holders often precede selling; a few more like this would weigh on ${sym}.`,
    post: {
      publisher: r.pick(TRACKERS),
      text: buying
        ? oneOf(
            r,
            `A whale bought ${spent} worth of $${sym} over the past ${hours} hours and is still accumulating.`,
            `Smart money is buying $${sym}: a wallet that profited on its last three trades spent ${spent} on ${sym} in ${hours} hours.`,
            `A fresh wallet withdrew ${spent} of $${sym} from ${venue} in the past ${hours} hours.`,
          )
        : oneOf(
            r,
            `A whale sent ${spent} worth of $${sym} to ${venue} over the past ${hours} hours, probably to sell.`,
            `An early $${sym} investor is taking profit: ${spent} sent to ${venue} in the past ${hours} hours.`,
          ),
    },
  };
}

const signed = (move: number) => `${move >= 0 ? '+' : ''}${move.toFixed(1)}%`;

/** The majors' moves over the UTC day just closed, as a market-data account posts them every night. */
export function dailyClose(m: Moment): Draft {
  const { r, at } = m;
  // The UTC day just closed: close to close on the market's path.
  const close = new Date(Math.floor(at.getTime() / 86_400_000) * 86_400_000);
  const open = new Date(close.getTime() - 86_400_000);
  const majors = [TOKENS.BTC, TOKENS.ETH, TOKENS.SOL];
  const moves = majors.map((t) => m.prices.move(t, open, close));
  const mean = moves.reduce((a, b) => a + b, 0) / moves.length;
  const mixed = moves.some((move) => move > 1.5) && moves.some((move) => move < -1.5);
  const mood = mixed
    ? 'a mixed day for majors'
    : mean > 1.5
      ? 'a green day across majors'
      : mean < -1.5
        ? 'a red day across majors'
        : 'a quiet day for majors';
  return {
    event: 'other',
    tokens: majors,
    sentiment: Math.round(Math.max(-0.5, Math.min(0.5, mean / 6)) * 100) / 100,
    value: r.int(20, 30),
    summary: `BTC ${signed(moves[0]!)}, ETH ${signed(moves[1]!)} and SOL ${signed(moves[2]!)} over the UTC day: ${mood}.`,
    analysis: 'A daily scoreboard, useful as context for the day’s other stories rather than as news itself.',
    post: {
      publisher: xAccount('CoinMarketCap'),
      text: `Daily close: $BTC ${signed(moves[0]!)}, $ETH ${signed(moves[1]!)}, $SOL ${signed(moves[2]!)}. ${cap(mood)}.`,
    },
  };
}

/** Tether or Circle mint at their treasuries: the rare stablecoin story. */
export function stablecoinMint(m: Moment): Draft {
  const { r } = m;
  const token = r.weighted([
    [STABLECOINS[0]!, 3],
    [STABLECOINS[1]!, 2],
  ] as const);
  const amount = r.pick([250, 500, 750, 1000, 1500]) * 1_000_000;
  const treasury = token.symbol === 'USDT' ? 'Tether Treasury' : 'USDC Treasury';
  return {
    event: 'other',
    tokens: [token],
    sentiment: 0.2,
    value: r.int(24, 36),
    summary: `${usd(amount / 1_000_000)} of new ${token.symbol} was minted at the ${treasury}.`,
    analysis:
      'Fresh stablecoin supply is dry powder that often ends up on exchanges; it is a slow, indirect signal for crypto demand.',
    post: {
      publisher: whaleAlert(r.pick(['ethereum', 'tron'])),
      text: `💵 ${count(amount)} #${token.symbol} minted at ${treasury}`,
    },
  };
}

type Mood = 'bull' | 'bear' | 'flat';
type Take = (token: string, day: string) => string;

const TAKES: Record<Mood, readonly Take[]> = {
  bull: [
    (s) => `${s} reclaiming the range high on the daily`,
    (s) => `${s} holding support better than anything else on my screen`,
    (s, d) => `higher lows on ${s} since ${d}`,
    (s) => `funding still negative on ${s} while price grinds up`,
    (s) => `${s} breaking out of a multi-week downtrend`,
    (s) => `the spot bid on ${s} is real today`,
  ],
  bear: [
    (s, d) => `${s} just lost the ${d} low`,
    (s) => `${s} rejected at resistance again`,
    (s) => `volume on ${s} drying up into the highs`,
    (s) => `open interest on ${s} climbing while price stalls`,
    (s) => `way too many longs on ${s} right now`,
  ],
  flat: [
    (s) => `watching ${s} at this level, could go either way`,
    (s) => `${s} chopping in the same range all week`,
    (s) => `anyone else trading ${s} today or just me`,
  ],
};
const WEEKEND_TAKE: Take = (s) => `weekend volume on ${s} is completely dead`;
/** What traders say about a token listed hours ago: no history to point at yet. */
const LAUNCH_TAKES: Record<Mood, readonly Take[]> = {
  bull: [
    (s) => `${s} price discovery is wild, bought the first dip`,
    (s) => `got some ${s} at the open and holding through the noise`,
    (s) => `${s} listed on every big exchange on day one, this has legs`,
  ],
  bear: [
    (s) => `${s} dumping on airdrop sellers, waiting for it to settle`,
    (s) => `${s} opened way too high, not touching it yet`,
  ],
  flat: [
    (s) => `${s} order books are still thin, careful with size`,
    (s) => `watching ${s} find a range after the listings`,
  ],
};
const OPENERS = [
  '',
  '',
  'gm, ',
  'Chart check: ',
  'Not advice, but ',
  'Quietly, ',
  'Been saying it for weeks: ',
  'ok so ',
];
const ENDS: Record<Mood, readonly string[]> = {
  bull: ['not selling', 'adding on dips', '🚀', 'looks ready', 'this is the setup', 'bears are late again'],
  bear: [
    'careful out there',
    'cash is a position',
    'expecting a flush first',
    'stops under the range',
    'not touching it here',
  ],
  flat: ['patience', 'no trade is a trade', 'waiting for a break', '🫠'],
};
const isWeekend = (at: Date) => at.getUTCDay() === 0 || at.getUTCDay() === 6;

/**
 * A trader talking their book about one token: the corpus's lowest-value
 * posts. The mood leans with the token's day; `launched` is for a token
 * listed hours ago.
 */
export function chatter(m: Moment, token: CorpusToken = anyToken(m, 0.6), launched = false): Draft {
  const { r, at } = m;
  const move = m.prices.change24h(token, at);
  const mood = r.weighted<Mood>([
    ['bull', move > 0 ? 6 : 3],
    ['bear', move < 0 ? 5 : 2],
    ['flat', 2],
  ]);
  const tag = r.chance(0.8) ? `$${token.symbol}` : nameOf(token);
  const takes = launched
    ? LAUNCH_TAKES[mood]
    : mood === 'flat' && isWeekend(at)
      ? [...TAKES.flat, WEEKEND_TAKE]
      : TAKES[mood];
  const take = r.pick(takes)(tag, weekday(at, -r.int(1, 4)));
  const opener = launched ? '' : r.pick(OPENERS);
  return {
    event: 'other',
    tokens: [token],
    sentiment: mood === 'bull' ? r.float(0.2, 0.5) : mood === 'bear' ? r.float(-0.5, -0.2) : r.float(-0.1, 0.1),
    value: r.int(8, 22),
    summary: `A trader is ${mood === 'bull' ? 'bullish' : mood === 'bear' ? 'bearish' : 'undecided'} on ${token.symbol}, on the chart alone.`,
    analysis: `One trader's view of ${token.symbol}, with no news behind it.`,
    post: { publisher: traderAccount(r), text: `${opener}${opener ? take : cap(take)}, ${r.pick(ENDS[mood])}` },
  };
}

const MUSING_OPENERS = [
  '',
  'honestly ',
  'hot take: ',
  'unpopular opinion: ',
  'lesson of the week: ',
  'note to self: ',
  'pro tip: ',
  'real talk: ',
];
const THOUGHTS = [
  'never marry your bags',
  'most of your edge is not getting liquidated',
  'everyone is euphoric again and that makes me cautious',
  'the same people call the top three times before it happens',
  'bear markets build and bull markets sell',
  'AI agents trading memecoins is peak 2026',
  'down bad but still here',
  'the timeline is too quiet, something is about to happen',
  'use a hardware wallet, today',
  'size your positions so you can sleep',
  'the best trades feel uncomfortable',
  'nobody rings a bell at the bottom',
  'revoke old token approvals once a month',
  'if the yield looks too good, you are the yield',
  'stop checking the chart every five minutes',
  'the market does not care about your entry',
  'write your thesis down before you buy',
  'fees matter more than you think',
  'leverage turns good ideas into bad trades',
  'patience pays more than any indicator',
  'airdrop farming is a full-time job now',
  'read the docs before you ape',
];
const MUSING_ENDS = ['', '.', ' 🫡', ' fr', ' lol', ' 🙏', ' imo'];

/** A post that names no token: the replay carries these (agents drop them); the demo does not. */
export function musing(m: Moment): Draft {
  const { r } = m;
  return {
    event: 'other',
    tokens: [],
    sentiment: 0,
    value: r.int(2, 10),
    summary: 'A trader thinking aloud, about no token in particular.',
    analysis: 'No market information.',
    post: { publisher: traderAccount(r), text: `${r.pick(MUSING_OPENERS)}${r.pick(THOUGHTS)}${r.pick(MUSING_ENDS)}` },
  };
}
