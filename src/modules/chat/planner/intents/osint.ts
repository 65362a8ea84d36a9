import { addressesIn, limit, lookBack } from '../extract.ts';
import { cues, guarded, isNumber, isString, list, plural, prior, toolIntent, type Intent } from '../intent.ts';

type Evidence = { title: string; source: string };

/** A mention floor: "at least 5 mentions", "10+ mentions", "10 or more mentions", "over 20 mentions". */
function leastMentions(text: string): number | undefined {
  const found =
    /\b(?:at least|minimum(?: of)?|min\.?|over|more than|above)\s+(\d{1,5})\s+mentions?\b/i.exec(text)?.[1] ??
    // As the tool's setting: "min_mentions=5".
    /\bmin[_ ]mentions\s*[=:]\s*(\d{1,5})\b/i.exec(text)?.[1] ??
    /\b(\d{1,5})\s*(?:\+|or more)\s*mentions?\b/i.exec(text)?.[1] ??
    // The floor raised or set: "raise the bar to 20 mentions".
    /\b(?:raise|bump|set|up|lift)\b.{0,20}\bto (\d{1,5})\s+mentions?\b/i.exec(text)?.[1];
  return found === undefined ? undefined : Number(found);
}

/** Coins rising in the feeds, as people ask for them. */
const discoverCues = cues(
  [
    3,
    /\b(discover|new|trending|rising|hot|emerging|gems?|fresh|pumping)\b.*\b(coins?|tokens?|projects?|memecoins?)\b/i,
  ],
  [
    3,
    /\b(coins?|tokens?|memecoins?|projects?)\b.*\b(trending|rising|taking off|pumping|hot|popping|blowing up|mooning|gaining)\b/i,
  ],
  [2, /\bwhat('?s| is) (new|trending|hot|pumping|mooning|popping)\b/i],
  [2, /\b(fresh|new|hidden) gems?\b/i],
  // Its own measure: mention velocity, "velocity leaders".
  [3, /\bvelocity\b/i],
  // Coins talked about more than usual, wherever: "what's buzzing on crypto twitter".
  [
    4,
    /\b(mentioned|talk(ed|ing)? about|discuss(ed|ing))\b.*\b(more than usual|than normal|spik\w*|the most)\b|\bwhat('?s| is) (buzzing|getting (attention|traction))\b/i,
  ],
);
const MENTIONS_BREAKING_OUT =
  /\b(breakout|first[- ]time|sudden(ly)?|spik(e|es|ing)|popping off|surging|exploding)\b.{0,25}\bmentions?\b/i;

const discoverCoins = toolIntent<{
  from: string;
  to: string;
  tokens: Array<{ token: string; mentions: number; velocity: number; first_seen: boolean; evidence: Evidence[] }>;
}>({
  tool: 'osint.discover_coins',
  topic: 'trending coins',
  capability:
    'discover new and fast-rising coins in the news and social feeds ("what coins are trending in the last 24h?")',
  // Mentions that break out, with no coin named, are the coins to discover: "breakout mentions past hour?".
  score: (text, context) =>
    Math.max(
      discoverCues(text, context),
      MENTIONS_BREAKING_OUT.test(text) && context.assets(text).length === 0 ? 4 : 0,
    ),
  args(text, context) {
    const minMentions = leastMentions(text) ?? prior(context, 'min_mentions', isNumber);
    return {
      args: {
        window: lookBack(text) ?? prior(context, 'window', isString) ?? '24h',
        ...(minMentions !== undefined && { min_mentions: minMentions }),
        limit: limit(text) ?? prior(context, 'limit', isNumber) ?? 10,
      },
    };
  },
  answer({ from, to, tokens }) {
    if (tokens.length === 0) return `No new or fast-rising coins between ${from} and ${to}.`;
    const lines = tokens.map((t) => {
      const why = t.first_seen ? 'first seen in this window' : `${t.velocity.toFixed(1)}× its usual mentions`;
      const lead = t.evidence[0] ? `; e.g. “${t.evidence[0].title}” (${t.evidence[0].source})` : '';
      return `${t.token}: ${plural(t.mentions, 'mention')}, ${why}${lead}`;
    });
    return `Coins standing out between ${from} and ${to}:\n${list(lines)}`;
  },
});

const tokenMentions = toolIntent<{
  token: string;
  from: string;
  to: string;
  mentions: number;
  previous_window_mentions: number;
  average_sentiment: number | null;
  top_items: Evidence[];
}>({
  tool: 'osint.token_mentions',
  topic: 'trending coins',
  capability: 'count mentions of a token over time, with its sentiment and top items ("mentions of PEPE this week")',
  score: cues(
    // Not "saying about": what people say is the news itself, as every labelled phrasing reads it.
    [3, /\b(mention(s|ed)?|how (often|many times)|talk(ed|ing)? about|buzz|chatter)\b/i],
    [4, /\b(getting|gaining|drawing) (more )?(attention|traction|eyeballs)\b/i],
    // Where the talk comes from, by source type: "where's the ondo talk coming from — news or twitter?".
    [
      4,
      guarded(
        /talk|buzz|chatter|mention|hype/i,
        /\bwhere('?s| is| does)\b.{0,30}\b(talk|buzz|chatter|mentions?|hype)\b.{0,10}\bcom(e|es|ing) from\b|\b(mentions?|talk|buzz|chatter)\b.{0,20}\b(breakdown )?by (source|type|source type|platform)\b|\bmentions? from (tweets|twitter|news|exchanges?)\b.{0,10}\bvs\b|\bhow many (items|posts|articles|tweets) mention\b/i,
      ),
    ],
    // Which way the talk about a coin moves: "kaspa buzz rising or fading?", "render mention trend week over week".
    [
      4,
      /\b(buzz|chatter|mentions?)\b.{0,20}\b(ris(e|es|ing)|fad(e|es|ing)|trend(s|ing)?|grow(s|ing|th)?|drop(s|ping)?|dy(ing|ies)|cool(s|ing)( off| down)?|week over week)\b/i,
    ],
    // The average sentiment of a token's mentions is a figure this tool reports (a briefing's mood is not per mention).
    // So is sentiment asked for as a number: "avg sentiment for $pepe", "wif sentiment as a number".
    [
      6,
      /\b(average|avg|mean|numeric(al)?)\b.{0,20}\bsentiment\b|\bsentiment\b.{0,30}\b(as a (number|figure|score)|score|reading|index)\b|\b(on a|from) -?1 to 1\b/i,
    ],
  ),
  args(text, context) {
    const token = addressesIn(text)[0]?.address ?? context.assets(text)[0] ?? prior(context, 'token', isString);
    if (!token) return { ask: 'Which token? Give its symbol (for example PEPE) or contract address.' };
    return { args: { token, window: lookBack(text) ?? prior(context, 'window', isString) ?? '24h' } };
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
    return `${r.token} was mentioned ${r.mentions === 1 ? 'once' : `${r.mentions} times`} between ${r.from} and ${r.to} (${change})${mood}.${items}`;
  },
});

export const osintIntents: Intent[] = [discoverCoins, tokenMentions];
