import type { z } from 'zod';
import type { Config } from '../../../core/config.ts';
import type { Clock } from '../../../core/clock.ts';
import type { Logger } from '../../../core/logger.ts';
import { UpstreamError } from '../../../core/domainErrors.ts';
import { createLogThrottle } from '../../../core/logThrottle.ts';
import { failureDetail } from './secretsUnavailable.ts';
import { authAnswer, lookupSelfAnswer } from './schemas.ts';
import { VaultStatusError, type VaultHttp } from './vaultHttp.ts';

export type VaultAuthConfig = Pick<Config, 'VAULT_TOKEN' | 'VAULT_ROLE_ID' | 'VAULT_SECRET_ID' | 'VAULT_APPROLE_MOUNT'>;

/** Calls made with the node's own Vault token, which the session keeps alive. */
export interface VaultSession {
  request<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.infer<S> | null>;
}

/** Renewed once two thirds of its time to live have passed, as Vault Agent does. */
const RENEW_AT = 2 / 3;

/**
 * The least wait between two renewals tried while Vault is sealed or out of reach: halving the time left alone would
 * make almost every call near the token's end try one (each up to VAULT_TIMEOUT_MS).
 */
const RENEW_RETRY_MIN_MS = 5_000;

/**
 * The token is VAULT_TOKEN (its TTL learnt from `lookup-self`) or one from an AppRole login. Before it
 * expires it is renewed (`renew-self`); an AppRole token that cannot be renewed, or that Vault refuses
 * with 403 (revoked, past its max TTL), is replaced by a new login and the call made once more.
 * Concurrent calls share one login or renewal.
 */
export function createVaultSession(
  http: VaultHttp,
  config: VaultAuthConfig,
  clock: Pick<Clock, 'now'>,
  logger: Logger,
): VaultSession {
  const appRole =
    config.VAULT_ROLE_ID && config.VAULT_SECRET_ID
      ? { role_id: config.VAULT_ROLE_ID, secret_id: config.VAULT_SECRET_ID }
      : undefined;
  let token = config.VAULT_TOKEN;
  /** When to renew (epoch ms); undefined until the token's TTL is known. */
  let renewAt: number | undefined;
  let expiresAt = Number.POSITIVE_INFINITY;
  let renewable = false;
  let pending: Promise<string> | undefined;
  const throttle = createLogThrottle(60_000, () => clock.now());

  function lease(ttlSeconds: number, canRenew: boolean) {
    const now = clock.now();
    renewable = canRenew;
    // A TTL of 0 is a token that never expires (root tokens, periodic tokens seen by lookup).
    expiresAt = ttlSeconds > 0 ? now + ttlSeconds * 1000 : Number.POSITIVE_INFINITY;
    renewAt = ttlSeconds > 0 ? now + ttlSeconds * 1000 * RENEW_AT : Number.POSITIVE_INFINITY;
  }

  async function login(): Promise<string> {
    if (!appRole)
      throw new UpstreamError('secrets_unavailable', 'Vault refused VAULT_TOKEN and no AppRole is configured');
    const path = `auth/${config.VAULT_APPROLE_MOUNT}/login`;
    const answer = await http.call('POST', path, authAnswer, { body: appRole });
    if (!answer)
      throw new UpstreamError(
        'secrets_unavailable',
        `Vault has no AppRole login at ${path} (is AppRole enabled there? VAULT_APPROLE_MOUNT)`,
      );
    lease(answer.auth.lease_duration, answer.auth.renewable);
    logger.info({ ttl_seconds: answer.auth.lease_duration }, 'vault: logged in with AppRole');
    return answer.auth.client_token;
  }

  async function renew(current: string): Promise<string> {
    // Past its end the token is gone: renewing it is pointless (an AppRole logs in again, a static token is dead).
    if (renewable && clock.now() < expiresAt) {
      try {
        const answer = await http.call('POST', 'auth/token/renew-self', authAnswer, { token: current, body: {} });
        if (answer) {
          lease(answer.auth.lease_duration, answer.auth.renewable);
          return answer.auth.client_token;
        }
      } catch (err) {
        const detail = failureDetail(err as Error);
        const admitted = throttle.admit(detail);
        if (admitted) logger.warn({ err: detail, suppressed: admitted.suppressed }, 'vault: token renewal failed');
        // Sealed or out of reach (not a refusal): a static token still serves, and is renewed once Vault is back
        // (tried again halfway to its end, RENEW_RETRY_MIN_MS apart at least) rather than left to expire.
        if (!appRole && !(err instanceof VaultStatusError)) {
          const now = clock.now();
          renewAt = now + Math.max((expiresAt - now) / 2, RENEW_RETRY_MIN_MS);
          return current;
        }
      }
    }
    if (appRole) return login();
    // A static token that cannot be renewed is used until Vault refuses it; no renewal is tried before then.
    renewAt = expiresAt;
    return current;
  }

  async function fresh(): Promise<string> {
    if (!token) {
      token = await login();
      return token;
    }
    if (renewAt === undefined) {
      const answer = await http.call('GET', 'auth/token/lookup-self', lookupSelfAnswer, { token });
      if (answer) lease(answer.data.ttl, answer.data.renewable);
    }
    if (renewAt !== undefined && clock.now() >= renewAt) token = await renew(token);
    return token;
  }

  const current = () => (pending ??= fresh().finally(() => (pending = undefined)));

  return {
    async request(method, path, schema, body) {
      const used = await current();
      try {
        return await http.call(method, path, schema, { token: used, body });
      } catch (err) {
        if (!(err instanceof VaultStatusError && err.status === 403 && appRole)) throw err;
        // Revoked or expired under us: log in again (once for every call that met it) and try once more.
        if (token === used) token = undefined;
        return http.call(method, path, schema, { token: await current(), body });
      }
    },
  };
}
