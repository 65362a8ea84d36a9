import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createAuth } from '../../src/core/auth/auth.ts';
import type { KvEngine, KvVersion, SecretData } from '../../src/modules/secrets/backend.ts';
import { createPlatformSecrets, type PlatformSecretsConfig } from '../../src/modules/secrets/platformSecrets.ts';
import { createManualClock } from '../support/manualClock.ts';

const DAY_MS = 86_400_000;
const DEV_GRACE_MS = 15 * 60_000;

const pemPair = async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { public_key: await exportSPKI(publicKey), private_key: await exportPKCS8(privateKey) };
};

/** A KV engine holding only what `put` wrote, current version only: all the platform's secrets read. */
function memoryKv(): KvEngine {
  const current = new Map<string, KvVersion>();
  return {
    get: async (path) => current.get(path) ?? null,
    async put(path, data: SecretData) {
      const version = (current.get(path)?.version ?? 0) + 1;
      current.set(path, { data, version, createdAt: new Date().toISOString() });
      return { version };
    },
    metadata: async () => null,
  };
}

/** A node started with the generated dev key, its auth's retirements on a manual clock, the store empty. */
async function devNode(config: Pick<PlatformSecretsConfig, 'ENV' | 'JWT_KEY_GRACE_SECONDS'>) {
  const clock = createManualClock();
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  // Tokens' own exp and iat are checked on the real clock; only the grace periods follow the manual one.
  const auth = createAuth({ publicKey, privateKey, source: 'generated-dev' }, { jwtMaxAgeSeconds: 7 * 86_400 }, () =>
    clock.now(),
  );
  const kv = memoryKv();
  const secrets = createPlatformSecrets(kv, auth, config, pino({ level: 'silent' }));
  const rotate = async () => {
    await kv.put('jwt', await pemPair());
    await secrets.refresh();
  };
  const token = () => auth.sign({ sub: 'trader', role: 'user' }, '30d');
  return { clock, auth, rotate, token };
}

describe("the grace of a key the store's jwt replaced", () => {
  it('gives the generated dev key 15 min, a stored key rotated out the full JWT_KEY_GRACE_SECONDS', async () => {
    const { clock, auth, rotate, token } = await devNode({ ENV: 'dev', JWT_KEY_GRACE_SECONDS: 86_400 });
    const underDev = await token();
    await rotate();
    const underFirst = await token();
    clock.advance(DEV_GRACE_MS - 1000);
    await expect(auth.verify(underDev)).resolves.toMatchObject({ sub: 'trader' });
    clock.advance(2000);
    await expect(auth.verify(underDev)).rejects.toThrow('token signature invalid');

    await rotate();
    clock.advance(DAY_MS - 1000);
    await expect(auth.verify(underFirst)).resolves.toMatchObject({ sub: 'trader' });
    clock.advance(2000);
    await expect(auth.verify(underFirst)).rejects.toThrow('token signature invalid');
  });

  it('gives the dev key no more than JWT_KEY_GRACE_SECONDS when that is shorter', async () => {
    const { clock, auth, rotate, token } = await devNode({ ENV: 'testing', JWT_KEY_GRACE_SECONDS: 60 });
    const underDev = await token();
    await rotate();
    clock.advance(59_000);
    await expect(auth.verify(underDev)).resolves.toMatchObject({ sub: 'trader' });
    clock.advance(2000);
    await expect(auth.verify(underDev)).rejects.toThrow('token signature invalid');
  });

  it('gives the dev key no grace in production (ALLOW_UNSAFE_DEFAULTS), a stored key the full one', async () => {
    const { clock, auth, rotate, token } = await devNode({ ENV: 'production', JWT_KEY_GRACE_SECONDS: 86_400 });
    const underDev = await token();
    await rotate();
    await expect(auth.verify(underDev)).rejects.toThrow('token signature invalid');

    const underFirst = await token();
    await rotate();
    clock.advance(DAY_MS - 1000);
    await expect(auth.verify(underFirst)).resolves.toMatchObject({ sub: 'trader' });
  });
});
