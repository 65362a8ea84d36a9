import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ForbiddenError, InvalidArgumentError, NotFoundError } from '../../core/domainErrors.ts';
import { errorBodySchema } from '../../core/http/errors.ts';
import { noParameters } from '../../core/http/knownParameters.ts';
import { requireRole } from '../../core/http/authentication.ts';
import { sendSerialized } from '../../core/http/serialized.ts';
import type { FastifyReply } from 'fastify';
import {
  readMarketData,
  tokenInfoInput,
  tokenInfoSchema as marketTokenInfoSchema,
  type MarketData,
} from '../market/index.ts';
import type { IntelligenceService } from './service.ts';
import {
  feedPageSchema,
  feedQuerySchema,
  itemSchema,
  postedItemSchema,
  type IngestItem,
  type PostedItem,
} from './schemas.ts';
import { publishRefusal } from './publishers.ts';

const idParams = z.object({ id: z.uuid({ message: 'must be a UUID' }) });

/** The market module's answer, named for the OpenAPI document. */
const tokenInfoSchema = marketTokenInfoSchema.meta({ id: 'TokenInfo' });

const errors = { 400: errorBodySchema, 404: errorBodySchema };

const ingestAnswerSchema = z.object({
  id: z.uuid(),
  created: z.boolean(),
  /** created: a new item; merged: the posting agent joined the stored item of this story; duplicate: it had the post. */
  outcome: z.enum(['created', 'merged', 'duplicate']),
  item: itemSchema,
});

export interface IntelligenceRouteDeps {
  service: IntelligenceService;
  market: MarketData;
  /** Keeps the ingest door to the agent catalogue, so stream subscribers can follow every item's agent. */
  isKnownAgent(id: string): boolean;
  /** A posted item with its missing analysis filled in. */
  completePosted(posted: PostedItem): Promise<IngestItem>;
}

export function intelligenceRoutes({
  service,
  market,
  isKnownAgent,
  completePosted,
}: IntelligenceRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/', {
      schema: {
        tags: ['intelligence'],
        summary: 'The intelligence feed, newest first',
        description:
          'Filter by type, token (ticker, coin name, CoinGecko id or contract address), agent, sentiment and event (each repeatable or ' +
          'comma-separated, matching any value), exclude_agent (leaves out the items any of its agents delivered; catalogue agents only, GET /api/v1/agents), high_value, min_value (0-100), keyword (full-text over title and content), ' +
          'since/until (ISO date-times, or whole UTC days: until=2026-01-31 includes that day). Unknown parameters are refused. ' +
          'Page with page+size, or with the opaque cursor returned as next_cursor (stable while new items arrive, constant cost at any depth).',
        querystring: feedQuerySchema,
        response: { 200: feedPageSchema, ...errors },
      },
      handler: async (request, reply) =>
        sendSerialized(
          reply as FastifyReply,
          // 'close' follows the response's last byte, or the client's leaving: the prefetch waits for the answer.
          await service.feedPage(request.query, (prefetch) =>
            reply.raw.closed ? prefetch() : reply.raw.once('close', prefetch),
          ),
        ),
    });

    app.post('/', {
      schema: {
        tags: ['intelligence'],
        summary: 'Store one intelligence item (agents and admins)',
        description:
          'One item per story: a post already stored (the same external_id from the agent; without one, the same type, title ' +
          'and content from the same source name and URL; the same source URL naming a post; or the same source name and ' +
          'external_id) is not stored again; identical text under another external_id and source is a new item. ' +
          'Posted by another agent, that agent joins the item (outcome merged); ' +
          'posted again, nothing changes (outcome duplicate). Either way the answer is 200 with the item; a new item is 201. ' +
          "Analysis fields left out (summary, analysis, sentiment, value, event, tokens) are filled in by the platform's " +
          'analyser, with market quotes at ingest time; those given are stored as given.',
        security: [{ bearer: [] }],
        body: postedItemSchema,
        response: {
          200: ingestAnswerSchema,
          201: ingestAnswerSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
        },
      },
      onRequest: requireRole('agent', 'admin'),
      handler: async (request, reply) => {
        if (!isKnownAgent(request.body.agent_id)) {
          throw new InvalidArgumentError(`unknown agent "${request.body.agent_id}" (GET /api/v1/agents lists them)`, {
            field: 'agent_id',
          });
        }
        const refusal = publishRefusal(request.principal!, request.body.agent_id);
        if (refusal) throw new ForbiddenError(refusal, { field: 'agent_id' });
        const { item, created, outcome } = await service.ingest(await completePosted(request.body));
        return reply.status(created ? 201 : 200).send({ id: item.id, created, outcome, item });
      },
    });

    app.get('/entities', {
      schema: {
        tags: ['intelligence'],
        summary: 'Market data for each token an item mentions',
        querystring: idParams,
        response: {
          200: z.object({
            id: z.uuid(),
            entities: z.array(
              z.object({
                symbol: z.string(),
                name: z.string().nullable(),
                chain: z.string().nullable(),
                address: z.string().nullable(),
                market: tokenInfoSchema.nullable(),
              }),
            ),
          }),
          ...errors,
        },
      },
      handler: async (request) => {
        const item = await service.item(request.query.id);
        if (!item) throw new NotFoundError(`no intelligence item ${request.query.id}`);
        const entities = await Promise.all(
          item.tokens.map(async (token) => ({
            ...token,
            market: await readMarketData(
              () =>
                market.tokenInfo(
                  token.address && token.chain
                    ? { address: token.address, chain: token.chain }
                    : { symbol: token.symbol },
                ),
              request.log,
            ),
          })),
        );
        return { id: item.id, entities };
      },
    });

    app.get('/token/info', {
      schema: {
        tags: ['intelligence'],
        summary: 'Price, 24h change, market cap, volume and holders of a token',
        description:
          '`symbol` is a ticker, a coin name or a CoinGecko id (bitcoin is BTC); or give `address` and `chain`. ' +
          'The same answer as the market.token_info tool.',
        querystring: tokenInfoInput,
        response: { 200: tokenInfoSchema, ...errors, 502: errorBodySchema },
      },
      handler: async (request) => {
        const query = request.query;
        const info = await readMarketData(() => market.tokenInfo(query), request.log);
        if (!info) throw new NotFoundError(`unknown token ${'address' in query ? query.address : query.symbol}`);
        return info;
      },
    });

    app.get('/:id', {
      schema: {
        tags: ['intelligence'],
        summary: 'One intelligence item in full',
        params: idParams,
        querystring: noParameters,
        response: { 200: itemSchema, ...errors },
      },
      handler: async (request, reply) => {
        const body = await service.itemJson(request.params.id);
        if (!body) throw new NotFoundError(`no intelligence item ${request.params.id}`);
        return sendSerialized(reply as FastifyReply, body);
      },
    });
  };
}
