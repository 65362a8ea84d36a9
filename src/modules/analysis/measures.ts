import { MEASURES } from './lexicon/measures.ts';

/**
 * What a percentage or a move measures when it is not the price: the measure named shortly before it, in its clause
 * ("Trading volume was 149%", "Uniswap fees drop 40%", "Fees on the DEX fell 40%", "TVL up 25%"). The look-back stops
 * at a comma ("On heavy volume, SOL jumped 12%"), at "price" ("ETH volume and price up 5%") and at a word that joins
 * another clause or subject ("volume surged as ETH rose 4%", "TVL hit a record and SOL rose 4%"): past them the figure
 * is the price's.
 */
const MEASURE_BEFORE = new RegExp(
  `\\b(${MEASURES.map((measure) => measure.replaceAll(' ', '\\s+')).join('|')})\\b(?:(?!price|\\b(?:as|and|while|when|after|with|but)\\b)[^.,;%]){0,24}$`,
  'i',
);

/** How far back, in characters, a measure is looked for. */
export const MEASURE_LOOK_BACK = 40;

/**
 * The measure the text right before a figure or a move names, as it names it (an acronym in capitals, "TVL", else in
 * lower case, "open interest"); undefined when it is the price's.
 */
export function measureBefore(before: string): string | undefined {
  const measure = MEASURE_BEFORE.exec(before)?.[1]?.replace(/\s+/g, ' ');
  if (measure === undefined) return undefined;
  return /^[A-Z]+$/.test(measure) ? measure : measure.toLowerCase();
}
