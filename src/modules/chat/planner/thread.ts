import { CUE, type Intent } from './intent.ts';
import { outletIn } from './intents/feedItems.ts';
import { cursorIn } from './paging.ts';
import type { Turn } from './types.ts';

/** Earlier turns searched for the request a follow-up continues. */
const THREAD_TURNS = 6;

interface Thread {
  intent: Intent;
  /**
   * The arguments of its latest call, for the slots a follow-up leaves out, with the `cursor` its
   * answer closed with (null: it showed all there was) when that answer is known, and the `outlet`
   * it picked news items of, which no tool slot holds, with `outlet_listed`, how many of the outlet's items in
   * its page it listed, when it listed only some (then `cursor` is the page's own: "more" lists the rest).
   */
  prior?: Record<string, unknown>;
  /** The request's own words when the last answer asked for what it lacked (no call): the new words may be just that. */
  pending?: string;
}

type Ranking = (message: string) => Array<{ intent: Intent; score: number }>;

/**
 * The request a follow-up continues: walking back from the last turn, the
 * first message that asked for something on its own words (a turn that was
 * itself a follow-up, "and for ETH?", passes on to the one before), with the
 * arguments of the latest call made for it. A turn answered without a call
 * and without a request of its own (a greeting, a miss) ends the thread.
 * The intent is read again from the words rather than stored: the planner is
 * deterministic, and the calls recorded with each turn confirm it.
 */
export function threadOf(earlier: readonly Turn[], intents: readonly Intent[], rank: Ranking): Thread | undefined {
  const oldest = Math.max(0, earlier.length - THREAD_TURNS);
  for (let i = earlier.length - 1; i >= oldest; i--) {
    const turn = earlier[i]!;
    const called = turn.calls[0]?.tool;
    const asked = rank(turn.message).find(
      ({ intent, score }) => score >= CUE && (called === undefined || intent.tools.includes(called)),
    )?.intent;
    if (asked)
      return {
        intent: asked,
        prior: latestArgs(earlier, i, asked),
        ...(called === undefined && i === earlier.length - 1 && { pending: turn.message }),
      };
    if (called === undefined) return undefined;
  }
  // A longer thread: the intent that serves the last call.
  const last = earlier.at(-1)?.calls[0]?.tool;
  // The intent whose main tool it is ("ton usd" is a price, not the price half of "should I buy").
  const intent =
    last === undefined
      ? undefined
      : (intents.find((candidate) => candidate.tools[0] === last) ??
        intents.find((candidate) => candidate.tools.includes(last)));
  return intent && { intent, prior: latestArgs(earlier, oldest, intent) };
}

function latestArgs(earlier: readonly Turn[], from: number, intent: Intent) {
  for (let i = earlier.length - 1; i >= from; i--) {
    const { calls, reply } = earlier[i]!;
    const call = calls.find((c) => intent.tools.includes(c.tool));
    // The page after the one shown, never the one this call asked for: "more" after "more" moves on.
    if (call) {
      if (reply === undefined) return { ...call.args, cursor: undefined };
      const picked = outletIn(reply);
      // An outlet's items of the page not all listed yet: "more" reads the same page again, on from the last listed.
      if (picked?.listed) return { ...call.args, outlet: picked.outlet, outlet_listed: picked.listed };
      return { ...call.args, cursor: cursorIn(reply), ...(picked && { outlet: picked.outlet }) };
    }
  }
  return undefined;
}
