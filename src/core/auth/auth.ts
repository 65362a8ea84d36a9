import { errors, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { SigningKeys } from './keys.ts';

export const roles = ['user', 'agent', 'service', 'admin'] as const;
export type Role = (typeof roles)[number];

export interface Principal {
  sub: string;
  role: Role;
  /** The agents an agent token may publish as (the `agents` claim); absent, only the generic `ingest` agent. */
  agents?: string[];
}

export class AuthError extends Error {}

export interface Auth {
  /** Verifies a bearer token; throws AuthError with a reason a client can act on. */
  verify(token: string): Promise<Principal>;
  /** Signs a token with the private key; throws when only a public key is configured. */
  sign(principal: Principal, ttl: string): Promise<string>;
  canSign: boolean;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  role: z.enum(roles).default('user'),
  agents: z.array(z.string().min(1).max(64)).max(100).optional(),
});

/** Clock difference tolerated between the node that signed a token and this one. */
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Tokens must say when they expire and when they were issued, and may not be
 * older than JWT_MAX_AGE: a leaked token without `exp` would otherwise be good
 * forever, and one "issued" in the future would outlive the maximum age.
 */
export function createAuth(
  keys: SigningKeys,
  config: Pick<Config, 'JWT_ISSUER' | 'JWT_AUDIENCE' | 'jwtMaxAgeSeconds'>,
): Auth {
  return {
    canSign: Boolean(keys.privateKey),
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys.publicKey, {
          algorithms: ['RS256'],
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
          requiredClaims: ['exp', 'iat'],
          maxTokenAge: config.jwtMaxAgeSeconds,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        }));
      } catch (err) {
        throw new AuthError(reasonFor(err));
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success)
        throw new AuthError(
          `invalid claims: ${claims.error.issues.map((i) => i.path.join('.') || 'token').join(', ')}`,
        );
      return claims.data;
    },
    async sign(principal, ttl) {
      if (!keys.privateKey)
        throw new AuthError('no private key: tokens can only be signed with the dev key or JWT_PRIVATE_FILE');
      let jwt = new SignJWT({ role: principal.role, ...(principal.agents && { agents: principal.agents }) })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .setSubject(principal.sub)
        .setIssuedAt()
        .setExpirationTime(ttl);
      if (config.JWT_ISSUER) jwt = jwt.setIssuer(config.JWT_ISSUER);
      if (config.JWT_AUDIENCE) jwt = jwt.setAudience(config.JWT_AUDIENCE);
      return jwt.sign(keys.privateKey);
    },
  };
}

function reasonFor(err: unknown): string {
  if (err instanceof errors.JWTExpired) return err.claim === 'iat' ? 'token older than JWT_MAX_AGE' : 'token expired';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'token algorithm not allowed (RS256 only)';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'token signature invalid';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.reason === 'missing') return `token claim "${err.claim}" missing`;
    if (err.claim === 'iat') return 'token "iat" claim invalid: issued in the future';
    return `token claim "${err.claim}" invalid: ${err.reason}`;
  }
  if (err instanceof errors.JOSEError) return 'token malformed or unsupported';
  return 'token invalid';
}

export function hasRole(principal: Principal | null | undefined, allowed: readonly Role[]): boolean {
  return Boolean(principal && allowed.includes(principal.role));
}
