import { agentCatalogue } from '../../intelligence/index.ts';
import { exchange, windowMinutes } from './extract.ts';
import { isBoolean, isNumber, isString, isStrings, prior, type IntentContext } from './intent.ts';

/**
 * The feed's filters as intelligence.search takes them, read from a
 * request: tokens, item types, agents, sentiment, value, a keyword and the
 * time span. Each left out falls back to the call being followed up.
 */

const BULLISH =
  /\b(bullish|positive|good (news|stuff|ones)|optimistic|upbeat|hyped|hyping|shill(s|ed|ing)?|hopium|good[- ]vibes?|excited|euphoric|(any|some|getting) love|praise[sd]?|bull (posts|takes|tweets|case|stuff)|love(?= or hat))\b/i;
const BEARISH =
  /\b(bearish|negative|bad news|pessimistic|doom|gloom(y)?|grim|fud(d?ing|ded)?|scared|worried|depressed|miserable|capitulat(ing|ed|ion)|panick?(ing|ed)?|(dump|dunk|crap|shit)(ed|ing|s)? on|trash(ed|ing)?|bash(ed|ing)?|roast(ed|ing)?|hat(e|ing|ers?)|bear (posts|takes|tweets|case|stuff))\b/i;
/** Neither side: "neutral coverage", "balanced takes". */
const NEUTRAL = /\b(neutral|balanced|unbiased|objective)\b/i;
const IMPORTANT = /\b(important|major|big(gest)?|significant|high[- ]value|must[- ]read|key)\b/i;

/** The feed's item types, as people name them. */
const TYPE_WORDS: Array<[string, RegExp]> = [
  [
    'twitter',
    // "ppl on X": "on x" read first, the words before it only then (most messages have no "on x").
    /\b(tweets?|tweet(ing|ed)|x posts?|twitter( posts?)?|crypto twitter)\b|\bCT\b|\bon x\b(?<=\b(posts|people|ppl|folks|everyone|anyone) on x)/i,
  ],
  ['onchain', /\bon-?chain\b/i],
  [
    'exchange',
    /\bexchange[- ](announcements?|notices?|posts?|type|items?)\b|\bexchanges\b(?<=\b(announcements?|came|items?|posts|news) (from|by) (the )?exchanges)/i,
  ],
  ['news', /\b(news )?articles?\b|\bnews (sites?|outlets?|only)\b|\bpress (pieces|articles|coverage)\b/i],
];
/** An item type ruled out ("no tweets", "not from twitter") is no filter to add. */
const RULED_OUT =
  /\b(?:no|not|nothing|without|except|excluding|minus|leave out|leaving out|skip|ignore)\s+(?:from\s+|any\s+|the\s+)?(?:x posts?|crypto twitter|[\w-]+)/gi;
/** The item types named in a text with what it rules out taken out. */
const typesIn = (kept: string) => TYPE_WORDS.filter(([, words]) => words.test(kept)).map(([type]) => type);

/** Words naming a kind of event, as the analyser tags items (security incidents are all `hack`). */
export const EVENT_WORDS: Array<[string, RegExp]> = [
  [
    'hack',
    /\b(hacks?|hacked|hackers?|rekt|exploits?|exploited|rug ?pulls?|(got|been|was|were|get|getting) rugged|rugs|drain(ed|s|er)?|stolen|theft|phishing|breach(es)?|attacks?|heists?|vulnerabilit(y|ies)|security (incidents?|alerts?|news|breach))\b/i,
  ],
  ['delisting', /\bdelist(s|ed|ing|ings)?\b/i],
  [
    'listing',
    /\blist(ed|ing|ings)\b|\bnew (coins? |tokens? )?on (binance|coinbase|okx|bybit|kraken)\b|\b(list|add)s?\b(?<=\b(binance|coinbase|okx|bybit|kraken|kucoin) (list|add)s?)/i,
  ],
  ['regulation', /\b(regulat\w*|SEC|CFTC|lawsuits?|sued|legislation|lawmakers?|compliance|crackdown)\b/],
  ['partnership', /\b(partner(s|ship|ships)?|collaborat\w*|integrations?)\b/i],
  [
    'funding',
    /\b(funding|fundrais(e|es|ed|ing)|raises?|raised|(seed|funding|investment) rounds?|series [a-d]|investors? back\w*|vcs?|venture capital)\b/i,
  ],
  ['token_unlock', /\b(unlocks?|unlocking|vesting)\b/i],
  ['airdrop', /\bairdrops?\b/i],
  [
    'macro',
    /\b(macro|fed|fomc|powell|cpi|inflation|interest rates?|rate (cut|hike)s?|jobs (report|data|numbers?)|payrolls?|unemployment|recession|treasury yields?)\b/i,
  ],
];

/** The events a text names, in the order of EVENT_WORDS. */
export function eventsIn(text: string): string[] {
  return EVENT_WORDS.filter(([, words]) => words.test(text)).map(([event]) => event);
}

const DATE = String.raw`(\d{4}-\d{2}-\d{2})`;

const DATE_RANGE = new RegExp(
  String.raw`\b(?:between|from)\s+${DATE}\s+(?:and|to|until|through|thru|-)\s+${DATE}`,
  'i',
);
const DATE_SINCE = new RegExp(String.raw`\b(?:since|after|from|starting)\s+${DATE}`, 'i');
const DATE_UNTIL = new RegExp(String.raw`\b(?:until|till|before|up to|to)\s+${DATE}`, 'i');
const DATE_ONLY = new RegExp(String.raw`\b${DATE}`);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const MONTH_DAY = new RegExp(String.raw`\b${MONTH}\s+${DAY}\b`, 'gi');
const DAY_MONTH = new RegExp(String.raw`\b${DAY}\s+(?:of\s+)?${MONTH}\b`, 'gi');
/** "between the 3rd and the 10th (of november)": a range of days, the first in the month of the second. */
const NTH_RANGE = new RegExp(
  String.raw`\b(between|from) the (\d{1,2})(?:st|nd|rd|th)? (and|to|until) the (\d{1,2})(?:st|nd|rd|th)?(?:\s+(?:of\s+)?${MONTH})?`,
  'gi',
);
/** "since the 15th": only after a word of time, so "the 3rd result" stays an ordinal. */
const NTH = /\b(since|after|from|until|till|before|on) the (\d{1,2})(?:st|nd|rd|th)\b/gi;

/**
 * Days written in words as ISO dates: "nov 10", "10th of November", "the 15th" (of this month). A day not
 * reached yet is last year's (or, for "the 15th", last month's): people ask about what has happened.
 */
function isoDays(text: string, now: number): string {
  const today = new Date(now);
  const iso = (year: number, month: number, day: number) => {
    if (day < 1 || day > 31) return undefined;
    return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
  };
  const inPast = (month: number, day: number) =>
    iso(
      Date.UTC(today.getUTCFullYear(), month, day) > now ? today.getUTCFullYear() - 1 : today.getUTCFullYear(),
      month,
      day,
    );
  const month = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  /** The month of day `day` of a named month (else this one): the latest such day that has begun. */
  const monthOf = (day: number, name?: string) => {
    if (name) return Date.UTC(today.getUTCFullYear(), month(name), day) > now ? month(name) - 12 : month(name);
    return Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), day) > now
      ? today.getUTCMonth() - 1
      : today.getUTCMonth();
  };
  return text
    .replace(NTH_RANGE, (whole, from: string, first: string, to: string, last: string, name?: string) => {
      const at = monthOf(Number(last), name);
      const [start, end] = [
        iso(today.getUTCFullYear(), at, Number(first)),
        iso(today.getUTCFullYear(), at, Number(last)),
      ];
      return start && end ? `${from} ${start} ${to} ${end}` : whole;
    })
    .replace(MONTH_DAY, (whole, name: string, day: string) => inPast(month(name), Number(day)) ?? whole)
    .replace(DAY_MONTH, (whole, day: string, name: string) => inPast(month(name), Number(day)) ?? whole)
    .replace(NTH, (whole, word: string, day: string) => {
      const thisMonth = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), Number(day)) > now ? -1 : 0;
      const date = iso(today.getUTCFullYear(), today.getUTCMonth() + thisMonth, Number(day));
      return date ? `${word} ${date}` : whole;
    });
}

/** Dates written out: "between A and B", "from A to B", "since A", "until B", "on A" (that whole day). */
function datesIn(text: string): { since?: string; until?: string } {
  const range = DATE_RANGE.exec(text);
  if (range) return { since: range[1], until: range[2] };
  const since = DATE_SINCE.exec(text)?.[1];
  const until = DATE_UNTIL.exec(text)?.[1];
  if (since || until) return { ...(since && { since }), ...(until && { until }) };
  const day = DATE_ONLY.exec(text)?.[1];
  return day ? { since: day, until: day } : {};
}

const DAY_MS = 86_400_000;
const SINCE_NAMED = /\b(?:since|after)\s+(?:the\s+)?(?:yesterday|weekend)\b/i;

/**
 * Whole UTC days named by a word: "yesterday" is that day, "the weekend" the last Saturday and Sunday (this one
 * while it lasts), as dates the search takes from the first's midnight to the end of the last. "since yesterday"
 * runs to now. People who say "yesterday" mean the day, not the last 48 hours, and not today's items.
 */
export function namedDays(text: string, now: number): { since: string; until?: string } | undefined {
  const day = (offset: number) => new Date((Math.floor(now / DAY_MS) + offset) * DAY_MS).toISOString().slice(0, 10);
  let days: { since: string; until: string } | undefined;
  if (/\byesterday\b/i.test(text)) days = { since: day(-1), until: day(-1) };
  else if (/\bweekend\b/i.test(text)) {
    // Days back to Saturday: 0 on a Saturday, 1 on a Sunday, 2 on a Monday…
    const back = (new Date(now).getUTCDay() + 1) % 7;
    days = { since: day(-back), until: day(1 - back) };
  }
  return days && SINCE_NAMED.test(text) ? { since: days.since } : days;
}

/** The instant a window written in the text starts at, to the minute (so repeated questions share the feed's cache). */
export function sinceOf(text: string, context: IntentContext, fallbackMinutes?: number): string | undefined {
  const minutes = windowMinutes(text) ?? fallbackMinutes;
  if (minutes === undefined) return undefined;
  const start = Math.floor((context.now() - minutes * 60_000) / 60_000) * 60_000;
  return new Date(start).toISOString();
}

/** "value above 80", "value score of at least 70", "items scored 90+", "valued 75 and up". */
function minValueIn(text: string): number | undefined {
  const found =
    // As a setting: "min value 60", "min_value=60".
    /\bmin(?:imum)?[_ ]value["']?\s*[=:]?\s*(?:of\s*)?(\d{1,3})\b/i.exec(text)?.[1] ??
    // A floor before what it bounds: "90+ value stuff only".
    /\b(\d{1,3})\s*\+\s*(?:value|valued|score)\b/i.exec(text)?.[1] ??
    /\b(?:value(?: score)?|valued|scor(?:ed|ing)|rated)\s*(?:of\s*)?(?:above|over|at least|>=?|more than|greater than)\s*(\d{1,3})\b/i.exec(
      text,
    )?.[1] ??
    /\b(?:value(?: score)?|valued|scor(?:ed|ing)|rated)\s*(?:of\s*|at\s*)?(\d{1,3})\s*(?:\+|or (?:more|above|higher|better)|and (?:up|above|higher))/i.exec(
      text,
    )?.[1];
  return found === undefined ? undefined : Math.min(100, Number(found));
}

/**
 * Catalogue agents as requests name them: by id ("security-watch"), or by id or name next to
 * "agent" ("the Security Watch agent"); a plain-word id ("ingest") reads as a word without it.
 */
const AGENT_NAMES = agentCatalogue.map(({ id, name }) => {
  const names = [id, name.toLowerCase()].map((n) => n.replace(/[-\s]+/g, '[-\\s]+'));
  const alone = id.includes('-') ? [id] : [];
  const spellings = [...alone, ...names.flatMap((n) => [`${n}\\s+(?:agent|bot)`, `agent\\s+${n}`])];
  return { id, pattern: new RegExp(`(?:^|[^\\w-])(?:${spellings.join('|')})(?:$|[^\\w-])`, 'i') };
});

function agentsIn(text: string): string[] {
  // Every way of naming one has a hyphen or the word "agent" or "bot": most requests have neither.
  if (!text.includes('-') && !/\b(agent|bot)\b/i.test(text)) return [];
  return AGENT_NAMES.filter(({ pattern }) => pattern.test(text)).map(({ id }) => id);
}

/** Words that close a subject: when it asks about ("today", "from last week"), not part of the topic. */
const CLOSERS = 'today|tonight|lately|recently|this|last|past|in|since|yesterday|from|over|during|rn|now';
/** A topic of one to three words ("blackrock", "tornado cash", "ETF approval"), none of them a closing word. */
const TOPIC = String.raw`([a-z][\w.-]{1,24}(?:\s+(?!(?:${CLOSERS})\b)[a-z][\w.-]{1,24}){0,2})`;
/** An article before a topic, which is no part of it ("anything about an ETF approval"). */
const ARTICLE = String.raw`(?:(?:the|any|an|a)\s+)?`;

const SAYS = String.raw`(?:say|said|announce[ds]?|post(?:ed)?|tweet(?:ed)?|publish(?:ed)?|write|wr[io]te)`;
/** Names alone that are this platform, its parts or the one asking, not a project with news: "did Vault say…". */
const NOT_A_SPEAKER = String.raw`(?:I|You|We|They|He|She|It|AlphaNest|Vault|Redis|Postgres|PostgreSQL|RabbitMQ|Docker|Nginx|Claude|Cursor|MCP|ChatGPT)`;

/**
 * A name in capitals of one to four words saying something: "what did Halcyon Vaults say?", "what did Coinbase
 * say?", "has Lumora Labs announced anything". A project's news, not a setting of this platform that shares a word
 * with it: a name of one word is none of NOT_A_SPEAKER. No `i` flag (the name's capitals are what tell it), so the
 * verb is matched in either case: it may open the question ("Did Halcyon Vaults say anything?").
 */
export const SAID_BY_NAME = new RegExp(
  String.raw`\b(?:[Dd]id|[Hh]as|[Hh]ave|[Dd]oes)\s+(?:the\s+)?(?!${NOT_A_SPEAKER}\s+${SAYS}\b)([A-Z][\w.-]{1,24}(?:\s+[A-Z][\w.-]{1,24}){0,3})\s+${SAYS}\b`,
);

/**
 * What a request is about when no other filter carries it: "news about blackrock", "articles mentioning
 * stablecoin", "did microstrategy make headlines", "anything about tornado cash?".
 */
const SUBJECTS = [
  // The word itself named: "anything with the word ETF in it", "the term restaking".
  /\b(?:the )?(?:word|term|phrase|keyword)\s+['"]?([a-z][\w.-]{1,24})\b/i,
  new RegExp(
    String.raw`\b(?:news|headlines?|articles?|stories|posts?|updates?|anything|something|happen(?:ed|ing)?|exploits?|hacks?|attacks?)\s+(?:about|on|regarding|re|mentioning|with|w|to|at)\s+${ARTICLE}${TOPIC}\s*(?:$|[?!.,]|\b(?:${CLOSERS})\b)`,
    'i',
  ),
  /\b(?:mentioning|(?:that|which) mentions?)\s+(?:the\s+)?([a-z][\w.-]{1,24})\b/i,
  // A subject closing a request for items, whatever comes between: "anything from coindesk about stablecoins".
  new RegExp(
    String.raw`\b(?:news|headlines?|articles?|stories|anything|something)\b.{1,30}\babout\s+${ARTICLE}${TOPIC}\s*[?!.]*\s*$`,
    'i',
  ),
  /\bdid\s+([a-z][\w.-]{1,24})\s+make\s+(?:the\s+|any\s+)?(?:headlines|news)\b/i,
  SAID_BY_NAME,
  // The word alone before what is asked of it: "blackrock headlines?".
  /^\s*([a-z][\w.-]{1,24})\s+(?:news|headlines|articles|stories)\s*[?!.]*\s*$/i,
  // An incident named by its victim: "what happened with the Lumora hack?", "the bybit exploit".
  /\bthe\s+([a-z][\w.-]{1,24})\s+(?:hacks?|exploits?|attacks?|breach|heist|drain(?:er)?|rug ?pull|incident)\b/i,
];
const NOT_A_SUBJECT = new Set(
  [
    'it its this that these those them they both me my us you crypto market markets coins tokens coin token anything everything something today news',
    // Words that ask how much, not about what ("any news?", "some news", "all headlines"): no item holds them as its topic.
    'any some all no more few several every',
    // Words that size or date an incident, not name it ("the big hack", "the latest exploit"), or start a time ("from last week").
    'big biggest huge major largest latest recent last new first same other whole defi from',
    'monday tuesday wednesday thursday friday saturday sunday weekend',
    // What is asked of a coin rather than a topic of its news ("news on bitcoin price").
    'price prices now please pls here there then sentiment mood right',
  ]
    .join(' ')
    .split(' '),
);
/**
 * Words that make a run of words a clause rather than a name ("anything about bitcoin going up"): a topic of
 * several words holding one is no keyword, which would match nothing.
 */
const NOT_IN_A_TOPIC = new Set(
  'a an the and or but of to for with by at on is are was were be been being going doing do does did has have had will would can could should up down out about what which who how why when where much many more less some any all'.split(
    ' ',
  ),
);

/**
 * A subject after the coin it concerns: "news on bitcoin ETFs", "headlines about solana staking". The coin is the
 * token filter; the word after it narrows the coin's items to the topic.
 */
const COIN_THEN_SUBJECT = new RegExp(
  String.raw`\b(?:news|headlines?|articles?|stories|posts?|anything|something|updates?)\s+(?:about|on|regarding|re|mentioning|with|for)\s+(?:the\s+)?\$?([a-z][\w.-]{1,24})\s+([a-z][\w.-]{1,24})\s*(?:$|[?!.,]|\b(?:${CLOSERS})\b)`,
  'i',
);

function subjectAfterCoin(text: string, context: IntentContext): string | undefined {
  const found = COIN_THEN_SUBJECT.exec(text);
  return found && context.assets(found[1]!).length > 0 ? found[2] : undefined;
}

/** A word another filter reads (a token, an event, an item type, a sentiment, a window): that filter's, no subject. */
function takenByFilter(word: string, text: string, context: IntentContext): boolean {
  const lower = word.toLowerCase();
  return (
    NOT_A_SUBJECT.has(lower) ||
    context.assets(word).length > 0 ||
    // A coin that reads as a word where the sentence puts a coin ("headlines about link").
    context.assets(text).some((symbol) => symbol.toLowerCase() === lower) ||
    eventsIn(word).length > 0 ||
    TYPE_WORDS.some(([, words]) => words.test(word)) ||
    BULLISH.test(word) ||
    BEARISH.test(word) ||
    IMPORTANT.test(word) ||
    windowMinutes(word) !== undefined
  );
}

function subjectOf(text: string, context: IntentContext): string | undefined {
  const found =
    SUBJECTS.map((pattern) => pattern.exec(text)?.[1]).find((match) => match !== undefined) ??
    subjectAfterCoin(text, context);
  if (!found) return undefined;
  const words = found.split(/\s+/);
  if (words.length === 1) return takenByFilter(found, text, context) ? undefined : found;
  // A coin named in words ("bitcoin cash") is the token filter's: a coin no one of its words names.
  const wordCoins = new Set(words.flatMap((word) => context.assets(word)));
  if (context.assets(found).some((symbol) => !wordCoins.has(symbol))) return undefined;
  if (words.some((word) => NOT_IN_A_TOPIC.has(word.toLowerCase()))) return undefined;
  // Of several words, those another filter reads are left to it ("solana staking": SOL, and the keyword staking).
  const kept = words.filter((word) => !takenByFilter(word, text, context));
  return kept.length ? kept.join(' ') : undefined;
}

/** What a search is about beyond tokens: a phrase in quotes (double, or single standing apart), an exchange named ("listings on Binance"), or its one subject word. */
function keywordOf(text: string, context: IntentContext): string | undefined {
  const quoted = /["“]([^"”]{2,80})["”]/.exec(text) ?? /(?:^|\s)'([^']{2,80})'(?=$|[\s?!.,])/.exec(text);
  const subject = subjectOf(text, context);
  // An outlet asked of ("news on coindesk") is where the items come from, not a word they hold.
  const outlet = subject && outletOf(text);
  const fromOutlet = outlet && outletKey(outlet).includes(outletKey(subject));
  return quoted?.[1]?.trim() ?? exchange(text) ?? (fromOutlet ? undefined : subject);
}

/**
 * News outlets as people name them. The feed's search has no filter by outlet (its keyword reads titles and
 * content, where an outlet's name is rarely written), so a request naming one is answered from the outlet's items
 * among a wider page (intents/intelligence.ts). Not read from the demo corpus's publishers
 * (intelligence/corpus/publishers.ts): the intelligence module does not export them, and the feed ingests outlets
 * that corpus never writes (Reuters' wires, CNBC…), so this list holds the corpus's news outlets and more.
 */
const OUTLETS = [
  'CoinDesk',
  'The Block',
  'Cointelegraph',
  'Decrypt',
  'Blockworks',
  'CryptoSlate',
  'Rekt News',
  'DL News',
  'The Defiant',
  'Bitcoin Magazine',
  'Reuters',
  'Bloomberg',
  'CNBC',
  'Forbes',
  'Fortune',
  'Axios',
  'WSJ',
  'Wall Street Journal',
  'Financial Times',
  'Wu Blockchain',
  'Unchained',
  'Yahoo Finance',
];
/**
 * Shorter names people give outlets, each the outlet it names: only after "from", "by"… ("any rekt news?" asks
 * for hacks, "from rekt" for the outlet's).
 */
const SHORT_NAMES: Record<string, string> = { rekt: 'Rekt News' };
/** An outlet's name as matched: case and spaces aside ("coindesk", "Coin Desk", "theblock"). */
export const outletKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const spelled = (names: string[]) => names.map((name) => outletKey(name).split('').join('\\s?')).join('|');
const OUTLET_NAMES = spelled(OUTLETS);
/** "from coindesk", "by the block", "on decrypt", "from rekt", "coindesk articles", "Reuters' coverage". */
const OUTLET = new RegExp(
  `\\b(?:from|by|on|at|via|per)\\s+(${OUTLET_NAMES}|${spelled(Object.keys(SHORT_NAMES))})\\b|\\b(${OUTLET_NAMES})(?:'s?)?\\s+(?:news|articles?|headlines|stories|coverage|reporting|pieces)\\b`,
  'i',
);

/** The news outlet a request asks items of, by its usual name. */
export function outletOf(text: string): string | undefined {
  const found = OUTLET.exec(text);
  const key = found && outletKey(found[1] ?? found[2]!);
  return key ? (SHORT_NAMES[key] ?? OUTLETS.find((name) => outletKey(name) === key)) : undefined;
}

/**
 * A request with the outlet it names taken out, for the filters read from its words: an outlet's name is no coin
 * or event of the items asked for ("Bitcoin Magazine" is not BTC's news, "rekt" no hack).
 */
export const withoutOutlet = (text: string) => text.replace(OUTLET, ' ');

/** Both sides of the mood named, each in its own words ("optimistic or depressed", "euphoric or panicking"): how it leans. */
export const namesBothSides = (text: string) => BULLISH.test(text) && BEARISH.test(text);

/** A request is about one thing no other filter reads ("what happened with Lumora?"): a search for it, not the whole market. */
export const namesSubject = (text: string, context: IntentContext) => subjectOf(text, context) !== undefined;

/** A request names an agent of the catalogue: it asks for that agent's items. */
export const namesAgent = (text: string) => agentsIn(text).length > 0;
/** A request names an item type or a value floor. */
export const namesFeedFilter = (text: string) =>
  TYPE_WORDS.some(([, words]) => words.test(text)) || minValueIn(text) !== undefined;

export function feedFilters(text: string, context: IntentContext) {
  const tokens = context.assets(withoutOutlet(text));
  // What the words rule out ("no tweets", "no fud") is neither a type nor a side to filter by.
  const kept = text.replace(RULED_OUT, ' ');
  const types = typesIn(kept);
  // An agent ruled out ("leave out the onchain-watch alerts") is one whose items to leave out.
  const agents = agentsIn(kept);
  const excluded = kept === text ? [] : agentsIn((text.match(RULED_OUT) ?? []).join(' '));
  // Both sides named ("positive or negative") ask how it leans: no side to filter by.
  const [bullish, bearish] = [BULLISH.test(kept), BEARISH.test(kept)];
  const sentiment = NEUTRAL.test(kept) ? 'neutral' : bullish === bearish ? undefined : bullish ? 'bullish' : 'bearish';
  const dates = datesIn(isoDays(text, context.now()));
  const days = dates.since || dates.until ? undefined : namedDays(text, context.now());
  const since = dates.since ?? days?.since ?? sinceOf(text, context);
  const filters = {
    keyword: keywordOf(text, context) ?? prior(context, 'keyword', isString),
    tokens: tokens.length ? tokens : prior(context, 'tokens', isStrings),
    types: types.length ? types : prior(context, 'types', isStrings),
    agents: agents.length ? agents : prior(context, 'agents', isStrings),
    // Not carried on: a search's own default (the on-chain alerts left out) is no choice of the user's.
    exclude_agents: excluded.length ? excluded : undefined,
    sentiment: sentiment ? [sentiment] : prior(context, 'sentiment', isStrings),
    high_value: IMPORTANT.test(text) || prior(context, 'high_value', isBoolean) ? true : undefined,
    min_value: minValueIn(text) ?? prior(context, 'min_value', isNumber),
    since: since ?? prior(context, 'since', isString),
    // A window or a date of the new words' own ("and today?" after "yesterday") starts a span of its own: the
    // previous end would cut it short, or come before its start.
    until: dates.until ?? days?.until ?? (since ? undefined : prior(context, 'until', isString)),
  };
  // Only the filters given, so equal requests make equal calls.
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as Partial<
    typeof filters
  >;
}
