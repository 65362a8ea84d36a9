import { describe, expect, it } from 'vitest';
import { createSecretsModule } from '../../src/modules/secrets/index.ts';
import { createTestContext } from '../support/context.ts';

/** The news sources' credentials through the secrets layer: the store's `x` and `cryptopanic`, the environment winning. */
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
});
