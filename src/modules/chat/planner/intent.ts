import type { PlannerTokens } from './extract.ts';
import { type LetterPairs, mayMatch } from './literals.ts';
import type { PlannedCall, Turn } from './types.ts';

export interface IntentContext {
  lookup: PlannerTokens;
  /** The assets a text names, strongest first (extract.ts `assets`), read once per text. */
  assets(text: string): string[];
  /** The clock, for windows the tools take as instants ("since"). */
  now(): number;
  /** The chains the on-chain tools serve here, by name, when known: an address on the only one needs no question. */
  chains?: readonly string[];
  /** When following up on this intent ("and for SOL?"): the arguments of its last call, for what the new words leave out. */
  prior?: Record<string, unknown>;
  /** The planner's reader of letter pairs, which the cues' filters look up (literals.ts): one per planner, not per message. */
  pairs: LetterPairs;
  /**
   * The turn before, its calls and the answer given: what a message may pick out of it ("how is the first one
   * doing?" after a leaderboard, "who deployed it?" after a token check named its creator).
   */
  last?: Turn;
}

/**
 * The calls, or what to ask the user for when something required is missing. `note`: a line the
 * answer opens with, for a detail the words ask that the tools do not serve ("in EUR": prices are in US dollars).
 * `answer`: the plan's own answer in place of the intent's, for a detail the tools cannot filter by that the
 * answer picks out of their results ("news from coindesk": the feed has no outlet filter).
 */
export type IntentPlan =
  | { calls: PlannedCall[]; note?: string; answer?(results: Answered[]): string }
  | { ask: string };

/** A call that succeeded, with its result (the registry has checked it against the tool's output schema). */
export interface Answered {
  tool: string;
  args: Record<string, unknown>;
  result: unknown;
}

/**
 * Scores: 1 a hint (a bare asset, "best bid"), 2 a cue ("news", "price"), 3 a
 * strong cue ("leaderboard", "spread"), 4 a specific request ("should I buy").
 * A message whose best cue is below CUE may continue the conversation's last
 * request ("and for SOL?").
 */
export const CUE = 2;

/**
 * One kind of request: when the words ask for it, which calls answer it, and
 * how to say what they returned.
 */
export interface Intent {
  /** Registry names of the tools it may call, the main one first. */
  tools: readonly string[];
  /** What a user can ask, with an example, for "help". */
  capability: string;
  /** A few words for the one-line list of what the chat can do ("token prices"). */
  topic: string;
  /** 0 when the text does not ask for this; higher for stronger, more specific cues (see CUE). */
  score(text: string, context: IntentContext): number;
  /**
   * A weaker reading, asked only when no intent has a cue, so its cost (reading the text for
   * tokens) is paid only then: a bare "SOL?" is a price question.
   */
  hint?(text: string, context: IntentContext): number;
  plan(text: string, context: IntentContext): IntentPlan;
  /** The answer from the calls that succeeded, in call order. */
  answer(results: Answered[]): string;
  /**
   * A failed call said in the intent's words, for an error whose cause the user can act on (an address that is
   * no token, asked about as one; an address mistyped); undefined: the tool's own message is said.
   */
  failed?(call: Failed): string | undefined;
  /**
   * Why its last answer came out so ("why?" after it), from that answer's own words: an empty arbitrage search
   * quoted the tool's reason (the best candidate and what it falls short by); undefined: the answer gave none.
   */
  why?(last: Turn): string | undefined;
}

/** A call that failed, with the error the tool gave. */
export interface Failed {
  tool: string;
  args: Record<string, unknown>;
  error: ToolErrorReport;
}

/** A tool's error as the chat's envelope carries it: its code, message and the parameter at fault, if any. */
export interface ToolErrorReport {
  code: string;
  message: string;
  field?: string;
}

/**
 * A tool named ("scan_new chain 56", "market.token_info for eth"): above every cue (a wallet's owner
 * asked with its address is 7), and never overridden by the classifier (router.ts).
 */
export const NAMED_TOOL = 8;

/**
 * The intents, each also cued by the names of the tools it is the one to call (`intentCalling`): the
 * registry name, and the action alone where it cannot be an ordinary word ("scan_new",
 * "discover_coins"; not "search" or "spread"). People who have read the tool list ask by name.
 */
export function answeringToToolNames(intents: readonly Intent[]): Intent[] {
  return intents.map((intent) => {
    const named = toolNamesIn(intent.tools.filter((tool) => intentCalling(tool, intents) === intent));
    const { score } = intent;
    // Every tool name holds "." or "_": most messages hold neither and skip the pattern (scores run per intent, per message).
    const names = (text: string) => (text.includes('_') || text.includes('.')) && named.test(text);
    return { ...intent, score: (text, context) => Math.max(score(text, context), names(text) ? NAMED_TOOL : 0) };
  });
}

/** The intent to call a tool for: of several that may call it, the one with fewest tools (the price intent, not "should I buy"). */
export function intentCalling(tool: string, intents: readonly Intent[]): Intent | undefined {
  return intents.filter((intent) => intent.tools.includes(tool)).sort((a, b) => a.tools.length - b.tools.length)[0];
}

/** A pattern matching any of these tools by name (see `answeringToToolNames`); none for no tools. */
export function toolNamesIn(tools: readonly string[]): RegExp {
  const names = tools.flatMap((tool) => {
    const action = tool.split('.')[1]!;
    return [tool.replace('.', '\\.'), ...(action.includes('_') ? [action] : [])];
  });
  return names.length ? new RegExp(`(?<![\\w.])(${names.join('|')})(?![\\w.])`, 'i') : /(?!)/;
}

/** Arguments in the tool's own schema, or what to ask the user for. */
type ToolArgs = { args: Record<string, unknown> } | { ask: string };

/** The common intent: one tool, its arguments read from the words, its answer written from its result. */
export function toolIntent<Result>(spec: {
  tool: string;
  capability: string;
  topic: string;
  score(text: string, context: IntentContext): number;
  args(text: string, context: IntentContext): ToolArgs;
  answer(result: Result, args: Record<string, unknown>): string;
}): Intent {
  return {
    tools: [spec.tool],
    capability: spec.capability,
    topic: spec.topic,
    score: spec.score,
    plan(text, context) {
      const read = spec.args(text, context);
      return 'ask' in read ? read : { calls: [{ tool: spec.tool, args: read.args }] };
    },
    answer: ([answered]) => spec.answer(answered!.result as Result, answered!.args),
  };
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
/** A place in a listing: "the first one", "the 2nd clan", "#3", "the last one"; not "#1 clan" (a rank asked of a name). */
const PLACE = new RegExp(
  String.raw`\bthe\s+(?:(${ORDINALS.join('|')}|last)|(\d{1,2})(?:st|nd|rd|th))\b(?!\s+(?:\d|few|couple|times?|hours?|weeks?|days?|months?|years?|seasons?|blocks?|wars?)\b)|(?:^|\s)#(\d{1,2})(?=\s*[?!.,]|\s*$)`,
  'i',
);

/**
 * The line of the last answer's listing ("- #2 Moon Cartel: 250 points") a message picks by its place, when the
 * answer listed anything: "how is the first one doing?" asks about that entry, which its words do not name.
 */
export function listedEntry(text: string, context: IntentContext): string | undefined {
  const place = PLACE.exec(text);
  const reply = context.last?.reply;
  if (!place || !reply) return undefined;
  const entries = reply
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2));
  const word = place[1]?.toLowerCase();
  const at = word === 'last' ? entries.length : word ? ORDINALS.indexOf(word) + 1 : Number(place[2] ?? place[3]);
  return entries[at - 1];
}

/** A slot the words leave out, as the call being followed up had it. */
export function prior<T>(context: IntentContext, key: string, is: (value: unknown) => value is T): T | undefined {
  const value = context.prior?.[key];
  return is(value) ? value : undefined;
}
export const isNumber = (value: unknown): value is number => typeof value === 'number';
export const isString = (value: unknown): value is string => typeof value === 'string';
export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
export const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/** A cue's pattern: a RegExp, or one tried only on a text its guard finds (`guarded`). */
type Cue = Pick<RegExp, 'test'> & { guard?: RegExp };

/**
 * A pattern tried only where a cheap one finds a word it needs: cues run on every message, and most
 * messages hold none of a rare cue's words ("smashed", "dossier", "genesis").
 */
export const guarded = (guard: RegExp, pattern: RegExp): Cue => ({
  test: (text) => guard.test(text) && pattern.test(text),
  guard,
});

/**
 * Score from weighted cue patterns: the strongest cue that matches. A pattern whose literals the text
 * lacks is not run (literals.ts): most of a message's cues cannot match it.
 */
export function cues(
  ...weighted: Array<[number, Cue]>
): (text: string, context: Pick<IntentContext, 'pairs'>) => number {
  const filtered = weighted.map(
    ([weight, cue]) => [weight, cue, mayMatch(cue instanceof RegExp ? cue : (cue.guard ?? NEVER_READ))] as const,
  );
  return (text, { pairs }) => {
    pairs.read(text);
    let best = 0;
    for (const [weight, cue, may] of filtered) if (weight > best && may(pairs) && cue.test(text)) best = weight;
    return best;
  };
}
/** A cue of another kind, whose literals are not read: it always runs. */
const NEVER_READ = /(?:)/;

/** A count with its noun agreeing: "1 transaction", "12 transactions". */
export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

export const pct = (value: number) =>
  `${value >= 0 ? '' : '−'}${Math.abs(value).toFixed(value !== 0 && Math.abs(value) < 0.01 ? 4 : 2)} %`;
/** Thousands separated, at most two decimals: what Intl.NumberFormat('en-US') writes, at a fraction of its cost per call. */
function grouped(value: number): string {
  const text = String(Math.round(value * 100) / 100);
  const dot = text.indexOf('.');
  const whole = dot === -1 ? text : text.slice(0, dot);
  let out = whole.slice(0, whole.length % 3 || 3);
  for (let i = out.length; i < whole.length; i += 3) out += `,${whole.slice(i, i + 3)}`;
  return dot === -1 ? out : out + text.slice(dot);
}
// Beyond 1e21 String() writes exponents; no price gets there, but the answer must still read right.
export const price = (value: number) =>
  value >= 1e21 ? value.toExponential(3) : value >= 1000 ? grouped(value) : String(Number(value.toPrecision(6)));
export const list = (lines: string[]) => lines.map((line) => `- ${line}`).join('\n');
const SCALES: Array<[number, string]> = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
];
/** US dollars: a price as `price` writes it, millions and more in short scale ("$1.82T", "$390.12B"). */
export function money(value: number): string {
  const sign = value < 0 ? '−' : '';
  const size = Math.abs(value);
  const scale = SCALES.find(([at]) => size >= at);
  return scale ? `${sign}$${Number((size / scale[0]).toFixed(2))}${scale[1]}` : `${sign}$${price(size)}`;
}
