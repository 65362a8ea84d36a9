import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createLogThrottle } from '../logThrottle.ts';
import { createMetrics } from '../metrics.ts';
import { connectionLossReporter } from './database.ts';

describe('lost PostgreSQL connections', () => {
  it('counts every one, and logs one warn line per kind of error per window with how many were suppressed', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino(
      { level: 'info' },
      new Writable({ write: (chunk, _encoding, done) => done(void lines.push(JSON.parse(String(chunk)))) }),
    );
    const metrics = createMetrics({ defaults: false });
    let now = 0;
    const connectionLost = connectionLossReporter(
      metrics,
      logger,
      createLogThrottle(10_000, () => now),
    );

    for (let i = 0; i < 5; i++) connectionLost(new Error('Connection terminated unexpectedly'));
    connectionLost(new Error('read ECONNRESET'));
    now = 10_000;
    connectionLost(new Error('Connection terminated unexpectedly'));

    expect((await metrics.dbConnectionErrors.get()).values[0]?.value).toBe(7);
    expect(lines.map(({ level, msg, err, suppressed }) => ({ level, msg, err, suppressed }))).toEqual([
      { level: 40, msg: 'database connection lost', err: 'Connection terminated unexpectedly', suppressed: undefined },
      { level: 40, msg: 'database connection lost', err: 'read ECONNRESET', suppressed: undefined },
      { level: 40, msg: 'database connection lost', err: 'Connection terminated unexpectedly', suppressed: 4 },
    ]);
  });
});
