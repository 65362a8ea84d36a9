import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFile } from './agentNode.ts';
import { dropSchema, runId, services } from '../support/services.ts';
import { tempDir } from '../support/tempDir.ts';

const cli = join(import.meta.dirname, '../../src/cli/main.ts');

/** `alphanest …` in a fresh process with only the given environment; every run is a process restart. */
async function alphanest(args: string[], env: Record<string, string> = {}) {
  return promisify(execFile)(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH, ...env },
    cwd: tmpdir(),
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({
      code: err.code,
      stdout: err.stdout,
      stderr: err.stderr,
    }),
  );
}

const listings = [
  'Binance Will List Jupiter (JUP) with Seed Tag Applied',
  'Binance Will Delist FTT, BETA and UNFI on 2026-02-01',
  'OKX to list Pyth Network (PYTH) for spot trading',
].map((title, n) =>
  JSON.stringify({
    source: { kind: 'exchange', name: 'Binance Announcements' },
    external_id: `cli-${n}`,
    title,
    text: title,
    offset_seconds: n * 600,
  }),
);

describe('alphanest analyse and agents', () => {
  const dataDir = tempDir('agents-cli');
  const env = {
    DATA_DIR: dataDir,
    DEMO_DATA: 'false',
    LOG_LEVEL: 'info',
    REPLAY_FILE: tempFile('replay.jsonl', listings.join('\n')),
  };

  it('analyse prints exactly one JSON object: tokens, mentions, sentiment, event, value, summary and analysis', async () => {
    const result = await alphanest(
      ['analyse', 'Binance will list Pyth Network (PYTH) with seed tag; PYTH/USDT trading opens at 10:00 UTC'],
      { LOG_LEVEL: 'debug' },
    );
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const analysis = JSON.parse(result.stdout);
    expect(Object.keys(analysis)).toEqual(['tokens', 'mentions', 'sentiment', 'event', 'value', 'summary', 'analysis']);
    expect(Object.keys(analysis.tokens[0])).toEqual(['symbol', 'name', 'chain', 'address', 'confidence']);
    expect(analysis).toMatchObject({
      tokens: [{ symbol: 'PYTH' }],
      sentiment: { label: expect.any(String), score: expect.any(Number) },
      event: { type: 'listing' },
    });
    expect(Object.keys(analysis.value)).toEqual(['score', 'high_value', 'reasons']);
    expect(analysis.summary).toMatch(/\w/);
    expect(analysis.analysis).toMatch(/PYTH/);
  });

  it.each([
    [['analyse'], 'analyse takes the text as one argument'],
    [['analyse', '   '], 'text: give the text to analyse'],
    [['analyse', 'x', '--source', 'radio'], '--source must be one of'],
    [['agents'], 'agents takes "list" or "run <id>"'],
    [['agents', 'run', 'Not An Id', '--once'], 'agent id must be a lower-case agent id'],
  ])('rejects %j with exit status 2', async (args, message) => {
    const result = await alphanest(args, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('agents list names every catalogue agent and the configured pipelines', async () => {
    const result = await alphanest(['agents', 'list', '--json'], env);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<{ id: string; enabled: boolean | null; sources: string | null }>;
    expect(rows.filter((r) => r.enabled).map((r) => r.id)).toEqual([
      'listing-hunter',
      'news-sentiment-radar',
      'security-watch',
      'token-mentions',
    ]);
    expect(rows.find((r) => r.id === 'listing-hunter')?.sources).toBe('replay(exchange), binance');
  });

  it('agents run --once stores one batch, and the next process resumes after it', async () => {
    const first = await alphanest(['agents', 'run', 'listing-hunter', '--once'], env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      agent: 'listing-hunter',
      sources: [
        {
          connector: 'listing-hunter:replay',
          fetched: 3,
          skipped: 0,
          delivered: { created: 3, merged: 0, duplicates: 0, filtered: 0, skipped: 0 },
        },
      ],
    });
    const second = await alphanest(['agents', 'run', 'listing-hunter', '--once'], env);
    expect(JSON.parse(second.stdout).sources).toEqual([
      { connector: 'listing-hunter:replay', fetched: 0, skipped: 0, delivered: null },
    ]);
  });

  it('agents run names an agent that has no pipeline', async () => {
    const result = await alphanest(['agents', 'run', 'arbitrage-scanner', '--once'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no configured agent "arbitrage-scanner"');
  });
});

describe('alphanest agents list on a real database', () => {
  const schema = runId('agents_list');
  afterAll(() => dropSchema(schema));

  it('reads the agents and writes no demo data, though DEMO_DATA is on by default', async () => {
    // DEMO_DATA is left at its default: seeding belongs to the nodes that serve, not to a command that reads.
    const result = await alphanest(['agents', 'list'], {
      DATABASE_URL: services.postgresUrl,
      DATABASE_SCHEMA: schema,
      DATA_DIR: tempDir('agents-list'),
    });
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/^ID\s+NAME\s+STATE\s+ANALYSER\s+SOURCES\n/);
    expect(result.stdout).toMatch(/^listing-hunter\s.*enabled/m);
    const client = new pg.Client({ connectionString: services.postgresUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT (SELECT count(*) FROM "${schema}".intelligence_items)::int AS items,
                (SELECT count(*) FROM "${schema}".clans)::int AS clans,
                (SELECT count(*) FROM "${schema}".flagged_addresses)::int AS flagged`,
      );
      expect(rows[0]).toEqual({ items: 0, clans: 0, flagged: 0 });
    } finally {
      await client.end();
    }
  });
});
