import type { CorpusOptions, CorpusReport } from './corpus.ts';

/** The corpus's two cuts: the demo feed the platform seeds, and the replay dataset its agents play. */

/** The demo: five weeks ending when it is seeded, at the pace the shipped agents keep. */
export const DEMO_EDITION = { seed: 20_260_201, days: 35, perDay: 26 } as const satisfies Omit<
  CorpusOptions,
  'end' | 'market'
>;

/** datasets/replay.jsonl: five weeks up to a fixed end, denser, with the chatter agents must drop. */
export const REPLAY_EDITION = {
  seed: 20_250_301,
  end: new Date('2026-01-31T18:00:00Z'),
  days: 35,
  perDay: 75,
  musings: true,
} as const satisfies Omit<CorpusOptions, 'market'>;

/** The replay dataset's lines (the replay connector's format): raw posts, offsets in seconds from the first. */
export function replayLines(reports: readonly CorpusReport[]): string[] {
  const start = reports[0]?.at.getTime() ?? 0;
  return reports.map(({ source, title, text, at }) =>
    JSON.stringify({
      source: {
        kind: source.kind,
        name: source.name,
        url: source.url,
        ...(source.author ? { author: source.author } : {}),
      },
      external_id: source.externalId,
      ...(title ? { title } : {}),
      text,
      offset_seconds: Math.round((at.getTime() - start) / 1000),
    }),
  );
}
