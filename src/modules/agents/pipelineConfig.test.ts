import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { applyOverride, parsePipelinesFile } from './pipelineConfig.ts';
import { effectivePipelines, type OverrideStore } from './overrides.ts';
import { isCatalogueAgent } from '../intelligence/index.ts';

const bundled = readFileSync(new URL('../../../config/agents.json', import.meta.url), 'utf8');

describe('agent pipelines', () => {
  const pipelines = parsePipelinesFile(bundled, 'config/agents.json');

  it('ships the four named pipelines, each an agent of the catalogue with a replay source', () => {
    expect(Object.keys(pipelines)).toEqual([
      'listing-hunter',
      'news-sentiment-radar',
      'security-watch',
      'token-mentions',
    ]);
    for (const [id, pipeline] of Object.entries(pipelines)) {
      expect(isCatalogueAgent(id)).toBe(true);
      expect(pipeline.sources.map((s) => s.type)).toContain('replay');
    }
    expect(pipelines['listing-hunter']!.thresholds).toEqual({
      events: ['listing', 'delisting'],
      min_abs_sentiment: 0,
      min_value: 0,
      require_tokens: false,
    });
  });

  it('names the first problem of a broken file and where it is', () => {
    expect(() => parsePipelinesFile('{', 'a.json')).toThrow(/^a\.json: not JSON/);
    expect(() => parsePipelinesFile('{"agents":{"x":{"sources":[{"type":"fax"}]}}}', 'a.json')).toThrow(
      /^a\.json: agents\.x\.sources\.0\.type: /,
    );
    expect(() =>
      parsePipelinesFile('{"agents":{"x":{"sources":[{"type":"replay"},{"type":"replay"}]}}}', 'a.json'),
    ).toThrow('one source of each type per agent');
  });

  it('applies an override field by field, thresholds key by key', () => {
    const radar = pipelines['news-sentiment-radar']!;
    const changed = applyOverride(radar, { enabled: false, thresholds: { min_value: 60 } });
    expect(changed).toMatchObject({
      enabled: false,
      sources: radar.sources,
      thresholds: { min_abs_sentiment: 0.35, min_value: 60 },
    });
  });

  it('ignores a stored override that no longer validates, and logs why', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const store: OverrideStore = {
      all: async () =>
        new Map<string, unknown>([
          ['security-watch', { thresholds: { min_value: 'high' } }],
          ['token-mentions', { enabled: false }],
        ]),
      set: async () => {},
    };
    const effective = await effectivePipelines(pipelines, store, logger);
    expect(effective['security-watch']).toEqual(pipelines['security-watch']);
    expect(effective['token-mentions']!.enabled).toBe(false);
    expect(lines).toEqual([
      expect.objectContaining({
        agent: 'security-watch',
        msg: 'ignoring an invalid agent override',
        err: expect.stringMatching(/^thresholds\.min_value: /),
      }),
    ]);
  });
});
