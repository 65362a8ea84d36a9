import { EXCHANGES, exchange, type Exchange } from '../publishers.ts';
import { ahead, and, anArticle, count, isoDay, longDay, oneOf, utcTime, type Draft, type Moment } from '../story.ts';
import { CROSS_PAIRED, FADING, LISTABLE, nameOf, homeOf, type CorpusToken } from '../tokens.ts';
import type { Random } from '../random.ts';

/** Listings of mid and small caps and delistings of illiquid pairs, worded the way each exchange words them. */

const listPairs = (symbol: string, quotes: readonly string[]) => quotes.map((q) => `${symbol}/${q}`);
const pairsOf = (ex: Exchange, symbol: string) => and(listPairs(symbol, ex.quotes));

/** A token this exchange has not listed yet in the corpus and no exchange listed in the last three days, or none. */
function unlisted(m: Moment, ex: Exchange, pool: readonly CorpusToken[]): CorpusToken | undefined {
  const recently = (t: CorpusToken) =>
    m.at.getTime() - ((m.memory.get(`listed:${t.symbol}`) as number | undefined) ?? 0) < 3 * 86_400_000;
  const fresh = pool.filter((t) => !m.memory.has(`listed:${ex.name}:${t.symbol}`) && !recently(t));
  return fresh.length ? m.r.pick(fresh) : undefined;
}

function announcement(
  r: Random,
  ex: Exchange,
  token: CorpusToken,
  at: Date,
  seedTag: boolean,
): { title?: string; text: string } {
  const name = nameOf(token);
  const sym = token.symbol;
  const pairs = and(listPairs(sym, ex.quotes.slice(0, r.int(1, ex.quotes.length))));
  const opens = ahead(r, at);
  const hour = utcTime(opens);
  switch (ex.name) {
    case 'Binance':
      return {
        title: seedTag
          ? `Binance Will List ${name} (${sym}) with Seed Tag Applied`
          : `Binance Will List ${name} (${sym})`,
        text:
          `Binance will list ${name} (${sym}) and open spot trading for ${pairs} at ${hour} on ${isoDay(opens)}. ` +
          `${sym} deposits are open from now, and withdrawals follow a day after trading starts.` +
          (seedTag
            ? ` ${sym} carries the Seed Tag, which Binance applies to early-stage projects that may be more volatile than other listed tokens.`
            : ''),
      };
    case 'Coinbase':
      return r.chance(0.5)
        ? {
            text: `Assets added to the Coinbase roadmap today: ${name} (${sym}). Trading will go live once market makers are in place on ${pairs}.`,
          }
        : {
            text: `${name} (${sym}) is now live on Coinbase. Trading on ${pairs} opens in regions where ${sym} is supported, starting in limit-only mode.`,
          };
    case 'Upbit':
      return {
        title: `[Market Support] ${name} (${sym}) added to the ${and(ex.quotes)} markets`,
        text: `Upbit will support ${name} (${sym}) trading in its ${and(ex.quotes)} markets from ${hour} on ${longDay(opens)}. ${sym} deposits open within an hour of this notice; buy orders are limited for the first five minutes of trading.`,
      };
    case 'Bithumb':
      return {
        title: `[Market Addition] ${name} (${sym}) KRW market`,
        text: `Bithumb is adding ${name} (${sym}) to its KRW market. Trading starts at ${hour} on ${longDay(opens)}, and ${sym} deposits and withdrawals open shortly after the network is confirmed stable.`,
      };
    case 'OKX':
      return {
        title: `OKX to list ${name} (${sym}) for spot trading`,
        text: `OKX will list ${sym} for spot trading on ${longDay(opens)}. ${sym} deposits open today, and the ${pairs} call auction runs for an hour before continuous trading starts at ${hour}.`,
      };
    case 'Bybit': {
      const pool = r.pick([250_000, 500_000, 1_000_000, 2_500_000]);
      return {
        title: `New Listing: ${sym}/USDT — Grab a Share of the ${count(pool)} ${sym} Prize Pool!`,
        text: `Bybit is listing ${name} (${sym}) on the spot market: ${sym}/USDT trading starts at ${hour} on ${longDay(opens)}, deposits are open now, and new traders can share a prize pool of ${count(pool)} ${sym}.`,
      };
    }
    case 'Kraken':
      return {
        title: `${name} (${sym}) is available for trading!`,
        text: `Kraken clients can now deposit ${name} (${sym}) on ${homeOf(token)}; the ${pairs} order books open for trading at ${hour} on ${longDay(opens)} once enough liquidity has built up.`,
      };
    case 'KuCoin':
      return {
        title: `KuCoin Will List ${name} (${sym}) in the Spot Trading Zone`,
        text: `KuCoin will list ${name} (${sym}). The ${pairs} pair opens at ${hour} on ${longDay(opens)}; ${sym} deposits are enabled now and withdrawals from the following day.`,
      };
    case 'MEXC':
      return {
        title: `MEXC Will List ${name} (${sym}) in the Innovation Zone`,
        text: `${sym} arrives in MEXC's Innovation Zone: ${pairs} trading starts at ${hour} on ${longDay(opens)}, and ${name} deposits are already enabled.`,
      };
    case 'Gate':
      return {
        title: `Gate Lists ${name} (${sym}) for Spot Trading`,
        text: `Gate users can deposit ${sym} now; the ${pairs} market opens at ${hour} on ${longDay(opens)}, with a giveaway of ${count(r.pick([50_000, 100_000, 200_000]))} ${sym} for first-time traders of ${name}.`,
      };
    default:
      return {
        title: `${ex.name} Adds ${name} (${sym}) to Its Spot Market`,
        text: `${ex.name} is adding ${name} (${sym}) to its spot market; ${pairs} goes live at ${hour} on ${longDay(opens)}, and deposits of ${sym} are open.`,
      };
  }
}

/** A spot listing of `token` on `ex`. */
export function spotListing(m: Moment, ex: Exchange, token: CorpusToken): Draft {
  const { r, at } = m;
  m.memory.set(`listed:${ex.name}:${token.symbol}`, true);
  m.memory.set(`listed:${token.symbol}`, m.at.getTime());
  const seedTag = ex.name === 'Binance' && r.chance(0.6);
  const { title, text } = announcement(r, ex, token, at, seedTag);
  const roadmap = text.includes('roadmap');
  const major = ex.tier === 1;
  const sym = token.symbol;
  return {
    event: 'listing',
    tokens: [token],
    sentiment: r.float(major ? 0.6 : 0.45, major ? 0.8 : 0.6),
    value: roadmap ? r.int(68, 78) : major ? r.int(80, 90) : r.int(50, 64),
    summary: roadmap
      ? `Coinbase put ${nameOf(token)} (${sym}) on its listing roadmap; trading starts once market makers are in place.`
      : `${ex.name} is adding ${nameOf(token)} (${sym}) to its spot market, with trading due to open within a day.`,
    analysis: major
      ? `${anArticle(ex.name)} ${ex.name} ${roadmap ? 'roadmap addition' : 'spot listing'} gives ${sym} one of the deepest order books in the market; listings on the largest venues usually bring a burst of volume and sharp price swings in the first hours.${seedTag ? ` The Seed Tag marks ${sym} as an early-stage, higher-risk token.` : ''}`
      : `${ex.name} is a mid-sized venue, so the listing widens access to ${sym} more than it moves the price; the reaction is usually brief.`,
    post: { publisher: ex.desk, ...(title ? { title } : {}), text },
    // Newsrooms repeat a notice's title when it reads as a headline, and write their own when it does not.
    ...(!title || /^\[|!$|^New Listing/.test(title)
      ? {
          headline: oneOf(
            r,
            `${ex.name} to list ${nameOf(token)} (${sym})`,
            `${ex.name} lists ${sym}, opening ${pairsOf(ex, sym)} trading`,
          ),
        }
      : {}),
    echoes: major ? r.int(1, 3) : r.chance(0.15) ? 1 : 0,
  };
}

/** A perpetual futures listing on Binance, OKX or Bybit. */
export function perpListing(m: Moment, ex: Exchange, token: CorpusToken): Draft {
  const { r, at } = m;
  m.memory.set(`perp:${ex.name}:${token.symbol}`, true);
  const sym = token.symbol;
  const leverage = r.pick([20, 25, 50, 75]);
  const opens = ahead(r, at, 1, 12);
  const hour = utcTime(opens);
  const [title, text] =
    ex.name === 'Binance'
      ? [
          `Binance Futures Will Launch USDⓈ-Margined ${sym}USDT Perpetual Contract`,
          `Binance Futures will launch the ${sym}USDT perpetual contract for ${nameOf(token)} at ${hour} on ${isoDay(opens)}, with leverage of up to ${leverage}x and funding settled every four hours.`,
        ]
      : [
          `${ex.name} to launch ${sym}USDT perpetual futures`,
          `${ex.name} will list the ${sym}USDT perpetual contract for ${nameOf(token)} at ${hour} on ${longDay(opens)}, offering up to ${leverage}x leverage.`,
        ];
  return {
    event: 'listing',
    tokens: [token],
    sentiment: r.float(0.4, 0.6),
    value: ex.name === 'Binance' ? r.int(66, 76) : r.int(45, 58),
    summary: `${ex.name} is launching perpetual contracts on ${sym} with up to ${leverage}x leverage.`,
    analysis: `Perpetual futures let traders go long or short ${sym} with leverage; a new contract tends to lift volume and volatility, and funding rates soon show which side is crowded.`,
    post: { publisher: ex.desk, title, text },
    echoes: ex.name === 'Binance' && r.chance(0.3) ? 1 : 0,
  };
}

/** Any exchange lists a mid cap it has not listed yet. */
export function listing(m: Moment): Draft {
  const { r } = m;
  const ex = r.weighted(EXCHANGES.map((e) => [e, e.tier === 1 ? 1 : 2] as const));
  const token = unlisted(m, ex, LISTABLE);
  if (!token) return pairRemoval(m);
  if (
    r.chance(0.2) &&
    ['Binance', 'OKX', 'Bybit'].includes(ex.name) &&
    !m.memory.has(`perp:${ex.name}:${token.symbol}`)
  )
    return perpListing(m, ex, token);
  return spotListing(m, ex, token);
}

/** Tokens not delisted yet in the corpus. */
function undelisted(m: Moment, pool: readonly CorpusToken[], n: number): CorpusToken[] {
  const fresh = m.r.shuffle(pool.filter((t) => !m.memory.has(`delisted:${t.symbol}`))).slice(0, n);
  for (const t of fresh) m.memory.set(`delisted:${t.symbol}`, true);
  return fresh;
}

/** Binance retires two or three old small caps whose volume dried up. */
function fullDelisting(m: Moment, tokens: CorpusToken[]): Draft {
  const { r, at } = m;
  const symbols = tokens.map((t) => t.symbol);
  const date = isoDay(at, r.int(7, 12));
  return {
    event: 'delisting',
    tokens,
    sentiment: r.float(-0.8, -0.6),
    value: r.int(68, 78),
    summary: `Binance will remove every spot pair of ${and(symbols)} on ${date}, citing low volume and liquidity.`,
    analysis: `A Binance delisting cuts ${and(symbols)} off from their largest market; such tokens typically fall sharply on the notice and liquidity thins further elsewhere.`,
    post: {
      publisher: exchange('Binance').desk,
      title: `Binance Will Delist ${and(symbols)} on ${date}`,
      text:
        `Binance will delist ${and(tokens.map((t) => `${nameOf(t)} (${t.symbol})`))} and close all of their spot pairs at 03:00 UTC on ${date}. ` +
        `A periodic review found that the tokens no longer meet Binance's listing standards, citing low trading volume and liquidity. ` +
        `Withdrawals of ${and(symbols)} remain possible for three months after the delisting.`,
    },
    echoes: r.chance(0.4) ? 1 : 0,
  };
}

/** An exchange prunes thin cross pairs; the tokens stay listed elsewhere. */
function pairRemoval(m: Moment): Draft {
  const { r, at } = m;
  const candidates = CROSS_PAIRED.flatMap((t) =>
    ['BTC', 'ETH', 'FDUSD', 'TRY', 'BNB'].map((quote) => ({ t, pair: `${t.symbol}/${quote}` })),
  );
  const chosen = r
    .shuffle(candidates.filter(({ pair }) => !m.memory.has(`removed:${pair}`)))
    .filter((c, i, all) => all.findIndex((d) => d.t === c.t) === i)
    .slice(0, r.int(2, 4));
  for (const { pair } of chosen) m.memory.set(`removed:${pair}`, true);
  const tokens = chosen.map(({ t }) => t);
  const pairs = chosen.map(({ pair }) => pair);
  const ex = r.pick(['Binance', 'OKX', 'KuCoin'] as const);
  const date = isoDay(at, r.int(3, 7));
  return {
    event: 'delisting',
    tokens,
    sentiment: r.float(-0.4, -0.25),
    value: r.int(28, 40),
    summary: `${ex} will stop trading ${and(pairs)} on ${date} because of thin order books; the tokens keep their other pairs.`,
    analysis: `Removing low-volume cross pairs is routine housekeeping: ${and(tokens.map((t) => t.symbol))} stay tradable against stablecoins, so the price impact is usually negligible.`,
    post: {
      publisher: exchange(ex).desk,
      title: `${ex} Will Remove the ${and(pairs)} Spot Trading Pairs on ${date}`,
      text: `${ex} will remove the ${and(pairs)} spot pairs at 03:00 UTC on ${date} because of poor liquidity and low trading volume. ${and(tokens.map((t) => t.symbol))} remain listed and tradable on their other pairs.`,
    },
  };
}

/** A derivatives venue retires a perpetual contract nobody trades. */
function perpDelisting(m: Moment, token: CorpusToken): Draft {
  const { r, at } = m;
  const ex = r.pick(['Bybit', 'OKX'] as const);
  const sym = token.symbol;
  return {
    event: 'delisting',
    tokens: [token],
    sentiment: r.float(-0.5, -0.35),
    value: r.int(35, 46),
    summary: `${ex} is retiring the ${sym}USDT perpetual contract on ${longDay(at, 5)}; open positions will be settled at the index price.`,
    analysis: `Losing a perpetual market removes a hedging venue for ${sym}; the spot market is unaffected, but open interest has to close or move elsewhere.`,
    post: {
      publisher: exchange(ex).desk,
      title: `${ex} Will Delist the ${sym}USDT Perpetual Contract`,
      text: `${ex} is retiring the ${sym}USDT perpetual contract for ${nameOf(token)}: trading ends at 08:00 UTC on ${longDay(at, 5)}, positions still open then are settled at the index price, and new positions are blocked from ${longDay(at, 4)}.`,
    },
  };
}

export function delisting(m: Moment): Draft {
  const roll = m.r.next();
  if (roll < 0.3) {
    const tokens = undelisted(m, FADING, m.r.int(2, 3));
    if (tokens.length >= 2) return fullDelisting(m, tokens);
  }
  if (roll < 0.55) {
    const [token] = undelisted(m, FADING, 1);
    if (token) return perpDelisting(m, token);
  }
  return pairRemoval(m);
}
