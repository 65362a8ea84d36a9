import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorHandler } from './errors.ts';
import { inputGuard } from './inputGuard.ts';

/** A bare app with the guard and the platform's error handler, and routes that echo what they validated. */
async function guardedApp() {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  await app.register(inputGuard);
  app.get(
    '/items/:id',
    { schema: { params: z.object({ id: z.string() }), querystring: z.object({ q: z.string().optional() }) } },
    async (request) => ({ id: request.params.id, q: request.query.q }),
  );
  app.post(
    '/items',
    { schema: { body: z.object({ title: z.string(), source: z.object({ name: z.string() }) }) } },
    async (request) => request.body,
  );
  // A protocol route that takes raw messages and answers errors in its own shape.
  app.post('/raw', async (request) => ({ received: request.body }));
  return app;
}

describe('input guard', () => {
  let app: Awaited<ReturnType<typeof guardedApp>>;
  beforeAll(async () => {
    app = await guardedApp();
  });
  afterAll(() => app.close());

  it('refuses a prototype key in a JSON body naming it, on schema and raw routes, and keeps JSON errors as they were', async () => {
    const post = (url: string, payload: string) =>
      app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json' } });
    for (const url of ['/items', '/raw']) {
      const response = await post(url, '{"title":"t","source":{"name":"n","__proto__":{"polluted":true}}}');
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        error: {
          code: 'invalid_parameter',
          message: 'source.__proto__: "__proto__" is not allowed as a key here',
          field: 'source.__proto__',
        },
      });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
    const constructorKey = await post('/raw', '{"constructor":{"prototype":{"polluted":true}}}');
    expect(constructorKey.json().error).toMatchObject({ code: 'invalid_parameter', field: 'constructor' });
    expect((await post('/raw', '{"title":')).json().error.code).toBe('invalid_json');
    expect((await post('/raw', '')).json().error.code).toBe('invalid_json');
    expect((await post('/raw', '{"constructor":"plain"}')).json()).toEqual({ received: { constructor: 'plain' } });
  });

  it('refuses NUL and unpaired surrogates in a JSON body with 400 naming the field', async () => {
    for (const [body, field] of [
      [{ title: 'a\u0000b', source: { name: 'x' } }, 'title'],
      [{ title: 'ok', source: { name: '\ud800' } }, 'source.name'],
    ] as const) {
      const response = await app.inject({ method: 'POST', url: '/items', payload: body });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        error: {
          code: 'invalid_parameter',
          message: expect.stringMatching(new RegExp(`^${field.replace('.', '\\.')}: `)),
          field,
        },
      });
    }
  });

  it('refuses them in query strings and path parameters too, however they were encoded', async () => {
    expect((await app.inject({ url: '/items/1?q=a%00b' })).json()).toMatchObject({ error: { field: 'q' } });
    expect((await app.inject({ url: '/items/%00' })).json()).toMatchObject({ error: { field: 'id' } });
  });

  it('refuses prototype keys in query strings (JSON bodies with them never parse)', async () => {
    const response = await app.inject({ url: '/items/1?q=x&__proto__=1' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'invalid_parameter', field: '__proto__' } });
  });

  it('lets everything else through, emoji included', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/items',
      payload: { title: 'To the moon 🚀', source: { name: 'X' } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ title: 'To the moon 🚀', source: { name: 'X' } });
  });

  it('leaves bodies of routes without a body schema to the route', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/raw',
      payload: { jsonrpc: '2.0', params: { arguments: { title: 'a\u0000b' } } },
    });
    expect(response.statusCode).toBe(200);
  });
});
