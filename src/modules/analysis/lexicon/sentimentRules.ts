/**
 * The words the sentiment rules turn on: hedges, contrasts, what lifts a
 * burden, what moves with the market, what says it did not move. General
 * English and market usage, as words a rule needs (prefixes end in `*`);
 * never derived from an evaluation set.
 */

/** Words that make the rest of their clause a possibility, not a fact ("may", "could", "if"). */
// biome-ignore format: a word list, packed
export const HEDGES: readonly string[] = [
  'may', 'might', 'could', 'would', 'if', 'unless', 'whether', 'possibly', 'perhaps', 'potentially', 'rumor*',
  'rumour*', 'speculat*', 'reportedly',
];
/** A hedged term counts this much. */
export const HEDGE_FACTOR = 0.5;

/** Words after which the sentence turns: what follows is the point ("lists ENA, but the token barely moves"). */
export const ADVERSATIVES: readonly string[] = ['but', 'however', 'yet'];
/** Words that concede: the clause they open matters less ("rally stalls despite record inflows"). */
export const CONCESSIVES: readonly string[] = ['despite', 'although', 'though', 'notwithstanding'];
/** Before an adversative a term counts this much, after it this much; inside a concession, CONCEDED_FACTOR. */
export const BEFORE_TURN_FACTOR = 0.5;
export const AFTER_TURN_FACTOR = 1.5;
export const CONCEDED_FACTOR = 0.5;

/** Verbs that lift a burden: to drop charges, dismiss a suit, delay an unlock is good news. */
// biome-ignore format: a word list, packed
export const RELIEF_VERBS: readonly string[] = [
  'drop*', 'dismiss*', 'withdr*', 'end', 'ends', 'ended', 'ending', 'lift*', 'scrap*', 'overturn*', 'revers*',
  'vacat*', 'cancel*', 'settl*', 'delay*', 'postpon*', 'extend*', 'stretch*', 'spread*', 'eas*', 'paus*',
  'clos*', 'resolv*', 'abandon*', 'exempt*', 'cut*', 'waiv*', 'rescind*', 'pardon*', 'stop*', 'reject*', 'block*',
  'overrul*', 'strik*', 'struck', 'threw', 'throw*',
];
/** Burdens those verbs lift: legal action, restrictions, new supply. */
// biome-ignore format: a word list, packed
export const BURDENS: readonly string[] = [
  'lawsuit*', 'suit', 'suits', 'sue*', 'charg*', 'case', 'cases', 'indict*', 'sanction*', 'probe*', 'investigat*',
  'subpoena*', 'ban', 'bans', 'banned', 'banning', 'penalt*', 'fine', 'fines', 'fined', 'crackdown', 'restrict*',
  'tariff*', 'unlock*', 'appeal*', 'enforcement', 'freez*', 'vesting', 'lockup*', 'emission*', 'release*',
  'convict*', 'delist*',
];
/** A lifted burden is good news this strong; the burden's own weight and the verb's (a "drop") then count nothing. */
export const RELIEF_WEIGHT = 1.5;
/**
 * How far a relief verb reaches, in words, within its clause: forward ("drops the charges") and back
 * when it is passive ("charges were dropped", "as the delisting review ends"; not "delist X and end trading").
 */
export const RELIEF_REACH = 4;
export const RELIEF_REACH_BACK = 5;

/** Words that say stolen funds came back: the theft then weighs little ("hacker returns $10M"). */
// biome-ignore format: a word list, packed
export const RECOVERY_CUES: readonly string[] = [
  'return* funds', 'return* * funds', 'return* * stolen', 'return* * * stolen', 'sent back', 'send* back', 'repaid',
  'repay*', 'recover* funds', 'recover* * funds',
];
/**
 * Verbs that hold funds back: an amount frozen ("Tether froze $20 million", "validators froze $162M of the stolen
 * funds") is kept from the thief, as funds returned are, and says nothing bad of the token frozen in.
 */
export const FREEZE_VERBS: readonly string[] = ['freez*', 'froze', 'frozen'];

/**
 * A settlement that costs an amount ("settles with DOJ for $4.3B", "agreed to pay $4.3 billion to settle") is a
 * penalty paid as much as a case closed: at best mixed, so its "settle" says nothing good. The amount stands within
 * this many words of it, in its clause.
 */
export const SETTLE_VERBS: readonly string[] = ['settl*'];
export const SETTLEMENT_AMOUNT_REACH = 6;

/** Words of theft and attack, and how much they count in a story of recovered funds. */
// biome-ignore format: a word list, packed
export const THEFT_WORDS: readonly string[] = [
  'hack*', 'exploit*', 'drain*', 'stole', 'stolen', 'steal*', 'theft', 'heist', 'attack*', 'breach*', 'compromis*',
];
export const RECOVERED_FACTOR = 0.25;
/** Funds coming back are good news in themselves, counted once per post. */
export const RECOVERY_WEIGHT = 1.5;

/**
 * Verbs of moving up or down. A move of one of MACRO_QUANTITIES reads the
 * other way for crypto; words already signed for risk ("cools", "eases") are not here.
 */
// biome-ignore format: a word list, packed
export const MOVE_WORDS: readonly string[] = [
  'surg*', 'soar*', 'jump*', 'rall*', 'climb*', 'gain*', 'rise', 'rises', 'rising', 'rose', 'higher', 'spik*',
  'crash*', 'plung*', 'plummet*', 'tumbl*', 'slump*', 'slid*', 'slide*', 'sink*', 'sank', 'drop*', 'fall',
  'falls', 'falling', 'fell', 'declin*', 'dip', 'dips', 'dipped', 'lower', 'slip*', 'record', 'new', 'highest',
  'lowest', 'year', 'month',
];
/** Rising inflation, yields or dollar are bad for crypto; falling ones good. */
// biome-ignore format: a word list, packed
export const MACRO_QUANTITIES: readonly string[] = [
  'inflation', 'cpi', 'ppi', 'pce', 'consumer', 'producer', 'yield', 'yields', 'dollar', 'dxy', 'unemployment',
  'jobless', 'treasuries', 'borrowing',
];
/** How many words before a move its quantity may stand ("yields on 10-year notes climb"). */
export const MACRO_REACH = 6;

/** Words that say the market did not react: the story's direction is then weak. */
// biome-ignore format: a word list, packed
export const FLAT_CUES: readonly string[] = [
  'flat', 'little changed', 'unchanged', 'barely mov*', 'unmoved', 'shrug*', 'sideways', 'budge', 'stall*',
  'holds steady', 'held steady', 'muted',
];
/** A flat market scales the text's weight down to this share, unless a move is stated in figures. */
export const FLAT_FACTOR = 0.3;

/** A move stated with a figure ("rose 11%", "fell 7%") is the market's own verdict: it counts this much more. */
export const STATED_MOVE_BONUS = 1.5;
/** How many words after a move verb its figure may come ("jumped about 8%"). */
export const STATED_MOVE_REACH = 3;
