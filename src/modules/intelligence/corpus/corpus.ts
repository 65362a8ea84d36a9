import { arcs, type Scheduled } from './arcs.ts';
import { createPricePath } from './prices.ts';
import { type Desk, type Placed, type Publisher, slugOf } from './publishers.ts';
import { createRandom, type Random } from './random.ts';
import { createRotation } from './rotation.ts';
import { echoPublisher, firstSentence, retell } from './retell.ts';
import { funding, network, partnership } from './stories/business.ts';
import { delisting, listing } from './stories/exchange.ts';
import {
  chatter,
  dailyClose,
  liquidations,
  musing,
  openInterest,
  priceMove,
  smartMoney,
  stablecoinMint,
  whaleTransfer,
} from './stories/market.ts';
import { etfFlows, MACRO, regulation } from './stories/policy.ts';
import { exploit, phishing, rugPull } from './stories/security.ts';
import { airdrop, buyback, unlock } from './stories/tokenomics.ts';
import type { SimulatedPrices } from '../../market/index.ts';
import type { CorpusEvent, Draft, Post, StoryMaker } from './story.ts';
import { ETF_TRADED, type CorpusToken } from './tokens.ts';

/**
 * The corpus: a month and more of crypto news, X posts, exchange notices and
 * on-chain alerts, written from seeded story makers. Everyday stories arrive
 * at a steady, weekday-heavy pace; the macro calendar and US ETF flows follow
 * their schedules; the arcs give the last days their trending tokens; strong
 * stories are repeated by other outlets within hours. The demo feed and the
 * replay dataset are both cut from it.
 */

export interface CorpusReport {
  /** Stable for a seed and an end: the story's place in the schedule, the draft in its episode, the repeat. */
  id: string;
  /** Reports of one story share it: the first publication and its repeats. */
  story: number;
  at: Date;
  source: Placed;
  title?: string;
  text: string;
  event: CorpusEvent;
  tokens: readonly CorpusToken[];
  sentiment: number;
  value: number;
  summary: string;
  analysis: string;
}

export interface CorpusOptions {
  seed: number;
  /** The newest report is just before this. */
  end: Date;
  days: number;
  /** Everyday stories per weekday (weekends have fewer). */
  perDay: number;
  /** Also posts that name no token (the replay: agents must drop them). */
  musings?: boolean;
  /** The embedded market's price path: every price move a story states is read off it. */
  market: SimulatedPrices;
}

/** Everyday stories, by how often each kind turns up. */
const EVERYDAY: ReadonlyArray<readonly [StoryMaker, number]> = [
  [whaleTransfer, 18],
  [chatter, 17],
  [priceMove, 10],
  [smartMoney, 6],
  [listing, 6],
  [liquidations, 2],
  [openInterest, 2],
  [partnership, 3],
  [funding, 3],
  [network, 3],
  [regulation, 3.5],
  [unlock, 2],
  [airdrop, 2],
  [buyback, 1],
  [delisting, 1.5],
  [exploit, 0.45],
  [phishing, 0.8],
  [rugPull, 0.6],
];

const DESKS: Record<CorpusEvent, Desk> = {
  listing: 'markets',
  delisting: 'markets',
  other: 'markets',
  token_unlock: 'markets',
  airdrop: 'tech',
  hack: 'tech',
  regulation: 'policy',
  macro: 'markets',
  partnership: 'business',
  funding: 'business',
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Posting activity by UTC hour: quiet in the small hours, busiest while Europe and the US overlap. */
const HOURS = Array.from({ length: 24 }, (_, h) => [h, h < 6 ? 0.5 : h < 12 ? 0.9 : h < 21 ? 1.5 : 0.9] as const);

const isWeekend = (at: Date) => at.getUTCDay() === 0 || at.getUTCDay() === 6;
const atHour = (day: Date, hour: number, r: Random) =>
  new Date(day.getTime() + hour * HOUR_MS + r.int(0, 59) * 60_000 + r.int(0, 59) * 1000);

function everyday(r: Random, start: Date, days: number, perDay: number, musings: boolean): Scheduled[] {
  const kinds = createRotation(EVERYDAY, r);
  const stories: Scheduled[] = [];
  for (let d = 0; d < days; d++) {
    const day = new Date(start.getTime() + d * DAY_MS);
    const n = Math.round(perDay * (isWeekend(day) ? 0.85 : 1) * r.float(0.9, 1.1));
    for (let i = 0; i < n; i++) stories.push({ at: atHour(day, r.weighted(HOURS), r), make: (m) => kinds.next()(m) });
    if (musings) for (let i = 0; i < n / 5; i++) stories.push({ at: atHour(day, r.weighted(HOURS), r), make: musing });
  }
  return stories;
}

/** A trading day's US spot ETF flows, reported in the evening: BTC every day, the others on some days. */
function etfDays(r: Random, start: Date, days: number): Scheduled[] {
  const stories: Scheduled[] = [];
  const runs = new Map<string, { inflow: boolean; streak: number }>();
  const odds: Record<string, number> = { BTC: 1, ETH: 0.8, SOL: 0.25, XRP: 0.2 };
  for (let d = 0; d < days; d++) {
    const day = new Date(start.getTime() + d * DAY_MS);
    if (isWeekend(day)) continue;
    for (const token of ETF_TRADED) {
      const last = runs.get(token.symbol);
      // Flows come in runs: the direction usually holds from one day to the next.
      const inflow = last ? r.chance(0.7) === last.inflow : r.chance(0.6);
      const streak = last?.inflow === inflow ? last.streak + 1 : 1;
      runs.set(token.symbol, { inflow, streak });
      if (!r.chance(odds[token.symbol]!)) continue;
      const scale =
        token.symbol === 'BTC'
          ? r.float(40, 1100, 0)
          : token.symbol === 'ETH'
            ? r.float(15, 420, 0)
            : r.float(4, 90, 0);
      stories.push({
        at: atHour(day, r.int(21, 23), r),
        make: (m) => etfFlows(m, token, inflow ? scale : -scale, streak),
      });
    }
  }
  return stories;
}

/** Tether and Circle mint every few days: regular, so stablecoins never look like a trend. */
function mints(r: Random, start: Date, days: number): Scheduled[] {
  const stories: Scheduled[] = [];
  for (let d = r.int(0, 4); d < days; d += r.int(4, 6))
    stories.push({ at: atHour(new Date(start.getTime() + d * DAY_MS), r.weighted(HOURS), r), make: stablecoinMint });
  return stories;
}

/** Every night, just after the UTC day closes, the majors' daily moves. */
function dailyCloses(r: Random, start: Date, days: number): Scheduled[] {
  return Array.from({ length: days }, (_, d) => ({
    at: new Date(start.getTime() + (d + 1) * DAY_MS + r.int(1, 20) * 60_000),
    make: dailyClose,
  }));
}

/** The macro releases of the span on plausible weekdays and times, newest first from the end. */
function macroCalendar(r: Random, end: Date, days: number): Scheduled[] {
  const onWeekday = (daysBack: number, weekday: number, hour: number): Date => {
    const day = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate()) - daysBack * DAY_MS);
    const shift = (day.getUTCDay() - weekday + 7) % 7;
    return new Date(day.getTime() - shift * DAY_MS + hour * HOUR_MS + 30 * 60_000);
  };
  const plan: Array<[Date, StoryMaker]> = [
    [onWeekday(r.int(3, 6), 5, 13), MACRO.pce],
    [onWeekday(r.int(9, 15), 3, 18), MACRO.fomc],
    [onWeekday(r.int(16, 22), 2, 13), MACRO.cpi],
    [onWeekday(r.int(24, 30), 5, 13), MACRO.payrolls],
    [onWeekday(r.int(8, 26), r.int(1, 5), 15), MACRO.tariffs],
    [onWeekday(r.int(18, days - 2), r.int(2, 5), 3), MACRO.bojHike],
    [onWeekday(r.int(2, days - 2), r.int(1, 5), 2), MACRO.dollar],
    [onWeekday(r.int(2, days - 2), r.int(1, 5), 4), MACRO.dollar],
  ];
  return plan
    .filter(([at]) => at < end && at > new Date(end.getTime() - days * DAY_MS))
    .map(([at, make]) => ({ at, make }));
}

export function buildCorpus(options: CorpusOptions): CorpusReport[] {
  const r = createRandom(options.seed);
  const { end, days } = options;
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate()) - (days - 1) * DAY_MS);
  const memory = new Map<string, unknown>();
  const prices = createPricePath(options.market);
  const schedule = [
    ...arcs(r, end, memory),
    ...macroCalendar(r, end, days),
    ...etfDays(r, start, days),
    ...dailyCloses(r, start, days),
    ...mints(r, start, days),
    ...everyday(r, start, days, options.perDay, options.musings ?? false),
  ]
    .map((entry, index) => ({ ...entry, index }))
    .filter(({ at }) => at < end && at.getTime() > end.getTime() - days * DAY_MS)
    .sort((a, b) => a.at.getTime() - b.at.getTime());

  const reports: CorpusReport[] = [];
  let serial = 0;
  const publish = (id: string, story: number, at: Date, draft: Draft, post: Post) => {
    const slug = slugOf(post.title ?? firstSentence(post.text));
    const source = post.publisher.place({ at, slug, desk: DESKS[draft.event], serial: ++serial, r });
    const { event, tokens, sentiment, value, summary, analysis } = draft;
    reports.push({
      id,
      story,
      at,
      source,
      ...(post.title ? { title: post.title } : {}),
      text: post.text,
      event,
      tokens,
      sentiment,
      value,
      summary,
      analysis,
    });
  };

  let story = 0;
  for (const { at, make, index } of schedule) {
    const made = make({ r, at, memory, prices });
    for (const [d, draft] of (Array.isArray(made) ? made : [made]).entries()) {
      const first = new Date(at.getTime() + (draft.after ?? 0) * 60_000);
      story++;
      publish(`${index}.${d}`, story, first, draft, draft.post);
      const echoed: Publisher[] = [];
      for (let e = 1; e <= (draft.echoes ?? 0); e++) {
        const by = echoPublisher(r, draft.post.publisher, echoed);
        echoed.push(by);
        publish(
          `${index}.${d}.${e}`,
          story,
          new Date(first.getTime() + r.int(4, 180) * 60_000),
          draft,
          retell(r, draft, by),
        );
      }
    }
  }
  return reports
    .filter((report) => report.at < end)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.source.externalId.localeCompare(b.source.externalId));
}
