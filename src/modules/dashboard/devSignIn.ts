import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../core/context.ts';
import { errorBody } from '../../core/http/errors.ts';
import { fromLoopback } from '../../core/http/loopback.ts';

/** The user the dev sign-in makes; a fixed id, so the same dev user finds their conversations again. */
const DEV_USER = 'dev-user';
/** A working day, or JWT_MAX_AGE when that is shorter (a longer token would be refused). */
const DEV_TOKEN_SECONDS = 8 * 3600;

/**
 * POST /login/dev: with ENV=dev only, and from this machine only, a user token signed with the dev key, as
 * `alphanest token --sub dev-user` would print. Elsewhere the route does not exist.
 */
export function devSignInRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    if (ctx.config.ENV !== 'dev') return;
    app.post('/login/dev', async (request, reply) => {
      // Anyone who reaches the port would get a user token (and the shared dev user's conversations): this machine only.
      if (!fromLoopback(request))
        return reply
          .status(403)
          .send(
            errorBody(
              'forbidden',
              'the dev sign-in answers only this machine: open the dashboard on localhost, or sign in with a token (alphanest token --sub you)',
            ),
          );
      return {
        token: await ctx.auth.sign(
          { sub: DEV_USER, role: 'user' },
          `${Math.min(DEV_TOKEN_SECONDS, ctx.config.jwtMaxAgeSeconds)}s`,
        ),
        sub: DEV_USER,
      };
    });
  };
}
