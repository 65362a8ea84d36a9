import { randomBytes } from 'node:crypto';
import { URI } from 'otpauth';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import { loadConfig } from '../../src/core/config.ts';
import type { AppContext } from '../../src/core/context.ts';
import { ConflictError, InvalidArgumentError } from '../../src/core/domainErrors.ts';
import type { SecretsBackend } from '../../src/modules/secrets/backend.ts';
import { createEmbeddedBackend } from '../../src/modules/secrets/embedded/embeddedBackend.ts';
import { createVaultBackend } from '../../src/modules/secrets/vault/vaultBackend.ts';
import { startFakeVault } from '../fakes/vault/server.ts';
import { createTestContext } from '../support/context.ts';
import { realVault, vaultCall } from './realVault.ts';

/**
 * The same behaviour from every backend: the embedded engine on PostgreSQL, the Vault client against the
 * fake Vault, and against a real Vault (or OpenBao) when VAULT_TEST_ADDR and VAULT_TEST_TOKEN are given.
 * A Vault bed enables KV v2, transit and TOTP at mounts of its own through `sys/mounts` and disables them
 * afterwards, so a real server keeps nothing of the run; the fake goes through the same steps.
 */
interface Bed {
  backend: SecretsBackend;
  close(): Promise<void>;
}

async function vaultBed(addr: string, token: string): Promise<Bed> {
  const prefix = `alphanest-test-${randomBytes(4).toString('hex')}`;
  const mounts = {
    VAULT_KV_MOUNT: `${prefix}-kv`,
    VAULT_TRANSIT_MOUNT: `${prefix}-transit`,
    VAULT_TOTP_MOUNT: `${prefix}-totp`,
  };
  const sys = (method: 'POST' | 'DELETE', mount: string, body?: object) =>
    vaultCall(addr, token, method, `sys/mounts/${mount}`, body);
  await sys('POST', mounts.VAULT_KV_MOUNT, { type: 'kv', options: { version: '2' } });
  await sys('POST', mounts.VAULT_TRANSIT_MOUNT, { type: 'transit' });
  await sys('POST', mounts.VAULT_TOTP_MOUNT, { type: 'totp' });
  const config = loadConfig({ VAULT_ADDR: addr, VAULT_TOKEN: token, ...mounts });
  return {
    backend: createVaultBackend(config, systemClock, pino({ level: 'silent' })),
    close: async () => {
      for (const mount of Object.values(mounts)) await sys('DELETE', mount);
    },
  };
}

const beds: Array<[string, () => Promise<Bed>]> = [
  [
    'embedded on PostgreSQL',
    async () => {
      const ctx: AppContext = await createTestContext({ backend: 'postgres' });
      return { backend: createEmbeddedBackend(ctx.db, ctx.config, systemClock), close: () => ctx.close() };
    },
  ],
  [
    'vault against the fake Vault',
    async () => {
      const vault = await startFakeVault();
      const bed = await vaultBed(vault.url, vault.rootToken);
      return { backend: bed.backend, close: () => bed.close().finally(() => vault.close()) };
    },
  ],
];
const real = realVault('secrets backends');
if (real) beds.push([`vault against the real Vault at ${real.addr}`, () => vaultBed(real.addr, real.token)]);

const codeFor = (url: string) => URI.parse(url).generate();

describe.each(beds)('secrets backend: %s', (_name, open) => {
  let bed: Bed;
  let backend: SecretsBackend;
  beforeAll(async () => {
    bed = await open();
    backend = bed.backend;
  });
  afterAll(() => bed.close());

  describe('KV v2', () => {
    it('makes a version per write; reads the current one or any given', async () => {
      expect(await backend.kv.put('openai', { api_key: 'sk-first' })).toEqual({ version: 1 });
      expect(await backend.kv.put('openai', { api_key: 'sk-second', model: 'gpt-x' })).toEqual({ version: 2 });
      expect(await backend.kv.get('openai')).toMatchObject({
        data: { api_key: 'sk-second', model: 'gpt-x' },
        version: 2,
      });
      expect(await backend.kv.get('openai', 1)).toMatchObject({ data: { api_key: 'sk-first' }, version: 1 });
      expect(await backend.kv.get('openai', 3)).toBeNull();
      expect(await backend.kv.get('nothing/here')).toBeNull();
    });

    it('answers metadata with every version', async () => {
      await backend.kv.put('exchanges/binance', { api_key: 'k1', secret: 's1' });
      await backend.kv.put('exchanges/binance', { api_key: 'k2', secret: 's2' });
      const metadata = await backend.kv.metadata('exchanges/binance');
      expect(metadata).toMatchObject({ currentVersion: 2 });
      expect(metadata!.versions.map((v) => [v.version, v.deletedAt, v.destroyed])).toEqual([
        [1, null, false],
        [2, null, false],
      ]);
      expect(Date.parse(metadata!.updatedAt)).toBeGreaterThanOrEqual(Date.parse(metadata!.createdAt));
      expect(await backend.kv.metadata('nothing/here')).toBeNull();
    });

    it('refuses a path with a . or .. segment, which a URL would resolve elsewhere', async () => {
      await expect(backend.kv.put('../sys/policy', { a: 'b' })).rejects.toBeInstanceOf(InvalidArgumentError);
      // The field leads the message once: `path: must …`, not `path: path: …`.
      await expect(backend.kv.put('jwt/.', { a: 'b' })).rejects.toThrow(/^path: must look like/);
    });

    it('writes with check-and-set only over the version named', async () => {
      expect(await backend.kv.put('x', { bearer_token: 't1' }, { cas: 0 })).toEqual({ version: 1 });
      await expect(backend.kv.put('x', { bearer_token: 't2' }, { cas: 0 })).rejects.toBeInstanceOf(ConflictError);
      // The field leads the message once (DomainError adds it): `cas: …`, not `cas: cas: …`.
      await expect(backend.kv.put('x', { bearer_token: 't2' }, { cas: 0 })).rejects.toThrow(
        /^cas: x is no longer at version 0$/,
      );
      expect(await backend.kv.put('x', { bearer_token: 't2' }, { cas: 1 })).toEqual({ version: 2 });
    });
  });

  describe('transit', () => {
    const key = 'behaviour';

    it('encrypts a batch as vault:v1 ciphertexts and decrypts them back in order', async () => {
      const plaintexts = ['first message', 'ünïcødé ✓', ''];
      const ciphertexts = await backend.transit.encrypt(key, plaintexts);
      expect(ciphertexts).toHaveLength(3);
      for (const c of ciphertexts) expect(c).toMatch(/^vault:v1:[A-Za-z0-9+/]+={0,2}$/);
      expect(new Set(ciphertexts).size).toBe(3);
      expect(await backend.transit.decrypt(key, ciphertexts)).toEqual(plaintexts);
      expect(await backend.transit.latestVersion(key)).toBe(1);
    });

    it('rotates: new ciphertexts use the new version, old ones still decrypt, rewrap moves them on', async () => {
      const [old] = await backend.transit.encrypt(key, ['kept across a rotation']);
      expect(await backend.transit.rotate(key)).toEqual({ latestVersion: 2 });
      const [fresh] = await backend.transit.encrypt(key, ['after']);
      expect(fresh).toMatch(/^vault:v2:/);
      expect(await backend.transit.decrypt(key, [old!, fresh!])).toEqual(['kept across a rotation', 'after']);
      const [rewrapped] = await backend.transit.rewrap(key, [old!]);
      expect(rewrapped).toMatch(/^vault:v2:/);
      expect(await backend.transit.decrypt(key, [rewrapped!])).toEqual(['kept across a rotation']);
    });

    it('refuses a ciphertext that is malformed or of another key, naming the item', async () => {
      const [other] = await backend.transit.encrypt('another-key', ['not yours']);
      await expect(backend.transit.decrypt(key, ['vault:v1:AAAA'])).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(backend.transit.decrypt(key, ['plain text'])).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(backend.transit.decrypt(key, [other!])).rejects.toThrow(/ciphertexts\[0\]/);
      // The item at fault is the field, named once at the start of the message (DomainError puts it there):
      // `ciphertexts[1]: …`, never `ciphertexts: ciphertexts[1]: …` nor `ciphertext: ciphertext: …`.
      const [mine] = await backend.transit.encrypt(key, ['mine']);
      for (const wrong of ['plain text', 'vault:v1:AAAA', other!]) {
        const refusal = await backend.transit.decrypt(key, [mine!, wrong]).catch((err: Error) => err);
        expect(refusal).toMatchObject({ field: 'ciphertexts[1]' });
        expect((refusal as Error).message).toMatch(/^ciphertexts\[1\]: (?!ciphertext)\S/);
      }
      expect(await backend.transit.latestVersion('never-made')).toBeNull();
    });

    it('rewraps only what opens: one forged, altered or of a version the key lacks is refused, at any version', async () => {
      // The key is at version 2 (rotated above). Vault's rewrap opens every ciphertext; so does the embedded one.
      expect(await backend.transit.latestVersion(key)).toBe(2);
      const [current] = await backend.transit.encrypt(key, ['at the newest version']);
      expect(current).toMatch(/^vault:v2:/);
      const zeros = Buffer.alloc(32).toString('base64');
      const bytes = Buffer.from(current!.slice('vault:v2:'.length), 'base64');
      bytes[20]! ^= 1;
      const altered = `vault:v2:${bytes.toString('base64')}`;
      for (const wrong of [
        'vault:v3:xx',
        `vault:v99:${Buffer.alloc(40).toString('base64')}`,
        `vault:v2:${zeros}`,
        `vault:v1:${zeros}`,
        altered,
      ]) {
        const refusal = await backend.transit.rewrap(key, [current!, wrong]).catch((err: Error) => err);
        expect(refusal, wrong).toBeInstanceOf(InvalidArgumentError);
        expect(refusal, wrong).toMatchObject({ field: 'ciphertexts[1]' });
      }
      // One at the newest version still opens, and comes back at it.
      const [again] = await backend.transit.rewrap(key, [current!]);
      expect(again).toMatch(/^vault:v2:/);
      expect(await backend.transit.decrypt(key, [again!])).toEqual(['at the newest version']);
    });
  });

  describe('TOTP', () => {
    it('makes a key answering an otpauth URL, validates its codes, and forgets it once deleted', async () => {
      const { url } = await backend.totp.createKey('bot-1', { issuer: 'AlphaNest', accountName: 'bot-1' });
      expect(url).toMatch(/^otpauth:\/\/totp\/AlphaNest:bot-1\?/);
      expect(URI.parse(url)).toMatchObject({ issuer: 'AlphaNest', label: 'bot-1', digits: 6, period: 30 });
      const code = codeFor(url);
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      expect(await backend.totp.validate('bot-1', wrong)).toBe(false);
      expect(await backend.totp.validate('bot-1', code)).toBe(true);
      expect(await backend.totp.validate('nobody', code)).toBe(false);
      await backend.totp.deleteKey('bot-1');
      expect(await backend.totp.validate('bot-1', codeFor(url))).toBe(false);
    });
  });

  it('is healthy', async () => {
    expect(await backend.health()).toBe('ok');
  });
});
