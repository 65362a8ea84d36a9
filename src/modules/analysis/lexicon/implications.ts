import type { EventType, SentimentLabel } from '../types.ts';

/**
 * The words the analysis uses: what each event is called, and why it matters
 * for the tokens concerned in each direction. General market knowledge, the
 * kind a desk note states in one clause; never derived from an evaluation set.
 */

/** The event as a noun phrase, and the word that joins it to its token or protocol. */
export const EVENT_PHRASES: Readonly<Record<EventType, { noun: string; joiner: string }>> = {
  listing: { noun: 'Exchange listing', joiner: 'of' },
  delisting: { noun: 'Exchange delisting', joiner: 'of' },
  hack: { noun: 'Hack or exploit', joiner: 'at' },
  regulation: { noun: 'Regulatory or legal news', joiner: 'involving' },
  partnership: { noun: 'Partnership or integration', joiner: 'by' },
  funding: { noun: 'Funding round or token sale', joiner: 'by' },
  token_unlock: { noun: 'Token unlock', joiner: 'of' },
  airdrop: { noun: 'Airdrop', joiner: 'of' },
  macro: { noun: 'Macro news', joiner: 'affecting' },
  other: { noun: 'Market news', joiner: 'on' },
};

/** Said of an event the text denies or reverses ("denies it will delist", "no hack"). */
export const DENIED_PREFIX = 'Denied or reversed';
/** Events a text can deny; "lifting a ban" is still regulatory news, not a denied one. */
export const DENIABLE_EVENTS: ReadonlySet<EventType> = new Set([
  'listing',
  'delisting',
  'hack',
  'partnership',
  'funding',
  'token_unlock',
  'airdrop',
]);

/** Why the event matters, by event and by which way the text leans. */
export const IMPLICATIONS: Readonly<Record<EventType, Readonly<Record<SentimentLabel, string>>>> = {
  listing: {
    bullish: 'a new venue adds liquidity and buyers, and listings often lift the price on the day',
    bearish: 'the listing is met with selling, often when it was priced in',
    neutral: 'a new venue adds access, though this one looks priced in',
  },
  delisting: {
    bullish: 'the venue keeps the token, removing a forced-selling risk',
    bearish: 'losing a venue cuts liquidity, and holders there must sell or withdraw before the deadline',
    neutral: 'the change is technical (a migration or a pair) and leaves the token tradable elsewhere',
  },
  hack: {
    bullish: 'returned or covered funds limit the damage',
    bearish: 'exploits hit the token and drain deposits until losses are covered and the flaw is fixed',
    neutral: 'no loss of user funds is reported, so the direct impact looks limited',
  },
  regulation: {
    bullish: 'a favourable ruling or rule lowers legal risk and can widen access',
    bearish: 'enforcement or restrictions raise legal risk and can cut access',
    neutral: 'rules decide where and how these assets can trade; the direct effect is unclear',
  },
  partnership: {
    bullish: 'an integration can bring users and usage to the token',
    bearish: 'the deal disappoints or ends, removing expected usage',
    neutral: 'the deal gives few details on how the token is used',
  },
  funding: {
    bullish: 'fresh capital extends runway and signals investor demand',
    bearish: 'weak demand or dilution weighs on holders',
    neutral: 'the raise changes little for traded tokens',
  },
  token_unlock: {
    bullish: 'less new supply than feared, or a delay, eases selling pressure',
    bearish: 'new supply reaching investors and insiders often adds selling pressure',
    neutral: 'the release looks small or already absorbed',
  },
  airdrop: {
    bullish: 'a distribution draws users and attention, though recipients often sell',
    bearish: 'recipients selling or a disappointing allocation weighs on the price',
    neutral: 'the effect on the price depends on how many recipients sell',
  },
  macro: {
    bullish: 'easier money and a weaker dollar tend to lift crypto with other risk assets',
    bearish: 'tighter money and risk-off moves tend to weigh on crypto with other risk assets',
    neutral: 'crypto moves with rates and the dollar, and this gives no clear push either way',
  },
  other: {
    bullish: 'the text points to buying interest or improving fundamentals',
    bearish: 'the text points to selling pressure or weakening fundamentals',
    neutral: 'the text gives no clear direction',
  },
};

/** The label as the analysis words it. */
export const LEANINGS: Readonly<Record<SentimentLabel, string>> = {
  bullish: 'Bullish',
  bearish: 'Bearish',
  neutral: 'Neutral',
};
