import { OUTAGE_RETRY_AFTER_SECONDS } from '../../../core/dependencyErrors.ts';
import { UnavailableError } from '../../../core/domainErrors.ts';

/**
 * Vault sealed, a standby or server error still there after the retries, or Vault out of reach: the outage answer
 * every surface gives for a dependency (503 `secrets_unavailable` with Retry-After), in words that name neither
 * Vault's address nor what the connection met. Those are in `detail`, for the log and the command line.
 */
export class SecretsUnavailableError extends UnavailableError {
  override name = 'SecretsUnavailableError';
  readonly detail: string;
  constructor(detail: string) {
    super(
      'secrets_unavailable',
      `the secrets store is unavailable; retry after ${OUTAGE_RETRY_AFTER_SECONDS} s`,
      OUTAGE_RETRY_AFTER_SECONDS,
    );
    this.detail = detail;
  }
}

/** What a log line or the command line says of a failure: an outage's detail, else its message. */
export const failureDetail = (err: Error): string =>
  err instanceof SecretsUnavailableError ? err.detail : err.message;
