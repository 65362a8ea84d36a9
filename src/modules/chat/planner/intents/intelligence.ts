import { type Briefing, ONCHAIN_WATCH_AGENT_ID, type SearchResult } from '../../../intelligence/index.ts';
import { limit, lookBack, uuid, windowMinutes, windowOf } from '../extract.ts';
import {
  EVENT_WORDS,
  eventsIn,
  feedFilters,
  namesAgent,
  namesBothSides,
  namesFeedFilter,
  namedDays,
  namesSubject,
  outletKey,
  outletOf,
  SAID_BY_NAME,
  sinceOf,
  withoutOutlet,
} from '../feedFilters.ts';
import {
  type Answered,
  cues,
  guarded,
  isNumber,
  isString,
  isStrings,
  list,
  plural,
  prior,
  type Intent,
  type IntentContext,
  type IntentPlan,
} from '../intent.ts';
import { ASKS_FOR_MORE, moreLine, nextPage } from '../paging.ts';
import { itemLine, type ListedItem, noneFromOutlet, outletLead, spanSaid, when } from './feedItems.ts';
import { describePrices, PRICES, TOKEN_INFO, tokensAsked } from './market.ts';
import { coinDossier } from './wallet.ts';

const SEARCH = 'intelligence.search';
const BRIEFING = 'intelligence.briefing';

/** The briefing covers 30 days at most. */
const MAX_WINDOW_MINUTES = 30 * 1_440;

type Sentiments = Briefing['sentiment'];

/** A briefing's window ("24h", "7d"), and where it ends when that is before now. */
type BriefingSpan = { window: string; until?: string };

const DAY_MS = 86_400_000;

/** The briefing's shortest window. */
const MIN_WINDOW_MINUTES = 5;

/**
 * The span a briefing is asked for: a look-back window ("24h", "7d"), at most 30 days; days named ("yesterday",
 * "the weekend") from the first one's midnight (UTC) to the end of the last. While the last lasts ("this weekend" on
 * a Sunday) the span ends at the current minute, given as `until`: the briefing counts its window back from its own
 * now, later than the planner's, so a window to now rounded up would start before midnight (Friday 23:57 for the
 * weekend); ended this way it starts at Saturday 00:00 UTC exactly, and leaves out at most the last minute's items.
 * In the first five minutes of the first day the window is the briefing's shortest, and starts the day before.
 */
function briefingSpan(text: string, context: IntentContext): BriefingSpan | undefined {
  const days = namedDays(text, context.now());
  if (days) {
    const end = days.until ? Date.parse(`${days.until}T00:00:00Z`) + DAY_MS : Number.POSITIVE_INFINITY;
    if (end <= context.now()) {
      const hours = Math.ceil((end - Date.parse(days.since)) / 3_600_000);
      return { window: windowOf(Math.min(hours * 60, MAX_WINDOW_MINUTES)), until: days.until! };
    }
    const minute = Math.floor(context.now() / 60_000) * 60_000;
    const minutes = Math.max(MIN_WINDOW_MINUTES, (minute - Date.parse(days.since)) / 60_000);
    return { window: windowOf(Math.min(minutes, MAX_WINDOW_MINUTES)), until: new Date(minute).toISOString() };
  }
  const minutes = windowMinutes(text);
  if (minutes === undefined) return undefined;
  return { window: minutes > MAX_WINDOW_MINUTES ? '30d' : lookBack(text)! };
}

/** The span of the request before, for a follow-up that names none ("and for SOL?" after "how was the weekend?"). */
function priorSpan(context: IntentContext): BriefingSpan | undefined {
  const window = prior(context, 'window', isString);
  const until = prior(context, 'until', isString);
  return window ? { window, ...(until && { until }) } : undefined;
}

function about(tokens: unknown): string {
  return isStrings(tokens) && tokens.length ? ` about ${tokens.join(', ')}` : '';
}

function sentimentLine({ bullish, bearish, neutral }: Sentiments): string {
  const lean = bullish > bearish ? 'leaning bullish' : bearish > bullish ? 'leaning bearish' : 'evenly split';
  return `${bullish} bullish, ${bearish} bearish, ${neutral} neutral (${lean})`;
}

const newsCue = cues(
  [
    2,
    /\b(news|newsflow|news flow|coverage|headlines?|stories|articles?|pieces|announcements?|happen(s|ed|ing)?|going on|intel(ligence)?)\b/i,
  ],
  [
    3,
    /\b(latest|recent|any|some|today'?s?|new|fresh|top)\s+(\w+\s+)?(news|headlines|updates|stories|intel|announcements|items)\b/i,
  ],
  [3, /\bwhat('?s| is| has been) (happening|going on|new)\b|\bthe latest (on|about|for|with)\b/i],
  // The feed read by its sentiment: "only negative stuff about AVAX".
  [3, /\b(negative|positive|bearish|bullish|good|bad) (stuff|news|headlines|stories|items|posts|takes)\b/i],
  [3, /\b(anything|something) (bullish|bearish|positive|negative)\b/i],
  // One side named by its slang: "fud on ondo today?", "doge haters".
  [3, /\b(fud|haters)\b/i],
  // Items by a word they carry: "find me anything that mentions grayscale".
  [3, /\b(anything|something|items?|stories|articles|posts) (that |which )?mention(s|ing)? \w/i],
);
/**
 * The feed also holds the on-chain agent's alerts (a scam token found), many at a time, which would bury the
 * news and the market's hacks: a question leaves them out (`exclude_agents`, not `types`: the security firms'
 * exploit reports are on-chain items too) unless it names tokens, an agent or an item type, or asks about
 * scam tokens. An alert about a token asked about is the answer, as the briefing keeps them for tokens.
 */
const ASKS_SCAM_TOKENS =
  /\b(on-?chain|scam\w*|honeypots?|dex(es)?|dex ?screener|(new|fresh) (tokens?|coins?|pairs?|pools?|launch(es)?)|token launch(es)?)\b/i;

function aboutTheMarket(text: string, filters: ReturnType<typeof feedFilters>): boolean {
  return !filters.tokens && !filters.agents && !filters.types && !ASKS_SCAM_TOKENS.test(text);
}

/**
 * What a news question searches: the item types it names; every item when it names an agent or a value floor
 * (the feed itself) or asks about scam tokens; else all but the on-chain agent's alerts (news about a token too).
 */
function newsScope(text: string, filters: ReturnType<typeof feedFilters>) {
  if (filters.types) return { types: filters.types };
  return namesFeedFilter(text) || filters.agents || ASKS_SCAM_TOKENS.test(text)
    ? undefined
    : { exclude_agents: [...new Set([...(filters.exclude_agents ?? []), ONCHAIN_WATCH_AGENT_ID])] };
}

/** A page of a search: the next one when the words ask for more and the last answer said where it starts. */
function searchArgs(text: string, context: IntentContext, args: Record<string, unknown>) {
  const page = nextPage(text, context);
  return 'ask' in page ? page : { calls: [{ tool: SEARCH, args: { ...args, ...page } }] };
}

/** A search's items under their heading, closed by the line saying where more start when there are more. */
function page(head: string, { items, next_cursor }: SearchResult) {
  return `${head}:\n${list(items.map(itemLine))}${next_cursor ? `\n${moreLine(next_cursor)}` : ''}`;
}

/** "latest 5 items", "latest listing item", "next 3 items": the page after the first says it follows one. */
const pageOf = (args: Record<string, unknown>, shown: number, what: string, one = what.replace(/s$/, '')) =>
  `${args.cursor ? 'next' : 'latest'} ${shown === 1 ? one : `${shown} ${what}`}`;

/** Words asking what is new. */
const RECENT = /\b(any(thing|one)?|latest|recent(ly)?|lately|new|upcoming|today|this (week|month)|happen\w*|news)\b/i;

/** What happened to something: of a protocol or project that is no token ("what happened with Lumora?"), its news. */
const HAPPENED_WITH = /\b(happen(ed|ing)?|going on) (with|to|at)\b/i;

/** How many of the latest items a request naming an outlet looks through for the outlet's (the search's most). */
const OUTLET_PAGE = 100;

/** An item's outlet is the one asked of when its source's name or address carries the outlet's name. */
function fromOutlet(item: ListedItem, outlet: string): boolean {
  const key = outletKey(outlet);
  return outletKey(item.source.name).includes(key) || outletKey(item.source.url ?? '').includes(key);
}

/**
 * The answer to news asked of one outlet: the feed cannot filter by outlet, so the outlet's items among the
 * latest page, said to be that, `shown` at a time from the first not `listed` yet. More of the outlet's in the page
 * than shown are counted ("5 of CoinDesk's 8"), with the words that list them: "more" (the same page again, on from
 * those listed; only then the next page) or, on the first page, the count of them all.
 */
function outletAnswer(outlet: string, shown: number, listed = 0) {
  return (results: Answered[]) => {
    const { args, result } = results[0]!;
    const found = result as SearchResult;
    const count = found.items.length;
    const kind = `${isStrings(args.event) ? `${args.event.join(' or ')} ` : ''}${isStrings(args.types) ? `${args.types.join(' or ')} ` : ''}${count === 1 ? 'item' : 'items'}`;
    // A page reached by cursor with none after it ends the feed: its items are the last, not the only ones.
    const how = found.next_cursor
      ? args.cursor
        ? 'the next'
        : 'the latest'
      : args.cursor
        ? count === 1
          ? 'the last'
          : 'the remaining'
        : count === 1
          ? 'the only'
          : 'all';
    const looked = `${how} ${count === 1 && !found.next_cursor ? '' : `${count} `}${kind}${about(args.tokens)}${spanSaid(args)}`;
    const all = found.items.filter((item) => fromOutlet(item, outlet));
    if (all.length === 0) return noneFromOutlet(outlet, looked);
    // The page read again has fewer of the outlet's than were listed (items went): none of them left to list.
    const from = Math.min(listed, all.length - 1);
    const through = Math.min(from + shown, all.length);
    const left = all.length - through;
    // The same search lists them all when asked for that many; only the first page, which that asks for again.
    const asAll = from === 0 && !args.cursor ? `, or "and show ${all.length} items" to list all ${all.length}` : '';
    const rest = left
      ? `\nSay "more" for ${left > shown ? `the next ${shown} of the other ${left}` : left === 1 ? 'the last one' : `the other ${left}`}${asAll}.`
      : '';
    // The next page only once this one's are all listed: "more" lists those first.
    const more = found.next_cursor && !left ? `\n${moreLine(found.next_cursor)}` : '';
    const part = from || left ? { ...(from && { first: from + 1 }), last: through, of: all.length } : undefined;
    return `${outletLead(outlet, looked, part)}\n${list(all.slice(from, through).map(itemLine))}${rest}${more}`;
  };
}

/**
 * News asked of one outlet (by the news or the security alerts' words): the latest page of items to look through
 * with the other filters, articles unless the words name other kinds, answered with the outlet's among them.
 */
function outletPlan(
  text: string,
  context: IntentContext,
  outlet: string,
  filters: ReturnType<typeof feedFilters>,
  event: string[] | undefined,
): IntentPlan {
  const { types: _named, ...others } = filters;
  const scoped = { ...filters, types: filters.types ?? ['news'] };
  const search = searchArgs(text, context, {
    ...others,
    ...newsScope(text, scoped),
    ...(event && { event }),
    limit: OUTLET_PAGE,
  });
  // The search asks for a whole page (OUTLET_PAGE): five of the outlet's are shown unless a count is asked.
  const shown = limit(text) ?? 5;
  // "More" of a page whose outlet items were not all listed: the same page, on from those listed (thread.ts).
  const listed = ASKS_FOR_MORE.test(text) ? prior(context, 'outlet_listed', isNumber) : undefined;
  return 'ask' in search ? search : { ...search, answer: outletAnswer(outlet, shown, listed) };
}

/** News: the latest items, by token, event, sentiment, value and window. */
const news: Intent = {
  tools: [SEARCH],
  capability: 'find the latest news and intelligence items ("latest news on SOL", "any new listings today?")',
  topic: 'market news and sentiment',
  score(text, context) {
    // An event named ("listed", "raised", "the fed") is news; asked about as news ("any…", "recently") a strong cue.
    const events = eventsIn(text).length && eventsIn(withoutOutlet(text)).length ? (RECENT.test(text) ? 3 : 2) : 0;
    // Naming an agent, an item type or a value floor asks for the feed itself.
    const feed = namesAgent(text) ? 4 : namesFeedFilter(text) ? 3 : 0;
    // The briefing, which blind writers label "what's going on with <coin>", cannot search a subject no token names.
    const subject = HAPPENED_WITH.test(text) && namesSubject(text, context) ? 3 : 0;
    // What a project named in capitals said is its news: a specific request, which the classifier (taught on
    // setup questions about vaults and keys) does not override.
    const said = SAID_BY_NAME.test(text) && namesSubject(text, context) ? 5 : 0;
    // An outlet named asks for its items ("news from coindesk"): a strong cue, which the classifier, taught "new"
    // coins on the words of "news", does not override.
    const fromOutlet = outletOf(text) ? 3 : 0;
    return Math.max(newsCue(text, context), events, feed, subject, said, fromOutlet);
  },
  plan(text, context) {
    const events = eventsIn(withoutOutlet(text));
    const event = events.length ? events : prior(context, 'event', isStrings);
    const filters = feedFilters(text, context);
    const { types: _named, ...others } = filters;
    const outlet = outletOf(text) ?? prior(context, 'outlet', isString);
    const shown = limit(text) ?? prior(context, 'limit', isNumber) ?? 5;
    if (outlet) return outletPlan(text, context, outlet, filters, event);
    return searchArgs(text, context, {
      ...others,
      ...newsScope(text, filters),
      ...(event && { event }),
      limit: shown,
    });
  },
  answer(results) {
    const { args, result } = results[0]!;
    const found = result as SearchResult;
    const since = spanSaid(args);
    const what = isStrings(args.event) ? `${args.event.join(' or ')} items` : 'items';
    if (found.items.length === 0) return `No ${args.cursor ? 'more ' : ''}${what}${about(args.tokens)}${since}.`;
    return page(`The ${pageOf(args, found.items.length, what)}${about(args.tokens)}${since}`, found);
  },
};

const ITEM_WORDS = /\b(item|intel|story|article|post|tweet|alert|open|read|details?|show|get|fetch)\b/i;

/** One item in full, by its id. */
const item: Intent = {
  tools: ['intelligence.get'],
  capability: 'open one intelligence item in full by its id ("open item 7b1e4a52-…")',
  topic: 'market news and sentiment',
  // An id alone is most likely an item's; next to "war" it is a war's (a stronger cue there). An id
  // asked to be opened is a specific request (router.ts), as an address to check is.
  score: (text) => (uuid(text) ? (ITEM_WORDS.test(text) ? 5 : 2) : 0),
  plan(text, context) {
    const id = uuid(text) ?? prior(context, 'id', isString);
    return id ? { calls: [{ tool: 'intelligence.get', args: { id } }] } : { ask: 'Which item? Give its id.' };
  },
  answer(results) {
    const full = results[0]!.result as ListedItem & {
      summary: string | null;
      analysis: string | null;
      sources: Array<{ name: string; url: string | null }>;
    };
    const sources = full.sources.map((source) => source.url ?? source.name).slice(0, 5);
    return [itemLine(full), full.summary, full.analysis, sources.length ? `Sources: ${sources.join(', ')}` : undefined]
      .filter(Boolean)
      .join('\n');
  },
};

/** The briefing's window from a search's start to now, when the briefing takes it (5 minutes to 30 days). */
function windowSince(since: string, context: IntentContext): string | undefined {
  // Floored: the search starts at a whole minute, so the window to now is that many minutes and a part.
  const minutes = Math.floor((context.now() - Date.parse(since)) / 60_000);
  return Number.isFinite(minutes) && minutes >= MIN_WINDOW_MINUTES && minutes <= MAX_WINDOW_MINUTES
    ? windowOf(minutes)
    : undefined;
}

/** Filters beyond the event and the window: with one, the briefing's count of hacks is no count of what the search finds. */
const NARROWING = ['keyword', 'sentiment', 'high_value', 'min_value'];

/** Security alerts: hacks, exploits and rug pulls over a window (the last 7 days unless one is named). */
const securityAlerts: Intent = {
  tools: [SEARCH, BRIEFING],
  capability: 'report hacks, exploits and rug pulls over a window ("any rug pulls or hacks in the last 24 hours?")',
  topic: 'market news and sentiment',
  // An outlet's name is no incident ("latest from rekt").
  score: (text) => (EVENT_WORDS[0]![1].test(text) && EVENT_WORDS[0]![1].test(withoutOutlet(text)) ? 4 : 0),
  plan(text, context) {
    const filters = feedFilters(text, context);
    // Without a window or a date, the last 7 days: an alert is news for a while.
    const since = filters.since ?? sinceOf('', context, 7 * 1_440);
    // An outlet named ("any hacks from rekt?"): its items among the latest hacks, as news from it is answered.
    const outlet = outletOf(text) ?? prior(context, 'outlet', isString);
    if (outlet) return outletPlan(text, context, outlet, { ...filters, since }, ['hack']);
    const market = aboutTheMarket(text, filters);
    const search = searchArgs(text, context, {
      event: ['hack'],
      ...filters,
      since,
      ...(market && { exclude_agents: [ONCHAIN_WATCH_AGENT_ID] }),
      limit: limit(text) ?? prior(context, 'limit', isNumber) ?? 10,
    });
    // The first page of the market's hacks also counts them, and the scam tokens left out, from the briefing of
    // the same window (the search returns no total); a window the briefing cannot take, or one that ends before now, goes without.
    const window = market && since && !filters.until ? windowSince(since, context) : undefined;
    if ('ask' in search || !window || search.calls[0]!.args.cursor) return search;
    return { calls: [...search.calls, { tool: BRIEFING, args: { window } }] };
  },
  answer(results) {
    const { args, result } = results[0]!;
    const found = result as SearchResult;
    const counted = results.find(({ tool }) => tool === BRIEFING)?.result as Briefing | undefined;
    const shown = found.items.length;
    const where = `${about(args.tokens)}${spanSaid(args)}`;
    const alerts = counted?.onchain_alerts?.count
      ? `\nThe on-chain watcher also flagged ${plural(counted.onchain_alerts.count, 'scam token')} in the same window, left out above (ask for "on-chain scam alerts" to list them).`
      : '';
    if (shown === 0) return `No ${args.cursor ? 'more ' : ''}hacks, exploits or rug pulls reported${where}.${alerts}`;
    // Items are reports, not incidents: one hack several outlets covered is an item from each, and nothing on an
    // item (no story or protocol field) tells which report the same one.
    if (args.cursor) return page(`The ${pageOf(args, shown, 'security reports')}${where}`, found);
    // A page holds at most the limit asked: with more behind it, its size is no count of the reports, but the
    // briefing's count of the window's hacks is when the search narrows by nothing else.
    const total =
      counted && !NARROWING.some((key) => key in args)
        ? counted.events.find((group) => group.event === 'hack')?.count
        : undefined;
    const head = !found.next_cursor
      ? `${plural(shown, 'security report')}${where}`
      : total !== undefined && total > shown
        ? `${plural(total, 'security report')}${where}; the latest ${shown}`
        : `More than ${plural(shown, 'security report')}${where}; the latest ${shown}`;
    return `${page(head, found)}${alerts}`;
  },
};

function briefingArgs(text: string, context: IntentContext, fallback: string) {
  const tokens = context.assets(text);
  const tokensFor = tokens.length ? tokens : prior(context, 'tokens', isStrings);
  return {
    ...(briefingSpan(text, context) ?? priorSpan(context) ?? { window: fallback }),
    ...(tokensFor && { tokens: tokensFor }),
  };
}

/** The whole market, not one token: "what happened today?", "how's the market looking?" ("what moved the most" is the movers' too). */
const WHOLE_MARKET =
  /\bwhat('?s| has)? ((been )?happen(ed|ing)|moved(?! (the )?most)|changed)\b|\bhow('?s| is) (the )?(crypto )?market\b|\bwhat('?s| is) the (crypto )?market doing\b/i;
const briefingCue = cues([
  3,
  /\b(brief(ing)?|summar(y|ise|ize)|resume of|recap|overview|digest|round-?up|tl;?dr|most important|biggest (news|stories|events)|top stories|sum (it |things |everything )?up|(daily|weekly|morning|evening) (wrap|report)|wrap-?up|(everything|anything) notable|what'?s the story (with|on|for)|anything big|what moved(?! (the )?most)|what did i miss|catch me up|market update|run-?down|highlights|(big|main|key) stories|sitrep|situation report|state of play)\b/i,
]);

const span = (b: Briefing) => `${when(b.from)} to ${when(b.to)}`;

/** The on-chain agent's scam-token alerts, which a market briefing gives apart from its events: a line of their own. */
function alertsLine(b: Briefing): string {
  const alerts = b.onchain_alerts;
  if (!alerts?.count) return '';
  const top = alerts.top_items[0];
  return `\nOn-chain alerts: ${plural(alerts.count, 'scam token')} flagged${top ? `; most dangerous: ${top.title} (danger ${top.value})` : ''}.`;
}

/** A briefing: counts by event and sentiment, the most valuable items, and the tokens whose mentions moved. */
const briefing: Intent = {
  tools: [BRIEFING],
  capability: 'brief you on a window: what happened, by event, with the tokens that moved ("summarize today\'s news")',
  topic: 'market news and sentiment',
  score: (text, context) =>
    Math.max(
      briefingCue(text, context),
      // "What happened today?" over everything is a briefing; "what happened with SOL?" (or with Lumora) is news about it.
      WHOLE_MARKET.test(text) && context.assets(text).length === 0 && !namesSubject(text, context) ? 3 : 0,
      // A coin's dossier: "uniswap dossier, last 72h".
      coinDossier(text) && context.assets(text).length > 0 ? 3 : 0,
    ),
  plan(text, context) {
    return { calls: [{ tool: BRIEFING, args: briefingArgs(text, context, '24h') }] };
  },
  answer(results) {
    const b = results[0]!.result as Briefing;
    const on = b.tokens?.length ? ` on ${b.tokens.join(', ')}` : '';
    const alerts = alertsLine(b);
    if (b.items === 0) return `${alerts ? 'No news' : 'Nothing was reported'}${on} from ${span(b)}.${alerts}`;
    const head = `${plural(b.items, 'item')}${on} from ${span(b)}: ${sentimentLine(b.sentiment)}.`;
    const events = b.events.slice(0, 5).map((group) => {
      const top = group.top_items[0];
      const lead = top
        ? `; top: ${top.title} (${top.tokens.length ? `${top.tokens.slice(0, 3).join(', ')}; ` : ''}value ${top.value}${top.source_count > 1 ? `, ${top.source_count} sources` : ''})`
        : '';
      return `${group.event ?? 'no event'}: ${group.count}${lead}`;
    });
    const movers = b.movers
      .slice(0, 5)
      .map((m) => `${m.token} ${m.count} (${m.change > 0 ? '+' : '−'}${Math.abs(m.change)})`)
      .join(', ');
    return `${head}\n${list(events)}${alerts}${movers ? `\nMentions moving: ${movers}.` : ''}`;
  },
};

/** How a token is seen: the window's items about it counted by sentiment, with the most valuable one. */
function sentimentAnswer(b: Briefing): string {
  const on = b.tokens?.length ? b.tokens.join(', ') : 'the market';
  if (b.items === 0) return `No items about ${on} from ${span(b)}, so no sentiment to report.`;
  const best = b.events.flatMap((group) => group.top_items).sort((a, c) => c.value - a.value)[0];
  const lead = best ? ` Most valuable: ${best.title} (${best.sentiment}, value ${best.value}).` : '';
  return `Sentiment on ${on} from ${span(b)}, over ${plural(b.items, 'item')}: ${sentimentLine(b.sentiment)}.${lead}`;
}

/** The window of a mood question that names none ("is PEPE bullish right now?"), and the one it widens to when that holds nothing. */
const SENTIMENT_WINDOW = '24h';
/** Coins whose moods one question compares, each with a briefing of its own. */
const MAX_COMPARED = 4;
const COMPARING = /\b(vs\.?|versus|or|compared?|comparing|comparison|against|which)\b/i;
const WIDER = { window: '7d', said: 'the last 7 days' };

const sentimentCue = cues(
  // The word itself is a specific request (router.ts): the classifier, taught that a sentiment asked as a number is
  // the mentions' average, read "sentiment for dogecoin over the past week" as that too.
  [5, /\b(sentiment|mood)\b/i],
  [4, /\b(vibes?|bullish or bearish|bearish or bullish)\b/i],
  // Both sides asked about: how it leans, not one side's items ("positive or negative lately", "bullish vs bearish count").
  [
    4,
    /\b(bullish|positive)\b.{0,20}\b(or|vs\.?|versus|and)\b.{0,20}\b(bearish|negative)\b|\b(bearish|negative)\b.{0,20}\b(or|vs\.?|versus|and)\b.{0,20}\b(bullish|positive)\b/i,
  ],
  [4, /\bhow (do|are) (\$?\w+ )?(people|traders|investors|holders|the community|the market|crypto twitter)\b.*\bfeel/i],
  [4, /\bfeel(ing|s)? (about|on|towards?)\b|\b(fearful|greedy|fear (and|&) greed)\b/i],
  [3, /\b(is|are) (the )?(market|people|traders|everyone|crypto twitter|ct)\b.*\b(bullish|bearish)\b/i],
  [3, /\b(bullish|bearish) (on|about)\b/i],
  // A feeling named of a coin or the market: "are traders scared of bnb", "optimistic about eth", "market feeling today".
  [
    4,
    guarded(
      /scared|afraid|fearful|optimistic|pessimistic|confident|nervous|worried|excited|feeling|mood/i,
      /\b(scared|afraid|fearful|optimistic|pessimistic|confident|nervous|worried|excited) (of|about|on|with)\b|\bmarket (feeling|mood)\b/i,
    ),
  ],
);

const tokenSentiment: Intent = {
  tools: [BRIEFING],
  capability: 'tell how the news leans on a token, bullish or bearish ("how is the sentiment on SOL?")',
  topic: 'market news and sentiment',
  score(text, context) {
    const cued = Math.max(
      sentimentCue(text, context),
      // "Is ETH looking bullish?"
      /\b(is|are|looks?|looking)\b.*\b(bullish|bearish)\b/i.test(text) && context.assets(text).length > 0 ? 3 : 0,
      // The mood asked as a choice of its sides in any words: "xrp community: optimistic or depressed lately?".
      /\bor\b/i.test(text) && namesBothSides(text) ? 3 : 0,
    );
    // The mood of one kind of item ("is twitter leaning bull or bear on sui", "twitter mood on solana?") is a search
    // of those items, which blind writers label so: the briefing counts every kind together. (Read only of a
    // message with a mood cue: most have none.)
    return cued > 2 && namesFeedFilter(text) ? 2 : cued;
  },
  plan(text, context) {
    const args = briefingArgs(text, context, SENTIMENT_WINDOW);
    // A day the words did not choose may hold nothing about a quiet token: the wider window is asked beside it, used only then.
    const widen = args.tokens !== undefined && !briefingSpan(text, context) && args.window === SENTIMENT_WINDOW;
    // Coins compared ("ARB vs OP sentiment"): each its own briefing, so neither's mood is told as both's. Coins named
    // as a group ("the crowd on memecoins? pepe bonk wif") share one.
    const compared = args.tokens && args.tokens.length > 1 && COMPARING.test(text);
    const each = compared ? args.tokens!.slice(0, MAX_COMPARED).map((t) => [t]) : [args.tokens];
    return {
      calls: each.flatMap((tokens) => {
        const asked = { tool: BRIEFING, args: { ...args, ...(tokens && { tokens }) } };
        return widen ? [asked, { tool: BRIEFING, args: { ...asked.args, window: WIDER.window } }] : [asked];
      }),
    };
  },
  answer(results) {
    // A coin's briefings are next to each other: the asked window's, then the wider one's if asked.
    const lines: string[] = [];
    for (let i = 0; i < results.length; i++) {
      const asked = results[i]!.result as Briefing;
      const next = results[i + 1]?.result as Briefing | undefined;
      const wider = next && next.tokens?.join() === asked.tokens?.join() ? next : undefined;
      if (wider) i++;
      lines.push(
        !wider || asked.items > 0 || wider.items === 0
          ? sentimentAnswer(asked)
          : `No items about ${asked.tokens?.join(', ')} from ${span(asked)}, so I looked at ${WIDER.said}. ${sentimentAnswer(wider)}`,
      );
    }
    return lines.join('\n');
  },
};

const NOT_ADVICE = 'This is the platform’s data, not a recommendation: not financial advice.';

const shouldICue = cues(
  [
    4,
    /\b(should|would|shall) (i|we|you|u) (still |even |really )?(buy|sell|ape( into)?|invest( in)?|get (in|into)|long|short|hold|dump|take profits?)\b/i,
  ],
  // A trade decision put as a valuation, a sum to place or a price target: "is RENDER undervalued?",
  // "TAO looks pricey, am i late?", "got 500 bucks, which coin", "will bitcoin hit 150k".
  [4, /\b(under|over)valued\b|\b(looks?|seems?) (pricey|cheap|expensive|overpriced)\b|\bam i (too )?(late|early)\b/i],
  [
    4,
    /\b(have|got) \$?\d+(\.\d+)?k?(\s*(bucks|dollars|usd[ct]?)\b.*\b(which|what|where|should|or)|\b.*\b(which|what|where|should))\b|\bbest setup\b/i,
  ],
  // A sum about to go in, or the move put as an idea: "putting 2k into polkadot. thoughts?", "is it a good idea to put money in it".
  // Read from the verb, with the sum's length bounded: read from the sum, a long run of digits and dots made the
  // pattern cubic in the message's length (seconds for one message).
  [4, /\b(putting|put|throwing|investing) \$?\d[\d.,]{0,15}k?\b.*\b(thoughts|good idea|worth it|yes or no)\b/i],
  [
    4,
    /\bidea(?<=\b(good|bad|smart|dumb) idea) to (buy|sell|invest|get in(to)?|put (my |some |the )?(money|cash|savings) in(to)?)\b/i,
  ],
  // The move put as a judgement of it: "is it smart to put it in ethereum now", "would it be wise to buy sol".
  [
    4,
    guarded(
      /smart|wise|sensible|dumb|stupid|idea/i,
      /\b(is it|would it be|is now) (a )?(smart|wise|sensible|dumb|stupid|good idea) to (buy|sell|put|invest|get in(to)?|ape|move)\b/i,
    ),
  ],
  [4, /\bwill \$?[a-z0-9]+ (hit|reach|break|get to|go to)\b/i],
  [4, /\bap(e|ing) (in|into)\b/i],
  // A buy put as an urge or a horizon: "fomo'ing into render, talk me out of it", "dot or atom for a long-term hold?".
  [
    4,
    guarded(
      /fomo|talk me|term/i,
      /\bfomo(?:'?ing|ed)? (in|into)\b|\btalk me (out of|into) it\b|\bfor an? (long|short)[- ]?term (hold|bag|play|bet)\b/i,
    ),
  ],
  [4, /\b(buy|sell|long|short|hold)( (it|now|here|them))? or (buy|sell|long|short|hold)\b/i],
  // The pick among coins named: "link or dot, which one do i grab", "jto or gmx for a swing".
  [
    4,
    guarded(
      /which|swing|flip|trade/i,
      /\bwhich (one )?(do|should|would) (i|we) (grab|buy|pick|get|choose|go (with|for))\b|\bfor an? (swing|flip|quick trade)\b/i,
    ),
  ],
  [4, /\b(good|bad|right|best) (time|moment) to (buy|sell|get in(to)?|invest)\b/i],
  // A trade decision put as the choice itself: "time to sell my ADA?", "take profit or keep holding?", "dca btc or eth".
  [4, /^\s*(is it )?(time|too late|too early) to (buy|sell|get in(to)?|exit|take profits?)\b/i],
  [
    4,
    /\b(take profits?|keep holding|hold on|cut (my )?loss(es)?)\b.*\bor\b|\bor (keep holding|hold on|take profits?)\b/i,
  ],
  [4, /\bdca (into )?\$?\w+( or \$?\w+)?\b.*\b(which|or)\b/i],
  [4, /\b(is|are) \$?\w+ an? ([\w-]+ ){0,3}(buy|sell|investment|bet|entry|trade|hold)\b/i],
  [4, /\bworth (buying|investing|holding|getting in(to)?|aping( into)?)\b/i],
  [4, /\bbuy(ing)? (the|this) dip\b/i],
  // The pick asked for: "best coin to put 500 bucks in this week?", "best coin to accumulate".
  [4, /\bbest (coins?|tokens?|crypto|pick) to (buy|put|invest|accumulate|hold|ape|pick up|grab|stack)\b/i],
  [4, /\b(legit|good|solid|smart) (buy|investment|bet|entry|play)\b/i],
  [3, /\b(buy|sell) (signal|recommendation|call)s?\b/i],
);
const OPINION = /\b(thoughts|opinion|take|views?) (on|about)\b|\bwhat do you (think|reckon) (about|of)\b/i;

const STABLECOINS = new Set(['USDT', 'USDC', 'DAI', 'BUSD', 'TUSD', 'FDUSD', 'USDE', 'PYUSD', 'USDS']);
/** A stablecoin beside another coin is the money to buy it with ("I have some USDC doing nothing. put it in ethereum?"), not the subject. */
function withoutTheMoneyIn(tokens: string[]): string[] {
  const subjects = tokens.filter((token) => !STABLECOINS.has(token));
  return subjects.length ? subjects : tokens;
}

/** "Should I buy SOL?": never a recommendation; the price and the week's news and sentiment, and a line saying so. */
const shouldIBuy: Intent = {
  tools: [BRIEFING, TOKEN_INFO, PRICES],
  capability: 'show what the platform knows about a token you are thinking of trading ("should I buy SOL?")',
  topic: 'token prices',
  score: (text, context) =>
    Math.max(
      shouldICue(text, context),
      // An opinion asked about a token ("thoughts on PEPE?") gets the same data and the same line.
      OPINION.test(text) && context.assets(text).length > 0 ? 3 : 0,
    ),
  plan(text, context) {
    const tokens = withoutTheMoneyIn(tokensAsked(text, context));
    // "What should I buy?": no token, so what the market is doing.
    if (tokens.length === 0)
      return { calls: [{ tool: BRIEFING, args: briefingSpan(text, context) ?? { window: '24h' } }] };
    const price =
      tokens.length === 1
        ? { tool: TOKEN_INFO, args: { symbol: tokens[0] } }
        : { tool: PRICES, args: { symbols: tokens } };
    const span = briefingSpan(text, context) ?? { window: '7d' };
    // The news and its sentiment first (what answers "should I?" best), then the price.
    return { calls: [{ tool: BRIEFING, args: { ...span, tokens } }, price] };
  },
  answer(results) {
    // Said price first: the figure the question is about, then what the news says.
    const lines = [...results]
      .sort((a, b) => Number(a.tool === BRIEFING) - Number(b.tool === BRIEFING))
      .map(({ tool, result }) =>
        tool === BRIEFING ? sentimentAnswer(result as Briefing) : describePrices(tool, result),
      );
    // "What should I buy?" names no token: there is no "it" to trade, only a pick the platform will not make.
    const count = new Set(
      results.flatMap(({ args }) =>
        isStrings(args.tokens)
          ? args.tokens
          : isStrings(args.symbols)
            ? args.symbols
            : isString(args.symbol)
              ? [args.symbol]
              : [],
      ),
    ).size;
    const cannot =
      count === 0
        ? "I can't tell you what to buy, but here is what the market is doing on AlphaNest:"
        : `I can't tell you whether to trade ${count === 1 ? 'it' : 'them'}, but here is what AlphaNest shows:`;
    return `${cannot}\n${lines.join('\n')}\n${NOT_ADVICE}`;
  },
};

export const intelligenceIntents: Intent[] = [shouldIBuy, securityAlerts, briefing, news, tokenSentiment, item];
