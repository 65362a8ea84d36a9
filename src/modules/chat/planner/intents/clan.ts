import type { z } from 'zod';
import type { clanView, memberView, seasonView, warView } from '../../../clan/index.ts';
import { clanRef, handle, limit, season, uuid } from '../extract.ts';
import {
  cues,
  guarded,
  isNumber,
  isString,
  list,
  listedEntry,
  plural,
  prior,
  toolIntent,
  type Intent,
  type IntentContext,
} from '../intent.ts';

type Clan = z.output<typeof clanView>;
type Season = z.output<typeof seasonView>;
type War = z.output<typeof warView>;

const askClan = { ask: 'Which clan? Give its name or slug, for example "Moon Cartel" or "moon-cartel".' };
const inSeason = (text: string, context: IntentContext) => {
  const id = season(text) ?? prior(context, 'season', isString);
  return id ? { season: id } : {};
};

function describeWar(war: War): string {
  const [a, b] = war.clans;
  const score = `${a?.name} ${a?.score} – ${b?.score} ${b?.name}`;
  const lead = war.leader
    ? `${war.clans.find((c) => c.slug === war.leader)?.name} ${war.status === 'finished' ? 'won' : 'leads'} by ${war.margin}`
    : 'level';
  return `${war.status} war (${war.starts_at.slice(0, 10)} to ${war.ends_at.slice(0, 10)}): ${score}, ${lead}`;
}

/** A clan of the leaderboard's answer by its place ("how is the first one doing?"): its line is "#1 Iron Hands: 300 points". */
const pickedClan = (text: string, context: IntentContext) =>
  /^#\d+ (.+): -?\d+ points?$/.exec(listedEntry(text, context) ?? '')?.[1];

/** A clan's standing, or its size (the score lookup counts its members). */
const STANDING =
  /\b(score|points|standing|rank(ed|ing)?|position|placed|(what|which) (place|spot)|members? count|members)\b/i;
const HOW_DOING = /\bhow (is|are|did)\b.*\b(doing|do|fare|faring)\b/i;
/** A clan's best member asked for ("top dog in moon cartel"): its score lookup lists who scored, and member_stats needs a handle. */
const TOP_MEMBER = /\b(top dog|mvp|top (member|player|scorer)|best (member|player)|strongest (member|player))s?\b/i;
const standingCues = cues(
  [2, /\bclans?\b/i],
  [2, HOW_DOING],
  [2, STANDING],
  [2, guarded(/dog|mvp|member|player|scorer/i, TOP_MEMBER)],
);

const scoreLookup = toolIntent<{
  clan: Clan;
  season: Season;
  score: number;
  rank: number | null;
  members: number;
  war: War | null;
  recent_events: unknown[];
}>({
  tool: 'clan.score_lookup',
  capability: 'report a clan’s score and standing ("how is Moon Cartel doing?")',
  topic: 'Clan Warz',
  // The standing of a clan named where a sentence puts one ("what position is diamond hands in") is more than a word's cue.
  score: (text, context) => {
    // A clan the leaderboard just listed, picked by its place: a specific request (router.ts), whatever else the words
    // cue ("what about the second?" reads as news to the classifier, which never saw a listing before it).
    if (pickedClan(text, context)) return 5;
    const cued = standingCues(text, context);
    // A contract's score ("chain 31337 token 0x…: risk score?") is a token check's, never a clan's.
    if (cued && CONTRACT.test(text)) return 0;
    if (
      cued !== 2 ||
      !(STANDING.test(text) || HOW_DOING.test(text) || TOP_MEMBER.test(text)) ||
      context.assets(text).length > 0
    )
      return cued;
    return clanRef(text) ? 3 : cued;
  },
  args(text, context) {
    const clan = pickedClan(text, context) ?? clanRef(text) ?? prior(context, 'clan', isString);
    return clan ? { args: { clan, ...inSeason(text, context) } } : askClan;
  },
  answer(r) {
    const standing = r.rank === null ? 'has not scored yet' : `is ranked #${r.rank} with ${plural(r.score, 'point')}`;
    const war = r.war ? ` Current war: ${describeWar(r.war)}.` : '';
    return `${r.clan.name} ${standing} in ${r.season.name} (${plural(r.members, 'member')}).${war}`;
  },
});

const leaderboard = toolIntent<{ season: Season; entries: Array<{ rank: number; clan: Clan; score: number }> }>({
  tool: 'clan.leaderboard',
  capability: 'show the Clan Warz leaderboard ("top 5 clans")',
  topic: 'Clan Warz',
  score: cues(
    [
      3,
      /\b(leaderboard|rankings|standings|top \d* ?clans|best clans|(all|every|list( of)?) (the )?clans|which clans? (is|are) (winning|leading|on top|ahead))\b/i,
    ],
    // Every clan ranked, or the first of them: "full ranking of all six clans", "who's #1 in clan warz", "[GWEI] vs
    // [MOON] — which clan has more points".
    [
      3,
      guarded(
        /clan|ranking/i,
        /\branking of (all|every)\b|\b(all|every) \w+ clans\b|\bwho'?s (#1|number one|no\.? ?1|on top|first)\b.{0,20}\bclans?\b|\bwhich clan (has|is|got) (more|most|ahead|higher|leading|winning)\b/i,
      ),
    ],
  ),
  args: (text, context) => ({
    args: { ...inSeason(text, context), limit: limit(text) ?? prior(context, 'limit', isNumber) ?? 10 },
  }),
  answer({ season: s, entries }) {
    if (entries.length === 0) return `No clan has scored in ${s.name} yet.`;
    return `${s.name} leaderboard:\n${list(entries.map((e) => `#${e.rank} ${e.clan.name}: ${plural(e.score, 'point')}`))}`;
  },
});

const warWords = cues([3, /\bwars?\b/i], [2, /\b(winning|losing|battle|versus|vs\.?)\b/i]);
/** Two names against each other and nothing else, no coin among them: "Whale Pod vs Satoshi Guard". */
const MATCHUP =
  /^\s*(?:the\s+)?[A-Z]\w*(?: [A-Z]\w*){0,2} (?:vs\.?|versus) (?:the\s+)?[A-Z]\w*(?: [A-Z]\w*){0,2}\s*[?!.]*\s*$/;

const CONTRACT = /\b0x[0-9a-f]{40}\b/i;
const OWN_SIDE = /\b(we|we're|us|our|my)\b/i;
const FIGHTS = /\b(fighting|facing|battling|up against)\b/i;

/** A war by id, by one of its clans, or with neither the war running now. */
const warStatus = toolIntent<{ war: War }>({
  tool: 'clan.war_status',
  capability: 'tell where a clan war stands ("who is leading the current war?", "is Diamond Hands winning its war?")',
  topic: 'Clan Warz',
  // A clan named as fighting, facing or battling another ("who is whale pod fighting") is its war.
  score: (text, context) =>
    Math.max(
      warWords(text, context),
      MATCHUP.test(text) && context.assets(text).length === 0 ? 3 : 0,
      FIGHTS.test(text) && (clanRef(text) || /\bclans?\b/i.test(text)) ? 3 : 0,
    ),
  args(text) {
    const war = uuid(text);
    if (war) return { args: { war_id: war } };
    const clan = clanRef(text);
    // "how are we doing in clan wars?": the user's own clan, unnamed, not whichever war runs now.
    if (!clan && OWN_SIDE.test(text)) return askClan;
    return { args: clan ? { clan } : {} };
  },
  answer: ({ war }) => `The ${describeWar(war)}.`,
});

/** Statistics asked of a member or player in so many words, with no handle ("the top player's stats"). */
const memberCue = cues([2, /\b(member|player)s?\b.*\b(stats|statistics|points)\b/i]);

const memberStats = toolIntent<{
  member: z.output<typeof memberView>;
  clan: Clan;
  season: Season;
  points: number;
  events: number;
  rank_in_clan: number | null;
  share_of_clan_pct: number;
}>({
  tool: 'clan.member_stats',
  capability: 'give a clan member’s season statistics ("stats for @vega_dmnd")',
  topic: 'Clan Warz',
  score: (text, context) => (handle(text) ? 3 : memberCue(text, context)),
  args(text, context) {
    const member = handle(text) ?? prior(context, 'member', isString);
    return member
      ? { args: { member, ...inSeason(text, context) } }
      : { ask: 'Which member? Give their handle, for example "@vega_dmnd".' };
  },
  answer(r) {
    const rank = r.rank_in_clan === null ? 'has not scored yet' : `is #${r.rank_in_clan} in ${r.clan.name}`;
    return `${r.member.display_name ?? r.member.handle} (${r.member.role}) ${rank} in ${r.season.name}: ${plural(r.points, 'point')} from ${plural(r.events, 'event')}, ${r.share_of_clan_pct} % of the clan’s points.`;
  },
});

export const clanIntents: Intent[] = [memberStats, warStatus, leaderboard, scoreLookup];
