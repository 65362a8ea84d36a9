import { type CryptoKey, decodeJwt, errors, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { hasUnsafeText } from '../text.ts';
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
  readonly canSign: boolean;
  /** False only until a key is put in use (production taking its keys from the secrets store). */
  readonly canVerify: boolean;
  /**
   * Puts a new key pair in use (a rotation read from the secrets store): it signs and verifies from now on,
   * and the key it replaces keeps verifying for `graceSeconds`, so tokens signed just before still work.
   */
  useKeys(keys: SigningKeys, graceSeconds: number): void;
}

/**
 * Text a claim may hold: the subject and agent ids become owners and keys in PostgreSQL, which stores no NUL or
 * lone surrogate; a token carrying one (signed by a key holder or an OAuth issuer) is refused like any bad claim.
 */
const claimText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((text) => !hasUnsafeText(text));

/** The longest `sub` a token may carry: any user id the platform takes elsewhere (chat's `user_id`) takes as much. */
export const SUBJECT_MAX_CHARS = 256;

/** A token's `sub`, the platform's or an OAuth issuer's. */
export const subjectSchema = claimText(SUBJECT_MAX_CHARS);

const claimsSchema = z.object({
  sub: subjectSchema,
  role: z.enum(roles).default('user'),
  agents: z.array(claimText(64)).max(100).optional(),
});

/** Clock difference tolerated between the node that signed a token and this one. */
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * When a token `verify` accepted stops verifying (epoch ms): its `exp` with the clock tolerance. For an answer that
 * outlasts the request whose token was checked (a held stream); undefined when it cannot be read as a JWT.
 */
export function stopsVerifyingAt(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return exp === undefined ? undefined : (exp + CLOCK_TOLERANCE_SECONDS) * 1000;
  } catch {
    return undefined;
  }
}

/** A replaced public key and until when (epoch ms) it still verifies. */
interface RetiredKey {
  publicKey: CryptoKey;
  until: number;
}

/**
 * Tokens must say when they expire and when they were issued, and may not be
 * older than JWT_MAX_AGE: a leaked token without `exp` would otherwise be good
 * forever, and one "issued" in the future would outlive the maximum age.
 * Without keys (production, before the secrets store's `jwt` is read) every token is refused.
 */
export function createAuth(
  initial: SigningKeys | undefined,
  config: Pick<Config, 'JWT_ISSUER' | 'JWT_AUDIENCE' | 'jwtMaxAgeSeconds'>,
  now: () => number = Date.now,
): Auth {
  let keys = initial;
  let retired: RetiredKey[] = [];
  const options = {
    algorithms: ['RS256'],
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    requiredClaims: ['exp', 'iat'],
    maxTokenAge: config.jwtMaxAgeSeconds,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };
  /** The key in use first; a signature it refuses may be one of a key still in its grace period. */
  async function verified(token: string, publicKey: CryptoKey): Promise<JWTPayload> {
    try {
      return (await jwtVerify(token, publicKey, options)).payload;
    } catch (err) {
      if (!(err instanceof errors.JWSSignatureVerificationFailed)) throw err;
      for (const key of retired) {
        if (key.until <= now()) continue;
        try {
          return (await jwtVerify(token, key.publicKey, options)).payload;
        } catch (other) {
          // Signed by this key but refused for another reason (expired…): that reason is the answer.
          if (!(other instanceof errors.JWSSignatureVerificationFailed)) throw other;
        }
      }
      throw err;
    }
  }
  return {
    get canSign() {
      return Boolean(keys?.privateKey);
    },
    get canVerify() {
      return Boolean(keys);
    },
    useKeys(next, graceSeconds) {
      const until = now() + graceSeconds * 1000;
      if (keys && graceSeconds > 0)
        retired = [...retired.filter((key) => key.until > now()), { publicKey: keys.publicKey, until }];
      keys = next;
    },
    async verify(token) {
      if (!keys) throw new AuthError("no key to verify tokens with yet (JWT_PUBLIC_FILE or the secrets store's jwt)");
      let payload: JWTPayload;
      try {
        payload = await verified(token, keys.publicKey);
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
      const privateKey = keys?.privateKey;
      if (!privateKey)
        throw new AuthError(
          "no private key: tokens can only be signed with the dev key, JWT_PRIVATE_FILE or the secrets store's jwt private_key",
        );
      let jwt = new SignJWT({ role: principal.role, ...(principal.agents && { agents: principal.agents }) })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
        .setSubject(principal.sub)
        .setIssuedAt()
        .setExpirationTime(ttl);
      if (config.JWT_ISSUER) jwt = jwt.setIssuer(config.JWT_ISSUER);
      if (config.JWT_AUDIENCE) jwt = jwt.setAudience(config.JWT_AUDIENCE);
      return jwt.sign(privateKey);
    },
  };
}

/** A reason a client can act on, for a token jose refused. */
export function reasonFor(err: unknown): string {
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
