import { randomUUID } from 'node:crypto';
import { ok, vaultError, type VaultAnswer, type VaultRequest } from './answers.ts';
import { durationSeconds, type createTokenStore, type TokenPolicy } from './tokens.ts';

/** A role the fake knows from the start, as `startFakeVault({ appRole })` configures at `approle/`. */
export interface AppRole {
  roleId: string;
  secretId: string;
  token: TokenPolicy;
}

interface Role {
  roleId: string;
  secretIds: Set<string>;
  token: TokenPolicy;
}

/**
 * The AppRole auth method at one mount (https://developer.hashicorp.com/vault/api-docs/auth/approle):
 * `role/<name>` (POST with `token_ttl`, `token_max_ttl`), `role/<name>/role-id` (GET),
 * `role/<name>/secret-id` (POST) and `login`, whose tokens are issued by `auth/<mount>/login`.
 * Policies are accepted and not enforced: every live token may call everything.
 */
export function createAppRoleMount(mount: string, tokens: ReturnType<typeof createTokenStore>, preset?: AppRole) {
  const roles = new Map<string, Role>();
  if (preset)
    roles.set('preset', { roleId: preset.roleId, secretIds: new Set([preset.secretId]), token: preset.token });

  function login(body: Record<string, unknown>): VaultAnswer {
    const role = [...roles.values()].find((r) => r.roleId === body.role_id);
    if (!role?.secretIds.has(String(body.secret_id))) return vaultError(400, 'invalid role or secret ID');
    return tokens.loginAnswer(tokens.issue(role.token, undefined, `auth/${mount}/login`));
  }

  function writeRole(name: string, body: Record<string, unknown>): VaultAnswer {
    const ttlSeconds = durationSeconds(body.token_ttl) ?? 0;
    const maxTtlSeconds = durationSeconds(body.token_max_ttl) ?? 0;
    const existing = roles.get(name);
    roles.set(name, {
      roleId: existing?.roleId ?? randomUUID(),
      secretIds: existing?.secretIds ?? new Set(),
      token: { ttlSeconds, maxTtlSeconds, renewable: ttlSeconds > 0 },
    });
    return { status: 204 };
  }

  return {
    /** `auth/<mount>/...`; every path but login needs a live token. */
    handle({ method, path, body }: VaultRequest, token: string | undefined): VaultAnswer {
      if (path === 'login' && method === 'POST') return login(body);
      if (!tokens.alive(token)) return vaultError(403, 'permission denied');
      const [, name, what] = /^role\/([\w.-]+)(?:\/(role-id|secret-id))?$/.exec(path) ?? [];
      if (!name) return vaultError(404);
      if (!what && method === 'POST') return writeRole(name, body);
      const role = roles.get(name);
      if (!role) return vaultError(400, `invalid role name "${name}"`);
      if (what === 'role-id' && method === 'GET') return ok({ data: { role_id: role.roleId } });
      if (what === 'secret-id' && method === 'POST') {
        const secretId = randomUUID();
        role.secretIds.add(secretId);
        return ok({ data: { secret_id: secretId, secret_id_accessor: randomUUID(), secret_id_ttl: 0 } });
      }
      return vaultError(405);
    },
  };
}
