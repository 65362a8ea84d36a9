import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/core/config.ts';
import { SecretsUnavailableError } from '../../src/modules/secrets/vault/secretsUnavailable.ts';
import { createVaultBackend } from '../../src/modules/secrets/vault/vaultBackend.ts';
import { startFakeVault, type FakeVault, type FakeVaultOptions } from '../fakes/vault/server.ts';
import { createManualClock, type ManualClock } from '../support/manualClock.ts';
import { readFileSync } from 'node:fs';

/** The Vault client's own behaviour against the fake Vault: logins, renewals, retries, health, TLS. */
const silent = pino({ level: 'silent' });
const tls = (file: string) => fileURLToPath(new URL(`../fakes/vault/tls/${file}`, import.meta.url));

let vault: FakeVault | undefined;
afterEach(async () => {
  // A test may have stopped it already (unreachable).
  await vault?.close().catch(() => {});
  vault = undefined;
});

async function bed(env: (vault: FakeVault) => Record<string, string>, options: FakeVaultOptions = {}) {
  const clock: ManualClock = createManualClock(Date.now());
  vault = await startFakeVault({ now: clock.now, ...options });
  const backend = createVaultBackend(loadConfig({ VAULT_ADDR: vault.url, ...env(vault) }), clock, silent);
  return { clock, vault, backend };
}

const calls = (vault: FakeVault, path: string) => vault.requests.filter((r) => r.path === path).length;

describe('the Vault client', () => {
  it('logs in with AppRole, renews before expiry, and logs in again when Vault refuses its token', async () => {
    const { clock, vault, backend } = await bed(
      () => ({ VAULT_ROLE_ID: 'role', VAULT_SECRET_ID: 'secret', VAULT_NAMESPACE: 'team-a' }),
      {
        appRole: { roleId: 'role', secretId: 'secret', token: { ttlSeconds: 60, maxTtlSeconds: 3_600 } },
      },
    );
    await backend.kv.put('openai', { api_key: 'sk-1' });
    expect(vault.requests.map((r) => r.path)).toEqual(['auth/approle/login', 'secret/data/openai']);
    expect(vault.requests.every((r) => r.namespace === 'team-a')).toBe(true);

    clock.advance(41_000); // past two thirds of its 60 s
    expect(await backend.kv.get('openai')).toMatchObject({ data: { api_key: 'sk-1' } });
    expect(vault.requests.slice(2).map((r) => r.path)).toEqual(['auth/token/renew-self', 'secret/data/openai']);

    vault.revokeTokens();
    expect(await backend.kv.get('openai')).toMatchObject({ version: 1 });
    expect(calls(vault, 'auth/approle/login')).toBe(2);
  });

  it('learns a VAULT_TOKEN TTL from lookup-self and renews it; without AppRole a refusal is an error', async () => {
    const { clock, vault, backend } = await bed((v) => ({ VAULT_TOKEN: v.issueToken({ ttlSeconds: 30 }) }));
    await backend.kv.put('x', { bearer_token: 'b' });
    expect(calls(vault, 'auth/token/lookup-self')).toBe(1);
    clock.advance(21_000);
    await backend.kv.get('x');
    expect(calls(vault, 'auth/token/renew-self')).toBe(1);
    vault.revokeTokens();
    await expect(backend.kv.get('x')).rejects.toThrow(/Vault answered 403: permission denied/);
  });

  it('tries a VAULT_TOKEN renewal again after Vault was sealed at renewal time, before the token ends', async () => {
    const { clock, vault, backend } = await bed((v) => ({ VAULT_TOKEN: v.issueToken({ ttlSeconds: 30 }) }));
    await backend.kv.put('x', { bearer_token: 'b' });
    clock.advance(21_000); // past two thirds: due for renewal, and Vault is sealed
    vault.setState('sealed');
    await expect(backend.kv.get('x')).rejects.toMatchObject({ detail: expect.stringMatching(/sealed/) });
    vault.setState('active');
    const triedSealed = calls(vault, 'auth/token/renew-self'); // each try retried on 503
    clock.advance(5_000); // past halfway to its end (25.5 s)
    await backend.kv.get('x');
    expect(calls(vault, 'auth/token/renew-self')).toBe(triedSealed + 1);
    clock.advance(14_000); // 40 s: past the 30 s it had, alive only because it was renewed
    expect(await backend.kv.get('x')).toMatchObject({ data: { bearer_token: 'b' } });
  });

  it('retries 5xx and 429 answers with backoff on its clock', async () => {
    const { clock, vault, backend } = await bed((v) => ({ VAULT_TOKEN: v.rootToken }));
    expect(await backend.kv.get('coingecko')).toBeNull(); // the token's lookup done
    vault.failNext(500, 'internal error');
    vault.failNext(429);
    expect(await backend.kv.put('coingecko', { api_key: 'cg' })).toEqual({ version: 1 });
    expect(vault.requests.filter((r) => r.method === 'POST' && r.path === 'secret/data/coingecko')).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
  });

  it('reports sealed, standby and unreachable; a sealed Vault fails calls as unavailable', async () => {
    const { vault, backend } = await bed((v) => ({ VAULT_TOKEN: v.rootToken }));
    vault.setState('standby');
    expect(await backend.health()).toBe('standby');
    expect(await backend.kv.put('x', { bearer_token: 'b' })).toEqual({ version: 1 });
    vault.setState('sealed');
    expect(await backend.health()).toBe('sealed');
    const failure = await backend.kv.get('x').catch((err: unknown) => err);
    // The outage answer (503, Retry-After) in words that name no address; what Vault said is for the log.
    expect(failure).toBeInstanceOf(SecretsUnavailableError);
    expect(failure).toMatchObject({
      code: 'secrets_unavailable',
      message: 'the secrets store is unavailable; retry after 5 s',
      retryAfterSeconds: 5,
      detail: `Vault at ${vault.url} is unavailable: it answered 503: Vault is sealed`,
    });
    await vault.close();
    expect(await backend.health()).toBe('unreachable');
  });

  it('speaks TLS to a Vault whose certificate VAULT_CACERT names, and to no other', async () => {
    const certificate = { key: readFileSync(tls('key.pem'), 'utf8'), cert: readFileSync(tls('cert.pem'), 'utf8') };
    const { backend } = await bed((v) => ({ VAULT_TOKEN: v.rootToken, VAULT_CACERT: tls('cert.pem') }), {
      tls: certificate,
    });
    expect(vault!.url).toMatch(/^https:/);
    expect(await backend.kv.put('jwt', { public_key: 'p' })).toEqual({ version: 1 });
    const untrusting = createVaultBackend(
      loadConfig({ VAULT_ADDR: vault!.url, VAULT_TOKEN: vault!.rootToken, VAULT_TIMEOUT_MS: '1000' }),
      createManualClock(),
      silent,
    );
    await expect(untrusting.kv.get('jwt')).rejects.toMatchObject({ detail: expect.stringMatching(/out of reach/) });
  });
});
