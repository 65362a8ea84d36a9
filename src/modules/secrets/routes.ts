import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Auth } from '../../core/auth/auth.ts';
import { errorBody, errorBodySchema } from '../../core/http/errors.ts';
import { onlyKnownParameters } from '../../core/http/knownParameters.ts';
import { ATTEMPTS_PER_WINDOW, type ServiceAccounts } from './serviceAccounts.ts';
import { accountName } from './accountName.ts';

/** A field it does not name is refused, as every other body refuses one. */
const tokenRequest = onlyKnownParameters(
  {
    account: accountName.describe('the service account'),
    code: z
      .string()
      .regex(/^\d{6}$/, { message: 'must be the six digits the authenticator shows' })
      .describe('its current TOTP code'),
  },
  'field',
);

const tokenAnswer = z
  .object({
    token: z.string(),
    token_type: z.literal('Bearer'),
    expires_at: z.string().describe('ISO 8601; SERVICE_TOKEN_TTL after issue'),
    role: z.enum(['agent', 'service']),
  })
  .meta({ id: 'ServiceToken' });

/** One answer for an unknown account, a wrong code and a replayed one: a caller learns nothing about which. */
const REFUSED = 'account or code not accepted';

/** `POST /api/v1/auth/token`: a service account's TOTP code for a short-lived bearer token. */
export function tokenRoutes(accounts: ServiceAccounts, auth: Auth): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/v1/auth/token', {
      schema: {
        tags: ['auth'],
        summary: 'Exchange a service account TOTP code for a short-lived token',
        description:
          `Each code is accepted once. An unknown account, a wrong code and a used one are all 401. ` +
          `At most ${ATTEMPTS_PER_WINDOW} attempts per account a minute (429 with Retry-After past them).`,
        body: tokenRequest,
        response: {
          200: tokenAnswer,
          400: errorBodySchema,
          401: errorBodySchema,
          429: errorBodySchema,
          503: errorBodySchema,
        },
      },
      handler: async (request, reply) => {
        if (!auth.canSign)
          return reply
            .status(503)
            .send(errorBody('signing_unavailable', 'this node has no private key to sign tokens with'));
        const result = await accounts.exchange(request.body.account, request.body.code);
        if (result.outcome === 'refused') return reply.status(401).send(errorBody('unauthorized', REFUSED));
        if (result.outcome === 'rate_limited')
          return reply
            .header('retry-after', String(result.retryAfterSeconds))
            .status(429)
            .send(
              errorBody(
                'rate_limited',
                `too many attempts for this account; retry after ${result.retryAfterSeconds} s`,
              ),
            );
        return { token: result.token, token_type: 'Bearer' as const, expires_at: result.expiresAt, role: result.role };
      },
    });
  };
}
