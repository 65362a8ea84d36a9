import type { Clock } from '../../core/clock.ts';
import type { Config } from '../../core/config.ts';
import { durationSeconds } from '../../core/duration.ts';
import type { SecretsBackend } from './backend.ts';
import { rotateJwtKeys } from './jwtRotation.ts';
import type { ScheduledRotation } from './rotationSchedule.ts';

/**
 * What the schedule rotates: the transit key every ROTATE_TRANSIT_EVERY (then the stored ciphertexts
 * are resealed to it once every node has read the new version), and the `jwt` key pair the platform signs its own tokens with (service accounts'
 * among them) every ROTATE_API_KEYS_EVERY, unless JWT_PUBLIC_FILE puts the environment's pair in use.
 */
export function platformRotations(
  backend: SecretsBackend,
  config: Pick<
    Config,
    | 'ROTATE_TRANSIT_EVERY'
    | 'ROTATE_API_KEYS_EVERY'
    | 'VAULT_TRANSIT_KEY'
    | 'JWT_PUBLIC_FILE'
    | 'SECRETS_REFRESH_SECONDS'
  >,
  work: { resealStored(): Promise<Array<{ store: string; rewritten: number }>>; refresh(): Promise<void> },
  clock: Pick<Clock, 'sleep'>,
): ScheduledRotation[] {
  const key = config.VAULT_TRANSIT_KEY;
  return [
    {
      kind: 'transit',
      everyMs: durationSeconds(config.ROTATE_TRANSIT_EVERY)! * 1000,
      current: async () => `${key} version ${(await backend.transit.latestVersion(key)) ?? 0}`,
      rotate: async () => `${key} version ${(await backend.transit.rotate(key)).latestVersion}`,
      async after(signal) {
        // Other nodes keep encrypting with the version before until they next read the key ring (every
        // SECRETS_REFRESH_SECONDS): resealing sooner would leave what they write meanwhile behind.
        await clock.sleep(config.SECRETS_REFRESH_SECONDS * 1000, signal);
        if (signal.aborted) return 'stopped before resealing: run `alphanest secrets rewrap`';
        const resealed = await work.resealStored();
        return resealed.map(({ store, rewritten }) => `${store}: ${rewritten} rows resealed`).join('; ');
      },
    },
    {
      kind: 'jwt',
      everyMs: durationSeconds(config.ROTATE_API_KEYS_EVERY)! * 1000,
      ...(config.JWT_PUBLIC_FILE && { skipped: 'JWT_PUBLIC_FILE is set: the environment’s key pair is in use' }),
      current: async () => `jwt version ${(await backend.kv.metadata('jwt'))?.currentVersion ?? 0}`,
      async rotate() {
        const version = await rotateJwtKeys(backend.kv);
        await work.refresh();
        return `jwt version ${version}`;
      },
    },
  ];
}
