import { MEASURE_LOOK_BACK, measureBefore } from './measures.ts';

/**
 * The amounts and percentages a text states, as written ("$223 million",
 * "€1.5bn"), percentages with their direction when the words say it ("down
 * 7%", "up 12%"), with what they are measured against ("149% above its 30-day
 * average") and with the measure they are of when it is not the price ("volume
 * up 80%", "fees down 40%", "TVL up 25%": see measureBefore),
 * in order of appearance, each once (an amount written two ways, "$4.3B"
 * and "$4.3 billion", as first written). The analysis quotes them; it never
 * computes a figure the text does not give.
 */

const MONEY =
  /(?<![\w.])(?:[$€£]\s?\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?(?:k|m|mn|b|bn|million|billion|trillion)\b)?|\d(?:[\d,]*\d)?(?:\.\d+)?\s?(?:million|billion|trillion)\s(?:dollars|USD|USDT|USDC)\b)/gi;
const PERCENT = /(?<![\w.%])([+\-−]?)(\d(?:[\d,]*\d)?(?:\.\d+)?)\s?%/g;
/** "up to 99%" bounds a figure and says no direction: it is quoted as the bound it is. */
const UP_TO = /\bup to\s?$/i;
const UP =
  /\b(?:up(?!\s+to\b)|rose|rise[sn]?|rising|gain(?:s|ed)?|jump(?:s|ed)?|climb(?:s|ed)?|surg(?:e|es|ed)|soar(?:s|ed)?|rall(?:y|ies|ied)|add(?:s|ed)|pop(?:s|ped)|higher)\b[^.;%]{0,24}$/i;
const DOWN =
  /\b(?:down|fell|fallen|fall(?:s|ing)?|drop(?:s|ped)?|slid|slide?s?|slip(?:s|ped)?|tumbl(?:e|es|ed)|crash(?:es|ed)?|plung(?:e|es|ed)|sank|sink(?:s)?|lost|los(?:e|es)|declin(?:e|es|ed)|lower|shed)\b[^.;%]{0,24}$/i;

/**
 * What a percentage is measured against, right after it ("149% above its 30-day average", "70% below its all-time
 * high"): without it the figure says nothing, so it is kept with it.
 */
const MEASURED_AGAINST =
  /^\s(?:above|below|over|under)\s(?:its|the|their|a)\s(?:[\w-]+\s){0,2}(?:average|mean|norm|level|high|low|price)\b/i;

/** At most this many figures of each kind. */
const MAX_AMOUNTS = 2;
const MAX_PERCENTAGES = 2;

function direction(sign: string, before: string): 'up' | 'down' | undefined {
  if (sign === '+') return 'up';
  if (sign === '-' || sign === '−') return 'down';
  if (DOWN.test(before)) return 'down';
  if (UP.test(before)) return 'up';
  return undefined;
}

function tidy(figure: string): string {
  return figure.replace(/\s+/g, ' ').trim();
}

export interface Figures {
  amounts: string[];
  percentages: string[];
}

/** Most posts state no figure: a cheap look for their marks first. */
const MAY_HAVE_MONEY = /[$€£]|illion/;

const SCALES: Readonly<Record<string, number>> = {
  k: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  trillion: 1e12,
};
const AMOUNT_PARTS = /^([$€£]?)\s?([\d,]+(?:\.\d+)?)\s?([a-z]*)\s?([a-z]*)$/i;

/** What an amount is worth, in its currency ("$4.3B" and "$4.3 billion" are both "$4300000000"): one figure, two ways. */
function amountKey(figure: string): string {
  const [, symbol, digits, scale, unit] = AMOUNT_PARTS.exec(figure) ?? [];
  if (digits === undefined) return figure;
  const currency = symbol || (/^(?:dollars|usd)$/i.test(unit ?? '') ? '$' : (unit ?? '').toUpperCase());
  const value = Number(digits.replaceAll(',', '')) * (SCALES[(scale ?? '').toLowerCase()] ?? 1);
  return `${currency}${Number(value.toPrecision(12))}`;
}

/** Each amount once, as first written, however often and in whichever form the text repeats it. */
function distinctAmounts(text: string): string[] {
  const byValue = new Map<string, string>();
  for (const match of text.matchAll(MONEY)) {
    const figure = tidy(match[0]);
    const key = amountKey(figure);
    if (!byValue.has(key)) byValue.set(key, figure);
  }
  return [...byValue.values()];
}

export function findFigures(text: string): Figures {
  const amounts = MAY_HAVE_MONEY.test(text) ? distinctAmounts(text).slice(0, MAX_AMOUNTS) : [];
  const percentages: string[] = [];
  if (!text.includes('%')) return { amounts, percentages };
  for (const match of text.matchAll(PERCENT)) {
    const before = text.slice(Math.max(0, match.index - MEASURE_LOOK_BACK), match.index);
    const way = direction(match[1]!, before);
    const end = match.index + match[0].length;
    const against = MEASURED_AGAINST.exec(text.slice(end, end + 40));
    const measure = measureBefore(before);
    // "Trading volume was 149%" says neither which way nor against what: no figure to quote.
    if (measure && !way && !against) continue;
    const said = UP_TO.test(before) ? 'up to ' : way ? `${way} ` : '';
    const figure = `${measure ? `${measure} ` : ''}${said}${match[2]}%${against ? ` ${tidy(against[0])}` : ''}`;
    if (!percentages.includes(figure)) percentages.push(figure);
    if (percentages.length === MAX_PERCENTAGES) break;
  }
  return { amounts, percentages };
}
