import type { EventType } from '../../analysis/index.ts';
import type { PricePath } from './prices.ts';
import type { Publisher } from './publishers.ts';
import type { Random } from './random.ts';
import type { CorpusToken } from './tokens.ts';

/** The intelligence event types: every story is one of them. */
export type CorpusEvent = EventType;

/** One post as its first publisher wrote it. X posts and alerts have no title. */
export interface Post {
  publisher: Publisher;
  title?: string;
  text: string;
}

/**
 * A story as a story maker writes it: the post, and what it is about, labelled
 * by hand from the same facts the post was written from (so headline, body
 * and labels never disagree).
 */
export interface Draft {
  event: CorpusEvent;
  /** What the story is about (the listed coin, the exploited protocol's token), not every ticker in passing. */
  tokens: readonly CorpusToken[];
  /** -1 (bearish) … 1 (bullish). */
  sentiment: number;
  /** 0–100: how much a trader should care. */
  value: number;
  /** The gist in a sentence, not the headline. */
  summary: string;
  /** Why it matters, in a sentence or two. */
  analysis: string;
  post: Post;
  /** Minutes after the first post of its episode (a follow-up: the team's statement after an exploit). */
  after?: number;
  /** How a newsroom headlines it when the first post is a notice or an alert (a listing notice's title is not a headline). */
  headline?: string;
  /** How many other outlets repeat it within hours (a near-duplicate cluster). */
  echoes?: number;
}

/** What a story maker knows: the random source, when the story breaks, and what the corpus already said. */
export interface Moment {
  r: Random;
  at: Date;
  /**
   * What earlier stories settled, by key: flags ("listed:Binance:KMNO", so no exchange lists a token twice)
   * and facts later stories repeat (an unlock's date and size).
   */
  memory: Map<string, unknown>;
  /** The embedded market's price path, which every stated price move agrees with. */
  prices: PricePath;
}
/** How `token` moved on the market's path over the `hours` before the story: its size (at least 0.1 %) and direction. */
export function recentMove(m: Moment, token: CorpusToken, hours: number): { size: number; up: boolean } {
  const move = m.prices.move(token, new Date(m.at.getTime() - hours * 3_600_000), m.at);
  return { size: Math.max(Math.abs(move), 0.1), up: move >= 0 };
}

/** Writes a story, or an episode of them (the first post, then follow-ups `after` minutes later). */
export type StoryMaker = (m: Moment) => Draft | Draft[];

/** "$4.2 million", "$1.3 billion" from millions. */
export function usd(millions: number): string {
  if (millions >= 1000) return `$${(millions / 1000).toFixed(millions >= 10_000 ? 0 : 1).replace(/\.0$/, '')} billion`;
  if (millions >= 10) return `$${Math.round(millions)} million`;
  return `$${millions.toFixed(1).replace(/\.0$/, '')} million`;
}
/** `millions`, or just enough more that it reads above `record` as usd() writes both (a new record must look new). */
export function above(record: number, millions: number): number {
  let next = Math.max(millions, record);
  while (usd(next) === usd(record)) next *= 1.02;
  return next;
}
/** "$4.2M" as headlines and posts shorten it. */
export const usdShort = (millions: number) => usd(millions).replace(' million', 'M').replace(' billion', 'B');
export const pct = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)}%`;
export const count = (n: number) => n.toLocaleString('en-US');
/** "3rd", "11th", "22nd". */
export const ordinal = (n: number) =>
  `${n}${[11, 12, 13].includes(n % 100) ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
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
] as const;
const plusDays = (at: Date, days: number) => new Date(at.getTime() + days * 86_400_000);
/** "2026-02-12", as exchange notices date things. */
export const isoDay = (at: Date, days = 0) => plusDays(at, days).toISOString().slice(0, 10);
/** "Thursday", the weekday `days` after `at`. */
export const weekday = (at: Date, days = 0) => WEEKDAYS[plusDays(at, days).getUTCDay()]!;
/** "February 12". */
export const longDay = (at: Date, days = 0) => {
  const d = plusDays(at, days);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
};
/**
 * When `on` falls, seen from `at`, as a post says it: "today", "tomorrow", "on Thursday" within the
 * week, and the date beyond it ("on November 19"), where a bare weekday would name an earlier day.
 */
export const when = (at: Date, on: Date) => {
  const days = Math.floor(on.getTime() / 86_400_000) - Math.floor(at.getTime() / 86_400_000);
  return days <= 0 ? 'today' : days === 1 ? 'tomorrow' : days < 7 ? `on ${weekday(on)}` : `on ${longDay(on)}`;
};
/** A round hour between `min` and `max` hours after `at`: when an announced trading start falls. */
export const ahead = (r: Random, at: Date, min = 2, max = 26) =>
  new Date(Math.ceil((at.getTime() + r.int(min, max) * 3_600_000) / 3_600_000) * 3_600_000);
/** "10:00 UTC". */
export const utcTime = (at: Date) => `${at.toISOString().slice(11, 16)} UTC`;

/** The same sentence in several phrasings, picked at random. */
export const oneOf = (r: Random, ...phrasings: string[]) => r.pick(phrasings);
/** The text with its first letter upper-cased, for a name that opens a sentence ("ether" → "Ether"). */
export const cap = (text: string) =>
  // A name styled with an inner capital keeps its style ('dYdX').
  /^[a-z]+[A-Z]/.test(text) ? text : text.charAt(0).toUpperCase() + text.slice(1);
/** "a" or "an" before a word, by its first letter. */
export const anArticle = (word: string) => (/^[AEIOU]/i.test(word) ? 'An' : 'A');
/** "A, B and C". */
export const and = (items: readonly string[]) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
