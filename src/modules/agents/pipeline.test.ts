import { describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import type { Analyser, Analysis } from '../analysis/index.ts';
import type { IngestItem } from '../intelligence/index.ts';
import type { RawPost } from '../connectors/types.ts';
import { AnalysisUnavailableError } from './analysisPool.ts';
import { createPipeline, passes, titleOf } from './pipeline.ts';

const post = (text: string, extra: Partial<RawPost> = {}): RawPost => ({
  source: { kind: 'twitter', name: 'X', author: '@zachxbt' },
  external_id: `x:${text.length}`,
  text,
  ...extra,
});
const analysis = (over: Partial<Analysis> = {}): Analysis => ({
  tokens: [{ symbol: 'ETH', name: 'Ethereum', chain: 'ethereum', address: null, confidence: 0.9 }],
  sentiment: { label: 'bearish', score: -0.8 },
  event: { type: 'hack' },
  value: { score: 80, high_value: true, reasons: ['event: hack'] },
  mentions: [],
  summary: 'A hack.',
  analysis: 'Hack or exploit involving Ethereum (ETH). Bearish for ETH.',
  ...over,
});
const thresholds = { min_abs_sentiment: 0, min_value: 0, require_tokens: false };
/** No market view: the analysis cites no price. */
const quotes = async () => ({});
const announced = async () => {};
/** An ingestMany that keeps what it is given and reports each item created. */
const storeInto = (stored: IngestItem[]) => async (items: IngestItem[]) => {
  stored.push(...items);
  return items.map(() => ({ id: 'x', outcome: 'created' as const }));
};

describe('agent pipeline', () => {
  it('titles untitled posts with their first sentence, cut at a word', () => {
    expect(titleOf(post('Protocol X was drained. Funds moved to Tornado.'))).toBe('Protocol X was drained.');
    expect(titleOf(post(`${'word '.repeat(40)}end`))).toMatch(/^(word ){27}word…$/);
    expect(titleOf(post('body', { title: '  Given title ' }))).toBe('Given title');
    // A title of only format characters reads as blank: the post is titled from its text, not refused for its title.
    expect(titleOf(post('Funds moved. More later.', { title: '\u202e\u200b' }))).toBe('Funds moved.');
  });

  it('never cuts an emoji in half in a title (PostgreSQL refuses half a surrogate pair)', () => {
    expect(titleOf(post(`${'w'.repeat(138)}🚀🚀🚀 and more`))).toBe(`${'w'.repeat(138)}…`);
    expect(titleOf(post('body', { title: `${'t'.repeat(499)}🚀` }))).toBe('t'.repeat(499));
  });

  it('keeps a post only when every threshold holds', () => {
    expect(
      passes(analysis(), {
        ...thresholds,
        events: ['hack'],
        min_abs_sentiment: 0.5,
        min_value: 70,
        require_tokens: true,
      }),
    ).toBe(true);
    expect(passes(analysis(), { ...thresholds, events: ['listing'] })).toBe(false);
    expect(
      passes(analysis({ sentiment: { label: 'neutral', score: 0.1 } }), { ...thresholds, min_abs_sentiment: 0.35 }),
    ).toBe(false);
    expect(passes(analysis({ tokens: [] }), { ...thresholds, require_tokens: true })).toBe(false);
    expect(passes(analysis(), { ...thresholds, min_value: 81 })).toBe(false);
  });

  it('skips a post that cannot be analysed or stored, with the reason, and stores the rest', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const analyser: Analyser = {
      kind: 'embedded',
      analyse: async ({ text }) => (text.includes('boom') ? Promise.reject(new Error('lexicon exploded')) : analysis()),
    };
    const stored: IngestItem[] = [];
    const deliver = createPipeline({
      quotes,
      announced,
      agentId: 'security-watch',
      analyser,
      thresholds,
      logger,
      ingestMany: storeInto(stored),
    });
    const report = await deliver([
      post('boom goes the analyser'),
      post('Bad link here', { source: { kind: 'news', name: 'Site', url: 'nope' } }),
      post('A clean post about a hack.'),
    ]);
    expect(report).toEqual({ created: 1, merged: 0, duplicates: 0, filtered: 0, skipped: 2 });
    expect(stored).toEqual([
      expect.objectContaining({
        external_id: 'x:26',
        type: 'twitter',
        title: 'A clean post about a hack.',
        agent_id: 'security-watch',
        event: { type: 'hack' },
        tokens: [{ symbol: 'ETH', name: 'Ethereum', chain: 'ethereum', address: null }],
      }),
    ]);
    expect(lines.map((l) => l.reason).sort()).toEqual([
      'analysis failed: lexicon exploded',
      expect.stringMatching(/^source\.url: /),
    ]);
  });

  it('analyses and stores source text without NUL characters and unpaired surrogates, keeping the post and its emoji', async () => {
    const seen: string[] = [];
    const analyser: Analyser = {
      kind: 'embedded',
      analyse: async ({ text }) => {
        seen.push(text);
        return analysis();
      },
    };
    const stored: IngestItem[] = [];
    const deliver = createPipeline({
      quotes,
      announced,
      agentId: 'security-watch',
      analyser,
      thresholds,
      logger: pino({ level: 'silent' }),
      ingestMany: storeInto(stored),
    });
    await deliver([
      post('Exploit\u0000 drained \ud800the pool 🚨', {
        external_id: 'x:\u00001',
        title: 'Hack\udc00',
        source: { kind: 'twitter', name: 'X\u0000', author: '@zach\ud800xbt' },
      }),
    ]);
    expect(seen).toEqual(['Exploit drained the pool 🚨']);
    expect(stored).toEqual([
      expect.objectContaining({
        external_id: 'x:1',
        title: 'Hack',
        content: 'Exploit drained the pool 🚨',
        source: { kind: 'twitter', name: 'X', author: '@zachxbt', url: null },
      }),
    ]);
  });

  it('stores a chunk the database refuses as data again item by item, skipping only the refused item', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const analyser: Analyser = { kind: 'embedded', analyse: async () => analysis() };
    const calls: string[][] = [];
    // What drizzle throws: its own error, with the driver's (carrying the SQLSTATE) as the cause.
    const refused = Object.assign(new Error('Failed query: insert into …'), {
      cause: Object.assign(new Error('invalid byte sequence'), { code: '22021' }),
    });
    const ingestMany = async (items: IngestItem[]) => {
      calls.push(items.map((i) => i.external_id!));
      if (items.some((i) => i.external_id === 'x:poison')) throw refused;
      return items.map(() => ({ id: 'x', outcome: 'created' as const }));
    };
    const deliver = createPipeline({
      agentId: 'security-watch',
      analyser,
      thresholds,
      logger,
      ingestMany,
      announced,
      quotes,
    });
    const report = await deliver([
      post('one', { external_id: 'x:a' }),
      post('two', { external_id: 'x:poison' }),
      post('three', { external_id: 'x:b' }),
    ]);
    expect(report).toEqual({ created: 2, merged: 0, duplicates: 0, filtered: 0, skipped: 1 });
    expect(calls).toEqual([['x:a', 'x:poison', 'x:b'], ['x:a'], ['x:poison'], ['x:b']]);
    expect(lines).toEqual([
      expect.objectContaining({ entry: 'x:poison', reason: 'the database refused it (SQLSTATE 22021)' }),
    ]);
  });

  it('fails the whole batch when the database is down, so it is delivered again', async () => {
    const analyser: Analyser = { kind: 'embedded', analyse: async () => analysis() };
    const down = Object.assign(new Error('Failed query'), {
      cause: Object.assign(new Error('terminating connection'), { code: '57P01' }),
    });
    const deliver = createPipeline({
      quotes,
      announced,
      agentId: 'security-watch',
      analyser,
      thresholds,
      logger: pino({ level: 'silent' }),
      ingestMany: async () => Promise.reject(down),
    });
    await expect(deliver([post('one'), post('two!')])).rejects.toBe(down);
  });

  it('stores each chunk while the one before is announced, and resolves once every chunk is announced', async () => {
    const events: string[] = [];
    let confirm = () => {};
    const deliver = createPipeline({
      quotes,
      agentId: 'security-watch',
      analyser: { kind: 'embedded', analyse: async () => analysis() },
      thresholds,
      logger: pino({ level: 'silent' }),
      ingestMany: async (items) => {
        events.push(`stored ${items.length}`);
        return items.map(() => ({ id: 'x', outcome: 'created' as const }));
      },
      announced: () => {
        events.push('announced?');
        return new Promise<void>((resolve) => {
          confirm = resolve;
        });
      },
    });
    let done = false;
    const delivered = deliver(Array.from({ length: 600 }, (_, i) => post(`post ${i}`, { external_id: `x:${i}` }))).then(
      () => {
        done = true;
      },
    );
    await vi.waitFor(() => expect(events).toEqual(['stored 500', 'stored 100', 'announced?']));
    expect(done).toBe(false);
    confirm();
    await delivered;
    expect(done).toBe(true);
  });

  it('fails a batch whose second chunk cannot be analysed only once the first chunk is stored', async () => {
    let storeFirst: (() => void) | undefined;
    let stored = false;
    let refused = false;
    const deliver = createPipeline({
      quotes,
      announced,
      agentId: 'security-watch',
      analyser: {
        kind: 'embedded',
        analyse: async ({ text }) => {
          if (text === 'post 550') {
            refused = true;
            throw new AnalysisUnavailableError('the analysis workers are down');
          }
          return analysis();
        },
      },
      thresholds,
      logger: pino({ level: 'silent' }),
      ingestMany: (items) =>
        new Promise((resolve) => {
          storeFirst = () => {
            stored = true;
            resolve(items.map(() => ({ id: 'x', outcome: 'created' as const })));
          };
        }),
    });
    let failed = false;
    const delivered = deliver(Array.from({ length: 600 }, (_, i) => post(`post ${i}`, { external_id: `x:${i}` })));
    void delivered.catch(() => {
      failed = true;
    });
    // The first chunk is being stored and the second's analysis has failed: the delivery waits for the store.
    await vi.waitFor(() => expect(refused && storeFirst !== undefined).toBe(true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(failed).toBe(false);
    storeFirst!();
    await expect(delivered).rejects.toThrow('the analysis workers are down');
    expect(stored).toBe(true);
  });

  it('cleans what the analysis adds and what a cut leaves, so the post is stored rather than refused', async () => {
    const analyser: Analyser = {
      kind: 'llm',
      analyse: async () =>
        analysis({
          summary: 'Drained\u0000 \ud83d🚨',
          tokens: [{ symbol: 'ETH\u0000', name: 'Ether\udc00eum', chain: 'ethereum', address: null, confidence: 0.9 }],
          value: { score: 80, high_value: true, reasons: ['hack\u0000'] },
        }),
    };
    const stored: IngestItem[] = [];
    const deliver = createPipeline({
      quotes,
      announced,
      agentId: 'security-watch',
      analyser,
      thresholds,
      logger: pino({ level: 'silent' }),
      ingestMany: storeInto(stored),
    });
    const report = await deliver([post(`${'a'.repeat(49_999)}🚀 beyond the limit`)]);
    expect(report.created).toBe(1);
    expect(stored).toEqual([
      expect.objectContaining({
        summary: 'Drained 🚨',
        tokens: [{ symbol: 'ETH', name: 'Ethereum', chain: 'ethereum', address: null }],
        value: expect.objectContaining({ reasons: ['hack'] }),
      }),
    ]);
    expect(stored[0]!.content).toBe('a'.repeat(49_999));
  });

  it('dates a post whose publication date is out of range (or no date) when it was fetched, and logs it', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const stored: IngestItem[] = [];
    const deliver = createPipeline({
      quotes,
      announced,
      agentId: 'security-watch',
      analyser: { kind: 'embedded', analyse: async () => analysis() },
      thresholds,
      logger,
      ingestMany: storeInto(stored),
    });
    const before = Date.now();
    // Ahead of any source's clock skew: not when it was published, and it would top the feed until then.
    const inTwoHours = new Date(before + 2 * 3600_000).toISOString();
    const report = await deliver([
      post('Dated in year zero.', { external_id: 'x:zero', published_at: '0000-01-01T00:00:00.000Z' }),
      post('Dated far ahead.', { external_id: 'x:ahead', published_at: '+275760-09-13T00:00:00.000Z' }),
      post('Dated with a word.', { external_id: 'x:word', published_at: 'yesterday' }),
      post('Dated in two hours.', { external_id: 'x:soon', published_at: inTwoHours }),
      post('Dated properly.', { external_id: 'x:fine', published_at: '2024-05-01T08:00:00.000Z' }),
    ]);
    expect(report).toEqual({ created: 5, merged: 0, duplicates: 0, filtered: 0, skipped: 0 });
    const dated = Object.fromEntries(stored.map((item) => [item.external_id, item.published_at]));
    expect(dated['x:fine']).toBe('2024-05-01T08:00:00.000Z');
    for (const id of ['x:zero', 'x:ahead', 'x:word', 'x:soon']) {
      // The same instant for the whole batch: when it was handed over, right after the fetch.
      expect(dated[id]).toBe(dated['x:zero']);
      expect(Date.parse(dated[id]!)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(dated[id]!)).toBeLessThanOrEqual(Date.now());
    }
    expect(lines.map((l) => [l.entry, l.published_at])).toEqual([
      ['x:zero', '0000-01-01T00:00:00.000Z'],
      ['x:ahead', '+275760-09-13T00:00:00.000Z'],
      ['x:word', 'yesterday'],
      ['x:soon', inTwoHours],
    ]);
  });
});
