import { type COMPANIES, FUNDS, STARTUP_NAMES, STARTUP_SUFFIXES, VENTURES } from '../cast.ts';
import { NEWSROOMS, WIRES } from '../publishers.ts';
import { above, oneOf, pct, recentMove, usd, weekday, type Draft, type Moment } from '../story.ts';
import { CHAINS, TOKENS, homeOf, type CorpusToken } from '../tokens.ts';

/** Partnerships, funding rounds and network news: what firms and developers do on the chains. */

type Company = (typeof COMPANIES)[number];

/** What a firm plausibly does on a chain, with the firms that do it. */
const DEALS: ReadonlyArray<{
  by: readonly Company[];
  title: (c: string, chain: string) => string;
  text: (c: string, chain: string, m: Moment) => string;
  gist: string;
}> = [
  {
    by: ['Visa', 'Mastercard', 'Stripe', 'Revolut', 'Nubank', 'Santander'],
    title: (c, chain) => `${c} taps ${chain} for stablecoin settlement`,
    text: (c, chain, { r }) =>
      `${c} will settle ${r.pick(['USDC', 'EURC', 'PYUSD'])} payments with merchants on ${chain}, starting with a pilot in ${r.pick(['Latin America', 'the EU', 'Southeast Asia', 'the US'])} before a wider rollout next year.`,
    gist: 'settle stablecoin payments',
  },
  {
    by: ['BlackRock', 'Franklin Templeton', 'Fidelity', 'Société Générale', 'Santander'],
    title: (c, chain) => `${c} brings tokenised money market fund to ${chain}`,
    text: (c, chain, { r }) =>
      `${c} has extended its tokenised money market fund to ${chain}, letting qualified investors hold and transfer fund shares on-chain. The fund manages about ${usd(r.float(150, 2500, 0))} across networks.`,
    gist: 'issue tokenised fund shares',
  },
  {
    by: ['Google Cloud', 'Deutsche Bank', 'Sony', 'Standard Chartered'],
    title: (c, chain) => `${c} joins ${chain} as a validator`,
    text: (c, chain) =>
      `${c} will run a validator on ${chain} and work with its developers on infrastructure tooling, the companies said in a joint statement.`,
    gist: 'run a validator',
  },
  {
    by: ['PayPal', 'Robinhood', 'Shopify', 'Revolut', 'Circle'],
    title: (c, chain) => `${c} adds support for ${chain}`,
    text: (c, chain, { r, at }) =>
      `${c} has added support for ${chain}: customers can now send and receive assets there, ${r.pick(['with fees below a cent', 'starting with US users', 'in more than 30 countries'])}, the company said on ${weekday(at)}.`,
    gist: 'support transfers',
  },
];

export function partnership(m: Moment): Draft {
  const { r } = m;
  if (r.chance(0.15)) return oracleDeal(m);
  const deal = r.pick(DEALS);
  const company = r.pick(deal.by);
  const token = r.pick(CHAINS);
  const chain = homeOf(token);
  if (m.memory.has(`deal:${company}:${chain}`)) return network(m);
  m.memory.set(`deal:${company}:${chain}`, true);
  const big = ['BlackRock', 'Visa', 'Mastercard', 'PayPal', 'Stripe', 'Google Cloud', 'Fidelity'].includes(company);
  // The token's move since the announcement, as the market quotes it.
  const { size, up } = recentMove(m, token, 2);
  const reaction = `${token.symbol} ${up ? 'rose' : 'slipped'} ${pct(size)}`;
  return {
    event: 'partnership',
    tokens: [token],
    sentiment: r.float(0.45, 0.65),
    value: big ? r.int(64, 76) : r.int(50, 62),
    summary: `${company} will ${deal.gist} on ${chain}; ${reaction} in the hours after the news.`,
    analysis: `${big ? 'A household name' : 'An established firm'} choosing ${chain} is a vote of confidence in the network; the lasting effect on ${token.symbol} depends on whether real volume follows the pilot.`,
    post: {
      publisher: r.pick([...NEWSROOMS, ...WIRES]),
      title: deal.title(company, chain),
      text: `${deal.text(company, chain, m)} ${reaction} after the announcement.`,
    },
    echoes: big ? r.int(1, 2) : 0,
  };
}

/** Chainlink deals are about data, not settlement. */
function oracleDeal(m: Moment): Draft {
  const { r } = m;
  const company = r.pick([
    'Deutsche Bank',
    'Standard Chartered',
    'Santander',
    'Fidelity',
    'Franklin Templeton',
  ] as const);
  const what = r.pick(['fund net asset values', 'FX reference rates', 'tokenised bond prices']);
  // A firm announces its Chainlink deal once.
  if (m.memory.has(`oracle:${company}`)) return network(m);
  m.memory.set(`oracle:${company}`, true);
  return {
    event: 'partnership',
    tokens: [TOKENS.LINK],
    sentiment: r.float(0.45, 0.6),
    value: r.int(52, 64),
    summary: `${company} will publish ${what} on-chain through Chainlink.`,
    analysis:
      'Bank data on-chain is the use case Chainlink has pitched for years; each deal adds to the case for LINK as infrastructure rather than a trade.',
    post: {
      publisher: r.pick(NEWSROOMS),
      title: `${company} uses Chainlink to bring ${what} on-chain`,
      text: `${company} will publish ${what} to public blockchains through Chainlink (LINK) oracles, starting with a pilot for institutional clients.`,
    },
  };
}

export function funding(m: Moment): Draft {
  const { r } = m;
  const unfunded = CHAINS.filter((t) => !m.memory.has(`fund:${t.symbol}`));
  if (unfunded.length && r.chance(0.2)) return ecosystemFund(m, r.pick(unfunded));
  const name = `${r.pick(STARTUP_NAMES)} ${r.pick(STARTUP_SUFFIXES)}`;
  if (m.memory.has(`raised:${name}`)) return network(m);
  m.memory.set(`raised:${name}`, true);
  const { builds, sector } = r.pick(VENTURES);
  const startup = { name, builds, sector };
  const [lead, second] = r.shuffle(FUNDS);
  const round = r.pick(['seed', 'Series A', 'Series B', 'strategic'] as const);
  const size = round === 'seed' ? r.float(3, 12, 1) : round === 'Series B' ? r.float(40, 120, 0) : r.float(10, 45, 0);
  const amount = usd(size);
  return {
    event: 'funding',
    tokens: [],
    sentiment: r.float(0.4, 0.5),
    value: size >= 40 ? r.int(48, 56) : r.int(34, 46),
    summary: `${startup.name} raised ${amount} (${round}) from ${lead} and ${second} to build ${startup.builds}.`,
    analysis: `Venture money keeps flowing into ${startup.sector}; the round says more about investor appetite than about any listed token.`,
    post: {
      publisher: r.pick(NEWSROOMS),
      title: oneOf(
        r,
        `${startup.name} raises ${amount} in ${round} round led by ${lead}`,
        `${lead} leads ${amount} ${round} round for ${startup.name}`,
      ),
      text: `${startup.name}, which builds ${startup.builds}, raised ${amount} in a ${round} round led by ${lead} with participation from ${second}. It plans to use the money to hire engineers and expand to new markets.`,
    },
  };
}

function ecosystemFund(m: Moment, token: CorpusToken): Draft {
  const { r } = m;
  m.memory.set(`fund:${token.symbol}`, true);
  const chain = homeOf(token);
  const amount = usd(r.pick([25, 50, 75, 100, 150, 250]));
  const theme = r.pick(['consumer apps', 'DeFi builders', 'AI agents', 'payments', 'gaming studios']);
  return {
    event: 'funding',
    tokens: [token],
    sentiment: r.float(0.45, 0.55),
    value: r.int(48, 58),
    summary: `A ${amount} fund will back ${theme} building on ${chain}.`,
    analysis: `Ecosystem funds buy developer attention; for ${token.symbol} the effect shows up, if at all, months later as new applications launch.`,
    post: {
      publisher: r.pick(NEWSROOMS),
      title: `${chain} backers launch ${amount} fund for ${theme}`,
      text: `A group of investors and the ${chain} foundation launched a ${amount} fund to back ${theme} building on ${chain} (${token.symbol}), with the first grants due next quarter.`,
    },
  };
}

/** "SOL fell 1.2%": the token's move over an outage of `hours`, on the market's path. */
function outageMove(m: Moment, token: CorpusToken, hours: number): string {
  const { size, up } = recentMove(m, token, hours);
  return `${token.symbol} ${up ? 'rose' : 'fell'} ${pct(size)}`;
}

/** Upgrades, outages and records: what happens to the chains themselves. */
export function network(m: Moment): Draft {
  const { r, at } = m;
  const token = r.pick(CHAINS);
  const chain = homeOf(token);
  const kind = r.weighted([
    ['upgrade', 4],
    ['outage', token.symbol === 'ETH' ? 0 : 1.2],
    ['record', 3],
  ] as const);
  if (kind === 'outage' && !m.memory.has(`outage:${chain}`)) {
    m.memory.set(`outage:${chain}`, true);
    const hours = r.float(1, 5, 1);
    return {
      event: 'other',
      tokens: [token],
      sentiment: r.float(-0.65, -0.5),
      value: r.int(64, 74),
      summary: `${chain} stopped producing blocks for about ${hours} hours before validators restarted it with a patched client.`,
      analysis: `Downtime hurts ${chain}'s pitch to institutions and traders alike; ${token.symbol} usually recovers quickly if the restart holds, but repeated halts leave a discount.`,
      post: {
        publisher: r.pick(NEWSROOMS),
        title: oneOf(
          r,
          `${chain} halts block production for ${hours} hours`,
          `${chain} network goes down for ${hours} hours after consensus bug`,
        ),
        text: `${chain} stopped producing blocks for about ${hours} hours on ${weekday(at)} after a consensus bug; validators restarted the network with a patched client. ${outageMove(m, token, hours)} during the outage.`,
      },
      echoes: r.int(1, 2),
    };
  }
  if (kind === 'upgrade' && !m.memory.has(`upgrade:${chain}`)) {
    m.memory.set(`upgrade:${chain}`, true);
    const days = r.int(5, 25);
    const change = r.pick([
      'raise the block gas limit',
      'cut transaction fees',
      'speed up finality',
      'add account abstraction',
      'lower validator hardware requirements',
    ]);
    return {
      event: 'other',
      tokens: [token],
      sentiment: r.float(0.35, 0.5),
      value: r.int(46, 60),
      summary: `${chain}'s next upgrade, which will ${change}, is scheduled to go live in ${days} days.`,
      analysis: `A fixed date turns a roadmap item into a catalyst; ${token.symbol} upgrades are usually priced in by the time they ship.`,
      post: {
        publisher: r.pick(NEWSROOMS),
        title: `${chain} developers schedule upgrade to ${change}`,
        text: `Core developers of ${chain} agreed to activate the next network upgrade in ${days} days, after it ran without problems on test networks. The upgrade will ${change}.`,
      },
    };
  }
  // A share of the chain token's market cap as the market quotes it, and above the last record the corpus told.
  const last = m.memory.get(`tvl:${chain}`) as number | undefined;
  const millions = last
    ? above(last, last * r.float(1.03, 1.12))
    : Math.max(150, (m.prices.marketCap(token, at) / 1e6) * (token.symbol === 'ETH' ? 0.2 : r.float(0.02, 0.12)));
  m.memory.set(`tvl:${chain}`, millions);
  const tvl = usd(millions);
  return {
    event: 'other',
    tokens: [token],
    sentiment: r.float(0.4, 0.5),
    value: r.int(40, 52),
    summary: `Deposits in ${chain} DeFi applications reached a record ${tvl}.`,
    analysis: `Record deposits show capital choosing ${chain}; for ${token.symbol} it is a sign of real usage rather than speculation.`,
    post: {
      publisher: r.pick(NEWSROOMS),
      title: `${chain} DeFi deposits hit record ${tvl}`,
      text: `The total value locked in ${chain} DeFi applications rose to a record ${tvl}, led by lending and liquid staking, according to DefiLlama data.`,
    },
  };
}
