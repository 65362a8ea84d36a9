import type { TokenLookup } from '../../analysis/index.ts';

interface IntentContext {
  lookup: TokenLookup;
}

/** Arguments in the tool's own schema, or what to ask the user for when something required is missing. */
type IntentArgs = { args: Record<string, unknown> } | { ask: string };

/**
 * How the planner serves one registry tool: when a request asks for it,
 * which arguments the words carry, and how to say what it returned.
 */
export interface Intent<Result = unknown> {
  /** Registry name, e.g. `arbitrage.spread`. */
  tool: string;
  /** What a user can ask, for the list of capabilities. */
  capability: string;
  /** 0 when the text does not ask for this; higher for stronger, more specific cues. */
  score(text: string): number;
  args(text: string, context: IntentContext): IntentArgs;
  /** The answer from a successful result (the registry has checked it against the tool's output schema). */
  answer(result: Result, args: Record<string, unknown>): string;
}

/** Score from weighted cue patterns: the strongest cue that matches. */
export function cues(...weighted: Array<[number, RegExp]>): (text: string) => number {
  return (text) => {
    let best = 0;
    for (const [weight, pattern] of weighted) if (weight > best && pattern.test(text)) best = weight;
    return best;
  };
}

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
