import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireRole } from '../../core/http/authentication.ts';
import { queryInteger } from '../../core/http/queryValues.ts';
import { errorBodySchema } from '../../core/http/errors.ts';
import type { FlagImport } from './flagImport.ts';
import { flagView } from './schemas.ts';
import { FLAG_CATEGORIES } from './table.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };
const admin = { tags: ['wallet'], security: [{ bearer: [] }] };
const adminOnly = requireRole('admin');
/** A list of 50,000 rows at ~150 bytes each. */
const LIST_BYTES = 8 * 1024 * 1024;

const imported = z.object({ imported: z.number(), created: z.number(), updated: z.number() });
const listQuery = z.strictObject({
  chain: z.string().trim().min(1).max(40).optional().describe('chain id or configured name'),
  category: z.enum(FLAG_CATEGORIES).optional(),
  source: z.string().trim().min(1).max(100).optional(),
  after: z
    .string()
    .regex(/^\d{1,10}:0x[0-9a-fA-F]{40}$/, 'must be the next cursor of the page before')
    .refine((cursor) => Number(cursor.split(':')[0]) <= 2 ** 31 - 1, 'must be the next cursor of the page before')
    .optional()
    .describe("the page before's next"),
  limit: queryInteger(1, 500).default(100),
});

/** Admin REST of the flagged addresses: import a list (CSV or JSON, whole or not at all) and page through them. */
export function flagRoutes(flags: FlagImport): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    app.post('/api/v1/flags', {
      schema: {
        ...admin,
        summary: 'Import flagged addresses: a CSV (text/csv, header chain,address,category,reason,source) or JSON list',
        description:
          'JSON: an array of {chain, address, category, reason, source?} or {"flags": [...]}. Every bad row is reported by line and field, ' +
          'and then nothing is imported; an address already flagged on that chain takes the new row.',
        querystring: z.strictObject({
          source: z.string().trim().min(1).max(100).optional().describe('the source of rows that name none'),
        }),
        body: z.unknown().describe('the list: text/csv or application/json'),
        response: { 200: imported, ...errors },
      },
      bodyLimit: LIST_BYTES,
      onRequest: adminOnly,
      handler: async (request) => {
        const csv = /^\s*text\/csv\s*(;|$)/i.test(request.headers['content-type'] ?? '');
        return flags.importBody(request.body, csv ? 'csv' : 'json', request.query.source);
      },
    });

    app.get('/api/v1/flags', {
      schema: {
        ...admin,
        summary: 'List flagged addresses, filtered by chain, category or source, a page at a time',
        querystring: listQuery,
        response: { 200: z.object({ flags: z.array(flagView), next: z.string().nullable() }), ...errors },
      },
      onRequest: adminOnly,
      handler: async (request) => flags.list(request.query),
    });
  };
}
