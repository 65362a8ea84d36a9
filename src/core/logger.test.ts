import { PassThrough } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it, vi } from 'vitest';
import { createLogger, errorText } from './logger.ts';

function logged(write: (logger: ReturnType<typeof createLogger>) => void): Record<string, unknown> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  write(createLogger({ LOGGING_FORMAT: 'json', LOG_LEVEL: 'info' }, out));
  return JSON.parse(text.trim()) as Record<string, unknown>;
}

describe('the logger', () => {
  it('logs what the database said of a failed query, never its statement or parameters', () => {
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    const err = new DrizzleQueryError('select * from chat_messages where user_id = $1', ['secret-user'], cause);
    const line = logged((logger) => logger.error({ err }, 'request failed'));
    const text = JSON.stringify(line);
    expect(text).not.toContain('chat_messages');
    expect(text).not.toContain('secret-user');
    expect(line.err).toMatchObject({
      type: 'DrizzleQueryError',
      message: 'query failed: invalid byte sequence for encoding "UTF8": 0x00',
      code: '22021',
    });
    expect((line.err as { stack: string }).stack).toMatch(/\n\s+at /);
  });

  it('says what the database said of a failed query where a line logs an error as text', () => {
    const cause = new Error('relation "chat_messages" does not exist');
    const err = new DrizzleQueryError('select * from chat_messages where user_id = $1', ['secret-user'], cause);
    expect(errorText(err)).toBe('query failed: relation "chat_messages" does not exist');
    expect(errorText(new TypeError('nope'))).toBe('nope');
    // A line that logged the message itself still leaves the statement and parameters out.
    const line = logged((logger) => logger.warn({ err: err.message, lease: 'x' }, 'failed'));
    expect(JSON.stringify(line)).not.toContain('secret-user');
    expect(line).toMatchObject({ err: 'query failed (its statement and parameters are not logged)', lease: 'x' });
  });

  it('writes text lines to the stream it is given when LOGGING_FORMAT is text (the CLI logs on stderr)', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    createLogger({ LOGGING_FORMAT: 'text', LOG_LEVEL: 'info' }, out).warn({ lease: 'x' }, 'lease lost');
    // pino-pretty formats through a stream of its own: the line arrives a turn later.
    await vi.waitFor(() => expect(text).toContain('lease lost'));
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: lease lost\n\s+lease: "x"\n$/);
  });

  it('logs other errors whole', () => {
    const line = logged((logger) => logger.warn({ err: new TypeError('nope') }, 'failed'));
    expect(line.err).toMatchObject({ type: 'TypeError', message: 'nope' });
  });
});
