import { describeReports } from './answers.ts';
import { assets, limit, type PlannerTokens } from './extract.ts';
import { definitionFor } from './glossary.ts';
import { CUE, type Intent, type IntentContext, intentCalling, toolNamesIn } from './intent.ts';
import { letterPairs } from './literals.ts';
import { ASKS_FOR_MORE } from './paging.ts';
import { threadOf } from './thread.ts';
import type { Plan, PlannedCall, Planner, Turn } from './types.ts';

/** A cue this strong brings a second domain into the same answer ("the BTC spread and the clan leaderboard"). */
const STRONG = 3;

const ASKS_FOR_HELP = /^\s*(help|\?)\W*$|\bwhat (can|do) (you|u) (do|know)\b|\bwhat are your (tools|capabilities)\b/i;
const GREETING = /^\s*(hi|hello|hey|gm|good (morning|afternoon|evening))\b\W*$/i;
const THANKS = /^\s*(thanks?|thank you|thx|ty|cheers|great|cool|nice|perfect|awesome)\b[\w\s]{0,12}[!.]*$/i;
/**
 * A request to act rather than to look up: place or execute an order, move funds, open a position,
 * set an alert, kick a member, do what an answer listed ("go ahead and place those trades", "buy 1 btc
 * for me", "kick x from y", "do the top one for me", "declare war on moon cartel", "restart my server",
 * "set DATABASE_URL for me to …"). No tool acts, and a nearby one (the arbitrage search behind "execute the best arb") would
 * answer as if it had; "sell my doge or keep holding" and "should I buy" are questions, not orders.
 */
const ASKS_TO_ACT = new RegExp(
  String.raw`^\s*(?:(?:ok(?:ay)?|cool|great|nice|yes|yep|sure|now|then|so|alright)[,!.\s]+)*` +
    String.raw`(?:(?:please|pls|can you|could you|go ahead and|just)\s+)*` +
    // A verb with what it acts on ("place those trades", "send 2 eth", "kick x from y"): "bridge hack news?",
    // "transfer fees today", "kick off of the fed meeting" use the same verbs as nouns and are questions.
    String.raw`(?:(?:place|execute|transfer|withdraw|deposit|stake|bridge|send)\s+(?:(?:an?|the|my|our|those|that|these|this|all|both|each|every|it|them|some)\b|\$?\d)|` +
    String.raw`(?:kick|ban)\s+\S+\s+(?:from|out)\b|(?:market|limit|stop) (?:order|buy|sell)\b|` +
    String.raw`(?:buy|sell|short|long|swap)\s+(?:me\s+)?(?:all\b|my\b|\$?\d)|open an? (?:\d+x )?(?:long|short|position)\b|` +
    String.raw`set (?:up )?an? (?:price )?alert\b|set up an? (?:grid|trading|dca|copy[- ]?trading) bot\b|do (?:it|that|this|them|the (?:top|best|first|second|last) (?:one|two|three)|the (?:arbs?|arbitrage|trades?))\s+for (?:me|us)\b|` +
    String.raw`(?:declare|start) (?:a )?war\b|(?:restart|reboot) (?:my|the) (?:server|node|box|instance|vps)\b|set \S+ for (?:me|us)\b)(?!.*\b(?:or|should)\b)`,
  'i',
);
const CANNOT_ACT =
  'I can look things up, but I cannot act for you: no orders, transfers, positions, alerts or clan changes.';
/**
 * How to use a feature the platform does not have, asked as a question ("how do I set up a price alert?",
 * "can I get notified when BTC hits 100k?"): one line saying so and the nearest thing it does, not doc lines
 * that share a word with it. Alerts the platform does push ("telegram alerts", "arbitrage alerts into my feed")
 * are the docs'.
 */
const ASKS_PRICE_ALERT =
  /\b(price|stop[- ]?loss|take[- ]?profit|limit)[- ](alerts?|alarms?|notifications?|triggers?)\b|\b(alert|notify|ping|tell)( me)? when\b.{0,40}\b(price|hits?|reach(es)?|drops?|falls?|goes (above|below|over|under)|crosses)\b|\bnotified when\b.{0,40}\b(hits?|reach(es)?|drops?|falls?|price)\b/i;
const NO_PRICE_ALERTS =
  'AlphaNest has no price alerts. The nearest it does: the live stream pushes new intelligence items to you as they ' +
  'arrive, filtered by token, event or value, and following an agent gets its items pushed to you; ask "how do I ' +
  'follow an agent?", or ask me for a price at any time ("price of BTC").';
/** A concept asked to be explained simply ("explain staking like i'm five", "triangular arbitrage in simple words") or words to translate: words, not data. */
const EXPLAINS_SIMPLY =
  /\b(in (simple|plain|layman'?s?) (words|terms|english)|like (i'?m|im|i am) (5|five)|eli5|for dummies)\b|^\s*(please |pls |can you |could you )?translate\b/i;
const WORDS_NOT_DATA = "That asks what words mean, which the platform's data does not answer.";
/**
 * A message as the cues read it. A run of whitespace is one space (one line break where it breaks a line): the
 * cues' patterns hold several `\s*` in a row, which a long run of spaces would make cost seconds per message
 * on the gateway's thread, and no cue reads the width of a gap.
 */
const plannerText = (message: string) =>
  PLAIN_TEXT.test(message)
    ? message
    : message
        .normalize('NFKC')
        .replace(/\s+/g, (gap) => (gap.includes('\n') ? '\n' : ' '))
        .trim();
/**
 * Printable ASCII words with one space between them, as most messages are: NFKC leaves ASCII as it is, and there
 * is no run of whitespace to close up nor any to trim, so the text is its own reading (normalising costs more).
 */
const PLAIN_TEXT = /^[!-~]+(?: [!-~]+)*$/;

/** "honeypot vs rug pull, what's the difference", "difference between market.prices and market.token_info". */
const ASKS_DIFFERENCE = /\b(difference|diff)\b.*\b(between|vs\.?|versus)\b|\b(vs\.?|versus)\b.*\b(difference|diff)\b/i;

/** An intent's question for a detail the message lacks ("Which token? …", "On which chain is 0x…?"). */
const ASKS_FOR_DETAIL = /^(on )?(which|what)\b/i;

/** An intent's part of an answer: its calls, the line its answer opens with, and its plan's own answer if it has one. */
type Step = { intent: Intent; calls: PlannedCall[]; note?: string; answer?: Intent['answer'] };

/** Intents by score, best first. */
export type Ranking = Array<{ intent: Intent; score: number }>;

interface PlannerOptions {
  /** The clock for windows written as instants ("in the last 24 hours" is since now − 24 h). */
  now?: () => number;
  /** A second opinion on the rules' ranking of a message that follows nothing up (router.ts); empty: a miss. */
  route?: (text: string, ranked: Ranking, context: IntentContext) => Ranking;
  /** The chains configured here by name, read per message (undefined: not known, every chain is offered). */
  chains?: () => readonly string[] | undefined;
}

const domainOf = (intent: Intent) => intent.tools[0]!.split('.')[0];

const CLAUSE_BREAK = /(\s+(?:and(?:\s+also)?|then|plus|\+)\s+|;\s*)/i;
/** Coins set against each other ("compare ARB and OP sentiment"): an "and" or "+" between two of them lists them. */
const COMPARES = /\b(vs\.?|versus|compared?|comparing|comparison|against)\b/i;
const LISTS = /^(?:and|\+)$/i;

/**
 * The clauses of a request for several things ("spread for BTC/USDT and the clan leaderboard"), except that in a
 * comparison an "and" or "+" between two coins joins them into one request ("compare ARB and OP sentiment" is not
 * "compare ARB" and "OP sentiment").
 */
function clausesOf(text: string, context: IntentContext): string[] {
  const [first = '', ...rest] = text.split(CLAUSE_BREAK);
  const clauses = [first];
  const compares = COMPARES.test(text);
  const coin = (word: string | undefined) => word !== undefined && context.assets(word).length > 0;
  for (let i = 0; i < rest.length; i += 2) {
    const [joint, next = ''] = [rest[i]!, rest[i + 1]];
    const before = clauses.at(-1)!;
    if (compares && LISTS.test(joint.trim()) && coin(before.split(/\s+/).at(-1)) && coin(next.split(/\s+/)[0]))
      clauses[clauses.length - 1] = `${before}${joint}${next}`;
    else clauses.push(next);
  }
  return clauses;
}

/** The first clause that asks for this intent: a request for two things is answered in the order it asks them. */
function askedAt(intent: Intent, text: string, context: IntentContext): number {
  const at = clausesOf(text, context).findIndex((clause) => intent.score(clause, context) > 0);
  // One no clause cues (the classifier's reading of the whole message) counts from the start.
  return Math.max(at, 0);
}

/** In a request for two things, the clauses that ask for this one ("spread for BTC/USDT" of "…and the clan leaderboard"). */
function partFor(intent: Intent, text: string, context: IntentContext): string {
  const clauses = clausesOf(text, context).filter((clause) => intent.score(clause, context) > 0);
  return clauses.length ? clauses.join(' ') : text;
}

/** A second request needs a clause of its own: "is PEPE a rug pull?" is one question, though rug pulls are also news. */
function asksSeparately(intent: Intent, chosen: readonly Intent[], text: string, context: IntentContext): boolean {
  return clausesOf(text, context).some(
    (clause) => intent.score(clause, context) > 0 && chosen.every((other) => other.score(clause, context) === 0),
  );
}

/** Why the last answer came out so ("why?", "how come there's nothing?"): its tool's result said (an empty arbitrage answer quotes the reason). */
const ASKS_WHY =
  /^\s*(why|how come)(\s+(not|so|nothing|none|empty|is that|that|(is )?there('?s| is)? (nothing|none|no \w+)))?\s*[.!?]*\s*$|^\s*(why|how come) (is|are|was) (the|this|that|it|my) ?(list|results?|answer|output|scan)? (empty|blank)\s*[.!?]*\s*$/i;

/** A name of one to four words, as a reply to "Which clan?" gives one. */
const SHORT_NAME = /^[\w$@.-]+(?: [\w$@.-]+){0,3}$/;
/** A reply that gives no name ("lol", "nvm", "what?"): not the answer to the question the assistant asked. */
const NON_ANSWER =
  /^\s*(lol|lmao|ok(ay)?|k|no|nope|nah|nvm|never ?mind|idk|forget it|why|what|huh|sure|yes|yep|yeah|hmm+( ok)?|cool)[\s?!.]*$/i;

/** Words that open a follow-up: "and…", "what about…", "only…". */
const CONTINUES = /^\s*(and|also|plus|then|now|only|just|(what|how) about|same)\b/i;
/** Words pointing back at what the conversation was about ("its sentiment", "news on it", "that coin"). */
const REFERS_BACK = new RegExp(
  `\\b(it|its|it's|them|their|(that|this|the same) (coin|token|one|pair|market))\\b|${CONTINUES.source}`,
  'i',
);

/** Words pointing back at several things the last message named ("which of those moved most?", "news on them"). */
const THOSE = /\b(those|these|they|them|both( of them)?|(all|the) (two|three|four|five)( of them| coins| tokens)?)\b/i;
/** Slots of the last turn's calls that hold coins, most specific first. */
const COIN_SLOTS = ['symbols', 'tokens', 'symbol', 'token'];

/**
 * The coins the last turn was about: its calls' coin slots (as the tools resolved the words), else the coins
 * its words name. A message pointing back at "those" coins is asked of them, by whichever intent its own words cue.
 */
function coinsBefore(turn: Turn | undefined, context: IntentContext): string[] {
  if (!turn) return [];
  for (const call of turn.calls)
    for (const slot of COIN_SLOTS) {
      const value = call.args[slot];
      const coins = (Array.isArray(value) ? value : [value]).filter(
        (coin): coin is string => typeof coin === 'string' && context.lookup.bySymbol(coin) !== undefined,
      );
      if (coins.length) return coins;
    }
  return context.assets(turn.message);
}

/** How many earlier turns a word pointing back ("price of it?") is looked up in for the coin it means. */
const REFERRED_TURNS = 6;

/**
 * The coins a word pointing back means: those of the latest earlier turn that had any. A turn that looked nothing
 * up ("thanks") or paged on ("more") passes on to the one before; one that asked about no coin ("what's the market
 * doing?") is what the conversation turned to, so "now any news?" after it is the market's, not an older coin's.
 */
function coinsReferredTo(earlier: readonly Turn[], context: IntentContext): string[] {
  for (let i = earlier.length - 1; i >= Math.max(0, earlier.length - REFERRED_TURNS); i--) {
    const turn = earlier[i]!;
    const coins = coinsBefore(turn, context);
    if (coins.length || (turn.calls.length > 0 && !ASKS_FOR_MORE.test(turn.message))) return coins;
  }
  return [];
}

const reply = (text: string): Plan => ({ kind: 'reply', text });

function joinedWithAnd(words: string[]): string {
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

export function createPlanner(
  lookup: PlannerTokens,
  intents: readonly Intent[],
  { now = Date.now, route, chains }: PlannerOptions = {},
): Planner {
  /** The letter pairs its filters look up (literals.ts), the planner's own: each text is read into it once. */
  const pairs = letterPairs();
  /** A context per message: the assets of each text it reads are found once. */
  const contextFor = (last: Turn | undefined): IntentContext => {
    const found = new Map<string, string[]>();
    const configured = chains?.();
    return {
      lookup,
      now,
      pairs,
      ...(configured && { chains: configured }),
      ...(last && { last }),
      assets(text) {
        const known = found.get(text);
        if (known) return known;
        const named = assets(text, lookup, pairs);
        found.set(text, named);
        return named;
      },
    };
  };
  /**
   * Intents by score, best first, those scoring 0 left out; hints only when nothing has a cue. Only an intent
   * that scores gets an entry: most of the two dozen score 0 on a message, which is ranked at least once.
   */
  const byScore = (read: (intent: Intent) => number): Ranking => {
    const ranked: Ranking = [];
    for (const intent of intents) {
      const score = read(intent);
      if (score > 0) ranked.push({ intent, score });
    }
    return ranked.sort((a, b) => b.score - a.score);
  };
  const rank = (text: string, context: IntentContext) => {
    const cued = byScore((intent) => intent.score(text, context));
    return cued.length ? cued : byScore((intent) => intent.hint?.(text, context) ?? 0);
  };

  const offeredIntents = (offered: ReadonlySet<string>) => intents.filter((intent) => offered.has(intent.tools[0]!));
  /** What it can do, in one line: a miss should not bury the user in a list. */
  const oneLine = (offered: ReadonlySet<string>) => {
    const topics = [...new Set(offeredIntents(offered).map((intent) => intent.topic))];
    return topics.length
      ? `I can help with ${joinedWithAnd(topics)}; say "help" for examples.`
      : 'No tools are enabled for this message, so I cannot look anything up.';
  };
  const capabilities = (offered: ReadonlySet<string>) => {
    const available = offeredIntents(offered).map((intent) => `- ${intent.capability}`);
    return available.length ? `I can:\n${available.join('\n')}` : oneLine(offered);
  };

  /**
   * Why the last answer came out so, as the intent that wrote it reads its own words; of a turn stored without its
   * calls, as any offered intent reads them (an empty arbitrage answer is known by its opening).
   */
  const whyOf = (last: Turn, offered: ReadonlySet<string>) => {
    const writers = last.calls.length
      ? last.calls.flatMap(({ tool }) => intentCalling(tool, offeredIntents(offered)) ?? [])
      : offeredIntents(offered);
    return writers.map((intent) => intent.why?.(last)).find((said) => said !== undefined);
  };

  /** Tools named in a question about them, each with what the intent calling it can do. */
  const difference = (text: string, offered: ReadonlySet<string>) => {
    const lines = [...offered]
      .filter((tool) => toolNamesIn([tool]).test(text))
      .flatMap((tool) => {
        const intent = intentCalling(tool, offeredIntents(offered));
        return intent ? [`\`${tool}\`: ${intent.capability}.`] : [];
      });
    return lines.length ? lines.join('\n') : `${WORDS_NOT_DATA} ${oneLine(offered)}`;
  };

  /** The calls of each intent that are offered, answered intent by intent, each after its note. */
  function calling(steps: Step[], offered: ReadonlySet<string>): Plan {
    const kept = steps
      .map((step) => ({ ...step, calls: step.calls.filter((call) => offered.has(call.tool)) }))
      .filter((step) => step.calls.length > 0);
    if (kept.length === 0) return reply(`That needs a tool that isn't enabled for this message. ${oneLine(offered)}`);
    return {
      kind: 'call',
      calls: kept.flatMap((step) => step.calls),
      answer(reports) {
        let at = 0;
        return kept
          .map(({ intent, calls, note, answer }) => {
            const own = reports.slice(at, at + calls.length);
            at += calls.length;
            const said = describeReports(answer ? { ...intent, answer } : intent, own);
            return note ? `${note}\n${said}` : said;
          })
          .join('\n\n');
      },
    };
  }

  /**
   * The last question asked again with what the new words change ("and for SOL?"), if they change
   * anything. `asking`: the new words ask for something on their own, as a request they can make or as a specific
   * one (a cue above STRONG) they cannot; then they follow up only on a request they ask for too ("only the
   * onchain ones" after a search), so "is 0x… a honeypot on base?" after a wallet's dossier is a token check
   * even where none can be made (base not configured here), never the dossier asked again of the new address.
   */
  function followUp(
    text: string,
    earlier: readonly Turn[],
    context: IntentContext,
    offered: ReadonlySet<string>,
    asking: boolean,
  ) {
    const thread = threadOf(earlier, intents, (message) => rank(message, context));
    if (!thread || (asking && thread.intent.score(text, context) === 0)) return undefined;
    const followed = { ...context, prior: thread.prior };
    let planned = thread.intent.plan(text, followed);
    // The answer to what the last reply asked for ("on local" after "On which chain is 0x…?"): the request with it;
    // a few words that are just the name asked for ("moon cartel" after "Which clan?") as a name given in quotes.
    if ('ask' in planned && thread.pending && !NON_ANSWER.test(text)) {
      const named = text.replace(/^["'“]+|["'”?!.]+$/g, '');
      const completed = [
        `${thread.pending} ${text}`,
        ...(SHORT_NAME.test(named) ? [`${thread.pending} "${named}"`] : []),
      ]
        .map((words) => thread.intent.plan(words, followed))
        .find((plan) => 'calls' in plan);
      if (completed) planned = completed;
    }
    // More of a listing that showed all there was says so.
    if ('ask' in planned) return ASKS_FOR_MORE.test(text) ? reply(planned.ask) : undefined;
    // Words that change nothing ("lol", "ok then") are not a follow-up, nor is the same question again, unless
    // it asks for more of it or for something the tools do not serve ("and in EUR?": the note says so), or for a
    // count of what a plan's own answer picks out of the same call ("and show 8 items" of an outlet's news).
    const calls = JSON.stringify(planned.calls);
    const unchanged = thread.intent.plan('', followed);
    if (
      !ASKS_FOR_MORE.test(text) &&
      !planned.note &&
      !(planned.answer && limit(text) !== undefined) &&
      (('calls' in unchanged && JSON.stringify(unchanged.calls) === calls) ||
        calls === JSON.stringify(earlier.at(-1)!.calls))
    )
      return undefined;
    return calling([{ intent: thread.intent, ...planned }], offered);
  }

  return {
    plan(message, offered, earlierTurns = []) {
      const text = plannerText(message);
      const earlier = earlierTurns.map((turn) => ({ ...turn, message: plannerText(turn.message) }));
      if (ASKS_FOR_HELP.test(text)) return reply(capabilities(offered));
      if (GREETING.test(text)) return reply(`Hi! ${oneLine(offered)}`);
      if (THANKS.test(text)) return reply('Glad to help.');
      if (ASKS_TO_ACT.test(text)) return reply(CANNOT_ACT);
      if (ASKS_PRICE_ALERT.test(text)) return reply(NO_PRICE_ALERTS);
      if (EXPLAINS_SIMPLY.test(text)) return reply(`${WORDS_NOT_DATA} ${oneLine(offered)}`);
      const definition = definitionFor(text, offered);
      if (definition) return reply(definition);
      const last = earlier.at(-1);
      if (ASKS_WHY.test(text) && last) {
        const explained = whyOf(last, offered);
        if (explained) return reply(explained);
        if (last.calls.length)
          return reply(
            'The answer above gives the reason its tool returned; ask the same question again for a fresh look.',
          );
      }
      const context = contextFor(earlier.at(-1));
      // "Which of those moved most?": the coins of the message before are this one's.
      const coinsMeant =
        THOSE.test(text) && context.assets(text).length === 0 ? coinsBefore(earlier.at(-1), context) : [];
      const pointsBack = coinsMeant.length > 0;
      if (pointsBack) {
        const read = context.assets;
        context.assets = (words) => (words === text ? coinsMeant : read(words));
      }
      // What two things are, not a figure of either (a price difference names a coin): the tools' own descriptions, else none.
      if (ASKS_DIFFERENCE.test(text) && context.assets(text).length === 0) return reply(difference(text, offered));
      const cued = rank(text, context);
      const best = cued[0]?.score ?? 0;
      if (earlier.length > 0) {
        // Words that cue a request it cannot make alone ("only ones with 10+ mentions", "raise the bar to 20
        // mentions": of which token?) may change the last one, as words that cue nothing may; a specific request
        // ("is 0x… a honeypot on base?", with base not configured) only one it also asks for.
        const asking = best >= CUE && 'calls' in cued[0]!.intent.plan(text, context);
        if (!asking || CONTINUES.test(text)) {
          const followed = followUp(text, earlier, context, offered, asking || best > STRONG);
          if (followed) return followed;
        }
      }
      // The classifier learnt from messages naming their coins, not from follow-ups (router.ts): of one pointing
      // back at the last message's coins, the rules' reading stands when they have one.
      const ranked = route && !(pointsBack && best >= CUE) ? route(text, cued, context) : cued;
      if (ranked.length === 0) return reply(`Sorry, I didn't understand that. ${oneLine(offered)}`);

      const asked = [ranked[0]!.intent];
      for (const { intent, score } of ranked.slice(1))
        if (score >= STRONG && asksSeparately(intent, asked, text, context)) asked.push(intent);
      // In the order asked ("whats eth at and any news behind it": the price first), one intent a domain;
      // one intent is already in order, and reading its clauses again would cost a score each.
      const chosen =
        asked.length === 1
          ? asked
          : asked
              .map((intent) => ({ intent, at: askedAt(intent, text, context) }))
              .sort((a, b) => a.at - b.at)
              .map(({ intent }) => intent)
              .filter((intent, i, all) => all.findIndex((other) => domainOf(other) === domainOf(intent)) === i);
      const usable = chosen.filter((intent) => offered.has(intent.tools[0]!));
      if (usable.length === 0)
        return reply(
          `I can't ${chosen[0]!.capability.replace(/ \(.*\)$/, '')} here: that tool isn't enabled for this message. ${oneLine(offered)}`,
        );

      const steps: Step[] = [];
      for (const intent of usable) {
        const part = usable.length === 1 ? text : partFor(intent, text, context);
        // "What's the news on it?", "and sentiment?", or a question missing what it needs: the message before may name it.
        const before = earlier.at(-1)?.message;
        const carries = before && REFERS_BACK.test(part) && context.assets(part).length === 0;
        // A part naming no coin is about the message's ("whats eth at and any news behind it": ETH's news), as a
        // follow-up is about the last one's; one pointing back ("price of it?") about the last coins the
        // conversation named, however many turns named none since ("thanks", "more").
        const named =
          part === text || context.assets(part).length > 0
            ? carries
              ? coinsReferredTo(earlier, context)
              : []
            : context.assets(text);
        const within = named.length
          ? { ...context, prior: { tokens: named, symbols: named, symbol: named[0], token: named[0] } }
          : context;
        let planned = intent.plan(carries ? `${part} ${before}` : part, within);
        if ('ask' in planned && before) {
          const retried = intent.plan(`${part} ${before}`, within);
          if ('calls' in retried) planned = retried;
        }
        // A later part asking for a detail it lacks ("…and which coins got talked about more": which token?) leaves
        // the first ask answered; what no tool does ("…over the last 90 days": no past prices) is still the reply.
        if ('ask' in planned) {
          if (steps.length === 0 || !ASKS_FOR_DETAIL.test(planned.ask)) return reply(planned.ask);
          continue;
        }
        steps.push({ intent, ...planned });
      }
      return calling(steps, offered);
    },
  };
}
