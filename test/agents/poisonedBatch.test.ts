import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../src/core/context.ts';
import { systemClock } from '../../src/core/clock.ts';
import { createPlatform, type AlphaNest } from '../../src/platform.ts';
import type { Analyser } from '../../src/modules/analysis/index.ts';
import { createPipeline } from '../../src/modules/agents/pipeline.ts';
import { createCursorStore } from '../../src/modules/connectors/cursorStore.ts';
import { pollOnce } from '../../src/modules/connectors/poller.ts';
import { createReplayConnector } from '../../src/modules/connectors/replay.ts';
import { feedQuerySchema, type FeedPage } from '../../src/modules/intelligence/schemas.ts';
import { backends, createTestContext } from '../support/context.ts';
import { capturingLogger } from './agentNode.ts';

const line = (id: string, text: string, title?: string) =>
  JSON.stringify({ source: { kind: 'news', name: 'Wire' }, external_id: id, title, text, offset_seconds: 0 });

const rockets = `${'w'.repeat(138)}🚀🚀🚀 to the moon`;

/**
 * A recording whose second post carries NUL and unpaired surrogates, as a
 * scraped page can, and whose fourth is titled by a cut that falls inside an
 * emoji.
 */
const recording = [
  line('good-1', 'Binance will list Pyth Network (PYTH) for spot trading today.'),
  line('dirty', 'Curve pool\u0000 drained \ud800of $12M on Ethereum.', 'Curve \udc00exploit'),
  line('nul-summary', 'Regulators fine an exchange $40M over compliance failures.'),
  line('rockets', rockets),
  line('underflow', 'Stablecoin supply is flat on the week.'),
  line('refused', 'Embargoed: this wire story may not be stored.'),
  line('good-2', 'Arbitrum DAO approves a 50M ARB grants programme.'),
];

/**
 * An analyser that answers as an LLM may: for the post about regulators, a
 * summary with a NUL in it (cleaned like the post's own text); for the flat
 * week, a sentiment score of 1e-50, too small for PostgreSQL's `real` (the
 * ingest schema rounds it to 0).
 */
const analyser: Analyser = {
  kind: 'llm',
  analyse: async ({ text }) => ({
    tokens: [],
    mentions: [],
    sentiment: { label: 'neutral', score: text.startsWith('Stablecoin') ? 1e-50 : 0 },
    event: { type: 'other' },
    value: { score: 50, high_value: false, reasons: [] },
    summary: text.startsWith('Regulators') ? 'fine\u0000' : text.slice(0, 40),
    analysis: text.slice(0, 40),
  }),
};

describe.each(backends)('a poisoned connector batch on %s', (backend) => {
  let ctx: AppContext;
  let platform: AlphaNest;

  beforeAll(async () => {
    ctx = await createTestContext({ backend });
    platform = await createPlatform(ctx);
    // A refusal nothing upstream can foresee (a rule an operator added, a type limit not yet known): the database
    // rejects one post as data, SQLSTATE class 22, as it would any value it cannot store.
    await ctx.db.drizzle.execute(
      sql.raw(`
      CREATE FUNCTION refuse_embargoed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.title LIKE 'Embargoed%' THEN RAISE EXCEPTION 'embargoed story' USING ERRCODE = '22023'; END IF;
        RETURN NEW;
      END $$`),
    );
    await ctx.db.drizzle.execute(
      sql.raw(
        'CREATE TRIGGER refuse_embargoed BEFORE INSERT ON intelligence_items FOR EACH ROW EXECUTE FUNCTION refuse_embargoed()',
      ),
    );
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('stores every post stripping can clean, skips the one the database still refuses with its reason and commits the cursor past it', async () => {
    const { logger, lines } = capturingLogger();
    const connector = createReplayConnector({
      id: 'newswire:replay',
      lines: recording,
      speed: Infinity,
      clock: systemClock,
    });
    const cursors = createCursorStore(ctx.db);
    const deliver = createPipeline({
      agentId: 'ingest',
      analyser,
      thresholds: { min_abs_sentiment: 0, min_value: 0, require_tokens: false },
      ingestMany: platform.intelligence.service.ingestMany,
      announced: platform.intelligence.service.announced,
      quotes: platform.market.quotes,
      logger,
    });

    const report = await pollOnce({ connector, cursors, deliver, logger });
    expect(report.delivered).toEqual({ created: 6, merged: 0, duplicates: 0, filtered: 0, skipped: 1 });
    expect(await cursors.get('newswire:replay')).toEqual({ line: 7 });
    expect(lines.filter((l) => l.msg === 'skipped a post')).toEqual([
      expect.objectContaining({ entry: 'replay:refused', reason: 'the database refused it (SQLSTATE 22023)' }),
    ]);

    const page = JSON.parse(
      await platform.intelligence.service.feedPage(feedQuerySchema.parse({ size: '10' })),
    ) as FeedPage;
    expect(page.items.map((item) => [item.title, item.content]).sort()).toEqual([
      ['Arbitrum DAO approves a 50M ARB grants programme.', 'Arbitrum DAO approves a 50M ARB grants programme.'],
      [
        'Binance will list Pyth Network (PYTH) for spot trading today.',
        'Binance will list Pyth Network (PYTH) for spot trading today.',
      ],
      ['Curve exploit', 'Curve pool drained of $12M on Ethereum.'],
      [
        'Regulators fine an exchange $40M over compliance failures.',
        'Regulators fine an exchange $40M over compliance failures.',
      ],
      ['Stablecoin supply is flat on the week.', 'Stablecoin supply is flat on the week.'],
      [`${'w'.repeat(138)}…`, rockets],
    ]);
    expect(page.items.find((item) => item.title.startsWith('Regulators'))?.summary).toBe('fine');

    // The next poll starts after the batch: nothing is fetched, stored or skipped again.
    expect(await pollOnce({ connector, cursors, deliver, logger })).toMatchObject({ fetched: 0, delivered: null });
  });
});
