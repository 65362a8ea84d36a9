import { randomBytes } from 'node:crypto';
import { ok, vaultError, type VaultAnswer, type VaultRequest } from './answers.ts';

export interface TokenPolicy {
  /** Seconds; 0 never expires (a root token). */
  ttlSeconds: number;
  /** The longest renewals may take it, in seconds from issue; 0 for no limit. */
  maxTtlSeconds?: number;
  renewable?: boolean;
}

interface TokenState extends Required<TokenPolicy> {
  issuedAt: number;
  expiresAt: number;
  /** The path that issued it (`auth/<mount>/login`, `auth/token/create`), which `sys/leases/revoke-prefix` names. */
  issuedBy: string;
}

/** A Vault duration as the API takes it: seconds, or a number with s, m or h; undefined when absent. */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  const match = typeof value === 'string' ? /^(\d+)([smh]?)$/.exec(value) : null;
  if (!match) return undefined;
  return Number(match[1]) * ({ '': 1, s: 1, m: 60, h: 3_600 } as Record<string, number>)[match[2]!]!;
}

/**
 * Tokens with TTLs on the fake's clock, and the token auth endpoints
 * (https://developer.hashicorp.com/vault/api-docs/auth/token): create (a child of the caller, with `ttl`,
 * `explicit_max_ttl` and `renewable`), lookup (another token, in the body), lookup-self and renew-self.
 */
export function createTokenStore(now: () => number) {
  const tokens = new Map<string, TokenState>();

  const alive = (token: string | undefined): TokenState | undefined => {
    const state = token ? tokens.get(token) : undefined;
    return state && (state.expiresAt === 0 || state.expiresAt > now()) ? state : undefined;
  };

  function issue(
    policy: TokenPolicy,
    token = `hvs.${randomBytes(18).toString('base64url')}`,
    issuedBy = 'auth/token/create',
  ): string {
    const issuedAt = now();
    tokens.set(token, {
      issuedBy,
      ttlSeconds: policy.ttlSeconds,
      maxTtlSeconds: policy.maxTtlSeconds ?? 0,
      renewable: policy.renewable ?? policy.ttlSeconds > 0,
      issuedAt,
      expiresAt: policy.ttlSeconds > 0 ? issuedAt + policy.ttlSeconds * 1000 : 0,
    });
    return token;
  }

  const remaining = (state: TokenState) => (state.expiresAt === 0 ? 0 : Math.ceil((state.expiresAt - now()) / 1000));

  const auth = (token: string, state: TokenState) => ({
    auth: {
      client_token: token,
      accessor: `accessor-${token.slice(-6)}`,
      policies: ['default', 'alphanest'],
      token_policies: ['default', 'alphanest'],
      lease_duration: remaining(state),
      renewable: state.renewable,
    },
  });

  function renew(token: string, state: TokenState): VaultAnswer {
    if (!state.renewable) return vaultError(400, 'lease is not renewable');
    const cap = state.maxTtlSeconds > 0 ? state.issuedAt + state.maxTtlSeconds * 1000 : Number.POSITIVE_INFINITY;
    state.expiresAt = Math.min(now() + state.ttlSeconds * 1000, cap);
    return ok(auth(token, state));
  }

  const lookup = (token: string, state: TokenState) =>
    ok({
      data: {
        id: token,
        ttl: remaining(state),
        creation_ttl: state.ttlSeconds,
        renewable: state.renewable,
        expire_time: state.expiresAt === 0 ? null : new Date(state.expiresAt).toISOString(),
        policies: ['default', 'alphanest'],
      },
    });

  function create(body: Record<string, unknown>): VaultAnswer {
    const ttlSeconds = durationSeconds(body.ttl);
    if (body.ttl !== undefined && ttlSeconds === undefined) return vaultError(400, 'invalid ttl');
    const issued = issue({
      ttlSeconds: ttlSeconds ?? 0,
      maxTtlSeconds: durationSeconds(body.explicit_max_ttl) ?? 0,
      renewable: body.renewable !== false,
    });
    return ok(auth(issued, tokens.get(issued)!));
  }

  return {
    issue,
    alive,
    /** The login answer for a token just issued. */
    loginAnswer: (token: string) => ok(auth(token, tokens.get(token)!)),
    /** Every token stops working (as after `vault token revoke`). */
    revokeAll: () => tokens.clear(),
    /** `sys/leases/revoke-prefix/<prefix>`: every token issued by a path under the prefix stops working. */
    revokePrefix(prefix: string) {
      for (const [token, state] of tokens)
        if (`${state.issuedBy}/`.startsWith(`${prefix.replace(/\/+$/, '')}/`)) tokens.delete(token);
    },
    /** `auth/token/...` with the caller's token. */
    handle({ method, path, body }: VaultRequest, token: string | undefined): VaultAnswer {
      const state = alive(token);
      if (!state) return vaultError(403, 'permission denied');
      if (path === 'lookup-self' && method === 'GET') return lookup(token!, state);
      if (path === 'renew-self' && method === 'POST') return renew(token!, state);
      if (path === 'create' && method === 'POST') return create(body);
      if (path === 'lookup' && method === 'POST') {
        const other = alive(String(body.token ?? ''));
        return other ? lookup(String(body.token), other) : vaultError(403, 'bad token');
      }
      return vaultError(404);
    },
  };
}
