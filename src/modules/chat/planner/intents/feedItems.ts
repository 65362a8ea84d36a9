import type { SearchResult } from '../../../intelligence/index.ts';
import { isString } from '../intent.ts';

/** An item of the feed as intelligence.search lists it. */
export type ListedItem = SearchResult['items'][number];

/** An instant as the answers write it: "2026-03-10 08:30 UTC". */
export const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * A search's span as an answer says it: " since 2026-03-09 12:00 UTC", " on 2026-03-09 (UTC)", " from 2026-03-07
 * to 2026-03-08 (UTC, both days)". A date alone is that whole day, as the search reads one.
 */
export function spanSaid(args: Record<string, unknown>): string {
  const { since, until } = args;
  const isDay = (value: string) => value.length === 10;
  if (!isString(until)) return isString(since) ? ` since ${when(since)}` : '';
  const end = isDay(until) ? `the end of ${until} UTC` : when(until);
  if (!isString(since)) return ` until ${end}`;
  if (isDay(since) && isDay(until))
    return since === until ? ` on ${since} (UTC)` : ` from ${since} to ${until} (UTC, both days)`;
  return ` from ${when(since)} to ${end}`;
}

const symbols = (tokens: Array<{ symbol: string }>) => [...new Set(tokens.map((t) => t.symbol))].slice(0, 4).join(', ');

/** One item in a line: its title, then the tokens it is about, its sentiment, value, sources and time. */
export function itemLine(item: ListedItem): string {
  const about = item.tokens.length ? `${symbols(item.tokens)}; ` : '';
  const sources = item.source_count > 1 ? `, ${item.source_count} sources` : '';
  return `${item.title} (${about}${item.sentiment.label}, value ${item.value.score}${sources}, ${when(item.published_at)})`;
}

/**
 * The line opening an answer picked from the latest items for the outlet asked of, which the feed cannot filter by;
 * `part`: only some of the outlet's items are listed, the first `last` ("5 of CoinDesk's 8") or from `first` on,
 * after a "more" ("6–8 of CoinDesk's 8", "#8 of CoinDesk's 8").
 */
export const outletLead = (outlet: string, looked: string, part?: { first?: number; last: number; of: number }) =>
  `The feed cannot filter by outlet, so these are ${part ? `${part.first === part.last ? '#' : part.first ? `${part.first}–` : ''}${part.last} of ${outlet}'s ${part.of}` : `${outlet}'s`} among ${looked}:`;
export const noneFromOutlet = (outlet: string, looked: string) =>
  `None of ${looked} is from ${outlet} (the feed cannot filter by outlet, so I looked through those).`;
const OUTLET_SAID =
  /^The feed cannot filter by outlet, so these are (?:(?:\d+–|#)?(\d+) of )?(.+?)'s (?:(\d+) )?among |^None of .+ is from (.+?) \(the feed cannot filter by outlet/m;

/**
 * The outlet an earlier answer picked items of: the conversation keeps answers, not the words' reading, and the
 * search has no slot for it, so a follow-up ("and for ETH?", "more") reads it here to keep to it. `listed`: how many
 * of the outlet's items in the page it looked through are listed so far, when some are not yet.
 */
export function outletIn(reply: string): { outlet: string; listed?: number } | undefined {
  const found = OUTLET_SAID.exec(reply);
  if (!found) return undefined;
  const [listed, of] = [Number(found[1]), Number(found[3])];
  return { outlet: (found[2] ?? found[4])!, ...(listed < of && { listed }) };
}
