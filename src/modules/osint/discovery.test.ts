import { describe, expect, it } from 'vitest';
import { rankDiscoveries } from './discovery.ts';

const at = new Date('2026-03-01T00:00:00Z');
const counts = (token: string, current: number, baseline: number) => ({ token, current, baseline, firstInWindow: at });

describe('coin discovery ranking', () => {
  it('measures velocity against the token’s own baseline, smoothed', () => {
    // BTC: 40 now against 40 over four windows (10 each) → 41 / 11.
    const [btc] = rankDiscoveries([counts('BTC', 40, 40)], new Set(), 10);
    expect(btc).toMatchObject({ mentions: 40, baselinePerWindow: 10, velocity: 41 / 11, firstSeen: false });
  });

  it('keeps first-seen and rising tokens, fastest first, and drops steady ones', () => {
    const ranked = rankDiscoveries(
      [counts('BTC', 40, 40), counts('ETH', 12, 48), counts('NEWT', 5, 0), counts('OLDY', 2, 0)],
      new Set(['OLDY']),
      10,
    );
    // NEWT: 6 / 1; BTC: 41 / 11 ≈ 3.7; OLDY: 3 / 1 (quiet lately, seen long ago); ETH: 13 / 13 = 1 is steady.
    expect(ranked.map((d) => [d.token, d.firstSeen])).toEqual([
      ['NEWT', true],
      ['BTC', false],
      ['OLDY', false],
    ]);
  });

  it('stops at the limit', () => {
    expect(
      rankDiscoveries([counts('A', 3, 0), counts('B', 4, 0), counts('C', 5, 0)], new Set(), 2).map((d) => d.token),
    ).toEqual(['C', 'B']);
  });
});
