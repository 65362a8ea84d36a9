import type { EventType } from '../types.ts';
import { EXCHANGES } from './sources.ts';

/** Coins moving onto an exchange are usually about to be sold; coins leaving one are being held. */
const EXCHANGE_FLOWS = EXCHANGES.flatMap(
  (exchange) =>
    [
      [`to ${exchange}`, -1],
      [`into ${exchange}`, -1],
      [`from ${exchange}`, 1],
      [`according to ${exchange}`, 0],
    ] as const,
);

/**
 * Crypto-market sentiment weights, -3 (very bearish) .. +3 (very bullish).
 * Written from general market vocabulary; never derived from the evaluation
 * set. Phrases use spaces between words (hyphens split words), `*` is a
 * prefix wildcard, and longer phrases win ("pump and dump" over "pump*").
 */
// biome-ignore format: a lexicon: phrases packed by theme, one theme to a few lines
export const SENTIMENT_TERMS: ReadonlyArray<readonly [string, number]> = [
  // price action
  ['surg*', 2], ['soar*', 2], ['skyrocket*', 2.5], ['jump*', 1.5], ['rall*', 1.5], ['climb*', 1.5],
  ['gain*', 1], ['rise', 1], ['rises', 1], ['rising', 1], ['rose', 1], ['higher', 0.5], ['rebound*', 1.5],
  ['recover*', 1], ['bounce*', 1], ['breakout', 1.5], ['break* out', 1.5], ['reclaim*', 1.5],
  ['all time high*', 2.5], ['ath', 2], ['new high*', 2], ['record high*', 2], ['moon*', 1.5],
  ['bullish', 2], ['bull run', 2], ['bull market', 1.5], ['outperform*', 1.5], ['parabolic', 2],
  ['doubl*', 1], ['tripl*', 1.5], ['pump*', 1], ['green candle*', 1], ['short squeeze', 1.5],
  ['crash*', -2.5], ['plung*', -2.5], ['plummet*', -2.5], ['tumbl*', -2], ['tank', -2], ['tanks', -2],
  ['tanked', -2], ['slump*', -2], ['slid*', -1.5], ['slide*', -1.5], ['sink*', -1.5], ['sank', -1.5],
  ['drop*', -1.5], ['fall', -1.5], ['falls', -1.5], ['falling', -1.5], ['fell', -1.5], ['declin*', -1.5],
  ['dip', -1], ['dips', -1], ['dipped', -1], ['lower', -0.5], ['bearish', -2], ['bear market', -1.5],
  ['sell off*', -2], ['selloff*', -2], ['dump*', -2], ['pump and dump', -3], ['capitulat*', -2],
  ['panic*', -2], ['fear*', -1.5], ['fud', -1], ['weak*', -1], ['underperform*', -1.5], ['bleed*', -1.5],
  ['wiped', -2], ['wipe* out', -2], ['liquidat*', -1.5], ['margin call*', -1.5], ['death cross', -1.5],
  ['worst', -1.5], ['loss*', -1.5], ['lost', -1.5], ['lose', -1.5], ['loses', -1.5], ['losing', -1.5],
  ['down', -0.5], ['lag', -1], ['lags', -1], ['lagging', -1], ['tops', 1], ['topped', 1], ['flipped', 1],
  ['flips', 1], ['overtak*', 1], ['green', 0.5], ['is back', 1], ['relief', 1.5], ['lift*', 1], ['reviv*', 1],
  ['robust', 1], ['disaster', -2], ['stall*', -1], ['fade*', -1], ['dent* hopes', -1.5], ['weigh* on', -1],
  ['bad', -1], ['backlash', -1.5], ['anger', -1.5], ['criticism', -1.5], ['complain*', -1], ['excluded', -1],
  ['frustrat*', -1.5], ['disappoint*', -1.5], ['falls apart', -2], ['fell apart', -2], ['block* access', -2],
  ['lowest', -1], ['year low*', -1.5], ['month low*', -1.5], ['new low*', -1.5], ['year high*', 1.5], ['slip*', -1],
  ['destroy*', -2], ['disagree*', -1], ['end* talks', -1.5], ['optimis*', 1], ['pessimis*', -1], ['grows', 0.5],
  ['longed', 1], ['longing', 1], ['shorted', -1], ['shorting', -1], ['bet* against', -1.5], ['patch*', 1],
  ['returned', 1], ['sell', -0.5], ['is live', 1],
  // flows and positioning
  ['inflow*', 1.5], ['outflow*', -1.5], ['accumulat*', 1.5], ['buy', 0.5], ['buys', 1], ['bought', 1],
  ['buying', 1], ['buyback*', 2], ['burn*', 0.5], ['sells', -1], ['sold', -1], ['selling', -1],
  ['sell pressure', -1.5], ['selling pressure', -1.5], ['dilut*', -1.5], ['inflationary', -1],
  ['minted', 1], ['withdrew', 1], ['withdraws', 1], ['deposit* to', -1], ['deposit* into', -1], ['seiz*', -1],
  ['aped', 1], ['aping', 1], ['lfg', 1.5], ['wagmi', 1], ['ngmi', -1.5], ['rekt', -2], ['up only', 2],
  // exchange announcements
  ['will list', 2], ['to list', 1.5], ['lists', 1.5], ['listing', 1.5], ['listed', 1], ['now live', 1],
  ['goes live', 1], ['go live', 1], ['launchpool', 1.5], ['adds support', 1], ['add support', 1],
  ['delist*', -2.5], ['monitoring tag', -1.5], ['remov*', -1], ['cease* trading', -2], ['end* support', -1.5],
  ['end* trading', -1.5], ['stop* offering', -1.5], ['stop* trading', -1.5], ['pull* support', -1.5],
  ['suspend*', -1.5], ['halt*', -1.5], ['paus*', -1], ['freez*', -1.5], ['froze', -1.5], ['frozen', -1.5],
  // security
  ['hack*', -3], ['exploit*', -3], ['drain*', -3], ['stole', -3], ['stolen', -3], ['steal*', -3],
  ['theft', -3], ['heist', -3], ['breach*', -2.5], ['compromis*', -2.5], ['attack*', -2], ['phish*', -2],
  ['malicious', -2], ['vulnerab*', -1.5], ['bug', -1], ['rug*', -3], ['scam*', -2.5], ['fraud*', -2.5],
  ['ponzi', -2.5], ['exit scam', -3], ['insolven*', -3], ['bankrupt*', -3], ['collaps*', -3],
  ['contagion', -2], ['outage*', -1.5], ['downtime', -1], ['depeg*', -3], ['de peg*', -3],
  ['lose* peg', -3], ['lost * peg', -3], ['funds are safe', 1.5], ['safu', 1.5], ['reimburs*', 1],
  ['compensat*', 0.5], ['bounty', 0.5],
  // regulation and courts
  ['approv*', 2], ['greenlight*', 2], ['green light*', 2], ['clarity', 1], ['win', 1], ['wins', 1.5],
  ['won', 1.5], ['victory', 1.5], ['dismiss*', 1], ['settle*', 0.5], ['licen*', 1], ['lawsuit*', -1.5], ['sue', -2], ['sues', -2],
  ['sued', -2], ['suing', -2], ['charg*', -1.5], ['indict*', -2], ['arrest*', -2], ['sentenc*', -1.5],
  ['fined', -2], ['fines', -2], ['enforcement', -1], ['penalt*', -1.5], ['crackdown', -2], ['ban', -2], ['bans', -2], ['banned', -2],
  ['banning', -2], ['prohibit*', -2], ['restrict*', -1], ['sanction*', -1.5], ['investigat*', -1.5],
  // A fee charged is no charge brought ("hooks let pools charge dynamic fees").
  ['charg* fee*', 0], ['charg* * fee*', 0],
  ['probe', -1.5], ['probes', -1.5], ['subpoena*', -1.5], ['warn*', -1], ['concern*', -1],
  ['raises concerns', -1.5], ['uncertain*', -1], ['reject*', -2], ['deny', -1], ['denies', -1],
  ['denied', -1], ['delay*', -1], ['postpon*', -1], ['fail*', -1], ['abandon*', -1.5], ['a security', -1.5], ['as securities', -1.5],
  ['are securities', -1.5], ['unregistered', -1.5], ['securities and exchange commission', 0], ['commodity', 1],
  ['passes', 1], ['passed', 1], ['advanc*', 1], ['strategic reserve', 2], ['strategic * reserve', 2],
  // business
  ['partner*', 1.5], ['collaborat*', 1], ['integrat*', 1], ['teams up', 1.5], ['joins forces', 1.5],
  ['adopt*', 1.5], ['launch*', 0.5], ['mainnet', 0.5], ['upgrade*', 0.5], ['downgrad*', -1],
  ['milestone', 1], ['strong', 1], ['boost*', 1.5], ['expand*', 1], ['growth', 1], ['surpass*', 1.5],
  ['raises', 1], ['raised', 1], ['secures', 1], ['backed by', 1], ['oversubscribed', 1.5],
  ['shut* down', -2], ['shutter*', -2], ['sunset*', -1], ['layoff*', -1.5], ['lay* off', -1.5],
  ['unlock*', -1], ['token release*', -1], ['reward*', 0.5], ['grant*', 1], ['backs', 1], ['backed', 1], ['invest*', 1],
  ['investor*', 0], ['merge*', 1], ['merger', 1],
  // macro
  ['rate cut*', 1.5], ['cut* rates', 1.5], ['cut* interest rates', 1.5], ['dovish', 1.5], ['easing', 1],
  ['cooler than expected', 1.5], ['cool*', 0.5], ['soft landing', 1.5], ['risk on', 1.5],
  ['rate hike*', -1.5], ['hike*', -1], ['raise* rates', -1.5], ['hawkish', -1.5],
  ['hotter than expected', -1.5], ['sticky inflation', -1.5], ['recession*', -2], ['tariff*', -1],
  ['shrank', -1.5], ['shrink*', -1.5], ['contracted', -1],
  ['stagflation', -2], ['risk off', -1.5], ['dollar weaken*', 1], ['weak* dollar', 1], ['strong* dollar', -1],
  ['dollar strengthen*', -1],
  ...EXCHANGE_FLOWS,
];

/**
 * What an event says about the market before any word is read: listings and
 * funding are good news, delistings and hacks bad. Added to the words' weight
 * unless the text denies the event.
 */
export const EVENT_SENTIMENT_PRIOR: Readonly<Record<EventType, number>> = {
  listing: 1.5,
  delisting: -1.5,
  hack: -1,
  regulation: 0,
  partnership: 1,
  funding: 1,
  token_unlock: 0,
  airdrop: 1,
  macro: 0,
  other: 0,
};

/**
 * Words that flip the sentiment of what follows them in the same clause
 * ("not approved", "no hack", "denies reports of an exploit").
 */
// biome-ignore format: a word list, packed
export const NEGATORS: readonly string[] = [
  'not', 'no', 'never', 'without', 'none', 'nor', 'neither', 'cannot', 'zero', 'dont', 'doesnt', 'didnt',
  'isnt', 'wasnt', 'arent', 'werent', 'hasnt', 'havent', 'hadnt', 'wont', 'cant', 'couldnt', 'wouldnt',
  'shouldnt', 'deny', 'denies', 'denied', 'denying', 'rule out', 'rules out', 'ruled out', 'ruling out',
  'dismiss*', 'debunk*', 'false', 'fake', 'hoax', 'unfounded', 'baseless', 'no evidence of', 'free of',
  'avert*', 'avoid*', 'prevent*', 'thwart*', 'foil*', 'refut*', 'rebuff*', 'fail* to', 'unlikely to',
  'win', 'wins', 'won', 'overturn*', 'lift*', 'scrap*', 'repeal*', 'revers*', 'strike* down', 'struck down',
  'vacat*', 'threw out', 'throws out', 'thrown out', 'wrong to', 'lack*', 'eas*', 'reduc*', 'allay*', 'quell*',
  'protect* against', 'guard* against', 'defen* against',
];

/** Words that make the next term count more ("massive exploit", "biggest unlock"). */
export const INTENSIFIERS: readonly string[] = [
  'massive',
  'huge',
  'biggest',
  'largest',
  'major',
  'heavy',
  'sharp',
  'sharply',
  'steep',
  'significant',
  'record',
  'extreme',
  'brutal',
  'severe',
];
export const INTENSITY_FACTOR = 1.5;

/**
 * "+41%", "SUI -7%", "up 15%": price moves written as figures. "Up 4%" and "down 3%" weigh what "rose 4%" and "fell
 * 3%" do (a move verb stated with its figure, STATED_MOVE_BONUS added; "down" counts -0.5 as a term besides), so a
 * stray word ("charges", "attacks") does not outweigh the market's own verdict; a signed figure in a list of
 * gainers ("THE +41%, ONE +22%") counts less.
 */
export const PRICE_MOVES: ReadonlyArray<readonly [RegExp, number]> = [
  [/(?<![\w.])\+\d[\d.,]*\s?%/g, 1],
  [/(?<![\w.])[-−]\d[\d.,]*\s?%/g, -1],
  [/\bup (?:by |over |nearly |almost )?\d[\d.,]*\s?%/gi, 2.5],
  [/\bdown (?:by |over |nearly |almost )?\d[\d.,]*\s?%/gi, -2.5],
];
/** Price figures add up to at most this much either way: one move stated in words with its figure. */
export const PRICE_MOVES_CAP = 2.5;

/** A negator reaches the next few words of its clause ("denies reports that it was hacked"). */
export const NEGATION_REACH = 5;
/** A negated bullish term turns bearish almost as strongly; a negated bearish term only reassures. */
export const NEGATED_POSITIVE_FACTOR = -0.8;
export const NEGATED_NEGATIVE_FACTOR = -0.5;
