import { setImmediate as nextTurn } from 'node:timers/promises';
import { featuresOf, trainClassifier, wordsOf } from './classifier.ts';
import { assets, type PlannerTokens } from './extract.ts';
import { letterPairs } from './literals.ts';
import { type Intent, type IntentContext, NAMED_TOOL } from './intent.ts';
import type { Ranking } from './planner.ts';
import type { RoutingCase } from './routingEvaluation.ts';

/**
 * Routing by rules and a classifier together. The rules (each intent's cues) route the phrasings
 * they were written for; on unseen phrasings they routed about two thirds right, and more cues
 * written from misses did not change that (docs/chat.md). The classifier learns from labelled
 * phrasings instead; the planner asks it when the rules are unsure or it disagrees with them firmly.
 */

/** The label of a message that no tool answers (a greeting, something the platform cannot do). */
const NONE = 'none';

/**
 * The labelled phrasings the classifier learns from: eight sets written for it alone (the first with
 * tools only, the second to eighth, written blind to the planner, with slots too), the planner's
 * tuning set and the ten spent holdouts. Only a set written blind and never read measures unseen phrasing;
 * short of one, `npm run eval:chat -- --loso` estimates it.
 */
export const TRAINING_SETS = {
  classifier: new URL('./routing-training.jsonl', import.meta.url),
  'training-2': new URL('./routing-training-2.jsonl', import.meta.url),
  'training-3': new URL('./routing-training-3.jsonl', import.meta.url),
  'training-4': new URL('./routing-training-4.jsonl', import.meta.url),
  'training-5': new URL('./routing-training-5.jsonl', import.meta.url),
  'training-6': new URL('./routing-training-6.jsonl', import.meta.url),
  'training-7': new URL('./routing-training-7.jsonl', import.meta.url),
  'training-8': new URL('./routing-training-8.jsonl', import.meta.url),
  tuning: new URL('./routing-tuning.jsonl', import.meta.url),
  holdout: new URL('../../../../datasets/chat-routing-holdout.jsonl', import.meta.url),
  'holdout-2': new URL('../../../../datasets/chat-routing-holdout-2.jsonl', import.meta.url),
  'holdout-3': new URL('../../../../datasets/chat-routing-holdout-3.jsonl', import.meta.url),
  'holdout-4': new URL('../../../../datasets/chat-routing-holdout-4.jsonl', import.meta.url),
  'holdout-5': new URL('../../../../datasets/chat-routing-holdout-5.jsonl', import.meta.url),
  'holdout-6': new URL('../../../../datasets/chat-routing-holdout-6.jsonl', import.meta.url),
  'holdout-7': new URL('../../../../datasets/chat-routing-holdout-7.jsonl', import.meta.url),
  'holdout-8': new URL('../../../../datasets/chat-routing-holdout-8.jsonl', import.meta.url),
  'holdout-9': new URL('../../../../datasets/chat-routing-holdout-9.jsonl', import.meta.url),
  'holdout-10': new URL('../../../../datasets/chat-routing-holdout-10.jsonl', import.meta.url),
};

/**
 * The intent a phrasing labelled with `tool` asks for, of those that start with that tool (the
 * class of a tool only called instead of another, market.prices or arbitrage.scan, is the intent
 * that chooses between them, the one with fewest tools): the one whose cues it matches best, else
 * the one the others of its tool match most often (a news question the cues miss is a news
 * question, not a security alert). NONE for no tool; undefined for a tool no intent calls.
 */
function* intentsOf(
  intents: readonly Intent[],
  lookup: PlannerTokens,
  cases: readonly RoutingCase[],
  unnamed: (question: string) => string,
) {
  const classOf = (tool: string) =>
    intents.some((intent) => intent.tools[0] === tool)
      ? tool
      : intents.filter((intent) => intent.tools.includes(tool)).sort((a, b) => a.tools.length - b.tools.length)[0]
          ?.tools[0];
  const labelled: Array<{ features: string[]; label: string; intent: Intent | undefined }> = [];
  // The training's own reader of letter pairs for the cues' filters (literals.ts).
  const pairs = letterPairs();
  for (const [i, { question, tool }] of cases.entries()) {
    if (i % 100 === 99) yield;
    const label = tool === null ? NONE : classOf(tool);
    if (label === undefined) continue;
    const named = assets(question, lookup, pairs);
    const words = unnamed(question);
    const context: IntentContext = { lookup, now: Date.now, pairs, assets: () => named };
    const cued = intents
      .filter((intent) => intent.tools[0] === label)
      .map((intent) => ({ intent, score: intent.score(question, context) }))
      .sort((a, b) => b.score - a.score)[0];
    labelled.push({ features: featuresOf(words, lookup, named), label, intent: cued?.score ? cued.intent : undefined });
  }
  const usual = new Map<string, Intent>();
  for (const label of new Set(labelled.map((entry) => entry.label))) {
    const counts = new Map<Intent, number>();
    for (const { intent } of labelled.filter((entry) => entry.label === label && entry.intent))
      counts.set(intent!, (counts.get(intent!) ?? 0) + 1);
    const most = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? intents.find((i) => i.tools[0] === label);
    if (most) usual.set(label, most);
  }
  return labelled.map(({ features, label, intent }) => ({ features, intent: intent ?? usual.get(label) }));
}

/**
 * Training that runs once, either at once (`now`, for a caller that cannot wait) or a slice at a
 * time with the event loop free between slices (`ready`): a few hundred milliseconds of work in one
 * go would stall every other request on the node. Both continue the same run.
 */
export function training<T>(start: () => Generator<void, T>) {
  let steps: Generator<void, T> | undefined;
  let result: { value: T } | undefined;
  const step = () => {
    steps ??= start();
    const next = steps.next();
    if (next.done) result = { value: next.value };
  };
  return {
    now(): T {
      while (!result) step();
      return result.value;
    },
    async ready(): Promise<void> {
      while (!result) {
        step();
        if (!result) await nextTurn();
      }
    },
  };
}

/**
 * A message with the clans the labels name taken out, in training and in prediction alike: a clan's
 * name is not a cue ("Whale Pod vs Satoshi Guard" asks for a war, though most phrasings naming
 * those clans ask for a score), and clans other than the demo's are unknown words anyway. Left in
 * a message but taken out of the phrasings, a name's words read as whatever else uses them ("gas"
 * in "Gas Goblins points??" as the gas fees no tool reports).
 */
function withoutClanNames(cases: readonly RoutingCase[]): (question: string) => string {
  const names = new Set(
    cases.flatMap(({ args }) =>
      typeof args?.clan === 'string' ? [args.clan.toLowerCase().replace(/[^a-z0-9]+/g, '[\\s_-]+')] : [],
    ),
  );
  if (names.size === 0) return (question) => question;
  const pattern = new RegExp(`\\b(${[...names].join('|')})\\b`, 'gi');
  return (question) => question.replace(pattern, ' ');
}

export interface RoutingModel {
  /**
   * The intent a message reads as asking for (undefined: no tool), the probability given it, and
   * the probability given another intent.
   */
  predict(
    text: string,
    context: IntentContext,
  ): { intent: Intent | undefined; confidence: number; probabilityOf(intent: Intent): number };
  /** Whether labelled phrasings taught it this intent (TAUGHT_BY): of one it barely saw, it cannot judge the rules' choice. */
  knows(intent: Intent): boolean;
}

/**
 * How many labelled phrasings teach the classifier an intent: of one taught by fewer (a tool added
 * since the sets were written, one phrasing relabelled for it) it reads too little to judge the rules' choice.
 */
const TAUGHT_BY = 10;

/**
 * Learns from labelled phrasings; follow-ups are left out, as the planner routes them by the
 * conversation. A generator that pauses every few milliseconds of work (see `training`).
 */
export function* trainRouting(
  intents: readonly Intent[],
  lookup: PlannerTokens,
  cases: readonly RoutingCase[],
): Generator<void, RoutingModel> {
  const unnamed = withoutClanNames(cases);
  const examples = yield* intentsOf(
    intents,
    lookup,
    cases.filter((labelled) => labelled.previous === undefined),
    unnamed,
  );
  const classifier = yield* trainClassifier(
    examples.map(({ features, intent }) => ({ features, label: intent ? String(intents.indexOf(intent)) : NONE })),
  );
  const taught = new Map<Intent | undefined, number>();
  for (const { intent } of examples) taught.set(intent, (taught.get(intent) ?? 0) + 1);
  return {
    knows: (intent) => (taught.get(intent) ?? 0) >= TAUGHT_BY,
    predict(text, context) {
      const { label, confidence, probabilityOf } = classifier.predict(
        wordsOf(unnamed(text), context.lookup, context.assets(text)),
      );
      return {
        intent: label === NONE ? undefined : intents[Number(label)],
        confidence,
        probabilityOf: (intent) => probabilityOf(String(intents.indexOf(intent))),
      };
    },
  };
}

/**
 * When the classifier's reading replaces the rules' (chosen by leave-one-set-out, `npm run eval:chat
 * -- --loso`, and on the rules as they stood before each holdout was read, docs/chat.md): against a
 * cue below a strong one (intent.ts), a reading given at least `unsure`; against a strong cue, or
 * to answer with no tool where the rules found a cue, a reading given at least `sure` that gives
 * the rules' intent at most `doubt`; no tool against a strong cue, or another intent against a specific
 * request (a cue of 5 or more: "average sentiment of X", a tool's check of an address), needs
 * `firm` ("what are my next steps" is a checklist, though most phrasings about "my" points or clan
 * ask for what the planner cannot know; a specific request names what to call in so many words);
 * no tool never overrides a specific request ("check this contract for me 0x… bsc"), and nothing
 * overrides a tool named (intent.ts `NAMED_TOOL`).
 */
const STRONG_CUE = 3;
const SPECIFIC_CUE = 5;
const OVERRIDE = { unsure: 0.4, sure: 0.6, doubt: 0.2, firm: 0.8 };

/** How the rules' ranking and the classifier's reading are joined; 'classifier' follows it always (to measure it alone). */
export type Blend = 'classifier' | 'combined';

/**
 * The planner's second opinion (planner.ts `route`): where the classifier overrides the rules, the
 * intent it reads goes first (with the rules' score when they ranked it too); a message it reads
 * as asking for no tool is a miss.
 */
export function createRouter(
  model: () => RoutingModel,
  blend: Blend = 'combined',
): (text: string, ranked: Ranking, context: IntentContext) => Ranking {
  return (text, ranked, context) => {
    const top = ranked[0];
    // An intent no labelled phrasing taught it (a tool added since) is the rules' to call, as is a tool
    // named: whatever the classifier reads, so it is not asked.
    if (blend === 'combined' && top && (!model().knows(top.intent) || top.score >= NAMED_TOOL)) return ranked;
    const { intent, confidence, probabilityOf } = model().predict(text, context);
    if (intent === top?.intent) return ranked;
    if (blend === 'combined') {
      // Leaving a cue unanswered (a miss) is worse than a nearby tool: a reading of no tool must be sure.
      const strong = (top?.score ?? 0) >= STRONG_CUE || (intent === undefined && top !== undefined);
      if (!strong && confidence < OVERRIDE.unsure) return ranked;
      if (strong && (confidence < OVERRIDE.sure || probabilityOf(top!.intent) > OVERRIDE.doubt)) return ranked;
      if (intent === undefined && top!.score >= STRONG_CUE && confidence < OVERRIDE.firm) return ranked;
      if (top && top.score >= SPECIFIC_CUE && confidence < OVERRIDE.firm) return ranked;
      // A specific request (an address to check, a tool named) is never a message that asks for nothing.
      if (intent === undefined && top && top.score >= SPECIFIC_CUE) return ranked;
      // No tool, where the rules' intent would ask for what the message leaves out: its question is the better reply.
      if (intent === undefined && top && 'ask' in top.intent.plan(text, context)) return ranked;
    }
    if (intent === undefined) return [];
    const chosen = ranked.find((entry) => entry.intent === intent) ?? { intent, score: top?.score ?? STRONG_CUE };
    return [chosen, ...ranked.filter((entry) => entry !== chosen)];
  };
}
