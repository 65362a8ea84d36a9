import { URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway } from '../../src/gateway.ts';
import { createPlatform, type AlphaNest } from '../../src/platform.ts';
import { startFakeVault, type FakeVault } from '../fakes/vault/server.ts';
import { createTestContext } from '../support/context.ts';
import { http } from '../support/gateway.ts';

/**
 * Service accounts over HTTP on a listening gateway, with each backend: a TOTP code for a short-lived
 * token, each code once, attempts rate limited per account, and `/health` naming the secrets store.
 */
const beds: Array<[string, () => Promise<{ env: Record<string, string>; vault?: FakeVault }>]> = [
  ['embedded on PostgreSQL', async () => ({ env: {} })],
  [
    'vault against the fake Vault',
    async () => {
      const vault = await startFakeVault();
      return { env: { VAULT_ADDR: vault.url, VAULT_TOKEN: vault.rootToken }, vault };
    },
  ],
];

describe.each(beds)('service accounts (%s)', (_name, open) => {
  let platform: AlphaNest;
  let url: string;
  let vault: FakeVault | undefined;
  let close: () => Promise<void>;
  const exchange = (json: unknown) => http(`${url}/api/v1/auth/token`, { method: 'POST', json });

  beforeAll(async () => {
    const bed = await open();
    vault = bed.vault;
    const ctx = await createTestContext({ backend: 'postgres', env: { SERVICE_TOKEN_TTL: '10m', ...bed.env } });
    platform = await createPlatform(ctx);
    const app = await buildGateway(platform);
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    close = async () => {
      await app.close();
      await ctx.close();
      await vault?.close();
    };
  });
  afterAll(() => close());

  it('exchanges a code for a short-lived token with the account role and agents, once', async () => {
    const { url: otpauth, account } = await platform.secrets.serviceAccounts.create('radar-bot', 'agent', [
      'listing-hunter',
    ]);
    expect(account).toMatchObject({ name: 'radar-bot', role: 'agent', agents: ['listing-hunter'], revokedAt: null });
    const code = URI.parse(otpauth).generate();
    const answer = await exchange({ account: 'radar-bot', code });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      token: expect.any(String),
      token_type: 'Bearer',
      expires_at: expect.any(String),
      role: 'agent',
    });
    const lifetime = Date.parse(answer.body.expires_at) - Date.now();
    expect(lifetime).toBeGreaterThan(9 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60_000);
    expect(await platform.ctx.auth.verify(answer.body.token)).toEqual({
      sub: 'radar-bot',
      role: 'agent',
      agents: ['listing-hunter'],
    });

    const replay = await exchange({ account: 'radar-bot', code });
    expect(replay.status).toBe(401);
    const unknown = await exchange({ account: 'nobody', code });
    expect(unknown).toMatchObject({ status: 401, body: replay.body });
  });

  it('refuses malformed requests naming the field', async () => {
    const answer = await exchange({ account: 'radar-bot', code: '12ab' });
    expect(answer).toMatchObject({ status: 400, body: { error: { field: 'code' } } });
    expect((await exchange({ code: '123456' })).body.error.field).toBe('account');
    const extra = await exchange({ account: 'radar-bot', code: '123456', x: 1 });
    expect(extra).toMatchObject({ status: 400, body: { error: { field: 'x' } } });
  });

  it('rate limits attempts per account, and an account revoked accepts no code', async () => {
    const { url: otpauth } = await platform.secrets.serviceAccounts.create('ops-bot', 'service');
    const code = URI.parse(otpauth).generate();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await exchange({ account: 'ops-bot', code: wrong })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await exchange({ account: 'ops-bot', code });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account is not held back by this one's attempts.
    const { url: other } = await platform.secrets.serviceAccounts.create('other-bot', 'service');
    expect((await exchange({ account: 'other-bot', code: URI.parse(other).generate() })).body.role).toBe('service');

    await platform.secrets.serviceAccounts.revoke('other-bot');
    // What `alphanest service-account` prints: the field once, then what is wrong.
    await expect(platform.secrets.serviceAccounts.create('ops-bot', 'service')).rejects.toThrow(
      /^name: a service account ops-bot exists \(revoke it first\)$/,
    );
    await expect(platform.secrets.serviceAccounts.revoke('other-bot')).rejects.toThrow(
      /^name: no active service account other-bot$/,
    );
    const revoked = await exchange({ account: 'other-bot', code: URI.parse(other).generate() });
    expect(revoked.status).toBe(401);
    expect((await platform.secrets.serviceAccounts.list()).map((a) => [a.name, a.revokedAt !== null])).toEqual([
      ['ops-bot', false],
      ['other-bot', true],
      ['radar-bot', false],
    ]);
  });

  it('says on /health how the secrets store is; a sealed Vault degrades it while the node keeps serving', async () => {
    // One /health call per bed: a round of probes answers every call for a second after it.
    const token = await platform.ctx.auth.sign({ sub: 'ops', role: 'admin' }, '1h');
    if (!vault) {
      const health = await http(`${url}/health`, { token });
      expect(health.body).toMatchObject({
        status: 'healthy',
        services: { secrets: { status: 'up', kind: 'embedded' } },
      });
      return;
    }
    vault.setState('sealed');
    try {
      const sealed = await http(`${url}/health`, { token });
      expect(sealed.status).toBe(200);
      expect(sealed.body).toMatchObject({
        status: 'degraded',
        services: { secrets: { status: 'degraded', kind: 'vault', error: 'sealed' } },
      });
      // What the node holds (its keys) keeps working: a signed-in call still passes.
      expect((await http(`${url}/api/v1/agents`, { token })).status).toBe(200);
    } finally {
      vault.setState('active');
    }
    const probe = platform.modules.find((m) => m.name === 'secrets')!.face.healthProbes!.secrets!;
    expect(await probe()).toMatchObject({ status: 'up', kind: 'vault' });
  });
});
