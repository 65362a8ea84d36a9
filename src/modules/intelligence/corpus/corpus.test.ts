import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulatedPrices } from '../../market/index.ts';
import { createTokenRegistry } from '../../tokens/index.ts';
import { LAUNCHES, PROTOCOLS, RUGGED } from './cast.ts';
import { buildCorpus, type CorpusReport } from './corpus.ts';
import { DEMO_EDITION, REPLAY_EDITION, replayLines } from './editions.ts';
import { statusId } from './publishers.ts';
import { createRandom } from './random.ts';
import { firstSentence } from './retell.ts';
import type { CorpusEvent } from './story.ts';
import { MAJORS, STABLECOINS, TOKENS, nameOf, type CorpusToken } from './tokens.ts';

const END = new Date('2026-02-10T12:00:00Z');
const DAY = 86_400_000;
const market = createSimulatedPrices(createTokenRegistry());
const demo = buildCorpus({ ...DEMO_EDITION, end: END, market });
const replay = buildCorpus({ ...REPLAY_EDITION, market });
const editions = [
  ['demo', demo],
  ['replay', replay],
] as const;

const headline = (r: Pick<CorpusReport, 'title' | 'text'>) => r.title ?? firstSentence(r.text);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The text names the token: its ticker (also as $TICKER, #TICKER or a TICKERUSDT contract), its name or how prose calls it. */
const names = (text: string, token: CorpusToken) =>
  [token.symbol, token.name, nameOf(token)].some((name) =>
    new RegExp(`(?<![\\w])[$#]?${escapeRegExp(name)}(?:USDT)?(?![\\w])`, 'i').test(text),
  );

/** Words a headline and a body about each kind of event use. */
const EVENT_WORDS: Record<Exclude<CorpusEvent, 'other'>, RegExp> = {
  listing: /\b(lists?|listing|listed|adds?|added|launch(es)?|support|live|trading|roadmap|perpetual|market)\b/i,
  delisting: /delist|remov|cease|retir/i,
  hack: /exploit|hack|drain|stolen|attack|rug pull|phishing|bounty/i,
  regulation:
    /\bSEC\b|CFTC|regulat|\blaw\b|\bbill\b|licen[cs]e|authori[sz]ation|registration|\bETF\b|\brules\b|fine[sd]?\b|\btax\b|guidance|securities/i,
  macro: /\bFed\b|\brates?\b|inflation|payrolls|hiring|yields?|dollar|tariff|Bank of Japan/i,
  partnership: /partner|taps|joins|brings|(adds|added) support|uses|pilot|validator|settle|tokenised/i,
  funding: /rais|\bround\b|\bfund\b|led by|leads/i,
  token_unlock: /unlock|vest|release/i,
  airdrop: /airdrop|claims?|snapshot/i,
};

describe.each(editions)('the %s corpus', (_, reports) => {
  it('spans more than 30 days, every day with news', () => {
    const first = reports[0]!.at.getTime();
    const last = reports.at(-1)!.at.getTime();
    expect(last - first).toBeGreaterThan(30 * DAY);
    for (let day = first; day < last - DAY; day += DAY) {
      expect(reports.filter((r) => r.at.getTime() >= day && r.at.getTime() < day + DAY).length).toBeGreaterThan(10);
    }
  });

  it('links to outlet-shaped URLs: dated articles, X statuses of the posting time, exchange announcement pages', () => {
    for (const { source, at } of reports) {
      expect(source.url, source.name).toMatch(/^https:\/\/[a-z0-9.-]+\.(com|co|io|news|today)\//);
      expect(source.url).not.toMatch(/example\./);
      const status = source.url.match(/^https:\/\/x\.com\/\w+\/status\/(\d+)$/)?.[1];
      if (status) expect(Number(BigInt(status) >> 22n) + 1_288_834_974_657).toBe(at.getTime());
      if (source.name === 'CoinDesk')
        expect(source.url).toContain(`/${at.toISOString().slice(0, 10).replaceAll('-', '/')}/`);
      if (source.name === 'Binance Announcements')
        expect(source.url).toMatch(/^https:\/\/www\.binance\.com\/en\/support\/announcement\/[0-9a-f]{32}$/);
    }
    expect(new Set(reports.map((r) => r.source.externalId)).size).toBe(reports.length);
  });

  it('lists mid and small caps only, never a major or a stablecoin, and fakes nothing', () => {
    const big = new Set([...MAJORS.slice(0, 8).map(([t]) => t.symbol), ...STABLECOINS.map((t) => t.symbol)]);
    for (const report of reports.filter((r) => r.event === 'listing' || r.event === 'delisting')) {
      expect(
        report.tokens.filter((t) => big.has(t.symbol) && report.event === 'listing'),
        headline(report),
      ).toEqual([]);
    }
    for (const report of reports) {
      expect(`${report.title ?? ''} ${report.text}`).not.toMatch(
        /\blist(s|ing)? (Bitcoin|BTC|Ethereum|ETH|Tether|USDT)\b|fake (BTC|Bitcoin|ETH)/i,
      );
    }
  });

  it('keeps headline and body in agreement: both name the story token and its event', () => {
    for (const report of reports) {
      const { text, tokens, event } = report;
      const title = headline(report);
      for (const token of tokens) expect(names(text, token), `${token.symbol} in: ${text}`).toBe(true);
      if (tokens.length)
        expect(
          tokens.some((t) => names(title, t)),
          `${tokens.map((t) => t.symbol)} in: ${title}`,
        ).toBe(true);
      if (event !== 'other') {
        expect(title, event).toMatch(EVENT_WORDS[event]);
        expect(text, event).toMatch(EVENT_WORDS[event]);
      }
    }
  });

  it('repeats no headline more than a handful of times', () => {
    const counts = new Map<string, number>();
    for (const report of reports) counts.set(headline(report), (counts.get(headline(report)) ?? 0) + 1);
    const [top, times] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    expect(times, top).toBeLessThanOrEqual(5);
    expect(counts.size / reports.length).toBeGreaterThan(0.9);
  });

  it('has a realistic mix: mostly everyday low-value posts, a few strong stories, stablecoins rarely the subject', () => {
    const share = (pick: (r: CorpusReport) => boolean) => reports.filter(pick).length / reports.length;
    expect(share((r) => r.event === 'other')).toBeGreaterThan(0.55);
    for (const event of Object.keys(EVENT_WORDS))
      expect(
        share((r) => r.event === event),
        event,
      ).toBeLessThan(0.12);
    expect(share((r) => r.value < 50)).toBeGreaterThan(0.5);
    expect(share((r) => r.value >= 70)).toBeGreaterThan(0.03);
    expect(share((r) => r.value >= 70)).toBeLessThan(0.15);
    expect(share((r) => r.tokens.some((t) => STABLECOINS.includes(t)))).toBeLessThan(0.02);
  });

  it('repeats strong stories within hours, from other outlets', () => {
    const stories = new Map<number, CorpusReport[]>();
    for (const report of reports) stories.set(report.story, [...(stories.get(report.story) ?? []), report]);
    const repeated = [...stories.values()].filter((group) => group.length > 1);
    expect(repeated.length).toBeGreaterThan(20);
    for (const [first, ...repeats] of repeated) {
      expect(first!.value).toBeGreaterThanOrEqual(40);
      for (const repeat of repeats) {
        expect(repeat.at.getTime() - first!.at.getTime()).toBeLessThanOrEqual(3 * 3_600_000);
        expect(repeat.source.name).not.toBe(first!.source.name);
      }
    }
  });

  it('states every 24 h move and N-week extreme as the embedded market quotes it at the moment of publication', () => {
    const symbols = new Map(Object.values(TOKENS).map((t) => [t.symbol, t]));
    const usd = (token: CorpusToken, at: number) => market.usd(token.symbol, at)!;
    const change = (token: CorpusToken, at: number) => (usd(token, at) / usd(token, at - DAY) - 1) * 100;
    const stated: Array<{ token: CorpusToken; move: number; at: number; text: string }> = [];
    for (const { text, at } of reports) {
      const claim = (token: CorpusToken | undefined, sign: number, size: string) =>
        token && stated.push({ token, move: sign * Number(size), at: at.getTime(), text });
      for (const [, sym, verb, size] of text.matchAll(
        /\((\w+)\) (rose|climbed|fell|dropped) ([\d.]+)% over the past 24 hours/g,
      ))
        claim(symbols.get(sym!), /rose|climbed/.test(verb!) ? 1 : -1, size!);
      for (const [, verb, size] of text.matchAll(
        /[Bb]itcoin (jumps|rose|climbed|drops|fell|dropped) ([\d.]+)% (today|over the day)/g,
      ))
        claim(TOKENS.BTC, /jumps|rose|climbed/.test(verb!) ? 1 : -1, size!);
      if (text.startsWith('Daily close:'))
        for (const [, sym, sign, size] of text.matchAll(/\$(\w+) ([+-])([\d.]+)%/g))
          claim(symbols.get(sym!), sign === '+' ? 1 : -1, size!);
      const extreme = text.match(
        /\((\w+)\) (?:rose|climbed|fell|dropped) [\d.]+% over the past 24 hours to its (highest|lowest) level in (\d+) weeks/,
      );
      if (extreme) {
        const token = symbols.get(extreme[1]!)!;
        const now = usd(token, at.getTime());
        const weeks = Array.from({ length: Number(extreme[3]) * 7 * 24 }, (_, h) =>
          usd(token, at.getTime() - (h + 1) * 3_600_000),
        );
        // Read hourly over the weeks claimed, the path's resolution for weeks.
        const beyond = weeks.filter((then) => (extreme[2] === 'highest' ? then > now : then < now));
        expect(beyond, text).toEqual([]);
      }
    }
    expect(stated.length).toBeGreaterThan(30);
    for (const { token, move, at, text } of stated) {
      const quoted = change(token, at);
      // Echoes repeat a figure up to three hours later, and figures of 10 % and more are whole: a point of slack.
      expect(Math.abs(quoted - move), text).toBeLessThan(1);
      if (Math.abs(move) >= 0.5) expect(Math.sign(quoted), text).toBe(Math.sign(move));
    }
  });

  it('tells records that only grow, open interest a sane share of market cap, unlocks that fit the supply', () => {
    const symbols = new Map(Object.values(TOKENS).map((t) => [t.symbol, t]));
    const records = new Map<string, number>();
    const amount = (figure: string, unit: string) => Number(figure) * (unit === 'billion' ? 1000 : 1);
    for (const { text, at, tokens, event } of reports) {
      const oi = text.match(/\((\w+)\) futures (?:rose to a record|stands at) \$([\d.]+) (million|billion)/);
      if (oi) {
        const token = symbols.get(oi[1]!);
        const millions = amount(oi[2]!, oi[3]!);
        if (token) expect(millions * 1e6, text).toBeLessThan(0.3 * market.marketCapUsd(token.symbol, at.getTime())!);
        if (text.includes('a record')) {
          expect(millions, text).toBeGreaterThan(records.get(oi[1]!) ?? 0);
          records.set(oi[1]!, millions);
        } else expect(millions, text).toBeLessThan(records.get(oi[1]!)!);
      }
      const tvl = text.match(/value locked in (.+) DeFi applications rose to a record \$([\d.]+) (million|billion)/);
      if (tvl) {
        const key = `tvl:${tvl[1]}`;
        expect(amount(tvl[2]!, tvl[3]!), text).toBeGreaterThan(records.get(key) ?? 0);
        records.set(key, amount(tvl[2]!, tvl[3]!));
      }
      if (event === 'token_unlock') {
        const [token] = tokens;
        const stated = text.match(
          /([\d,.]+)(?: million |M \$)\w+,? \(?(?:about )?([\d.]+)% of (?:its )?circulating supply/,
        );
        if (stated && token) {
          const supply = market.marketCapUsd(token.symbol, at.getTime())! / market.usd(token.symbol, at.getTime())!;
          const share = (Number(stated[1]!.replaceAll(',', '')) * 1e6) / supply;
          // The share was worked out when the unlock was announced; the supply has moved a little since.
          expect(share * 100, text).toBeCloseTo(Number(stated[2]), 0);
        }
        const days = text.match(/\b(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/);
        const date = text.match(/on (\w+ \d+)/);
        if (days && date) {
          const on = new Date(`${date[1]} ${at.getUTCFullYear()} UTC`);
          expect(on.toUTCString().slice(0, 3), text).toBe(days[1]!.slice(0, 3));
        }
      }
    }
  });

  it('names a weekday only for a day within the week ahead', () => {
    for (const report of reports.filter((r) => r.event === 'token_unlock')) {
      const named = `${report.title ?? ''} ${report.text}`.match(
        /\bon (Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/,
      );
      const date = report.summary.match(/unlock on (\w+ \d+)/)![1]!;
      let on = new Date(`${date} ${report.at.getUTCFullYear()} UTC`);
      if (on < report.at && report.at.getTime() - on.getTime() > 180 * DAY)
        on = new Date(`${date} ${report.at.getUTCFullYear() + 1} UTC`);
      const ahead = Math.round(
        (on.getTime() - Date.UTC(report.at.getUTCFullYear(), report.at.getUTCMonth(), report.at.getUTCDate())) / DAY,
      );
      if (named) {
        expect(ahead, report.text).toBeLessThan(7);
        expect(on.toUTCString().slice(0, 3), report.text).toBe(named[1]!.slice(0, 3));
      }
    }
  });

  it('shares no sentence with the analysis evaluation sets', () => {
    const shingles = (text: string) => {
      const words = text.toLowerCase().match(/[a-z0-9$%.]+/g) ?? [];
      return words.slice(0, Math.max(0, words.length - 7)).map((_, i) => words.slice(i, i + 8).join(' '));
    };
    const evaluated = new Set<string>();
    for (const file of readdirSync(new URL('../../../../datasets/', import.meta.url)).filter((f) =>
      f.startsWith('analysis-'),
    )) {
      for (const line of readFileSync(new URL(`../../../../datasets/${file}`, import.meta.url), 'utf8')
        .split('\n')
        .filter(Boolean)) {
        const post = JSON.parse(line) as { title?: string; text: string };
        for (const shingle of shingles(`${post.title ?? ''} ${post.text}`)) evaluated.add(shingle);
      }
    }
    expect(evaluated.size).toBeGreaterThan(1000);
    const shared = reports.flatMap((r) => shingles(`${r.title ?? ''} ${r.text}`).filter((s) => evaluated.has(s)));
    expect(shared).toEqual([]);
  });
});

describe('the demo corpus', () => {
  it('is the same for the same seed and end', () => {
    expect(JSON.stringify(buildCorpus({ ...DEMO_EDITION, end: END, market }))).toBe(JSON.stringify(demo));
  });

  it('talks about majors every day, and a few tokens trend in its last days', () => {
    const days = Array.from({ length: 34 }, (_, d) => END.getTime() - (d + 1) * DAY);
    const mentionsOn = (symbol: string, from: number, to: number) =>
      demo.filter((r) => r.at.getTime() >= from && r.at.getTime() < to && r.tokens.some((t) => t.symbol === symbol))
        .length;
    expect(days.filter((day) => mentionsOn('BTC', day, day + DAY) > 0)).toHaveLength(34);
    expect(days.filter((day) => mentionsOn('ETH', day, day + DAY) > 0).length).toBeGreaterThan(30);
    const recent = (symbol: string) => mentionsOn(symbol, END.getTime() - 2 * DAY, END.getTime()) / 2;
    const before = (symbol: string) => mentionsOn(symbol, END.getTime() - 30 * DAY, END.getTime() - 2 * DAY) / 28;
    const trending = Object.values(TOKENS).filter(
      (t) => recent(t.symbol) >= 3 && recent(t.symbol) > 4 * before(t.symbol),
    );
    expect(trending.length).toBeGreaterThanOrEqual(2);
    expect(trending.map((t) => t.symbol)).not.toContain('BTC');
  });
});

describe('the replay dataset', () => {
  it('is what scripts/generate-replay.ts writes from the replay edition', () => {
    const file = readFileSync(new URL('../../../../datasets/replay.jsonl', import.meta.url), 'utf8');
    expect(file).toBe(`${replayLines(replay).join('\n')}\n`);
  });
});

describe('the cast', () => {
  const registry = createTokenRegistry();

  it('names real tokens as the token registry knows them', () => {
    for (const token of Object.values(TOKENS)) {
      expect(registry.bySymbol(token.symbol)[0], token.symbol).toMatchObject({
        name: token.name,
        chain: token.chain,
        address: token.address,
      });
    }
  });

  it('prices every real token it names from a reference, at a plausible market cap', () => {
    for (const token of Object.values(TOKENS)) {
      expect(market.referenced(token.symbol), token.symbol).toBe(true);
      const cap = market.marketCapUsd(token.symbol, END.getTime())!;
      expect(cap, token.symbol).toBeGreaterThan(5e6);
      expect(cap / market.usd(token.symbol, END.getTime())!, `${token.symbol} supply`).toBeGreaterThan(1e6);
    }
  });

  it('invents tickers for launches, rugs and exploited protocols that no registered token uses', () => {
    const invented = [...LAUNCHES, ...RUGGED, ...PROTOCOLS.flatMap((p) => (p.token ? [p.token] : []))];
    for (const token of invented) expect(registry.bySymbol(token.symbol), token.symbol).toEqual([]);
  });

  it('stamps X status ids with the posting time', () => {
    const at = new Date('2026-01-31T09:30:00.000Z');
    expect(Number(BigInt(statusId(at, createRandom(1))) >> 22n) + 1_288_834_974_657).toBe(at.getTime());
  });
});
