import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Analyser, Analysis } from '../analysis/index.ts';
import type { IngestItem } from '../intelligence/schemas.ts';
import type { RawPost } from '../connectors/types.ts';
import { createPipeline, passes, titleOf } from './pipeline.ts';

const post = (text: string, extra: Partial<RawPost> = {}): RawPost => ({ source: { kind: 'twitter', name: 'X', author: '@zachxbt' }, external_id: `x:${text.length}`, text, ...extra });
const analysis = (over: Partial<Analysis> = {}): Analysis => ({
  tokens: [{ symbol: 'ETH', name: 'Ethereum', chain: 'ethereum', address: null, confidence: 0.9 }],
  sentiment: { label: 'bearish', score: -0.8 },
  event: { type: 'hack' },
  value: { score: 80, high_value: true, reasons: ['event: hack'] },
  summary: 'A hack.',
  ...over,
});
const thresholds = { min_abs_sentiment: 0, min_value: 0, require_tokens: false };

describe('agent pipeline', () => {
  it('titles untitled posts with their first sentence, cut at a word', () => {
    expect(titleOf(post('Protocol X was drained. Funds moved to Tornado.'))).toBe('Protocol X was drained.');
    expect(titleOf(post(`${'word '.repeat(40)}end`))).toMatch(/^(word ){27}word…$/);
    expect(titleOf(post('body', { title: '  Given title ' }))).toBe('Given title');
  });

  it('keeps a post only when every threshold holds', () => {
    expect(passes(analysis(), { ...thresholds, events: ['hack'], min_abs_sentiment: 0.5, min_value: 70, require_tokens: true })).toBe(true);
    expect(passes(analysis(), { ...thresholds, events: ['listing'] })).toBe(false);
    expect(passes(analysis({ sentiment: { label: 'neutral', score: 0.1 } }), { ...thresholds, min_abs_sentiment: 0.35 })).toBe(false);
    expect(passes(analysis({ tokens: [] }), { ...thresholds, require_tokens: true })).toBe(false);
    expect(passes(analysis(), { ...thresholds, min_value: 81 })).toBe(false);
  });

  it('skips a post that cannot be analysed or stored, with the reason, and stores the rest', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const analyser: Analyser = { kind: 'embedded', analyse: async ({ text }) => (text.includes('boom') ? Promise.reject(new Error('lexicon exploded')) : analysis()) };
    const stored: IngestItem[] = [];
    const deliver = createPipeline({ agentId: 'security-watch', analyser, thresholds, logger, ingestMany: async (items) => (stored.push(...items), items.map(() => ({ id: 'x', outcome: 'created' as const }))) });
    const report = await deliver([post('boom goes the analyser'), post('Bad link here', { source: { kind: 'news', name: 'Site', url: 'nope' } }), post('A clean post about a hack.')]);
    expect(report).toEqual({ created: 1, merged: 0, duplicates: 0, filtered: 0, skipped: 2 });
    expect(stored).toEqual([expect.objectContaining({ external_id: 'x:26', type: 'twitter', title: 'A clean post about a hack.', agent_id: 'security-watch', event: { type: 'hack' }, tokens: [{ symbol: 'ETH', name: 'Ethereum', chain: 'ethereum', address: null }] })]);
    expect(lines.map((l) => l.reason).sort()).toEqual(['analysis failed: lexicon exploded', expect.stringMatching(/^source\.url: /)]);
  });
});
