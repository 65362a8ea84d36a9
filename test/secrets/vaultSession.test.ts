import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { SecretsUnavailableError } from '../../src/modules/secrets/vault/secretsUnavailable.ts';
import type { VaultHttp } from '../../src/modules/secrets/vault/vaultHttp.ts';
import { createVaultSession } from '../../src/modules/secrets/vault/vaultSession.ts';
import { createManualClock } from '../support/manualClock.ts';

/**
 * A Vault that knows a static token with a 30 s TTL and, while `down`, fails renewals as a sealed one does; the
 * session's renewal timing against it, on a manual clock.
 */
function sessionOnSealableVault() {
  const clock = createManualClock();
  const state = { down: false, renewals: 0 };
  const logs: string[] = [];
  const http = {
    host: 'vault.test',
    raw: async () => {
      throw new Error('not used');
    },
    async call(_method: string, path: string) {
      if (path === 'auth/token/lookup-self') return { data: { ttl: 30, renewable: true } };
      if (path === 'auth/token/renew-self') {
        state.renewals++;
        if (state.down) throw new SecretsUnavailableError('Vault is sealed');
        return { auth: { client_token: 'static', lease_duration: 30, renewable: true } };
      }
      return { data: {} };
    },
  } as unknown as VaultHttp;
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) });
  const session = createVaultSession(http, { VAULT_TOKEN: 'static', VAULT_APPROLE_MOUNT: 'approle' }, clock, logger);
  const read = () => session.request('GET', 'secret/data/x', {} as never);
  return { clock, state, logs, read };
}

describe('the Vault session renewing a static token while Vault is sealed', () => {
  it('waits 5 s at least between tries, stops trying past the token end, and warns once a minute', async () => {
    const { clock, state, logs, read } = sessionOnSealableVault();
    await read(); // lookup-self: 30 s, renewal due at 20 s
    state.down = true;
    clock.advance(20_000);
    await read();
    expect(state.renewals).toBe(1);
    // Halving the 10 s left would try at 25, 27.5, 28.75… s: with a call every second, one try per 5 s at most.
    for (let second = 0; second < 9; second++) {
      clock.advance(1000);
      await read();
    }
    // 20 s, then 25 s (halfway), then 30 s is the token's end: no more.
    expect(state.renewals).toBe(2);
    for (let second = 0; second < 30; second++) {
      clock.advance(1000);
      await read();
    }
    expect(state.renewals).toBe(2);
    expect(logs.filter((line) => line.includes('vault: token renewal failed'))).toHaveLength(1);
  });

  it('tries no sooner than 5 s on, even when the token ends before that and Vault is back', async () => {
    const { clock, state, read } = sessionOnSealableVault();
    await read();
    state.down = true;
    clock.advance(28_000); // due, 2 s left: the next try is 5 s on, past its end
    await read();
    state.down = false;
    clock.advance(1000);
    await read();
    expect(state.renewals).toBe(1);
    clock.advance(4000);
    await read();
    expect(state.renewals).toBe(1); // 33 s: past its end, never tried
  });
});
