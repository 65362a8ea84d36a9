import { PROTOCOLS, RUGGED, type Protocol } from '../cast.ts';
import { ALERTS, NEWSROOMS, SECURITY_ALERTS, TRACKERS, xAccount } from '../publishers.ts';
import { oneOf, pct, usd, usdShort, weekday, type Draft, type Moment } from '../story.ts';
import type { Random } from '../random.ts';
import { homeOf, type CorpusToken } from '../tokens.ts';

/**
 * Exploits, phishing and rug pulls. An exploit is an episode: the first alert,
 * the newsroom write-up other outlets repeat, the team's statement, then a
 * bounty offer and either returned or laundered funds. Every part is tagged
 * with the exploited protocol's own token (never the coin the loot was swapped
 * into), or with nothing when the protocol has none.
 */

const VECTORS = [
  'manipulated the price oracle of a thinly traded collateral asset',
  'abused a rounding error in the share calculation of a vault',
  'used a flash loan to borrow against inflated collateral',
  'exploited a missing access check in an upgraded contract',
  'drained a pool through a reentrancy bug in the withdrawal function',
  'compromised a private key that controlled the admin multisig',
] as const;

/** Losses: mostly small, a few large, in millions of dollars. */
function loss(m: Moment): number {
  const { r } = m;
  return r.weighted([
    [() => r.float(1.2, 8, 1), 50],
    [() => r.float(8, 40, 1), 35],
    [() => r.float(40, 180, 0), 15],
  ] as const)();
}
const severity = (millions: number) => (millions >= 40 ? 3 : millions >= 8 ? 2 : 1);
const tagsOf = (protocol: Protocol): CorpusToken[] => (protocol.token ? [protocol.token] : []);
const handleOf = (protocol: Protocol) => protocol.name.replace(/[^A-Za-z]/g, '');

/** A protocol not exploited yet in the corpus (each is hacked at most once). */
export function unexploited(r: Random, memory: Map<string, unknown>, withToken = false): Protocol | undefined {
  const fresh = PROTOCOLS.filter((p) => !memory.has(`exploited:${p.name}`) && (!withToken || p.token));
  const protocol = fresh.length ? r.pick(fresh) : undefined;
  if (protocol) memory.set(`exploited:${protocol.name}`, true);
  return protocol;
}

/** An exploit of `protocol` for `millions`, as the episode of posts that follows it. */
export function exploit(
  m: Moment,
  protocol = unexploited(m.r, m.memory),
  millions = loss(m),
  followUps = m.r.chance(0.7),
): Draft | Draft[] {
  if (!protocol) return phishing(m);
  const { r, at } = m;
  const lost = usd(millions);
  const level = severity(millions);
  const tokens = tagsOf(protocol);
  const token = protocol.token;
  const vector = r.pick(VECTORS);
  const tokenFall = token ? r.float(18, 65, 0) : 0;
  const tokenLine = token
    ? ` ${token.symbol}, ${protocol.name}'s governance token, fell ${pct(tokenFall)} within the hour.`
    : '';
  const about = `${protocol.name}, a ${protocol.sort} on ${protocol.chain}`;
  const base = { event: 'hack' as const, tokens };

  const alert: Draft = {
    ...base,
    sentiment: -0.85,
    value: [74, 84, 91][level - 1]! + r.int(0, 3),
    summary: `${about}, is being drained: about ${lost} has left its contracts so far.`,
    analysis: `A live exploit: until ${protocol.name} pauses its contracts, deposits there are at risk${token ? `, and ${token.symbol} usually sells off as holders exit` : ''}. Revoking approvals to its contracts limits exposure.`,
    post: {
      publisher: r.pick(SECURITY_ALERTS),
      text: oneOf(
        r,
        `${protocol.name} on ${protocol.chain} appears to have been exploited for about ${lost}. The attacker is swapping the stolen assets and bridging them out; users should revoke approvals to the protocol.`,
        `Suspicious transactions hit the ${protocol.name} ${protocol.sort} on ${protocol.chain}: about ${lost} has been drained to a freshly funded address. It looks like a price-oracle exploit.`,
        `We detected an ongoing attack on ${protocol.name} (${protocol.chain}). Losses so far are about ${lost}; the exploiter contract was funded through Tornado Cash minutes before the first transaction.`,
      ),
    },
    echoes: level >= 2 && r.chance(0.5) ? 1 : 0,
  };

  const article: Draft = {
    ...base,
    after: r.int(40, 150),
    sentiment: -0.8,
    value: [72, 83, 90][level - 1]! + r.int(0, 4),
    summary: `An attacker took about ${lost} from ${protocol.name} on ${protocol.chain}; the team has paused the contracts and is tracing the funds.`,
    analysis: `${level === 3 ? 'One of the larger DeFi exploits of the year' : 'Another DeFi exploit'}: ${protocol.name} users face losses until a recovery plan is published${token ? `, and ${token.symbol} has repriced the damage (down ${pct(tokenFall)})` : ''}. Similar ${protocol.sort}s on ${protocol.chain} may pause as a precaution.`,
    post: {
      publisher: r.pick(NEWSROOMS),
      title: oneOf(
        r,
        `${protocol.name} exploited for ${usdShort(millions)}`,
        `${protocol.name} loses ${lost} in exploit`,
        `Attacker drains ${lost} from ${protocol.name} on ${protocol.chain}`,
      ),
      text: `${about}, lost about ${lost} on ${weekday(at)} after an attacker ${vector}. The team paused its contracts and said it is working with security firms to trace the stolen funds.${tokenLine}`,
    },
    echoes: level === 1 ? r.int(0, 1) : r.int(1, 3),
  };

  const statement: Draft = {
    ...base,
    after: r.int(240, 600),
    sentiment: -0.55,
    value: 60 + level * 4 + r.int(0, 3),
    summary: `${protocol.name} confirms the exploit, keeps its contracts paused and promises a recovery plan for affected users.`,
    analysis: `The team's confirmation settles the size of the loss (${lost}); what matters next is whether users are made whole, which decides if deposits return to ${protocol.name}.`,
    post: {
      publisher: xAccount(handleOf(protocol)),
      text: `Update on today's exploit: ${protocol.name} contracts remain paused while we finish the post-mortem. About ${lost} was taken from one pool; other pools are unaffected. A recovery plan for affected users will follow.`,
    },
  };

  const episode = [alert, article, statement];
  if (followUps) {
    episode.push({
      ...base,
      after: r.int(12, 36) * 60,
      sentiment: -0.35,
      value: 52 + level * 3 + r.int(0, 4),
      summary: `${protocol.name} offers the attacker a 10% bounty to return the rest of the ${lost} within 72 hours.`,
      analysis: `Bounty offers recover funds surprisingly often in DeFi exploits; a return would limit the damage to ${protocol.name} users${token ? ` and lift ${token.symbol}` : ''}.`,
      post: {
        publisher: r.pick(NEWSROOMS),
        title: `${protocol.name} offers exploiter 10% bounty after ${usdShort(millions)} hack`,
        text: `${protocol.name} has sent an on-chain message offering the attacker 10% of the stolen ${lost} if the rest is returned within 72 hours, after which it will pursue legal action with law enforcement.`,
      },
    });
    const returned = r.chance(0.5);
    episode.push({
      ...base,
      after: r.int(30, 60) * 60,
      sentiment: returned ? 0.35 : -0.5,
      value: returned ? 66 + r.int(0, 6) : 48 + r.int(0, 8),
      summary: returned
        ? `The ${protocol.name} exploiter returned most of the stolen ${lost}, keeping the 10% bounty.`
        : `The ${protocol.name} exploiter ignored the bounty and is laundering the ${lost} through a mixer.`,
      analysis: returned
        ? `A white-hat style settlement: ${protocol.name} users recover around 90% of their funds, which usually lets the protocol reopen.`
        : `With the funds moving through a mixer, recovery is unlikely; ${protocol.name} users will depend on the team's treasury for compensation.`,
      post: {
        publisher: r.pick(TRACKERS),
        text: returned
          ? `The ${protocol.name} exploiter has returned about 90% of the stolen ${lost} to the protocol's multisig and kept the 10% bounty.`
          : `The ${protocol.name} exploiter ignored the bounty offer and has started depositing the stolen ${lost} into Tornado Cash in batches.`,
      },
    });
  }
  return episode;
}

/** A wallet drained after signing a malicious permit on a phishing site. */
export function phishing(m: Moment): Draft {
  const { r } = m;
  const lost = usd(r.float(0.2, 4.5, 1));
  const asset = r.pick(['stETH', 'aEthWETH', 'PT-sUSDe', 'WBTC', 'USDC', 'cbBTC']);
  return {
    event: 'hack',
    tokens: [],
    sentiment: -0.6,
    value: r.int(38, 52),
    summary: `A wallet lost ${lost} in ${asset} after signing a malicious permit on a phishing site.`,
    analysis:
      'Permit phishing drains wallets without an on-chain approval transaction; checking what a signature authorises is the only defence.',
    post: {
      publisher: ALERTS.scamSniffer,
      text: oneOf(
        r,
        `A victim lost ${lost} worth of ${asset} to a permit phishing signature on a fake airdrop page. The drainer kit behind it has hit dozens of wallets this week.`,
        `Phishing alert: a wallet was drained of ${lost} in ${asset} minutes after approving a Permit2 signature on a cloned DeFi frontend.`,
      ),
    },
  };
}

/** A memecoin's deployer pulls the liquidity hours after launch. */
export function rugPull(m: Moment): Draft {
  const { r } = m;
  const fresh = RUGGED.filter((t) => !m.memory.has(`rugged:${t.symbol}`));
  if (!fresh.length) return phishing(m);
  const token = r.pick(fresh);
  m.memory.set(`rugged:${token.symbol}`, true);
  const lost = usd(r.float(0.1, 2.4, 1));
  const hours = r.int(2, 20);
  return {
    event: 'hack',
    tokens: [token],
    sentiment: -0.7,
    value: r.int(40, 54),
    summary: `The deployer of the ${token.name} (${token.symbol}) memecoin removed ${lost} of liquidity ${hours} hours after launch.`,
    analysis: `A classic rug pull: ${token.symbol} holders are left with a token that cannot be sold for anything meaningful. Fresh memecoins whose deployer controls the liquidity carry this risk.`,
    post: {
      publisher: r.pick([ALERTS.scamSniffer, ...TRACKERS]),
      text: `Rug pull: the deployer of $${token.symbol} (${token.name}) on ${homeOf(token)} pulled ${lost} of liquidity ${hours} hours after launch, and ${token.symbol} is down 97%. Do not buy it.`,
    },
  };
}
