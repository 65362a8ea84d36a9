import { describe, expect, it } from 'vitest';
import { createSecretsModule } from '../../src/modules/secrets/index.ts';
import { createTestContext } from '../support/context.ts';

/** Third-party credentials through the secrets layer: the store's `x`, `cryptopanic`, `coingecko` and `exchanges/<id>`, the environment winning. */
describe('source credentials from the secrets store', () => {
  it('reads x and cryptopanic from the store, a new version at the next refresh', async () => {
    const ctx = await createTestContext();
    try {
      const secrets = createSecretsModule(ctx);
      expect(secrets.sourceCredentials()).toEqual({ X_BEARER_TOKEN: undefined, CRYPTOPANIC_TOKEN: undefined });
      await secrets.backend.kv.put('x', { bearer_token: 'x-store-1' });
      await secrets.backend.kv.put('cryptopanic', { token: 'cp-store-1' });
      await secrets.refresh();
      expect(secrets.sourceCredentials()).toEqual({ X_BEARER_TOKEN: 'x-store-1', CRYPTOPANIC_TOKEN: 'cp-store-1' });
      await secrets.backend.kv.put('x', { bearer_token: 'x-store-2' });
      await secrets.refresh();
      expect(secrets.sourceCredentials().X_BEARER_TOKEN).toBe('x-store-2');
    } finally {
      await ctx.close();
    }
  });

  it('lets the environment win', async () => {
    const ctx = await createTestContext({ env: { X_BEARER_TOKEN: 'x-env' } });
    try {
      const secrets = createSecretsModule(ctx);
      await secrets.backend.kv.put('x', { bearer_token: 'x-store' });
      await secrets.refresh();
      expect(secrets.sourceCredentials().X_BEARER_TOKEN).toBe('x-env');
    } finally {
      await ctx.close();
    }
  });

  it('reads coingecko and the exchanges EXCHANGES names, a rotated key from the next refresh, COINGECKO_API_KEY winning', async () => {
    const ctx = await createTestContext({ backend: 'postgres', env: { EXCHANGES: 'binance, kraken' } });
    try {
      const secrets = createSecretsModule(ctx);
      await secrets.backend.kv.put('coingecko', { api_key: 'CG-store-1' });
      await secrets.backend.kv.put('exchanges/binance', { api_key: 'bn-key-1', secret: 'bn-secret-1' });
      await secrets.backend.kv.put('exchanges/kraken', { api_key: 'kr-key', secret: 'kr-secret', password: 'kr-pass' });
      // Not in EXCHANGES: not read.
      await secrets.backend.kv.put('exchanges/okx', { api_key: 'okx-key', secret: 'okx-secret' });
      await secrets.refresh();
      expect(secrets.coingeckoApiKey()).toBe('CG-store-1');
      expect(secrets.exchangeCredentials('binance')).toEqual({ apiKey: 'bn-key-1', secret: 'bn-secret-1' });
      expect(secrets.exchangeCredentials('kraken')).toEqual({
        apiKey: 'kr-key',
        secret: 'kr-secret',
        password: 'kr-pass',
      });
      expect(secrets.exchangeCredentials('okx')).toBeUndefined();

      await secrets.backend.kv.put('exchanges/binance', { api_key: 'bn-key-2', secret: 'bn-secret-2' });
      await secrets.backend.kv.put('coingecko', { api_key: 'CG-store-2' });
      // A malformed version is refused (logged by field name) and the credentials in use stay.
      await secrets.backend.kv.put('exchanges/kraken', { api_key: 'kr-key-2' });
      await secrets.refresh();
      expect(secrets.coingeckoApiKey()).toBe('CG-store-2');
      expect(secrets.exchangeCredentials('binance')).toEqual({ apiKey: 'bn-key-2', secret: 'bn-secret-2' });
      expect(secrets.exchangeCredentials('kraken')?.apiKey).toBe('kr-key');
    } finally {
      await ctx.close();
    }
    const fromEnv = await createTestContext({ backend: 'postgres', env: { COINGECKO_API_KEY: 'CG-env' } });
    try {
      const secrets = createSecretsModule(fromEnv);
      await secrets.backend.kv.put('coingecko', { api_key: 'CG-store' });
      await secrets.refresh();
      expect(secrets.coingeckoApiKey()).toBe('CG-env');
    } finally {
      await fromEnv.close();
    }
  });
});
