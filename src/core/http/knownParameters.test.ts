import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { noParameters, onlyKnownParameters } from './knownParameters.ts';

describe('onlyKnownParameters', () => {
  it('takes the parameters it names and refuses any other, naming it and the accepted ones', () => {
    const query = onlyKnownParameters({ page: z.string().optional(), size: z.string().optional() }, 'parameter');
    expect(query.parse({ page: '2' })).toEqual({ page: '2' });
    expect(query.safeParse({ limit: '5' }).error?.issues).toMatchObject([
      { path: ['limit'], message: 'unknown parameter; accepted: page, size' },
    ]);
  });

  it('refuses names every object inherits (constructor, toString) as unknown', () => {
    const query = onlyKnownParameters({ page: z.string().optional() }, 'parameter');
    for (const name of ['constructor', 'toString'])
      expect(query.safeParse({ [name]: '1' }).error?.issues[0]?.path).toEqual([name]);
  });

  it('documents in its JSON Schema, for input as for output, that unknown parameters are refused', () => {
    const body = onlyKnownParameters({ message: z.string(), stream: z.boolean().optional() }, 'field');
    for (const io of ['input', 'output'] as const)
      expect(z.toJSONSchema(body, { io, target: 'openapi-3.0' }), io).toEqual({
        type: 'object',
        properties: { message: { type: 'string' }, stream: { type: 'boolean' } },
        required: ['message'],
        additionalProperties: false,
      });
  });

  it('says a route without parameters accepts none', () => {
    expect(noParameters.parse({})).toEqual({});
    expect(noParameters.safeParse({ fields: 'all' }).error?.issues[0]?.message).toBe(
      'unknown parameter; accepted: none',
    );
  });
});
