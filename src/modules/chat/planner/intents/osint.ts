import { findAddresses } from '../../../analysis/index.ts';
import { assets, limit, windowMinutes } from '../extract.ts';
import { cues, list, type Intent } from '../intent.ts';

/** The OSINT tools' window format: 30m, 6h, 7d. */
function window(text: string): string | undefined {
  const minutes = windowMinutes(text);
  if (minutes === undefined) return undefined;
  if (minutes % 1_440 === 0 && minutes > 1_440) return `${minutes / 1_440}d`;
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

type Evidence = { title: string; source: string };

const discoverCoins: Intent<{
  from: string;
  to: string;
  tokens: Array<{ token: string; mentions: number; velocity: number; first_seen: boolean; evidence: Evidence[] }>;
}> = {
  tool: 'osint.discover_coins',
  capability:
    'discover new and fast-rising coins in the news and social feeds ("what coins are trending in the last 24h?")',
  score: cues(
    [
      3,
      /\b(discover|new|trending|rising|hot|emerging|gems?|fresh|pumping)\b.*\b(coins?|tokens?|projects?|memecoins?)\b/i,
    ],
    [3, /\b(coins?|tokens?)\b.*\b(trending|rising|taking off|pumping)\b/i],
    [2, /\bwhat('?s| is) (new|trending|hot)\b/i],
    [2, /\b(fresh|new|hidden) gems?\b/i],
  ),
  args(text) {
    const atLeast = /\b(?:at least|minimum( of)?|min\.?)\s+(\d{1,5})\s+mentions?\b/i.exec(text)?.[2];
    return {
      args: {
        window: window(text) ?? '24h',
        ...(atLeast && { min_mentions: Number(atLeast) }),
        limit: limit(text) ?? 10,
      },
    };
  },
  answer({ from, to, tokens }) {
    if (tokens.length === 0) return `No new or fast-rising coins between ${from} and ${to}.`;
    const lines = tokens.map((t) => {
      const why = t.first_seen ? 'first seen in this window' : `${t.velocity.toFixed(1)}× its usual mentions`;
      const lead = t.evidence[0] ? `; e.g. “${t.evidence[0].title}” (${t.evidence[0].source})` : '';
      return `${t.token}: ${t.mentions} mentions, ${why}${lead}`;
    });
    return `Coins standing out between ${from} and ${to}:\n${list(lines)}`;
  },
};

const tokenMentions: Intent<{
  token: string;
  from: string;
  to: string;
  mentions: number;
  previous_window_mentions: number;
  average_sentiment: number | null;
  top_items: Evidence[];
}> = {
  tool: 'osint.token_mentions',
  capability: 'count mentions of a token over time, with its sentiment and top items ("mentions of PEPE this week")',
  score: cues([
    3,
    /\b(mentions? (of|for)|mentioned|how (often|many times)|talk(ed|ing)? about|buzz|chatter|sentiment|news (about|on|for)|saying about)\b/i,
  ]),
  args(text, { lookup }) {
    const token = findAddresses(text)[0]?.address ?? assets(text, lookup)[0];
    if (!token) return { ask: 'Which token? Give its symbol (for example PEPE) or contract address.' };
    return { args: { token, window: window(text) ?? '24h' } };
  },
  answer(r) {
    const change =
      r.previous_window_mentions === 0
        ? 'none in the window before'
        : `${r.previous_window_mentions} in the window before`;
    const mood =
      r.average_sentiment === null
        ? ''
        : `, average sentiment ${r.average_sentiment.toFixed(2)} (−1 bearish … +1 bullish)`;
    const items = r.top_items.length
      ? `\nTop items:\n${list(r.top_items.slice(0, 3).map((i) => `${i.title} (${i.source})`))}`
      : '';
    return `${r.token} was mentioned ${r.mentions} times between ${r.from} and ${r.to} (${change})${mood}.${items}`;
  },
};

export const osintIntents: Intent[] = [discoverCoins, tokenMentions];
