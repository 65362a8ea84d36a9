import { describe, expect, it } from 'vitest';
import type { TokenCheck } from '../check/checkToken.ts';
import { dangerItem } from './dangerItem.ts';

const TOKEN = '0x1b5B644f08325244081cb5B224164F110B10eA3C';
const PAIR = '0x2F9Efe6b74810e5CCb8670aAd499468f73ECbb09';

describe('a danger item', () => {
  it('says a tax the simulation could not measure is unknown, not `unknown%`', () => {
    const check = {
      chain: 'local',
      address: TOKEN,
      token: { name: 'Rug Rocket', symbol: 'RUGR', decimals: 18, total_supply: '1000000' },
      level: 'danger',
      score: 90,
      block: 120,
      findings: [
        { id: 'high_sell_tax', severity: 'high', title: 'High sell tax', evidence: 'a sale returned 40% less' },
      ],
      simulation: { can_buy: true, can_sell: true, buy_tax_pct: null, sell_tax_pct: 40, transfer_tax_pct: null },
    } as unknown as TokenCheck;
    const item = dangerItem(check, 31337, { pair: PAIR, block: 100 }, new Date('2026-11-28T00:00:00Z'));
    expect(item.analysis).toContain('Simulated sell tax 40%, buy tax unknown.');
  });
});
