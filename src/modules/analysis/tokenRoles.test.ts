import { describe, expect, it } from 'vitest';
import { createTokenRegistry } from '../tokens/tokenRegistry.ts';
import { createEmbeddedAnalyser } from './embeddedAnalyser.ts';
import type { AnalysisInput } from './types.ts';

const analyser = createEmbeddedAnalyser(createTokenRegistry());

async function roles(input: AnalysisInput) {
  const { tokens, mentions } = await analyser.analyse(input);
  return { subjects: tokens.map((t) => t.symbol), passing: mentions.map((t) => t.symbol) };
}

describe('token roles: what a story is about, and what it names in passing', () => {
  it('tags a hacked protocol, not what the loot was swapped into', async () => {
    expect(
      await roles({
        text: 'Curve Finance drained of $40M; the attacker swapped the loot into SOL and bridged it to Ethereum.',
      }),
    ).toEqual({ subjects: ['CRV'], passing: ['SOL', 'ETH'] });
  });

  it('reads the currency a trade is paid with, or paid in, as passing: the coin bought or sold is the story', async () => {
    expect(await roles({ text: 'Whale bought 2,000 ETH with USDT on Binance, on-chain data shows.' })).toEqual({
      subjects: ['ETH'],
      passing: ['USDT'],
    });
    expect(
      await roles({ title: 'Whale bought 2,000 ETH with USDT', text: 'A whale bought 2,000 ETH using USDC.' }),
    ).toEqual({ subjects: ['ETH'], passing: ['USDT', 'USDC'] });
    expect(await roles({ text: 'A fund sold 500 BTC for USDC and bought SOL.' })).toEqual({
      subjects: ['BTC', 'SOL'],
      passing: ['USDC'],
    });
    // Bought with nothing named after it: both coins are the story's.
    expect((await roles({ text: 'Whales bought ETH and SOL as prices fell.' })).subjects).toEqual(['ETH', 'SOL']);
  });

  it('tags nothing when the protocol is unknown and every token is named in passing', async () => {
    expect(await roles({ text: 'Protocol X drained of $40M; the attacker swapped the loot into SOL.' })).toEqual({
      subjects: [],
      passing: ['SOL'],
    });
  });

  it('keeps passing mentions at a lower confidence', async () => {
    const { tokens, mentions } = await analyser.analyse({
      title: 'GMX exploited for $42 million on Arbitrum',
      text: 'The attacker converted most of the loot to ETH. GMX fell 12%.',
    });
    expect(tokens.map((t) => t.symbol)).toEqual(['GMX']);
    expect(mentions.map((t) => t.symbol)).toEqual(['ARB', 'ETH']);
    for (const mention of mentions) expect(mention.confidence).toBeLessThanOrEqual(0.5);
  });

  it('reads a chain named as a place as passing, not a stance on its coin', async () => {
    expect(
      await roles({ title: 'Coinbase lists dogwifhat', text: 'The Solana memecoin WIF trades on Solana and Base.' }),
    ).toEqual({
      subjects: ['WIF'],
      passing: ['SOL'],
    });
    expect((await roles({ text: 'Traders turn bullish on Solana as SOL reclaims $200.' })).subjects).toEqual(['SOL']);
    expect(
      await roles({ title: 'Ethereum restaking startup raises $20M', text: 'Bitcoin miners also joined the round.' }),
    ).toEqual({
      subjects: [],
      passing: ['ETH', 'BTC'],
    });
  });

  it("reads a market aside beside an event as context, and states only the event's figures", async () => {
    expect(
      await roles({ title: 'Binance will list PEPE and WIF tomorrow; BTC dips', text: 'Trading opens at 10:00.' }),
    ).toEqual({
      subjects: ['PEPE', 'WIF'],
      passing: ['BTC'],
    });
    const listing = await analyser.analyse({
      title: 'Binance will list PEPE and WIF tomorrow',
      text: 'The exchange announced the listing on Thursday. Meanwhile BTC dipped 2%.',
    });
    expect(listing.tokens.map((t) => t.symbol)).toEqual(['PEPE', 'WIF']);
    expect(listing.analysis).not.toContain('2%');
    // The event's parts name no token but moved funds: the price move is what the story says of its subject.
    expect(
      await roles({
        title: 'Shibarium Bridge Exploited for $2.4M',
        text: 'The attacker drained ETH from the bridge. SHIB slipped 5% as the team froze the contracts.',
      }),
    ).toMatchObject({ subjects: ['SHIB'] });
  });

  it('reads a market aside as context when the event names its coin by a ticker the registry does not know', async () => {
    expect(await roles({ text: 'Coinbase to delist XYZ; ETH rallies' })).toEqual({ subjects: [], passing: ['ETH'] });
    expect(await roles({ text: 'Binance will list $QWERT tomorrow; BTC dips 2%' })).toEqual({
      subjects: [],
      passing: ['BTC'],
    });
    expect(await roles({ text: 'XYZ Protocol hacked for $5M — ETH slides 3%' })).toEqual({
      subjects: [],
      passing: ['ETH'],
    });
    const delisting = await analyser.analyse({
      title: 'Kraken delists ZZT',
      text: 'Trading ends on Friday. Meanwhile ETH rose 3%.',
    });
    expect(delisting.tokens).toEqual([]);
    expect(delisting.mentions.map((t) => t.symbol)).toEqual(['ETH']);
    expect(delisting.analysis).not.toContain('3%');
    // An exchange is no coin of its own: its token's price move stays what the story says of its subject.
    expect((await roles({ text: 'OKX hacked for $5M; OKB falls 4%' })).subjects).toEqual(['OKB']);
    // Nor is a regulator, who acts rather than is acted on; nor a word shouted with its cue.
    expect((await roles({ text: 'FINMA bans crypto lending; BTC slips 2%' })).subjects).toEqual(['BTC']);
    expect((await roles({ text: 'HACKER DRAINS BRIDGE; ETH DROPS 5%' })).subjects).toEqual(['ETH']);
  });

  it("reads a chain's price move beside a protocol's hack as context, not the story", async () => {
    // The protocol named by a word the registry does not read as a token: no tag, and the analysis names it.
    const pump = await analyser.analyse({ text: 'Pump drained; SOL fell' });
    expect([pump.tokens, pump.mentions.map((t) => t.symbol)]).toEqual([[], ['SOL']]);
    expect(pump.analysis).toMatch(/^Hack or exploit at Pump\. /);
    expect(
      await roles({
        title: 'Pump drained of $1.9M in exploit',
        text: 'The attacker swapped the loot into SOL; SOL fell 3%.',
      }),
    ).toEqual({ subjects: [], passing: ['SOL'] });
    // The protocol's token named: it is the tag, in a clause of its own or not, and the chain's figure stays out.
    const pumpFun = await analyser.analyse({ text: 'Pump.fun drained of $1.9M in exploit, SOL fell 3%' });
    expect([pumpFun.tokens.map((t) => t.symbol), pumpFun.mentions.map((t) => t.symbol)]).toEqual([['PUMP'], ['SOL']]);
    expect(pumpFun.analysis).not.toContain('3%');
    expect(
      await roles({
        title: 'Pump.fun hit by $1.9M exploit',
        text: 'The attacker swapped the loot into SOL, and SOL fell 3% after the news.',
      }),
    ).toEqual({ subjects: ['PUMP'], passing: ['SOL'] });
    // The chain named as more than a move stays; so do the protocol's own token and a hack that names no victim.
    expect(
      (
        await roles({
          title: 'Cetus Protocol Exploited for $223M, Sui Validators Freeze Most of It',
          text: 'Validators froze $162 million of the stolen funds, and SUI fell 7% before recovering.',
        })
      ).subjects,
    ).toEqual(['SUI']);
    expect((await roles({ text: 'Loopring drained of $5M; LRC fell 9%' })).subjects).toEqual(['LRC']);
    expect((await roles({ text: 'Hackers drained $5M; ETH fell 3%' })).subjects).toEqual(['ETH']);
  });

  it('counts the victim of a theft when no protocol token is named', async () => {
    expect(
      await roles({ text: 'A victim lost 783 BTC to a social engineering scam; the funds were laundered into XMR.' }),
    ).toEqual({
      subjects: ['BTC'],
      passing: ['XMR'],
    });
  });

  it('weights the headline and the tokens whose price moved over a body mention', async () => {
    expect(
      await roles({
        title: 'Robinhood brings Pepe and Bonk to U.S. customers',
        text: 'The brokerage already offers BTC and ETH. PEPE rose 6% on the news.',
      }),
    ).toEqual({ subjects: ['PEPE', 'BONK'], passing: ['BTC', 'ETH'] });
  });
});
