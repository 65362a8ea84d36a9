import type { Random } from './random.ts';
import {
  ALTS,
  COMPANIES,
  EXCHANGES,
  FUNDS,
  MAJORS,
  MONTHS,
  PROTOCOLS,
  REGULATORS,
  STABLES,
  STARTUPS,
  type Coin,
} from './vocabulary.ts';

/**
 * Story makers: each returns one piece of market news as its first source
 * would publish it. Wording is drawn from several phrasings per story type so
 * the replay reads like many authors, not one template.
 */

type Channel = 'news' | 'twitter' | 'exchange' | 'onchain';

export interface Story {
  channel: Channel;
  title?: string;
  text: string;
  /** Who publishes it on the exchange or on-chain channel. */
  publisher?: string;
  /** Big enough that other outlets repeat it (a near-duplicate cluster). */
  newsworthy: boolean;
}

const coin = (r: Random): Coin => (r.chance(0.4) ? r.pick(MAJORS) : r.pick(ALTS));
const pct = (r: Random, max = 40) => `${r.int(2, max)}${r.chance(0.3) ? `.${r.int(1, 9)}` : ''}%`;
const usd = (r: Random, min: number, max: number) => {
  const value = r.int(min, max);
  return value >= 1000 ? `$${(value / 1000).toFixed(1).replace(/\.0$/, '')} billion` : `$${value} million`;
};
const day = (r: Random) => `${r.pick(MONTHS)} ${r.int(1, 28)}`;
const hour = (r: Random) => `${String(r.int(0, 23)).padStart(2, '0')}:00 UTC`;

function listing(r: Random): Story {
  const c = coin(r);
  const ex = r.pick(EXCHANGES);
  const title = r.pick([
    `${ex} Will List ${c.name} (${c.symbol})`,
    `${ex} to list ${c.symbol} spot trading`,
    `New listing: ${c.symbol}/USDT on ${ex}`,
    `${ex} adds ${c.name} (${c.symbol}) to its spot market`,
  ]);
  const text = r.pick([
    `${ex} will open trading for the ${c.symbol}/USDT and ${c.symbol}/USDC pairs at ${hour(r)} on ${day(r)}. Deposits are open now; withdrawals open a day later.`,
    `Support for ${c.name} (${c.symbol}) ${c.home} is now live. Inbound transfers are enabled and trading will begin once liquidity conditions are met.`,
    `${c.symbol} perpetual contracts with up to ${r.pick([20, 25, 50, 75])}x leverage launch on ${ex} at ${hour(r)}. A seed tag applies to the spot market.`,
    `Dear users, ${ex} will list ${c.symbol} in the Innovation Zone. Trading pair: ${c.symbol}/USDT. Trading starts ${day(r)}, ${hour(r)}.`,
  ]);
  return { channel: 'exchange', publisher: ex, title, text, newsworthy: true };
}

function delisting(r: Random): Story {
  const a = coin(r);
  const b = r.pick(ALTS);
  const ex = r.pick(EXCHANGES);
  const title = r.pick([
    `${ex} Will Delist ${a.symbol} and ${b.symbol}`,
    `Notice of removal of spot trading pairs - ${day(r)}`,
    `${ex} to end support for ${a.name} (${a.symbol})`,
  ]);
  const text = r.pick([
    `${ex} will delist ${a.symbol} and ${b.symbol} on ${day(r)} at ${hour(r)}. The tokens no longer meet our listing standards. Withdrawals remain open for 90 days.`,
    `${ex} will remove and cease trading on the following spot pairs: ${a.symbol}/BTC, ${b.symbol}/BNB. This does not affect the availability of the tokens on spot.`,
    `Trading for ${a.symbol} will be suspended in all markets on ${day(r)}. Please withdraw your assets before the deadline; remaining balances may be converted to USDT.`,
  ]);
  return { channel: 'exchange', publisher: ex, title, text, newsworthy: r.chance(0.7) };
}

function hack(r: Random): Story {
  const protocol = r.pick(PROTOCOLS);
  const c = r.pick(MAJORS.slice(0, 4));
  const loss = usd(r, 2, 240);
  if (r.chance(0.5)) {
    const text = r.pick([
      `#Alert ${protocol} appears to have been exploited. Roughly ${loss} drained so far; the attacker is swapping stolen funds to ${c.symbol}.`,
      `Suspicious outflows from ${protocol} contracts ${c.home}: ~${loss} moved to a fresh address. Looks like a price oracle manipulation. Revoke approvals.`,
      `${protocol} exploiter has bridged ${r.int(500, 9000)} ${c.symbol} (${loss}) and is depositing into Tornado Cash.`,
    ]);
    return {
      channel: 'onchain',
      publisher: r.pick(['PeckShield Alert', 'Cyvers Alerts', 'Lookonchain']),
      text,
      newsworthy: true,
    };
  }
  const title = r.pick([
    `${protocol} hacked for ${loss}`,
    `${protocol} loses ${loss} in exploit`,
    `Attacker drains ${loss} from ${protocol}`,
  ]);
  const text = r.pick([
    `The protocol confirmed the attack and paused its contracts. Security firms traced the stolen ${c.symbol} to addresses linked to earlier incidents.`,
    `Losses are estimated at ${loss}, the team said, adding that it is negotiating with the attacker and offering a 10% bounty for the return of funds.`,
    `A reentrancy bug allowed the attacker to withdraw more collateral than deposited. The team said user funds in other pools are safe.`,
  ]);
  return { channel: 'news', title, text, newsworthy: true };
}

function regulation(r: Random): Story {
  const reg = r.pick(REGULATORS);
  const c = r.pick(MAJORS.slice(0, 8));
  const ex = r.pick(EXCHANGES);
  const [title, text] = r.pick([
    [
      `${reg.place} regulator approves spot ${c.name} ETFs`,
      `${cap(reg.name)} cleared applications from several asset managers, with trading expected to start within weeks.`,
    ],
    [
      `${cap(reg.name)} sues ${ex} over unregistered securities`,
      `The complaint names several tokens, including ${c.symbol}, as securities and seeks disgorgement and penalties.`,
    ],
    [
      `${cap(reg.name)} delays decision on ${c.symbol} ETF again`,
      `The agency extended its review period by 45 days, citing the need for more comment on the proposed rule change.`,
    ],
    [
      `${reg.place} lawmakers pass stablecoin bill`,
      `The legislation sets reserve and audit rules for issuers of ${r.pick(STABLES)} and similar tokens, and heads for final approval.`,
    ],
    [
      `Court dismisses case against ${ex}`,
      `A judge threw out the claims, saying the plaintiffs had not shown the exchange broke ${reg.place} law.`,
    ],
    [
      `${ex} secures licence from ${reg.name}`,
      `The approval lets the exchange serve retail customers in ${reg.place}, a market it left two years ago.`,
    ],
    [
      `${reg.place} rules out a ban on crypto trading`,
      `Officials said they would focus on licensing and tax reporting rather than prohibiting ${c.name} purchases.`,
    ],
  ] as const);
  return { channel: 'news', title, text, newsworthy: r.chance(0.8) };
}

function partnership(r: Random): Story {
  const c = coin(r);
  const company = r.pick(COMPANIES);
  const title = r.pick([
    `${company} partners with ${c.name}`,
    `${company} taps ${c.name} for tokenized payments`,
    `${c.name} and ${company} team up on stablecoin settlement`,
  ]);
  const text = r.pick([
    `The integration lets ${company} customers settle in ${r.pick(STABLES)} ${c.home}. ${c.symbol} rose ${pct(r, 15)} after the announcement.`,
    `${company} will run a validator and work with the ${c.name} ecosystem on developer tooling, the companies said in a joint statement.`,
    `The pilot will test tokenized deposits ${c.home} with a small group of clients before a wider rollout next year.`,
  ]);
  return { channel: r.chance(0.75) ? 'news' : 'twitter', title, text, newsworthy: r.chance(0.5) };
}

function funding(r: Random): Story {
  const startup = r.pick(STARTUPS);
  const fund = r.pick(FUNDS);
  const amount = usd(r, 3, 225);
  const round = r.pick(['seed', 'Series A', 'Series B', 'strategic', 'pre-seed']);
  const title = r.pick([
    `${startup} raises ${amount} in ${round} round led by ${fund}`,
    `${fund} leads ${amount} ${round} for ${startup}`,
    `${startup} closes ${amount} ${round} raise`,
  ]);
  const text = r.pick([
    `The startup is building infrastructure ${r.pick(MAJORS).home} and plans to use the funds to grow its engineering team.`,
    `${fund} led the round, with participation from ${r.pick(FUNDS)} and angel investors. The valuation was not disclosed.`,
    `The company said the capital will go toward launching its mainnet and a grants program for developers.`,
  ]);
  return { channel: 'news', title, text, newsworthy: r.chance(0.45) };
}

function unlock(r: Random): Story {
  const c = r.pick(ALTS);
  const amount = `${r.int(5, 900)} million ${c.symbol}`;
  const title = r.pick([
    `${c.name} to unlock ${amount} next week`,
    `${c.symbol} faces ${usd(r, 20, 2000)} token unlock`,
    `${c.name} delays investor token unlock`,
  ]);
  const text = r.pick([
    `The release represents ${pct(r, 20)} of circulating supply and goes to early investors and core contributors as the cliff ends.`,
    `Tokens will vest linearly over the following year. Past unlocks were followed by muted price moves.`,
    `The team said the schedule change removes near-term selling pressure; ${c.symbol} gained ${pct(r, 12)}.`,
  ]);
  return { channel: r.chance(0.7) ? 'news' : 'twitter', title, text, newsworthy: r.chance(0.4) };
}

function airdrop(r: Random): Story {
  const c = r.pick(ALTS);
  const text = r.pick([
    `The ${c.symbol} airdrop claim is live. Check eligibility on the official site only and beware of fake links.`,
    `${c.name} announced season two of its points program; a snapshot will be taken on ${day(r)} for the next ${c.symbol} drop.`,
    `${r.int(100, 900)}k wallets are eligible for the ${c.name} airdrop, which distributes ${pct(r, 15)} of supply to early users.`,
  ]);
  return {
    channel: r.chance(0.5) ? 'twitter' : 'news',
    title: r.chance(0.5) ? `${c.name} opens ${c.symbol} airdrop claims` : undefined,
    text,
    newsworthy: r.chance(0.35),
  };
}

function macro(r: Random): Story {
  const [title, text] = r.pick([
    [
      'Fed holds rates steady, signals patience',
      `Bitcoin slipped ${pct(r, 6)} as Powell said the committee needs more evidence that inflation is cooling.`,
    ],
    [
      'Fed cuts rates by 25 basis points',
      `Risk assets rallied after the decision; BTC rose ${pct(r, 6)} and ETH ${pct(r, 9)}.`,
    ],
    [
      'US CPI comes in hotter than expected',
      `Consumer prices rose ${r.int(3, 5)}.${r.int(0, 9)}% from a year earlier, pushing Treasury yields higher and crypto lower.`,
    ],
    [
      'Jobs report beats forecasts',
      `Nonfarm payrolls rose by ${r.int(150, 350)},000, trimming bets on a near-term rate cut.`,
    ],
    [
      'Dollar index climbs to multi-month high',
      `A stronger dollar weighed on gold and bitcoin, which fell ${pct(r, 5)} in Asian hours.`,
    ],
    [
      'Tariff threat rattles markets',
      `Stocks and crypto sold off after new tariffs were announced; ether dropped ${pct(r, 10)}.`,
    ],
  ] as const);
  return { channel: r.chance(0.7) ? 'news' : 'twitter', title, text, newsworthy: r.chance(0.6) };
}

function whale(r: Random): Story {
  const c = r.pick(MAJORS.slice(0, 5));
  const ex = r.pick(EXCHANGES);
  const amount = r.int(1, 900) * (c.symbol === 'BTC' ? 10 : 1000);
  const text = r.pick([
    `🚨 ${amount.toLocaleString('en')} #${c.symbol} transferred from unknown wallet to #${ex}`,
    `🐋 ${amount.toLocaleString('en')} #${c.symbol} transferred from #${ex} to unknown wallet`,
    `A whale withdrew ${amount.toLocaleString('en')} $${c.symbol} from ${ex} in the past 24 hours and staked it.`,
    `💵 ${r.int(50, 900)},000,000 #${r.pick(['USDT', 'USDC'])} minted at Treasury`,
  ]);
  return {
    channel: 'onchain',
    publisher: r.pick(['Whale Alert', 'Lookonchain', 'Arkham Intel', 'Spot On Chain']),
    text,
    newsworthy: false,
  };
}

function market(r: Random): Story {
  const c = coin(r);
  const [title, text] = r.pick([
    [
      `${c.name} jumps ${pct(r)} as traders pile in`,
      `${c.symbol} led gains among large caps, with open interest rising to a record.`,
    ],
    [
      `${c.symbol} slides ${pct(r, 25)} amid broad sell-off`,
      `Liquidations topped ${usd(r, 100, 900)} across exchanges as leveraged longs were wiped out.`,
    ],
    [
      `Spot bitcoin ETFs log ${usd(r, 100, 1200)} of inflows`,
      'The streak is the longest since launch, led by the largest issuers.',
    ],
    [
      `${c.name} trades flat ahead of options expiry`,
      `About ${usd(r, 500, 9000)} of options expire on Friday, with the max pain level near current prices.`,
    ],
  ] as const);
  return { channel: 'news', title, text, newsworthy: r.chance(0.3) };
}

function chatter(r: Random): Story {
  const c = coin(r);
  const text = r.pick([
    `$${c.symbol} looking strong here, reclaiming the range high. not selling.`,
    `gm. ${c.symbol.toLowerCase()} chart is a thing of beauty today 📈`,
    `if ${c.symbol} loses this level we're going much lower, careful out there`,
    `the one thing I learned this cycle: never marry your bags`,
    `near term I'm cautious, gas fees are up and everyone is euphoric again`,
    `who else is still holding ${c.name}? feels like nobody talks about it anymore`,
    `${c.symbol} to the moon 🚀🚀 accumulating every dip`,
    `AI agents trading memecoins is the most 2025 thing ever`,
  ]);
  return { channel: 'twitter', text, newsworthy: false };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Story makers with how often each appears. */
export const STORY_MIX: ReadonlyArray<readonly [maker: (r: Random) => Story, weight: number]> = [
  [listing, 10],
  [delisting, 5],
  [hack, 5],
  [regulation, 8],
  [partnership, 7],
  [funding, 7],
  [unlock, 5],
  [airdrop, 5],
  [macro, 7],
  [whale, 12],
  [market, 12],
  [chatter, 17],
];
