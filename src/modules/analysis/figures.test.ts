import { describe, expect, it } from 'vitest';
import { findFigures } from './figures.ts';

describe('figures', () => {
  it('finds amounts as written and percentages with their direction, each once', () => {
    expect(
      findFigures(
        'Cetus drained of $223 million; about $60M in USDC bridged. SUI fell 7% and CETUS -40%, then SUI fell 7% again.',
      ),
    ).toEqual({ amounts: ['$223 million', '$60M'], percentages: ['down 7%', 'down 40%'] });
    expect(findFigures('More than 1.1 billion USDT minted; ENA +8%, up 12% on the week, 45% of float.')).toEqual({
      amounts: ['1.1 billion USDT'],
      percentages: ['up 8%', 'up 12%'],
    });
  });

  it('gives an amount written two ways once, as first written', () => {
    expect(findFigures('Binance settles with DOJ for $4.3B\nBinance agreed to pay $4.3 billion.')).toEqual({
      amounts: ['$4.3B'],
      percentages: [],
    });
    expect(findFigures('Tether freezes $20M USDT\nTether froze $20 million, then $20,000,000 more.').amounts).toEqual([
      '$20M',
    ]);
    expect(findFigures('$1.5bn lost, €1.5bn recovered, $1,500 million in all; $3k and $3,000.').amounts).toEqual([
      '$1.5bn',
      '€1.5bn',
    ]);
    expect(findFigures('Minted 1 billion USDT and $1B of USDC.').amounts).toEqual(['1 billion USDT', '$1B']);
  });

  it('marks a percentage that measures trading volume as volume, not a price move', () => {
    expect(
      findFigures('Bitcoin (BTC) rose 3.8% over the past 24 hours. Trading volume was 149% above its 30-day average.'),
    ).toEqual({ amounts: [], percentages: ['up 3.8%', 'volume 149% above its 30-day average'] });
    expect(findFigures('SOL volume up 80% on the day; volume surged as SOL rose 4%')).toEqual({
      amounts: [],
      percentages: ['volume up 80%', 'up 4%'],
    });
  });

  it('keeps the measure of a percentage that is not the price: fees, TVL, open interest, supply…', () => {
    expect(findFigures('Uniswap fees drop 40%; Aave TVL up 25%')).toEqual({
      amounts: [],
      percentages: ['fees down 40%', 'TVL up 25%'],
    });
    expect(findFigures('Fees on the DEX fell 40% in October. Open interest falls 20%.')).toEqual({
      amounts: [],
      percentages: ['fees down 40%', 'open interest down 20%'],
    });
    expect(findFigures('Bitcoin hashrate drops 10% while BTC rose 4%')).toEqual({
      amounts: [],
      percentages: ['hashrate down 10%', 'up 4%'],
    });
    expect(findFigures('TVL hit a record and SOL rose 4%').percentages).toEqual(['up 4%']);
  });

  it('keeps what a percentage is measured against, and leaves out a volume figure that says neither', () => {
    expect(findFigures('LTC remains 70% below its all-time high; it traded 5% over the index price.')).toEqual({
      amounts: [],
      percentages: ['70% below its all-time high', '5% over the index price'],
    });
    expect(findFigures('Trading volume was 149%, and BTC rose 2% above $70,000.')).toEqual({
      amounts: ['$70,000'],
      percentages: ['up 2%'],
    });
  });

  it('quotes a bound ("up to 99%") as a bound, not a rise', () => {
    expect(findFigures('The upgrade cut gas costs by up to 99% for rollups. ARB rose 2%.').percentages).toEqual([
      'up to 99%',
      'up 2%',
    ]);
    expect(findFigures('The treasurer may invest up to 5% of public funds.').percentages).toEqual(['up to 5%']);
    expect(findFigures('SOL is up 12% today').percentages).toEqual(['up 12%']);
  });

  it('gives the price its move past a comma or "price" after "volume"', () => {
    expect(findFigures('On heavy volume, SOL jumped 12%')).toEqual({ amounts: [], percentages: ['up 12%'] });
    expect(findFigures('ETH volume and price up 5%')).toEqual({ amounts: [], percentages: ['up 5%'] });
    expect(findFigures('ETH volume and prices up 5%; BTC volume up 9%')).toEqual({
      amounts: [],
      percentages: ['up 5%', 'volume up 9%'],
    });
  });

  it('reads a range as two rates, not a fall, and keeps a comma out of an amount', () => {
    expect(
      findFigures('The Fed set rates at 4.00%-4.25%. JTO began trading at about $2, handing holders gains.'),
    ).toEqual({
      amounts: ['$2'],
      percentages: ['4.00%', '4.25%'],
    });
  });
});
