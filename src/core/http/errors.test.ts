import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { LogController } from 'fastify';
import { pino } from 'pino';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ConflictError,
  ForbiddenError,
  InvalidArgumentError,
  NotFoundError,
  TimedOutError,
  UnavailableError,
  UpstreamError,
} from '../domainErrors.ts';
import { errorHandler } from './errors.ts';

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
      throw new InvalidArgumentError('must be at most 100', { field: 'size' });
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
    expect(linesAbout('/outage')).toEqual([
      expect.objectContaining({
        level: 40,
        status: 503,
        code: 'database_unavailable',
        cause: expect.objectContaining({ message: 'Connection terminated unexpectedly' }),
      }),
    ]);
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
    expect(linesAbout('/bad')).toEqual([
      expect.objectContaining({
        level: 40,
        status: 400,
        code: 'invalid_parameter',
        field: 'size',
        msg: 'client error',
      }),
    ]);
    expect(JSON.stringify(linesAbout('/bad'))).not.toContain('stack');
  });

  describe('domain errors', () => {
    const domain = Fastify({ logger: false });
    const thrown = {
      invalid: new InvalidArgumentError('must be before until', { field: 'since' }),
      forbidden: new ForbiddenError('only admins may', { field: 'user_id' }),
      missing: new NotFoundError('no intelligence item 42'),
      conflict: new ConflictError('btc is taken', { field: 'slug' }),
      upstream: new UpstreamError('market_data_unavailable', 'market data unavailable: CoinGecko timed out'),
      outage: new UnavailableError('cache_unavailable', 'the cache is unavailable; retry after 5 s', 5),
      late: new TimedOutError('chat_timeout', 'no answer within 100 ms'),
    };

    beforeAll(async () => {
      domain.setErrorHandler(errorHandler);
      domain.get('/:kind', async (request) => {
        throw thrown[(request.params as { kind: keyof typeof thrown }).kind];
      });
      await domain.ready();
    });
    afterAll(() => domain.close());

    it('answer each kind with its status and the error’s own code, message and field', async () => {
      const statuses = {
        invalid: 400,
        forbidden: 403,
        missing: 404,
        conflict: 409,
        upstream: 502,
        outage: 503,
        late: 504,
      };
      for (const [kind, err] of Object.entries(thrown)) {
        const response = await domain.inject(`/${kind}`);
        expect(response.statusCode).toBe(statuses[kind as keyof typeof thrown]);
        const field = err.field === undefined ? {} : { field: err.field };
        expect(response.json()).toEqual({ error: { code: err.code, message: err.message, ...field } });
      }
    });

    it('tell a client when to retry an outage, and nothing else', async () => {
      expect((await domain.inject('/outage')).headers['retry-after']).toBe('5');
      expect((await domain.inject('/upstream')).headers['retry-after']).toBeUndefined();
    });
  });
});

describe('query validation errors', () => {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();

  beforeAll(async () => {
    app.setValidatorCompiler(validatorCompiler);
    app.setErrorHandler(errorHandler);
    const list = z.union([z.string(), z.array(z.string())]).transform((v) => [v].flat());
    app.get(
      '/page',
      {
        schema: { querystring: z.object({ size: z.coerce.number().int().max(100).optional(), tag: list.optional() }) },
      },
      async (request) => request.query,
    );
    await app.ready();
  });
  afterAll(() => app.close());

  it('say a one-value parameter was repeated, rather than what its array failed to be', async () => {
    const repeated = await app.inject('/page?size=1&size=2');
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json()).toEqual({
      error: { code: 'invalid_parameter', message: 'size: given 2 times; give one value', field: 'size' },
    });
    // A single bad value keeps the schema's own words, and a list may repeat.
    expect((await app.inject('/page?size=1000')).json().error.message).toMatch(/^size: Too big/);
    expect((await app.inject('/page?tag=a&tag=b')).json()).toEqual({ tag: ['a', 'b'] });
  });
});

describe('bodies Fastify cannot read', () => {
  const app = Fastify({ bodyLimit: 64 });

  beforeAll(async () => {
    app.setErrorHandler(errorHandler);
    app.post('/items', async (request) => request.body);
    await app.ready();
  });
  afterAll(() => app.close());

  const post = (payload: string, contentType = 'application/json') =>
    app.inject({ method: 'POST', url: '/items', payload, headers: { 'content-type': contentType } });

  it('are answered with codes of the platform, not Fastify’s internal ones, keeping the status and its message', async () => {
    for (const [payload, contentType, status, code] of [
      ['{"message":', 'application/json', 400, 'invalid_json'],
      ['', 'application/json', 400, 'invalid_json'],
      [`{"message":"${'x'.repeat(100)}"}`, 'application/json', 413, 'body_too_large'],
      ['message=hi', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
    ] as const) {
      const response = await post(payload, contentType);
      expect(response.statusCode, code).toBe(status);
      expect(response.json(), code).toEqual({ error: { code, message: expect.any(String) } });
      expect(response.json().error.message).not.toMatch(/FST_/);
    }
    expect((await post('{"message":')).json().error.message).toMatch(/not valid JSON/);
  });
});

describe('other client errors of Fastify and its plugins', () => {
  const app = Fastify({ frameworkErrors: errorHandler });
  const pluginError = (statusCode: number, code: string) =>
    Object.assign(new Error(`refused by a plugin (${code})`), { statusCode, code });

  beforeAll(async () => {
    app.setErrorHandler(errorHandler);
    app.get('/items/:id', async () => ({}));
    app.get('/refused/:status', async (request) => {
      const status = Number((request.params as { status: string }).status);
      throw pluginError(status, `PLUGIN_REFUSAL_${status}`);
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('are answered with the platform’s code for their status, and bad_request when the status has none', async () => {
    for (const [status, code] of [
      [404, 'not_found'],
      [405, 'method_not_allowed'],
      [429, 'rate_limited'],
      [400, 'bad_request'],
      [422, 'bad_request'],
    ] as const) {
      const response = await app.inject(`/refused/${status}`);
      expect(response.statusCode, code).toBe(status);
      expect(response.json(), code).toEqual({
        error: { code, message: `refused by a plugin (PLUGIN_REFUSAL_${status})` },
      });
    }
  });

  it('answer the router’s refusal of an over-long path parameter as url_too_long', async () => {
    const response = await app.inject(`/items/${'x'.repeat(200)}`);
    expect(response.statusCode).toBe(414);
    expect(response.json().error.code).toBe('url_too_long');
  });
});
