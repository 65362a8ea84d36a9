import { docAnswer, type DocHelp } from '../docAnswer.ts';
import { cues, guarded, list, toolIntent, type Intent } from '../intent.ts';

/** Words of setting something up. */
const SETUP_WORDS =
  /\b(set ?up|install|configure|configuration|deploy(ment)?|docs?|documentation|env(ironment)? var(iable)?s?|getting started|get started|jwt|api key|token for)\b/i;
/** The platform's parts and settings, which a setup question may name without a verb. */
const PARTS =
  /\b(rss( feeds?)?|docker( compose)?|kubernetes|k8s|helm|vault|approle|redis|postgres(ql)?|rabbit ?mq|jaeger|tracing|prometheus|grafana|nginx|bearer token|rpc( url)?s?|service accounts?|signing keys?|env(ironment)? files?|ccxt|cryptopanic|coingecko api|websocket stream|stdio|tls|cors)\b|(?<![\w.])\.env\b/i;

/** Cues of a question about setting up or using the platform, strongest first (a weaker one is not tried once a stronger matched). */
const asksHowTo = cues(
  // How the platform itself works: "how is velocity computed", "whats the onchain-watch agent for", "POST /execute payload?".
  [
    5,
    /\bhow (is|are|does) (the |a |an )?[\w -]{2,30} (computed|calculated|scored|worked out|determined|measured|deduplicated|tagged|classified|detected)\b|\bwhat('?s| is| are) (the |a )?[\w-]+ (agent|tool|endpoint|setting)s? for\b/i,
  ],
  [4, /\b(GET|POST|PUT|PATCH|DELETE) \/[\w/-]+|\b(payload|request body)\b|\b(response|json|schema) (shape|format)\b/i],
  // Where a part gets what it works from: "where does the arb engine get its order books from".
  [3, /\bwhere do(es)? (the )?[\w -]{2,30} get (its|their) [\w -]{2,30} from\b/i],
  // Where a part's data comes from, or which sources an agent reads: "where does the price data come from",
  // "what sources does listing-hunter pull from" (an agent named is not a request for its items).
  [4, /\bwhere do(es)? (the )?[\w -]{2,30} come from\b/i],
  [5, /\bwhat sources (does|do)\b.{1,40}\b(pull|read|use|scrape|watch)\b/i],
  // A broken page or a failed update: "my dashboard shows blank page after update".
  [
    3,
    /\b(blank|white|empty) (page|screen)\b|\b(broke|broken|stopped working)\b.{0,20}\bafter (the |an )?(update|upgrade)\b/i,
  ],
  // How the platform behaves, asked without a setup verb: its defaults and limits, which agent does
  // what, whether a tool or part handles something, where it runs.
  [
    3,
    /\bwhat('?s| is| are) the default\b|\bdefault (value|ttl|timeout|limit|port|interval)s?\b|\brate ?limits?\b|\bhow often (does|do|is|are)\b/i,
  ],
  [3, /\b(is there|are there|which|what) (an? )?agents?\b|\bwhat sources\b|\bsources (does|do)\b/i],
  [
    3,
    /\b(do|does|will|can) (the )?([\w-]+ ){1,2}(tools?|agents?|engine|feed|stream|chat|scanner|checker)\b.{0,30}\b(work|support|handle|read|cover)\w*\b|\bcan (i|we|you) (run|host|deploy) (this|it|alpha ?nest)\b|\bsystemd\b/i,
  ],
  // Asking how to set something up in the platform, or about a setting by its name.
  [
    3,
    /\bhow (do|can|should|would) (i|we) (get|set|add|configure|connect|enable|disable|run|install|deploy|use|create|change|turn|point|plug|subscribe|follow|receive|call|integrate|hook|write|build)\b/i,
  ],
  [3, /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/],
  [3, /\bhow does\b.*\bwork\b|\bexplain\b|\bwhat does\b.*\bmean\b/i],
  // Where a setting goes, how to run or switch something, why the node reports a state.
  [3, /\bwhere (do|should|can|would) (i|we) (put|set|add|find|configure|store|paste)\b/i],
  [3, /\bhow to (run|set ?up|install|deploy|configure|use|add|connect|enable|switch|point|plug|get|start|scale)\b/i],
  [3, /\bhow (do|can|should) (i|we) (switch|move|migrate|upgrade|rotate|scale|swap)\b/i],
  [3, /\bcan (i|we) (use|run|connect|plug in|point it at|swap in)\b.*\b(instead|real|own|my|production)\b/i],
  [3, /\b(degraded|unhealthy|health ?checks?)\b|\/(health|metrics)\b/i],
  // An error pasted from a log: "startup log: `ECONNREFUSED 127.0.0.1:5432`. fix?".
  [3, /\bE(CONNREFUSED|CONNRESET|TIMEDOUT|NOTFOUND|ADDRINUSE|ACCES)\b|\b(startup|error|crash) (log|message)s?\b/i],
  // Connecting an MCP client: "cursor mcp config?", "hook Claude Desktop up to this".
  [3, /\bmcp\b.*\b(config\w*|set ?up|clients?|connect\w*|server)\b|\b(claude|cursor|windsurf|vs ?code)\b.*\bmcp\b/i],
  [2, /\bhow (do|can|should|would) (i|we|you)\b/i],
  [2, /\balpha ?nest\b/i],
  [2, SETUP_WORDS],
);

/** A part of the platform named without a verb is a setup question ("rss feeds?", "docker compose"); with a setup word, firmly ("vault setup"). */
const namesPart = (text: string) => (!PARTS.test(text) ? 0 : SETUP_WORDS.test(text) ? 3 : 2);

const help = toolIntent<DocHelp>({
  tool: 'onboarding.help',
  capability: 'answer questions about setting up and using AlphaNest from its docs ("how do I add my own RSS feed?")',
  topic: 'setting up AlphaNest',
  score: (text, context) => Math.max(asksHowTo(text, context), namesPart(text)),
  args: (text) => ({ args: { question: text.trim(), limit: 2 } }),
  answer: (found, args) => docAnswer(String(args.question), found),
});

type Checklist = {
  completed: number;
  total: number;
  steps: Array<{ id: string; title: string; done: boolean; detail: string; how?: string }>;
};

const stepLine = (s: Checklist['steps'][number]) =>
  `${s.done ? '✓' : '✗'} ${s.title}: ${s.detail}${s.how ? ` (to do: ${s.how})` : ''}`;

/**
 * What to do next, asked with no coin ("what should I set up next?", "what do we configure next", "next thing to
 * do?"): the checklist's steps left, firmly enough that the classifier does not read "what should I…" as a trade.
 * With a coin named it is the coin's question ("what should I do next with my SOL?").
 */
const ASKS_NEXT =
  /\bwhat (should|do|can|shall|would) (i|we) (set ?up|configure|enable|install|add|turn on|do|tackle) next\b|\bwhat('?s| is) next (to|for (me|us) to) (set ?up|configure|do)\b|\bnext (thing|step)s? (to|i should|we should) (set ?up|configure|do)\b/i;

const checklistCue = cues(
  [
    3,
    /\b(checklist|set ?up progress|(what('s| is)|anything) left (for (me|us) )?to (set ?up|do|configure)|where do (i|we) stand(?! in (the )?clan)|next steps?|production[- ]ready|ready for production|onboarding (status|progress)|(still|yet) (need|have) to (do|set ?up|configure)|what('s| is) missing|remaining (setup|onboarding) (tasks|steps)|(what|which) steps (remain|are left)|(setup|onboarding) (steps|tasks) (am i|are we|i'?m|we'?re) missing)\b/i,
  ],
  [3, /\b(dev|development|default|demo) (signing )?(keys|secrets|credentials)\b|\b(own|my) signing keys\b/i],
  // A step asked whether done yet: "have i followed any agent yet", "did i set up redis already".
  [
    3,
    guarded(
      /yet|already/i,
      /\b(have|did) (i|we) (already )?(follow(ed)?|set ?up|configured?|connect(ed)?|add(ed)?|create[d]?)\b.{0,40}\b(yet|already)\b/i,
    ),
  ],
  // Whether this node runs on live or simulated data, or on a part, is a setup step's state:
  // "am i on live coingecko prices or the simulated ones?", "is this node actually talking to redis".
  [
    4,
    /\b(am i|are we|is (it|this|my|the)( \w+)?) (actually |still |really )?(on|using|running( on)?|getting|talking to|connected to|hooked up to|wired (?:up )?to|plugged into|pointed at)\b.{0,40}\b(live|real|simulated|demo|mock|fake|sample|in[- ]memory|pglite|redis|postgres(ql)?|rabbit ?mq|vault|default|dev)\b/i,
  ],
  // The same asked of the part or setting: "is redis actually being used by my deployment?", "did my DATABASE_URL
  // take effect?" (the rare closing words read first, the part before them only then).
  [
    4,
    /\b(being used|in use|(take|took|taking) effect|picked up)\b(?<=\b(is|are|did|does) (my |the )?(redis|postgres(ql)?|rabbit ?mq|vault|pglite|[A-Z][A-Z0-9]*_[A-Z0-9_]+)\b.{0,20}\b(being used|in use|(take|took|taking) effect|picked up))/i,
  ],
);

const checklist = toolIntent<Checklist>({
  tool: 'onboarding.checklist',
  capability: 'show your setup checklist ("what is left to set up?")',
  topic: 'setting up AlphaNest',
  score: (text, context) =>
    Math.max(checklistCue(text, context), ASKS_NEXT.test(text) && context.assets(text).length === 0 ? 4 : 0),
  args: () => ({ args: {} }),
  answer: ({ completed, total, steps }) => `${completed} of ${total} setup steps done:\n${list(steps.map(stepLine))}`,
});

/** The checklist's steps that are the caller's own (their sign-in, the agents they follow); the rest are the node's, its operator's. */
const OWN_STEPS = new Set(['token', 'follow_agents']);

/**
 * A user new to the platform asking where to begin: "I'm new here, how do I get started?", "where do I start?".
 * New to crypto is no user new here ("i am new in crypto, what is the price of ethereum").
 */
const NEW_USER =
  /\b((i'?m|i am) (new(?! (to|in|at|with) (crypto|trading|investing|defi|this space|coins))|a (total |complete )?(beginner|newbie|noob))|new (user|here|to (this|alpha ?nest|the platform))|first time (here|using)|(how (do|can|should) (i|we)|how to) (get started|begin)|where (do|should) (i|we) (start|begin)|getting started)\b/i;
/** Words of running the platform rather than using it: those questions are the docs' ("i cloned the repo, now what?"). */
const RUNS_IT =
  /\b(repo(sitory)?|clone[ds]?|install\w*|deploy\w*|docker|compose|kubernetes|k8s|helm|self[- ]?host\w*|server|npm|node|build|source|env(ironment)?|config\w*|database|postgres\w*|redis)\b/i;

/** Getting started as a user of the platform: the checklist's own steps first, then what to ask. */
const gettingStarted = toolIntent<Checklist>({
  tool: 'onboarding.checklist',
  capability: 'show a new user their first steps ("I\'m new here, how do I get started?")',
  topic: 'setting up AlphaNest',
  // A coin named is what the newcomer asks about ("i'm new here, can you find me news of polkadot").
  score: (text, context) =>
    NEW_USER.test(text) && !RUNS_IT.test(text) && !PARTS.test(text) && context.assets(text).length === 0 ? 4 : 0,
  args: () => ({ args: {} }),
  answer({ steps }) {
    const own = steps.filter((s) => OWN_STEPS.has(s.id));
    const node = steps.filter((s) => !OWN_STEPS.has(s.id) && !s.done).length;
    const operator = node
      ? `\n(${node} setup steps of this node are its operator's: say "setup checklist" for them.)`
      : '';
    return (
      `Welcome. Your first steps:\n${list(own.map(stepLine))}\n` +
      'Then ask me about the market: "latest news on SOL", "any hacks today?", "summarize today\'s news", "is 0x… a scam token?".' +
      operator
    );
  },
});

export const onboardingIntents: Intent[] = [checklist, gettingStarted, help];
