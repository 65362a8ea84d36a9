import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { LogController } from 'fastify';
import { pino } from 'pino';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { badRequest, errorHandler } from './errors.ts';

const statement = 'select "secret_column" from "accounts" where "id" = $1';

describe('error responses and their log lines', () => {
  const lines: Array<Record<string, any>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const app = Fastify({ loggerInstance: logger, logController: new LogController({ disableRequestLogging: true }) });

  beforeAll(async () => {
    app.setErrorHandler(errorHandler);
    app.get('/outage', async () => {
      throw new DrizzleQueryError(statement, ['42'], new Error('Connection terminated unexpectedly'));
    });
    app.get('/bug', async () => {
      throw new DrizzleQueryError(statement, ['42'], Object.assign(new Error('division by zero'), { code: '22012' }));
    });
    app.get('/bad', async () => {
      throw badRequest('size', 'must be at most 100');
    });
    await app.ready();
  });
  afterAll(() => app.close());

  const linesAbout = (route: string) => lines.filter((line) => line.route === route);

  it('answers a dependency outage with 503, its name and Retry-After, and logs the driver’s message without the SQL', async () => {
    const response = await app.inject('/outage');
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toEqual({ error: { code: 'database_unavailable', message: expect.any(String) } });
    expect(response.body).not.toMatch(/secret_column|terminated/);
    expect(linesAbout('/outage')).toEqual([expect.objectContaining({ level: 40, status: 503, code: 'database_unavailable', cause: expect.objectContaining({ message: 'Connection terminated unexpectedly' }) })]);
    expect(JSON.stringify(linesAbout('/outage'))).not.toContain('secret_column');
  });

  it('logs a server error by its cause’s message and code, never the statement', async () => {
    const response = await app.inject('/bug');
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: 'internal_error', message: 'internal server error' } });
    const [line] = linesAbout('/bug');
    expect(line).toMatchObject({ level: 50, status: 500, err: { message: 'division by zero', code: '22012' } });
    expect(JSON.stringify(line)).not.toContain('secret_column');
  });

  it('logs a client error once per window as one warn line naming the field, without a stack', async () => {
    for (let i = 0; i < 3; i++) expect((await app.inject('/bad')).statusCode).toBe(400);
    expect(linesAbout('/bad')).toEqual([expect.objectContaining({ level: 40, status: 400, code: 'invalid_parameter', field: 'size', msg: 'client error' })]);
    expect(JSON.stringify(linesAbout('/bad'))).not.toContain('stack');
  });
});
