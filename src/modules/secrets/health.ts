import { type ServiceHealth, timed } from '../../core/health.ts';
import type { BackendHealth, SecretsBackend } from './backend.ts';

/**
 * `/health`'s `secrets`: up while the backend answers (a Vault standby forwards to the active node);
 * degraded when it is sealed or out of reach, never down: what the node read before keeps working.
 */
export async function secretsHealth(backend: SecretsBackend): Promise<ServiceHealth> {
  // A probe past core's deadline leaves the state unreachable.
  let state = 'unreachable' as BackendHealth;
  const { response_time } = await timed(async () => {
    state = await backend.health();
  });
  return {
    status: state === 'ok' || state === 'standby' ? 'up' : 'degraded',
    response_time,
    kind: backend.kind,
    ...(state !== 'ok' && { error: state }),
  };
}
