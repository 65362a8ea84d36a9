import { withDeadline } from '../../core/deadline.ts';
import type { ServiceHealth } from '../../core/health.ts';
import type { SecretsBackend } from './backend.ts';

const PROBE_TIMEOUT_MS = 2_000;

/**
 * `/health`'s `secrets`: up while the backend answers (a Vault standby forwards to the active node);
 * degraded when it is sealed or out of reach, never down: what the node read before keeps working.
 */
export async function secretsHealth(backend: SecretsBackend): Promise<ServiceHealth> {
  const start = performance.now();
  const state = await withDeadline(backend.health(), PROBE_TIMEOUT_MS, 'the secrets probe').catch(
    () => 'unreachable' as const,
  );
  return {
    status: state === 'ok' || state === 'standby' ? 'up' : 'degraded',
    response_time: Math.round((performance.now() - start) * 100) / 100,
    kind: backend.kind,
    ...(state !== 'ok' && { error: state }),
  };
}
