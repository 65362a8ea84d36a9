import { createRemoteJWKSet, decodeJwt, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { z } from 'zod';
import {
  AuthError,
  type Auth,
  type Principal,
  reasonFor,
  type Role,
  roles,
  subjectSchema,
} from '../../../core/auth/auth.ts';
import { UnavailableError } from '../../../core/domainErrors.ts';
import { errorText, type Logger } from '../../../core/logger.ts';
import type { HttpClient } from '../../../core/outbound/httpClient.ts';

/** What the tool server needs to accept an authorization server's access tokens (config: OAUTH_*, MCP_RESOURCE_URL). */
export interface OAuthSettings {
  /** The authorization server (`iss` of its tokens). */
  issuer: string;
  /** This MCP server as a resource (RFC 8707): the audience its tokens must carry. */
  resource: string;
  /** Scopes granted, in order of the role each brings (`alphanest:admin=admin`). */
  scopeRoles: ReadonlyMap<string, Role>;
}

/** `a=user,b=admin` as scope → role. */
export function parseScopeRoles(text: string): Map<string, Role> {
  return new Map(
    text.split(',').map((pair) => {
      const [scope, role] = pair.split('=').map((part) => part.trim());
      return [scope!, role as Role];
    }),
  );
}

const metadataSchema = z.object({ issuer: z.string(), jwks_uri: z.url() });

/** Signature algorithms an access token may use; never `none` or a shared-secret one. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];
/** How long a client waits before trying again when the authorization server cannot be reached. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The authorization server is down, not the caller's token bad: a 503 to retry, never a 401 that makes an MCP
 * client throw its token away and send the user through the flow again. The cause goes to the log only.
 */
function issuerUnavailable(logger: Logger, err: unknown): UnavailableError {
  logger.warn({ err: errorText(err) }, 'the OAuth authorization server could not be reached');
  return new UnavailableError(
    'authorization_server_unavailable',
    'the authorization server that issued this token could not be reached to check it; try again shortly',
    RETRY_AFTER_SECONDS,
  );
}

/** jose's errors for keys it could not fetch, as opposed to a token it refused. */
const unreachable = (err: unknown) => err instanceof errors.JWKSTimeout || !(err instanceof errors.JOSEError);

/**
 * The issuer's metadata: RFC 8414 (`/.well-known/oauth-authorization-server`, what the MCP specification asks
 * authorization servers for) and OpenID Connect discovery as the fallback, both at the issuer's path.
 */
async function discover(issuer: string, http: HttpClient, logger: Logger): Promise<z.infer<typeof metadataSchema>> {
  const base = issuer.replace(/\/$/, '');
  const { origin, pathname } = new URL(base);
  const path = pathname === '/' ? '' : pathname;
  const candidates = [
    `${origin}/.well-known/oauth-authorization-server${path}`,
    `${base}/.well-known/openid-configuration`,
  ];
  let lastError: unknown;
  for (const candidate of candidates) {
    try {
      const found = metadataSchema.safeParse(await http.json(candidate));
      if (found.success && found.data.issuer === issuer) return found.data;
      lastError = new Error(`${candidate} does not describe ${issuer}`);
    } catch (err) {
      lastError = err;
    }
  }
  throw issuerUnavailable(logger, lastError);
}

/** The highest role the token's scopes grant; `user` when it has none of them (a valid token may read). */
function roleOf(scopes: string[], scopeRoles: ReadonlyMap<string, Role>): Role {
  const granted = scopes.map((scope) => scopeRoles.get(scope)).filter((role) => role !== undefined);
  return granted.reduce<Role>((best, role) => (roles.indexOf(role) > roles.indexOf(best) ? role : best), 'user');
}

const scopesOf = (payload: Record<string, unknown>): string[] =>
  typeof payload.scope === 'string'
    ? payload.scope.split(' ').filter(Boolean)
    : Array.isArray(payload.scp)
      ? payload.scp.filter((s): s is string => typeof s === 'string')
      : [];

/**
 * Verifies the issuer's access tokens as the MCP authorization specification asks a resource server to: the
 * signature against the issuer's published keys, the issuer, and this server as the audience (a token the
 * issuer minted for another resource is refused, so a token is never good for more than it was meant for).
 */
export function createOAuthTokens(settings: OAuthSettings, http: HttpClient, timeoutMs: number, logger: Logger) {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const keySet = () => {
    keys ??= discover(settings.issuer, http, logger).then((metadata) =>
      createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: timeoutMs }),
    );
    // A failed discovery is tried again on the next token, not remembered.
    keys.catch(() => {
      keys = undefined;
    });
    return keys;
  };
  return {
    async verify(token: string): Promise<Principal> {
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, await keySet(), {
          issuer: settings.issuer,
          audience: settings.resource,
          requiredClaims: ['exp', 'sub'],
          algorithms: ALGORITHMS,
          clockTolerance: 30,
        }));
      } catch (err) {
        if (err instanceof UnavailableError) throw err;
        // A token jose refused carries a JOSE error code; anything else is the key set not being fetched.
        if (unreachable(err)) throw issuerUnavailable(logger, err);
        throw new AuthError(reasonFor(err));
      }
      const sub = subjectSchema.safeParse(payload.sub);
      if (!sub.success) throw new AuthError('invalid claims: sub');
      // The issuer's users are not the platform's: a namespace of their own keeps their rate limits and data apart.
      return { sub: `oauth:${sub.data}`, role: roleOf(scopesOf(payload), settings.scopeRoles) };
    },
  };
}

/**
 * The platform's own tokens and the authorization server's side by side: a token naming the issuer in `iss`
 * goes to the issuer's keys, any other to the platform's (which keep working exactly as before).
 */
export function withOAuth(platform: Auth, oauth: ReturnType<typeof createOAuthTokens>, issuer: string): Auth {
  return {
    get canSign() {
      return platform.canSign;
    },
    get canVerify() {
      return platform.canVerify;
    },
    useKeys: (keys, grace) => platform.useKeys(keys, grace),
    sign: (principal, ttl) => platform.sign(principal, ttl),
    async verify(token) {
      let iss: unknown;
      try {
        iss = decodeJwt(token).iss;
      } catch {
        // Not a JWT at all: the platform's verifier says why.
      }
      return iss === issuer ? oauth.verify(token) : platform.verify(token);
    },
  };
}
