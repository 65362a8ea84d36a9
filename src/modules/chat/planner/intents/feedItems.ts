import type { SearchResult } from '../../../intelligence/index.ts';

/** An item of the feed as intelligence.search lists it. */
export type ListedItem = SearchResult['items'][number];

/** An instant as the answers write it: "2026-03-10 08:30 UTC". */
export const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

const symbols = (tokens: Array<{ symbol: string }>) => [...new Set(tokens.map((t) => t.symbol))].slice(0, 4).join(', ');

/** One item in a line: its title, then the tokens it is about, its sentiment, value, sources and time. */
export function itemLine(item: ListedItem): string {
  const about = item.tokens.length ? `${symbols(item.tokens)}; ` : '';
  const sources = item.source_count > 1 ? `, ${item.source_count} sources` : '';
  return `${item.title} (${about}${item.sentiment.label}, value ${item.value.score}${sources}, ${when(item.published_at)})`;
}
