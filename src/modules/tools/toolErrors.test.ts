import { describe, expect, it } from 'vitest';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import {
  ConflictError,
  ForbiddenError,
  InvalidArgumentError,
  NotFoundError,
  TimedOutError,
  UpstreamError,
} from '../../core/domainErrors.ts';
import { thrownFailure } from './toolErrors.ts';

describe('what a tool handler threw, as a tool failure', () => {
  it('keeps a domain error’s code, message and field, with the status its kind has on HTTP routes', () => {
    expect(thrownFailure(new NotFoundError('no venue lists XYZ', { field: 'symbol' }))).toEqual({
      status: 404,
      failure: { code: 'not_found', message: 'symbol: no venue lists XYZ', field: 'symbol' },
    });
    expect(thrownFailure(new InvalidArgumentError('must be after starts_at', { field: 'ends_at' })).status).toBe(400);
    expect(thrownFailure(new ForbiddenError('admins only')).status).toBe(403);
    expect(thrownFailure(new ConflictError('btc is taken', { field: 'slug' })).status).toBe(409);
    expect(thrownFailure(new TimedOutError('chat_timeout', 'no answer')).status).toBe(504);
  });

  it('reports an argument the service refused as a schema refusal, its issue naming the field once', () => {
    expect(thrownFailure(new InvalidArgumentError('no contract at 0xabc on local', { field: 'address' }))).toEqual({
      status: 400,
      failure: {
        code: 'invalid_parameters',
        message: 'address: no contract at 0xabc on local',
        field: 'address',
        details: { issues: [{ field: 'address', message: 'no contract at 0xabc on local' }] },
      },
    });
  });

  it('passes a provider failure on as a 502 with its code and message', () => {
    expect(thrownFailure(new UpstreamError('market_data_unavailable', 'no venue returned a BTC book'))).toEqual({
      status: 502,
      failure: { code: 'market_data_unavailable', message: 'no venue returned a BTC book' },
    });
  });

  it('answers a dependency outage with the outage answer and when to retry, never the driver’s words', () => {
    const outage = new DrizzleQueryError('select 1', [], new Error('Connection terminated unexpectedly'));
    expect(thrownFailure(outage)).toEqual({
      status: 503,
      failure: {
        code: 'database_unavailable',
        message: 'the database is unavailable; retry after 5 s',
        details: { retry_after_seconds: 5 },
      },
    });
  });

  it('reports anything else as tool_failed without its internals', () => {
    expect(thrownFailure(new Error('connection to db:5432 as hunter2 failed'))).toEqual({
      status: 500,
      failure: { code: 'tool_failed', message: 'the tool failed; the error is logged on the server' },
    });
  });
});
