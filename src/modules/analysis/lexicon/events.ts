import type { EventType } from '../types.ts';

/**
 * Cue phrases per event type with how strongly each one signals it. Written
 * from general crypto-news vocabulary; never derived from the evaluation set.
 * Same phrase syntax as the sentiment lexicon.
 */
// biome-ignore format: a lexicon: phrases packed by theme, one theme to a few lines
export const EVENT_CUES: Readonly<Record<EventType, ReadonlyArray<readonly [string, number]>>> = {
  listing: [
    ['will list', 4], ['to list', 3], ['lists', 3], ['listing', 3], ['listed', 2.5], ['new listing', 4],
    ['list', 2], ['launchpool', 3], ['launchpad', 2], ['hodler airdrops', 3], ['adds support', 2.5],
    ['add support', 2.5], ['added support', 2.5], ['opens trading', 3], ['open trading', 3],
    ['trading opens', 3], ['spot trading', 2], ['trading pair*', 1.5], ['perpetual contract*', 2],
    ['perpetual futures', 1.5], ['deposits open*', 2], ['deposits are now open', 2.5],
    ['listing roadmap', 3], ['to its roadmap', 2.5], ['goes live', 1], ['now live', 1], ['margin trading', 1],
    ['pre market', 1.5], ['seed tag', 1], ['support for', 1.5], ['adds', 2], ['added', 1.5], ['lands on', 2.5],
    ['trading will begin', 3], ['trading starts', 3], ['trading begins', 3], ['start* trading', 3],
    ['began trading', 3], ['begin* trading', 3], ['krw market*', 2.5], ['won market', 2.5], ['cross margin', 1.5],
    ['opened deposits', 2.5], ['open deposits', 2.5], ['trade', 0.5], ['spot', 1], ['add', 1.5], ['offer*', 1],
    ['bring*', 1], ['starts', 1], ['live', 0.5], ['support*', 1],
  ],
  delisting: [
    ['delist*', 5], ['will remove', 3], ['removal', 2.5], ['to remove', 2.5], ['cease* trading', 3.5],
    ['cease support', 3], ['will no longer support', 3], ['no longer be available', 2.5],
    ['end of support', 2.5], ['monitoring tag', 3], ['suspend trading', 2], ['trading will be suspended', 2],
    ['withdrawal deadline', 2], ['convert* to usdt', 1.5], ['close all positions', 1.5], ['stop* offering', 3],
    ['stop* trading', 3.5], ['end* support', 3], ['end* trading', 3], ['end of trading', 3], ['halt* trading', 3.5],
    ['suspend* trading', 3.5], ['pull*', 1.5], ['drop*', 1], ['remov*', 2], ['no longer support*', 3], ['trim*', 2],
    ['only be able to sell', 2.5], ['sell only', 2.5], ['reduce only', 2.5], ['listing standards', 2.5],
  ],
  hack: [
    ['hack*', 4], ['exploit*', 4], ['drain*', 3.5], ['stole', 3.5], ['stolen', 3.5], ['steal*', 3],
    ['theft', 3.5], ['heist', 3.5], ['attacker*', 3], ['breach*', 3], ['compromis*', 3], ['phish*', 2.5],
    ['rug pull*', 4], ['rugged', 4], ['rugpull*', 4], ['exit scam', 4], ['flash loan', 2.5],
    ['reentrancy', 3], ['private key*', 2], ['vulnerab*', 2], ['malicious', 2], ['security incident', 3.5],
    ['post mortem', 2], ['postmortem', 2], ['white hat', 2], ['whitehat', 2], ['bounty', 1],
    ['suspicious outflow*', 2.5], ['drainer', 3.5], ['address poisoning', 3], ['social engineering', 2.5],
    ['exploiter', 4], ['scam*', 2], ['laundered', 2.5], ['tornado cash', 1.5], ['cyber attack', 3.5],
    ['cyberattack', 3.5], ['lazarus', 3],
  ],
  regulation: [
    ['sec', 3], ['cftc', 3], ['regulat*', 3], ['lawsuit*', 3], ['sue', 3], ['sues', 3], ['sued', 3],
    ['court', 2], ['judge', 2], ['ruling', 2], ['ban', 2.5], ['bans', 2.5], ['banned', 2.5], ['bill', 2],
    ['legislat*', 3], ['law', 2], ['laws', 2], ['lawmaker*', 3], ['senate', 3], ['senator*', 2.5],
    ['congress*', 3], ['house committee', 3], ['licen*', 2.5], ['compliance', 1.5], ['mica', 3.5],
    ['etf', 1], ['approv*', 1], ['tax*', 2], ['sanction*', 3], ['ofac', 3.5], ['doj', 3],
    ['department of justice', 3], ['fined', 3], ['penalt*', 2.5], ['settlement', 2], ['enforcement', 3],
    ['subpoena*', 3], ['investigat*', 1.5], ['probe', 1.5], ['fca', 3], ['esma', 3], ['finma', 3],
    ['watchdog', 3], ['kyc', 1.5], ['aml', 1.5], ['attorney general', 3], ['prosecutor*', 3],
    ['charged', 2.5], ['indict*', 3], ['sentenc*', 3], ['arrest*', 2.5], ['extradit*', 3],
    ['framework', 1.5], ['stablecoin bill', 4], ['executive order', 3], ['ministry', 1.5], ['finance minister', 2],
    ['authorities', 2], ['authority', 1], ['government', 1.5], ['policy', 1], ['crackdown', 3], ['illegal', 2.5],
    ['prohibit*', 2.5], ['commission', 1.5], ['filing', 1], ['19b 4', 3], ['s 1', 2], ['spot etf', 1.5],
    ['supreme court', 3], ['class action', 3], ['guilty', 3], ['convict*', 3], ['jury', 3], ['trial', 2.5],
    ['verdict', 3], ['plead*', 2.5], ['unlicensed', 2.5], ['money laundering', 3], ['committee', 2],
    ['market structure', 2], ['banning', 2.5], ['guidance', 2], ['securities', 2], ['lawyer*', 2], ['appeal*', 2],
    ['motion', 1.5], ['legal', 2],
    // An issuer, a chain's validators or the police freezing an amount or addresses: enforcement, often of a
    // hack's loot, not a hack of whoever freezes ("Tether freezes $20M USDT"). A frozen withdrawal is not here.
    ['freez* <money>', 3], ['froze <money>', 3], ['frozen <money>', 3], ['blacklist*', 3],
    // A spot fund named with its asset is still an ETF, not a spot market ("ARK files for spot Dogecoin ETF").
    ['spot * etf', 1],
  ],
  partnership: [
    ['partner*', 4], ['collaborat*', 3], ['integrat*', 2.5], ['teams up', 4], ['team up', 4],
    ['joins forces', 4], ['join forces', 4], ['alliance', 2.5], ['tie up', 3], ['ties up', 3],
    ['memorandum of understanding', 3], ['mou', 3], ['powered by', 2], ['adopt*', 1.5], ['selects', 2],
    ['selected', 1.5], ['chooses', 2], ['joint venture', 3], ['co launch*', 2.5], ['strategic', 1],
    ['works with', 3], ['working with', 3], ['working together', 3], ['together with', 2.5], ['pilot', 1.5],
    ['picks', 1.5], ['taps', 2], ['joins', 1.5], ['member', 1.5], ['council', 1], ['validator', 1],
    ['exclusive', 1.5], ['merge*', 2], ['merger', 2.5],
  ],
  funding: [
    ['raise*', 1.5], ['raise* <money>', 4.5], ['raise* about <money>', 4.5], ['raise* nearly <money>', 4.5],
    ['secures <money>', 4], ['closes <money>', 4], ['pulls in <money>', 4],
    ['funding', 3], ['funding from', 3.5], ['funding round', 4],
    // Getting funding is a round even where a bare "funding" is the perps rate ("Perps exchange Aevo lands funding");
    // none weighs less than the cues it is made of ("secures" and "funding", "funding" and "led by").
    ['lands funding', 3.5], ['landed funding', 3.5], ['gets funding', 3.5], ['got funding', 3.5],
    ['secures funding', 5], ['secured funding', 3.5], ['receives funding', 3.5], ['received funding', 3.5],
    ['draws funding', 3.5], ['wins funding', 3.5], ['won funding', 3.5], ['funding led by', 4.5],
    ['seed round', 4], ['seed', 2.5], ['pre seed', 4],
    ['series a', 4], ['series b', 4], ['series c', 4], ['strategic round', 4], ['private round', 3.5],
    ['led by', 1.5], ['co led', 2.5], ['investors', 1.5], ['valuation', 2.5], ['backed by', 1.5],
    ['venture', 1.5], ['closes', 1], ['secures', 2], ['fundrais*', 3.5], ['grant*', 2], ['invest*', 2.5],
    ['capital', 1], ['ventures', 1.5], ['oversubscribed', 3], ['token sale', 2.5], ['ico', 2],
    ['round', 1], ['million', 0.5], ['acquir*', 2], ['acquisition', 2.5], ['ipo', 2.5], ['initial public offering', 3],
  ],
  token_unlock: [
    ['unlock*', 4.5], ['vesting', 3], ['vest*', 2.5], ['cliff', 3], ['emission*', 2], ['release schedule', 3],
    ['circulating supply', 1.5], ['supply overhang', 3], ['tokens will be released', 3],
    ['investor tokens', 2], ['team tokens', 2], ['token release', 3.5], ['releas*', 1.5], ['dilution', 2],
    ['cliff ends', 3.5], ['transferable', 2], ['lockup', 3], ['lock up', 2], ['lock', 1],
  ],
  airdrop: [
    ['airdrop*', 5], ['claim', 2], ['claims', 1.5], ['claimable', 2.5], ['snapshot', 2.5], ['eligib*', 2.5],
    ['retroactive', 3], ['points program', 2.5], ['points', 1], ['season 2', 1], ['free tokens', 2.5],
    ['allocation*', 1.5], ['checker', 2], ['distribution', 1], ['drop', 1.5], ['farm* points', 2.5], ['tge', 2],
  ],
  macro: [
    ['fed', 3], ['federal reserve', 4], ['fomc', 4], ['powell', 3], ['rate cut*', 3.5], ['rate hike*', 3.5],
    ['interest rate*', 3], ['rates', 1.5], ['cpi', 4], ['inflation', 3], ['jobs report', 4], ['nonfarm', 4],
    ['payrolls', 4], ['unemployment', 3], ['gdp', 3], ['recession*', 3], ['treasury yield*', 3],
    ['bond yield*', 3], ['yields', 2], ['dxy', 3.5], ['dollar index', 3.5], ['tariff*', 3], ['ecb', 3],
    ['bank of japan', 3.5], ['boj', 3], ['central bank*', 2.5], ['macro', 3], ['macroeconomic', 3],
    ['pce', 4], ['stagflation', 3.5], ['risk assets', 2], ['s p', 2], ['s p 500', 2.5], ['nasdaq', 2],
    ['equities', 2], ['stocks', 1], ['economy', 2], ['economic', 2], ['labor market', 3], ['labour market', 3],
    ['geopolitical', 2.5], ['quantitative easing', 3.5], ['quantitative tightening', 3.5], ['liquidity', 1],
    ['gold', 1.5], ['oil', 1.5], ['dollar', 1], ['yen', 2], ['jobless claims', 4], ['basis points', 2.5],
    ['m2', 3], ['money supply', 3], ['shutdown', 3], ['government shutdown', 4], ['carry trade', 3],
    ['manufacturing', 2], ['retail sales', 3], ['consumer prices', 3.5], ['stimulus', 2.5], ['qt', 2.5],
  ],
  // Phrases that contain a cue word but are no event ("funding rates", "seed phrase"); they only mask.
  other: [
    ['funding rate*', 0], ['seed phrase', 0], ['gas fees', 0], ['gas fee', 0], ['price drop*', 0],
    ['securities and exchange commission', 0],
    // The perpetual-futures funding rate said without "rate": which way it points, who pays it, how it moves.
    ['funding turn*', 0], ['funding flip*', 0], ['funding still', 0], ['funding remain*', 0], ['funding stay*', 0],
    ['funding is positive', 0], ['funding is negative', 0], ['funding is elevated', 0], ['funding is neutral', 0],
    ['funding positive', 0], ['funding negative', 0], ['funding elevated', 0], ['funding neutral', 0],
    ['funding reset*', 0], ['funding cool*', 0], ['funding spik*', 0], ['funding settle*', 0],
    ['funding payment*', 0], ['funding fee*', 0], ['funding interval*', 0],
    ['positive funding', 0], ['negative funding', 0], ['elevated funding', 0], ['neutral funding', 0],
    ['perp funding', 0], ['perps funding', 0], ['perpetual funding', 0], ['futures funding', 0],
    ['pay* funding', 0], ['paid funding', 0],
    // Raising a limit, a cap or the bar is no money raised.
    ['raise* the', 0],
    // The kind of fund, not a market opening: "US spot bitcoin ETFs recorded net inflows".
    ['spot * etfs', 0], ['spot etfs', 0],
  ],
};

/**
 * Kinds of story whose vocabulary gives some cue phrases another sense. In a sentence that speaks of the kind (any
 * of its `context` phrases), those `cues` do not count; the other cues still do, and so do the same cues in the
 * post's other sentences, so a perp exchange that "raises $12M in a seed round" or "lands funding" is still a
 * funding event.
 */
export interface OtherSense {
  context: readonly string[];
  cues: ReadonlySet<string>;
}
// biome-ignore format: a lexicon: phrases packed on a line
export const OTHER_SENSES: readonly OtherSense[] = [
  // Perpetual-futures market structure: a bare "funding" is the funding rate ("longs pay 0.05% in funding").
  {
    context: ['open interest', 'longs', 'shorts', 'perp', 'perps', 'perpetual*', 'liquidat*', 'funding rate*'],
    cues: new Set(['funding']),
  },
  // Money moving into or out of a fund or a wallet, or deposited in DeFi ("spot ETFs recorded net inflows of $986
  // million, led by IBIT", "investors pulled $180 million from US spot ether funds, led by ETHE", "an early investor
  // is taking profit: $8.1 million sent to OKX", "the total value locked rose to $877 million, led by lending"):
  // nobody raised it. Said of a fund and its flows, not of any money coming in, so "a protocol with record inflows
  // gets investment from Binance Labs" is still a round.
  {
    context: [
      'net inflow*', 'net outflow*', 'net flow*', 'etf inflow*', 'etf outflow*', 'etf flow*', 'fund flow*',
      'fund inflow*', 'fund outflow*', 'spot etf', 'spot etfs', 'spot * etf', 'spot * etfs', 'spot * fund',
      'spot * funds', 'redemption*', 'taking profit', 'takes profit', 'took profit', 'profit taking',
      'total value locked',
    ],
    cues: new Set(['led by', 'million', 'invest*', 'investors']),
  },
];

/** Exchange announcements are mostly listings and delistings; their cues count for more there. */
export const EXCHANGE_SOURCE_BOOST: Partial<Record<EventType, number>> = { listing: 1.4, delisting: 1.4 };
/**
 * An exchange named as the one acting ("Coinbase adds…", "Bithumb to drop…") makes the listing
 * or delisting cues that follow it in the clause count this much more.
 */
export const EXCHANGE_ACTOR_BOOST: Partial<Record<EventType, number>> = { listing: 2, delisting: 2 };
export const EXCHANGE_ACTOR_REACH = 4;

/** A headline that opens with two names acting together ("Aave and Chainlink partner…", "Sui x Google…") is a partnership. */
export const PAIRED_NAMES = /^(?:\p{Lu}[\p{L}\p{N}.'’]*\s){1,3}(?:and|&|x|×)\s(?:\p{Lu}[\p{L}\p{N}.'’]*\s){1,3}\p{Ll}/u;
export const PAIRED_NAMES_WEIGHT = 2.5;

/** Below this total no event type is claimed and the item is `other`. */
export const EVENT_MIN_WEIGHT = 2.5;
