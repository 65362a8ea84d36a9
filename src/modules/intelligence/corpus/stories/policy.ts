import { ETF_ISSUERS, REGULATORS } from '../cast.ts';
import { EXCHANGES, NEWSROOMS, WIRES } from '../publishers.ts';
import { oneOf, ordinal, pct, recentMove, usd, weekday, type Draft, type Moment } from '../story.ts';
import { ETF_PENDING, TOKENS, nameOf, type CorpusToken } from '../tokens.ts';

/** ETF flows and filings (only for assets that have spot ETFs or pending applications), regulation, and the macro calendar. */

const PRODUCTS: Record<string, ReadonlyArray<readonly [issuer: string, ticker: string]>> = {
  BTC: [
    ['BlackRock', 'IBIT'],
    ['Fidelity', 'FBTC'],
    ['Grayscale', 'GBTC'],
    ['ARK 21Shares', 'ARKB'],
    ['Bitwise', 'BITB'],
  ],
  ETH: [
    ['BlackRock', 'ETHA'],
    ['Fidelity', 'FETH'],
    ['Grayscale', 'ETHE'],
    ['Bitwise', 'ETHW'],
  ],
  SOL: [
    ['Bitwise', 'BSOL'],
    ['Grayscale', 'GSOL'],
    ['VanEck', 'VSOL'],
  ],
  XRP: [
    ['Canary Capital', 'XRPC'],
    ['Bitwise', 'XRP'],
    ['Franklin Templeton', 'XRPZ'],
    ['Grayscale', 'GXRP'],
  ],
};
/** How headlines name an asset's ETFs. */
const ETF_NAMES: Record<string, string> = { BTC: 'bitcoin', ETH: 'ether', SOL: 'Solana', XRP: 'XRP' };

/** One trading day of net flows (in millions, negative for outflows) into an asset's US spot ETFs. */
export function etfFlows(m: Moment, token: CorpusToken, millions: number, streak: number): Draft {
  const { r, at } = m;
  const inflow = millions > 0;
  const size = Math.abs(millions);
  const amount = usd(size);
  const asset = ETF_NAMES[token.symbol]!;
  // The largest funds lead inflows; redemptions can come from any of them.
  const products = inflow
    ? [...r.shuffle(PRODUCTS[token.symbol]!.slice(0, 2)), ...PRODUCTS[token.symbol]!.slice(2)]
    : r.shuffle(PRODUCTS[token.symbol]!);
  const [issuer, ticker] = products[0]!;
  const lead = usd(size * r.float(0.45, 0.8));
  const flows = inflow ? 'inflows' : 'outflows';
  const big = size >= (token.symbol === 'BTC' ? 500 : 150);
  return {
    event: 'other',
    tokens: [token],
    sentiment: inflow ? r.float(0.4, 0.6) : r.float(-0.55, -0.4),
    value: big ? r.int(60, 68) : r.int(42, 56),
    summary: `US spot ${asset} ETFs had net ${flows} of ${amount} on ${weekday(at)}, ${inflow ? 'led' : 'driven'} by ${issuer}'s ${ticker} (${lead}).`,
    analysis: inflow
      ? `ETF flows are the clearest read on institutional demand for ${token.symbol}; ${big ? 'a day this large absorbs well over a week of new supply' : 'steady inflows like these support the price without moving it much'}.`
      : `Net redemptions show institutions trimming ${token.symbol} exposure${streak >= 3 ? `, now for ${streak} sessions in a row` : ''}; sustained outflows tend to weigh on the price.`,
    post: {
      publisher: r.pick([...NEWSROOMS, ...WIRES]),
      title: oneOf(
        r,
        `Spot ${asset} ETFs ${inflow ? 'log' : 'bleed'} ${amount} in net ${flows}`,
        `${asset[0]!.toUpperCase()}${asset.slice(1)} ETFs see ${amount} of ${flows} as ${ticker} ${inflow ? 'leads' : 'sheds'} ${lead}`,
        `US ${asset} funds post ${amount} net ${flows} on ${weekday(at)}`,
        ...(streak >= 3
          ? [`${asset[0]!.toUpperCase()}${asset.slice(1)} ETF ${flows} run reaches ${streak} days with ${amount} more`]
          : []),
      ),
      text:
        `US spot ${asset} ETFs recorded net ${flows} of ${amount} on ${weekday(at)}, ${inflow ? 'led' : 'driven'} by ${issuer}'s ${ticker} with ${lead}, according to issuer data. ` +
        (streak >= 3
          ? `It was the ${ordinal(streak)} straight session of ${flows}.`
          : `${products[1]![1]} ${inflow ? 'added a smaller amount' : 'saw modest redemptions'}, while the other funds were flat.`),
    },
    echoes: big ? 1 : 0,
  };
}

/** An issuer files, amends or waits on a spot ETF for an asset that has an application pending. */
function etfApplication(m: Moment): Draft {
  const { r } = m;
  const token = r.pick(ETF_PENDING);
  const issuer = r.pick(ETF_ISSUERS);
  const name = nameOf(token);
  const sym = token.symbol;
  const kind = m.memory.has(`etf:${issuer}:${sym}`) ? r.pick(['amend', 'delay'] as const) : 'file';
  m.memory.set(`etf:${issuer}:${sym}`, true);
  const base = { event: 'regulation' as const, tokens: [token] };
  const publisher = r.pick([...NEWSROOMS, ...WIRES]);
  if (kind === 'file') {
    return {
      ...base,
      sentiment: r.float(0.4, 0.55),
      value: r.int(54, 64),
      summary: `${issuer} has asked the SEC to approve a spot ${name} ETF that would hold ${sym} directly.`,
      analysis: `Another issuer lining up for a fund holding ${sym} raises the odds of approval and of new institutional demand, though a decision is months away.`,
      post: {
        publisher,
        title: oneOf(r, `${issuer} files for spot ${name} ETF`, `${issuer} joins race for a US spot ${name} ETF`),
        text: `${issuer} filed a registration statement with the SEC for a spot ${name} (${sym}) exchange-traded fund, which would hold ${sym} directly with a regulated custodian. The agency has up to 240 days to rule on the application.`,
      },
    };
  }
  if (kind === 'amend') {
    return {
      ...base,
      sentiment: r.float(0.35, 0.45),
      value: r.int(46, 56),
      summary: `${issuer} updated its spot ${name} ETF filing with a fee and a custodian, a sign talks with the SEC are advancing.`,
      analysis: `Amended filings with fees usually come late in the review, so the decision on ${sym} ETFs may be nearer than the deadline suggests.`,
      post: {
        publisher,
        title: `${issuer} amends ${name} ETF filing, discloses ${r.float(0.15, 0.35)}% fee`,
        text: `${issuer} filed an amended S-1 for its proposed spot ${name} (${sym}) ETF, naming its custodian and disclosing the management fee. Analysts read amendments at this stage as a sign the SEC review is advancing.`,
      },
    };
  }
  return {
    ...base,
    sentiment: r.float(-0.45, -0.35),
    value: r.int(48, 58),
    summary: `The SEC pushed back its decision on ${issuer}'s spot ${name} ETF by 45 days.`,
    analysis: `Delays are the SEC's habit rather than a verdict; ${sym} traders hoping for an ETF-driven rally have to wait for the next deadline.`,
    post: {
      publisher,
      title: `SEC delays decision on ${issuer}'s spot ${name} ETF`,
      text: `The SEC extended its review of ${issuer}'s proposed spot ${name} (${sym}) ETF by 45 days and opened a further comment period, without giving reasons.`,
    },
  };
}

/** A regulatory story and the fact it settles (`key`), so the corpus never tells it twice. */
type Scene = (m: Moment) => Omit<Draft, 'event' | 'tokens' | 'post'> & { key: string; title: string; text: string };

const LICENCES: Record<string, string> = {
  'the FCA': 'crypto-asset registration',
  MAS: 'Major Payment Institution licence',
  VARA: 'Virtual Asset Service Provider licence',
  ESMA: 'MiCA authorisation',
  'the SFC': 'virtual asset trading platform licence',
  'the FSA': 'crypto-asset exchange registration',
};
const capName = (regulator: string) => regulator[0]!.toUpperCase() + regulator.slice(1);

const SCENES: readonly Scene[] = [
  ({ r }) => {
    const reg = r.pick(REGULATORS.filter((g) => g.name in LICENCES));
    const ex = r.pick(EXCHANGES).name;
    const licence = LICENCES[reg.name]!;
    return {
      key: `licence:${ex}:${reg.place}`,
      sentiment: r.float(0.4, 0.55),
      value: r.int(44, 56),
      title: `${ex} wins ${licence} in ${reg.place}`,
      text: `${ex} said ${reg.name} granted it a ${licence}, letting it offer spot trading and custody to retail customers in ${reg.place}.`,
      summary: `${ex} can now serve retail customers in ${reg.place} after ${reg.name} approved its ${licence}.`,
      analysis: `Licences open regulated markets one by one; this one matters mostly to ${ex}'s growth in ${reg.place}, not to prices.`,
    };
  },
  ({ r }) => {
    const reg = r.pick(REGULATORS);
    const ex = r.pick(EXCHANGES).name;
    const fine = usd(r.float(2, 60, 1));
    const issue = r.pick([
      'anti-money-laundering failures',
      'serving customers without a licence',
      'misleading marketing of yield products',
      'weak customer identity checks',
    ]);
    return {
      key: `fine:${ex}`,
      sentiment: r.float(-0.55, -0.4),
      value: r.int(48, 60),
      title: `${reg.name.replace(/^the /, '')} fines ${ex} ${fine} over ${issue}`,
      text: `${capName(reg.name)} fined ${ex} ${fine} for ${issue} in ${reg.place}. The exchange said it had already fixed the problems and would keep operating there.`,
      summary: `${ex} pays a ${fine} penalty in ${reg.place} for ${issue}.`,
      analysis: `Fines of this size are a cost of doing business for a large exchange; the risk for users is limited unless ${reg.name} restricts its licence.`,
    };
  },
  ({ r }) => {
    const reg = r.pick(REGULATORS.filter((g) => g.place !== 'US'));
    return {
      key: `stablecoin-rules:${reg.place}`,
      sentiment: r.float(0.35, 0.5),
      value: r.int(52, 64),
      title: `${reg.place} finalises rules for stablecoin issuers`,
      text: `${capName(reg.name)} published final rules requiring stablecoin issuers in ${reg.place} to hold one-to-one reserves in cash and short-term government debt and to publish monthly attestations.`,
      summary: `Stablecoin issuers in ${reg.place} must now hold full reserves and publish monthly attestations.`,
      analysis:
        'Clear reserve rules make it easier for banks and payment firms to use stablecoins, which over time deepens on-chain liquidity.',
    };
  },
  ({ r }) => ({
    key: 'market-structure-bill',
    sentiment: r.float(0.45, 0.6),
    value: r.int(64, 72),
    title: oneOf(
      r,
      'Senate committee advances crypto market structure bill',
      'Crypto market structure bill clears Senate committee vote',
    ),
    text: `The Senate Banking Committee voted ${r.int(13, 16)} to ${r.int(8, 11)} to advance a bill that would split oversight of digital assets between the SEC and the CFTC, sending it to the full Senate.`,
    summary: 'A US bill dividing crypto oversight between the SEC and the CFTC moves to the full Senate.',
    analysis:
      'A market structure law would settle which tokens are securities, the main legal risk hanging over US exchanges and token issuers.',
  }),
  ({ r }) => {
    const reg = r.pick(REGULATORS.filter((g) => g.place !== 'US'));
    return {
      key: `tax-reporting:${reg.place}`,
      sentiment: r.float(-0.45, -0.35),
      value: r.int(40, 50),
      title: `${reg.place} to make exchanges report customers' crypto trades to the tax office`,
      text: `Exchanges serving customers in ${reg.place} will have to report each user's crypto trades and balances to the tax authority from next year, under rules based on the OECD's reporting framework.`,
      summary: `Crypto exchanges in ${reg.place} must report customers' trades to the tax authority from next year.`,
      analysis:
        'Automatic tax reporting removes the anonymity some traders relied on; it rarely moves prices but can push activity to self-custody.',
    };
  },
  ({ r }) => ({
    key: 'staking-guidance',
    sentiment: r.float(0.4, 0.55),
    value: r.int(55, 65),
    title: 'SEC staff say most liquid staking tokens are not securities',
    text: 'SEC staff published guidance saying liquid staking arrangements, in which a provider issues a receipt token for staked ETH or SOL, generally do not involve the offer of securities.',
    summary: 'SEC staff guidance puts most liquid staking receipt tokens outside securities law.',
    analysis:
      'The guidance removes a legal cloud over liquid staking providers and makes staking inside US ETFs easier to approve.',
  }),
];

export function regulation(m: Moment): Draft {
  const { r } = m;
  if (r.chance(0.35)) return etfApplication(m);
  // A few draws find a story not told yet; the scenes have far more combinations than a corpus uses.
  for (let attempt = 0; attempt < 8; attempt++) {
    const { key, title, text, ...labels } = r.pick(SCENES)(m);
    if (m.memory.has(key)) continue;
    m.memory.set(key, true);
    return {
      event: 'regulation',
      tokens: [],
      ...labels,
      post: { publisher: r.pick([...NEWSROOMS, ...WIRES]), title, text },
      echoes: labels.value >= 60 ? r.int(1, 2) : 0,
    };
  }
  return etfApplication(m);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const lastMonth = (at: Date) => MONTHS[(at.getUTCMonth() + 11) % 12]!;

/**
 * The macro releases of the span, by kind; the corpus builder schedules each on a weekday. How crypto
 * reacted is read off the market's path over the hours before the story, and the release is written
 * to fit it (bitcoin fell: inflation ran hot), so no story states a move the market contradicts.
 */
export const MACRO = {
  cpi(m: Moment): Draft {
    const { r, at } = m;
    const { size: move, up } = recentMove(m, TOKENS.BTC, 1);
    const hot = !up;
    const forecast = r.float(2.6, 3.1, 1);
    const actual = Math.round((forecast + (hot ? 0.2 : -0.2)) * 10) / 10;
    return {
      event: 'macro',
      tokens: [TOKENS.BTC],
      sentiment: hot ? -0.55 : 0.55,
      value: r.int(72, 80),
      summary: `US inflation came in at ${actual}% for ${lastMonth(at)} against ${forecast}% expected, and bitcoin ${hot ? 'fell' : 'rose'} ${pct(move)}.`,
      analysis: hot
        ? 'Hotter inflation pushes rate cuts further out, which has weighed on BTC and other risk assets through this cycle.'
        : 'Cooler inflation revives bets on rate cuts, the backdrop under which BTC has rallied most this cycle.',
      post: {
        publisher: r.pick(WIRES),
        title: hot
          ? `Bitcoin slides as US inflation runs hotter than expected in ${lastMonth(at)}`
          : `Bitcoin climbs as US inflation cools more than expected in ${lastMonth(at)}`,
        text: `The consumer price index rose ${actual}% from a year earlier in ${lastMonth(at)}, against forecasts of ${forecast}%. Bitcoin ${hot ? 'fell' : 'rose'} ${pct(move)} in the hour after the release as traders ${hot ? 'pushed back' : 'brought forward'} their bets on the next rate cut.`,
      },
      echoes: 2,
    };
  },
  fomc(m: Moment): Draft {
    const { r } = m;
    const cut = r.chance(0.5);
    const upper = r.pick([3.75, 4, 4.25]);
    const range = cut ? `${upper - 0.5}%–${upper - 0.25}%` : `${upper - 0.25}%–${upper}%`;
    const { size: btc, up } = recentMove(m, TOKENS.BTC, 1);
    const { size: eth, up: ethUp } = recentMove(m, TOKENS.ETH, 1);
    return {
      event: 'macro',
      tokens: [TOKENS.BTC, TOKENS.ETH],
      sentiment: up ? 0.55 : -0.55,
      value: r.int(80, 88),
      summary: `The Fed ${cut ? 'cut rates by a quarter point' : 'left rates unchanged'} at ${range}; BTC ${up ? 'rose' : 'fell'} ${pct(btc)} and ETH ${ethUp ? 'rose' : 'fell'} ${pct(eth)}.`,
      analysis: `Crypto trades as a rate-sensitive risk asset: ${up ? 'a friendlier Fed path lifted BTC' : 'a less dovish Fed than hoped weighed on BTC'}, and the press conference sets the tone for the coming weeks.`,
      post: {
        publisher: r.pick(WIRES),
        title: `Bitcoin ${up ? 'rises' : 'falls'} as Fed ${cut ? 'cuts rates by a quarter point' : 'holds rates steady'}`,
        text: `The Federal Reserve ${cut ? 'cut' : 'held'} its policy rate ${cut ? 'to' : 'at'} ${range}. Bitcoin ${up ? 'rose' : 'fell'} ${pct(btc)} and ether ${ethUp ? 'gained' : 'lost'} ${pct(eth)} after the decision as Powell ${up ? 'left the door open to further easing' : 'said the committee was in no hurry'}.`,
      },
      echoes: 3,
    };
  },
  payrolls(m: Moment): Draft {
    const { r, at } = m;
    const { size: move, up } = recentMove(m, TOKENS.BTC, 1);
    const beat = !up;
    const forecast = r.int(90, 180);
    const actual = beat ? forecast + r.int(40, 110) : Math.max(10, forecast - r.int(40, 100));
    return {
      event: 'macro',
      tokens: [TOKENS.BTC],
      sentiment: beat ? -0.4 : 0.4,
      value: r.int(60, 68),
      summary: `US employers added ${actual},000 jobs in ${lastMonth(at)} against ${forecast},000 expected; bitcoin ${beat ? 'slipped' : 'climbed'} ${pct(move)}.`,
      analysis: beat
        ? 'A strong labour market gives the Fed room to hold rates, which markets read as a headwind for BTC.'
        : 'A soft labour market strengthens the case for rate cuts, which has tended to lift BTC.',
      post: {
        publisher: r.pick(WIRES),
        title: beat
          ? `Bitcoin slips after US payrolls beat forecasts in ${lastMonth(at)}`
          : `Bitcoin climbs as US hiring slows more than expected in ${lastMonth(at)}`,
        text: `Nonfarm payrolls rose by ${actual},000 in ${lastMonth(at)}, against forecasts of ${forecast},000, and unemployment was ${r.float(4, 4.6, 1)}%. Bitcoin ${beat ? 'slipped' : 'climbed'} ${pct(move)} as Treasury yields ${beat ? 'rose' : 'fell'}.`,
      },
      echoes: 1,
    };
  },
  pce(m: Moment): Draft {
    const { r, at } = m;
    const rate = r.float(2.4, 3, 1);
    const eased = recentMove(m, TOKENS.BTC, 1).up;
    return {
      event: 'macro',
      tokens: [TOKENS.BTC],
      sentiment: eased ? 0.4 : -0.4,
      value: r.int(52, 60),
      summary: `Core PCE inflation ${eased ? 'eased' : 'rose'} to ${rate}% in ${lastMonth(at)}.`,
      analysis: `The Fed's preferred gauge ${eased ? 'supports the case for cuts, a tailwind for BTC' : 'argues for patience, which keeps pressure on BTC'}.`,
      post: {
        publisher: r.pick(WIRES),
        title: `Bitcoin ${eased ? 'edges higher' : 'drifts lower'} as the Fed's preferred inflation gauge ${eased ? 'eases' : 'rises'} to ${rate}%`,
        text: `Core PCE inflation was ${rate}% from a year earlier in ${lastMonth(at)}, ${eased ? 'down' : 'up'} from the month before. Bitcoin ${eased ? 'edged higher' : 'drifted lower'} after the data.`,
      },
    };
  },
  dollar(m: Moment): Draft {
    const { r } = m;
    const weeks = r.int(3, 12);
    // Asian trading hours: the story is written in them.
    const { size, up } = recentMove(m, TOKENS.BTC, 3);
    return {
      event: 'macro',
      tokens: [TOKENS.BTC],
      sentiment: up ? -0.2 : -0.4,
      value: r.int(40, 50),
      summary: up
        ? `The dollar index hit a ${weeks}-week high; bitcoin shrugged it off, up ${pct(size)}.`
        : `A ${weeks}-week high in the dollar index pulled bitcoin down ${pct(size)}.`,
      analysis: 'A stronger dollar tightens global financial conditions; BTC has tended to move against it.',
      post: {
        publisher: r.pick(WIRES),
        title: up
          ? `Dollar climbs to ${weeks}-week high; bitcoin holds up`
          : `Dollar climbs to ${weeks}-week high, weighing on bitcoin`,
        text: `The dollar index rose to its highest level in ${weeks} weeks as Treasury yields climbed, and bitcoin ${up ? 'still edged up' : 'slipped'} ${pct(size)} during Asian trading hours.`,
      },
    };
  },
  tariffs(m: Moment): Draft {
    const { r } = m;
    const [btc, eth] = [recentMove(m, TOKENS.BTC, 2), recentMove(m, TOKENS.ETH, 2)];
    const moved = (name: string, { size, up }: typeof btc) => `${name} ${up ? 'rose' : 'fell'} ${pct(size)}`;
    // Longs are flushed only when bitcoin actually fell.
    const liquidated = btc.up ? '' : usd(r.float(Math.min(btc.size, 5) * 120, Math.min(btc.size, 5) * 360, 0));
    return {
      event: 'macro',
      tokens: [TOKENS.BTC, TOKENS.ETH],
      sentiment: btc.up ? -0.3 : -0.7,
      value: r.int(74, 82),
      summary: `New US tariff threats hit ${btc.up ? 'stocks' : 'risk assets'}: ${moved('BTC', btc)} and ${moved('ETH', eth)}${liquidated && `, and ${liquidated} of leveraged longs were liquidated`}.`,
      analysis: btc.up
        ? 'Trade-war headlines usually hit crypto with stocks; that bitcoin held up this time suggests little leverage was left to flush.'
        : 'Trade-war headlines hit crypto hardest when leverage is high; the liquidations show how crowded longs were.',
      post: {
        publisher: r.pick(WIRES),
        title: `Tariff threat rattles markets as bitcoin ${btc.up ? 'holds up' : 'slides'}`,
        text: `Stocks sold off after the White House threatened new tariffs on imports from the EU. In the two hours since, ${moved('bitcoin', btc)} and ${moved('ether', eth)}${liquidated && `, and ${liquidated} of leveraged long positions were liquidated across exchanges`}.`,
      },
      echoes: 2,
    };
  },
  bojHike(m: Moment): Draft {
    const { r } = m;
    const { size, up } = recentMove(m, TOKENS.BTC, 1);
    const moved = `bitcoin ${up ? 'rose' : 'fell'} ${pct(size)}`;
    return {
      event: 'macro',
      tokens: [TOKENS.BTC],
      sentiment: up ? -0.2 : -0.5,
      value: r.int(62, 70),
      summary: `The Bank of Japan raised rates to ${r.pick(['0.75', '1'])}%, and ${moved} as traders weighed a yen carry-trade unwind.`,
      analysis:
        'Higher Japanese rates can force leveraged carry trades to unwind, a source of sudden selling across risk assets including BTC.',
      post: {
        publisher: r.pick(WIRES),
        title: `Bitcoin ${up ? 'holds up' : 'slips'} as Bank of Japan raises rates and the yen jumps`,
        text: `The Bank of Japan raised its policy rate for the first time in months and signalled more to come. The yen jumped and ${moved} in the hour after as traders weighed an unwinding of yen-funded bets.`,
      },
      echoes: 1,
    };
  },
} as const;
