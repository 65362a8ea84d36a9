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
}

export interface AppRole {
  roleId: string;
  secretId: string;
  token: TokenPolicy;
}

/**
 * Tokens with TTLs on the fake's clock, and the auth endpoints that use them: AppRole login, token
 * lookup-self and renew-self (https://developer.hashicorp.com/vault/api-docs/auth/token).
 */
export function createTokenStore(now: () => number) {
  const tokens = new Map<string, TokenState>();

  const alive = (token: string | undefined): TokenState | undefined => {
    const state = token ? tokens.get(token) : undefined;
    return state && (state.expiresAt === 0 || state.expiresAt > now()) ? state : undefined;
  };

  function issue(policy: TokenPolicy, token = `hvs.${randomBytes(18).toString('base64url')}`): string {
    const issuedAt = now();
    tokens.set(token, {
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

  return {
    issue,
    alive,
    /** Every token stops working (as after `vault token revoke`). */
    revokeAll: () => tokens.clear(),
    handle({ method, path, body }: VaultRequest, token: string | undefined, appRole: AppRole | undefined): VaultAnswer {
      if (path === 'approle/login' && method === 'POST') {
        if (!appRole || body.role_id !== appRole.roleId || body.secret_id !== appRole.secretId)
          return vaultError(400, 'invalid role or secret ID');
        const issued = issue(appRole.token);
        return ok(auth(issued, tokens.get(issued)!));
      }
      const state = alive(token);
      if (!state) return vaultError(403, 'permission denied');
      if (path === 'token/lookup-self' && method === 'GET')
        return ok({
          data: {
            id: token,
            ttl: remaining(state),
            creation_ttl: state.ttlSeconds,
            renewable: state.renewable,
            expire_time: state.expiresAt === 0 ? null : new Date(state.expiresAt).toISOString(),
            policies: ['default', 'alphanest'],
          },
        });
      if (path === 'token/renew-self' && (method === 'POST' || method === 'PUT')) return renew(token!, state);
      return vaultError(404);
    },
  };
}
