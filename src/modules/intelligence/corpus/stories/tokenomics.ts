import { NEWSROOMS, xAccount } from '../publishers.ts';
import { priceMove } from './market.ts';
import { count, longDay, oneOf, pct, usd, when, type Draft, type Moment } from '../story.ts';
import { AIRDROPPING, TOKENS, UNLOCKING, nameOf, type CorpusToken } from '../tokens.ts';

/** Supply events: vesting unlocks, airdrop seasons and buybacks. */

const UNLOCK_TRACKER = xAccount('Tokenomist_ai');

/** What an unlock releases, decided once so every story about it quotes the same figures. */
export interface UnlockFacts {
  token: CorpusToken;
  /** When the tokens vest. */
  on: Date;
  share: number;
  millions: number;
  to: string;
}

export function unlockFacts(
  m: Moment,
  token: CorpusToken,
  on = new Date(m.at.getTime() + m.r.int(2, 9) * 86_400_000),
): UnlockFacts {
  const { r } = m;
  // The share of the circulating supply the market quotes, so the count and the percentage agree.
  const supply = m.prices.supply(token, m.at) / 1e6;
  const drawn = r.float(0.8, 6.5, 1);
  const exact = supply > 0 ? (supply * drawn) / 100 : r.int(8, 400);
  const millions = exact < 10 ? Math.round(exact * 10) / 10 : Math.round(exact);
  const facts = {
    token,
    on,
    share: supply > 0 ? Math.round((millions / supply) * 1000) / 10 : drawn,
    millions,
    to: r.pick([
      'early investors and core contributors',
      'the foundation and ecosystem fund',
      'team members as a one-year cliff ends',
    ]),
  };
  m.memory.set(`unlock:${token.symbol}`, facts);
  return facts;
}

/** The next unlock to write about: one already announced and still ahead (a reminder), or a token's first. */
function nextUnlock(m: Moment): UnlockFacts | undefined {
  const { r, at } = m;
  const known = UNLOCKING.map((t) => m.memory.get(`unlock:${t.symbol}`) as UnlockFacts | undefined);
  // A reminder of an announced unlock, at most twice each.
  const ahead = known.filter(
    (f): f is UnlockFacts =>
      !!f && f.on > new Date(at.getTime() + 86_400_000) && !m.memory.has(`reminded:${f.token.symbol}:2`),
  );
  if (ahead.length && r.chance(0.3)) {
    const facts = r.pick(ahead);
    m.memory.set(`reminded:${facts.token.symbol}:${m.memory.has(`reminded:${facts.token.symbol}:1`) ? 2 : 1}`, true);
    return facts;
  }
  const fresh = UNLOCKING.filter((t, i) => !known[i] && !m.memory.has(`unlock:${t.symbol}:arc`));
  return fresh.length ? unlockFacts(m, r.pick(fresh)) : undefined;
}

/** A story about an upcoming unlock (by default the next one the corpus knows of); a price story when none is left. */
export function unlock(m: Moment, facts = nextUnlock(m)): Draft {
  if (!facts) return priceMove(m);
  const { r, at } = m;
  const { token, share, millions, to } = facts;
  const due = when(at, facts.on);
  const sym = token.symbol;
  const big = share >= 3;
  return {
    event: 'token_unlock',
    tokens: [token],
    sentiment: big ? r.float(-0.55, -0.4) : r.float(-0.4, -0.35),
    value: big ? r.int(54, 64) : r.int(40, 52),
    summary: `${count(millions)} million ${sym}, ${pct(share)} of circulating supply, unlock on ${longDay(facts.on)} for ${to}.`,
    analysis: `Unlocks add sell-side supply: ${big ? `at ${pct(share)} of circulating supply this one is large enough that ${sym} often weakens in the days before it` : `${pct(share)} of supply is modest, and the market usually absorbs releases this size`}.`,
    post: r.chance(0.35)
      ? {
          publisher: UNLOCK_TRACKER,
          text: `Unlock watch: ${count(millions)}M $${sym} (${pct(share)} of circulating supply) unlocks ${due} for ${to}.`,
        }
      : {
          publisher: r.pick(NEWSROOMS),
          title: oneOf(
            r,
            `${nameOf(token)} to unlock ${pct(share)} of ${sym} supply ${due}`,
            `${sym} faces ${count(millions)} million token unlock ${due}`,
          ),
          text: `${nameOf(token)} will release ${count(millions)} million ${sym}, about ${pct(share)} of its circulating supply, on ${longDay(facts.on)} as tokens held by ${to} vest. Past unlocks of this size have come with short-term price weakness.`,
        },
  };
}

export function airdrop(m: Moment): Draft {
  const { r } = m;
  const open = AIRDROPPING.filter((t) => !m.memory.has(`season:${t.symbol}:3`));
  if (!open.length) return priceMove(m);
  const token = r.pick(open);
  const season = m.memory.has(`season:${token.symbol}:2`) ? 3 : 2;
  m.memory.set(`season:${token.symbol}:${season}`, true);
  const name = nameOf(token);
  const sym = token.symbol;
  const wallets = r.int(40, 900);
  const share = r.float(1, 7, 1);
  const claims = r.chance(0.6);
  const handle = xAccount(name.replace(/[^A-Za-z]/g, ''));
  return {
    event: 'airdrop',
    tokens: [token],
    sentiment: r.float(0.4, 0.5),
    value: r.int(44, 58),
    summary: claims
      ? `${name} opened claims for season ${season}: ${pct(share)} of the ${sym} supply goes to ${wallets},000 eligible wallets.`
      : `${name} set the snapshot for its season ${season} ${sym} airdrop; points earned until then count.`,
    analysis: claims
      ? `Airdropped ${sym} often meets selling from recipients in the first days, though a well-known season tends to draw new users to the protocol.`
      : `Snapshot dates pull activity forward as users farm points; expect usage of ${name} to spike and fade after it.`,
    post: claims
      ? {
          ...(r.chance(0.5)
            ? { publisher: handle }
            : { publisher: r.pick(NEWSROOMS), title: `${name} opens ${sym} airdrop claims for season ${season}` }),
          text: `Season ${season} ${sym} airdrop claims are live: ${pct(share)} of supply goes to ${wallets},000 wallets that used ${name} before the snapshot. Claim only through the official site; claims close in 30 days.`,
        }
      : {
          publisher: handle,
          text: `The snapshot for the season ${season} ${sym} airdrop is set for ${longDay(m.at, r.int(3, 12))}. Points earned on ${name} until then count towards your allocation.`,
        },
  };
}

/** A DAO or foundation buys back its token with protocol revenue. */
export function buyback(m: Moment): Draft {
  const { r } = m;
  const left = [TOKENS.JUP, TOKENS.HYPE, TOKENS.AAVE, TOKENS.LDO, TOKENS.DYDX, TOKENS.PENDLE, TOKENS.RAY].filter(
    (t) => !m.memory.has(`buyback:${t.symbol}`),
  );
  if (!left.length) return priceMove(m);
  const token = r.pick(left);
  m.memory.set(`buyback:${token.symbol}`, true);
  const name = nameOf(token);
  const amount = usd(r.float(2, 60, 0));
  return {
    event: 'other',
    tokens: [token],
    sentiment: r.float(0.45, 0.6),
    value: r.int(48, 62),
    summary: `${name} will spend ${amount} of protocol revenue buying back ${token.symbol} over the coming months.`,
    analysis: `Buybacks turn revenue into steady demand for ${token.symbol}; their effect depends on the pace relative to daily volume and unlocks.`,
    post: {
      publisher: r.pick(NEWSROOMS),
      title: oneOf(
        r,
        `${name} approves ${amount} ${token.symbol} buyback`,
        `${name} to buy back ${amount} of ${token.symbol} with protocol revenue`,
      ),
      text: `${name} token holders approved a plan to spend ${amount} of protocol revenue buying ${token.symbol} on the open market, with purchases spread over the next six months.`,
    },
  };
}
