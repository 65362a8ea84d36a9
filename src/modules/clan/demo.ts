import { ConflictError } from '../../core/domainErrors.ts';
import { unitHash } from '../../core/seededRandom.ts';
import type { ClanAdmin } from './admin.ts';
import type { ClanRepository } from './repository.ts';

/**
 * The embedded Clan Warz: six clans of four, a season running around the
 * seeding time, a finished war and a running one, and two hundred score
 * events. Deterministic apart from the dates, which follow the seeding time.
 */

const DAY_MS = 86_400_000;

const CLANS = [
  { slug: 'diamond-hands', name: 'Diamond Hands', tag: 'DMND' },
  { slug: 'moon-cartel', name: 'Moon Cartel', tag: 'MOON' },
  { slug: 'satoshi-guard', name: 'Satoshi Guard', tag: 'SATS' },
  { slug: 'degen-alliance', name: 'Degen Alliance', tag: 'DGEN' },
  { slug: 'whale-pod', name: 'Whale Pod', tag: 'WHAL' },
  { slug: 'gas-goblins', name: 'Gas Goblins', tag: 'GWEI' },
];

const MEMBER_NAMES = [
  'vega',
  'orca',
  'lumen',
  'kite',
  'onyx',
  'pike',
  'rune',
  'sable',
  'tarn',
  'umbra',
  'wren',
  'yarrow',
];

const REASONS: Array<[string, number]> = [
  ['won a trading duel', 40],
  ['called a listing before the announcement', 120],
  ['raid victory', 80],
  ['best weekly PnL', 150],
  ['flagged a rug pull early', 100],
  ['daily quest streak', 15],
  ['penalty: spam in the war room', -30],
];

const membersOf = (clanIndex: number) =>
  [0, 1, 2, 3].map((i) => ({
    handle: `${MEMBER_NAMES[(clanIndex * 2 + i) % MEMBER_NAMES.length]}_${CLANS[clanIndex]!.tag!.toLowerCase()}`,
    role: i === 0 ? ('leader' as const) : i === 1 ? ('officer' as const) : ('member' as const),
  }));

/** Seeds the demo when no clan exists yet; idempotent (event ids, slugs), so a concurrent second run adds nothing. */
export async function seedClanDemo(admin: ClanAdmin, clans: ClanRepository, now: Date = new Date()): Promise<boolean> {
  if ((await clans.clanCount()) > 0) return false;
  const day = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const at = (days: number) => new Date(day + days * DAY_MS).toISOString();
  const ignoreConflict = (err: unknown) => {
    if (!(err instanceof ConflictError)) throw err;
  };
  await admin
    .createSeason({ id: 'season-1', name: 'Season 1', starts_at: at(-20), ends_at: at(40) })
    .catch(ignoreConflict);
  for (const [i, clan] of CLANS.entries())
    await admin.createClan({ ...clan, members: membersOf(i) }).catch(ignoreConflict);
  await admin
    .createWar({ clan_a: 'satoshi-guard', clan_b: 'whale-pod', starts_at: at(-12), ends_at: at(-9) })
    .catch(ignoreConflict);
  await admin
    .createWar({ clan_a: 'diamond-hands', clan_b: 'moon-cartel', starts_at: at(-2), ends_at: at(5) })
    .catch(ignoreConflict);
  for (let n = 0; n < 200; n++) {
    const u = (purpose: string) => unitHash(`clan-demo-${n}`, purpose);
    const clanIndex = Math.floor(u('clan') * CLANS.length);
    const [reason, points] = REASONS[Math.floor(u('reason') * REASONS.length)]!;
    await admin.recordEvent(CLANS[clanIndex]!.slug, {
      event_id: `demo-${n}`,
      points,
      reason,
      member: membersOf(clanIndex)[Math.floor(u('member') * 4)]!.handle,
      // Spread over the season so far, oldest first.
      occurred_at: new Date(day - 20 * DAY_MS + ((n + u('jitter')) / 200) * 20 * DAY_MS).toISOString(),
    });
  }
  return true;
}
