import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidArgumentError,
  NotFoundError,
  TimedOutError,
  UnavailableError,
  UpstreamError,
} from './domainErrors.ts';

describe('domain errors', () => {
  it('give each kind its stable code, and start the message with the field it names', () => {
    const cases = [
      [new InvalidArgumentError('must be before until', { field: 'since' }), 'invalid_parameter', 'since'],
      [new ConflictError('btc is taken', { field: 'slug' }), 'conflict', 'slug'],
      [new NotFoundError('no clan x', { field: 'clan' }), 'not_found', 'clan'],
      [new ForbiddenError('admins only', { field: 'user_id' }), 'forbidden', 'user_id'],
    ] as const;
    for (const [err, code, field] of cases) {
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ code, field, message: expect.stringMatching(new RegExp(`^${field}: `)) });
    }
  });

  it('leave the message as written when no field is at fault', () => {
    const missing = new NotFoundError('no intelligence item 42');
    expect({ code: missing.code, message: missing.message, field: missing.field }).toEqual({
      code: 'not_found',
      message: 'no intelligence item 42',
      field: undefined,
    });
  });

  it('keep the code a provider failure, an outage or a deadline is given, and the outage’s retry delay', () => {
    const provider = new UpstreamError('model_unavailable', 'try again shortly');
    expect(provider).toMatchObject({ kind: 'upstream', code: 'model_unavailable', message: 'try again shortly' });
    expect(new TimedOutError('chat_timeout', 'no answer')).toMatchObject({ kind: 'timed_out', code: 'chat_timeout' });
    const outage = new UnavailableError('cache_unavailable', 'the cache is unavailable', 5);
    expect(outage).toMatchObject({ kind: 'unavailable', code: 'cache_unavailable', retryAfterSeconds: 5 });
  });

  it('are named after their class in logs and stack traces', () => {
    expect(new ConflictError('taken', { field: 'slug' }).name).toBe('ConflictError');
    expect(String(new NotFoundError('gone'))).toBe('NotFoundError: gone');
  });
});
