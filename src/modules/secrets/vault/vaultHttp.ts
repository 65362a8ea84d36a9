import { readFileSync } from 'node:fs';
import type { Agent } from 'undici';
import type { z } from 'zod';
import type { Config } from '../../../core/config.ts';
import type { Clock } from '../../../core/clock.ts';
import { UpstreamError } from '../../../core/domainErrors.ts';
import { createHttpClient, type HttpClient } from '../../../core/outbound/httpClient.ts';
import { HttpStatusError, OutboundHttpError } from '../../../core/outbound/errors.ts';
import { createLogThrottle } from '../../../core/logThrottle.ts';
import type { Logger } from '../../../core/logger.ts';
import { SecretsUnavailableError } from './secretsUnavailable.ts';

export type VaultConfig = Pick<Config, 'VAULT_ADDR' | 'VAULT_NAMESPACE' | 'VAULT_CACERT' | 'VAULT_TIMEOUT_MS'>;

/**
 * Vault refused a call (4xx): its status and Vault's `errors` (never a secret: Vault does not echo values).
 * Sealed, standby and server errors, and Vault out of reach, are SecretsUnavailableErrors: they pass, a refusal does not.
 * `detail`, for the command line, names the call too, and for a 403 what the operator can change: Vault
 * says only "permission denied", whether the token is wrong, revoked or lacks the policy.
 */
export class VaultStatusError extends UpstreamError {
  override name = 'VaultStatusError';
  readonly status: number;
  readonly errors: readonly string[];
  readonly detail: string;
  constructor(status: number, errors: readonly string[], call?: string) {
    const said = `${status}${errors.length ? `: ${errors.join('; ')}` : ''}`;
    super('secrets_unavailable', `Vault answered ${said}`);
    this.status = status;
    this.errors = errors;
    this.detail =
      `Vault answered ${call ? `${call} with ` : ''}${said}` +
      (status === 403
        ? ' (the token, VAULT_TOKEN or the AppRole login of VAULT_ROLE_ID, is wrong, revoked or expired, or its policy does not allow this path)'
        : '');
  }
}

/** What a raw exchange with Vault answered: its status and the parsed body (null when empty). */
interface RawAnswer {
  status: number;
  body: unknown;
}

export interface VaultHttp {
  /** One call with the token given (none for login and sys/health); a 404 is null; other non-2xx throw. */
  call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    options?: { token?: string; body?: unknown },
  ): Promise<z.infer<S> | null>;
  /** The answer whatever its status, without retries (sys/health answers sealed and standby with 503 and 429). */
  raw(path: string): Promise<RawAnswer>;
  host: string;
}

/** Vault's own client retries every method on 5xx and 412; 429 is a standby or a rate limit quota. */
const RETRIED_STATUSES = [412, 429, 500, 502, 503, 504];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'LIST'];

/**
 * The exchange with Vault over the platform's outgoing client: a deadline on every call (VAULT_TIMEOUT_MS,
 * retries and their waits included), retries with backoff, `X-Vault-Namespace`, and a CA of our own
 * (VAULT_CACERT) through undici, the library Node's fetch is built on, since fetch itself takes no CA.
 */
export function createVaultHttp(config: VaultConfig, clock?: Clock, logger?: Logger): VaultHttp {
  const address = config.VAULT_ADDR!.replace(/\/+$/, '');
  const { host } = new URL(address);
  const client: HttpClient = createHttpClient({
    timeoutMs: config.VAULT_TIMEOUT_MS,
    retryOn: { methods: METHODS, statuses: RETRIED_STATUSES },
    headers: config.VAULT_NAMESPACE ? { 'x-vault-namespace': config.VAULT_NAMESPACE } : {},
    fetch: config.VAULT_CACERT ? fetchTrusting(config.VAULT_CACERT) : undefined,
    clock,
  });

  const throttle = createLogThrottle(60_000, clock && (() => clock.now()));
  /** An outage, logged (with Vault's address and what the connection met) at most once a minute per kind. */
  function unavailable(detail: string): SecretsUnavailableError {
    const admitted = throttle.admit(detail);
    if (admitted && logger)
      logger.warn(
        { err: detail, ...(admitted.suppressed > 0 && { suppressed: admitted.suppressed }) },
        'secrets: Vault is unavailable',
      );
    return new SecretsUnavailableError(detail);
  }

  /** What a failed `call` (the method and path, without the address) is answered with. */
  function failure(err: unknown, call: string): Error {
    if (err instanceof HttpStatusError && err.status < 500 && err.status !== 429)
      return new VaultStatusError(err.status, vaultErrors(err.body), call);
    if (err instanceof HttpStatusError) {
      const errors = vaultErrors(err.body);
      return unavailable(
        `Vault at ${address} is unavailable: it answered ${err.status}${errors.length ? `: ${errors.join('; ')}` : ''}`,
      );
    }
    if (err instanceof OutboundHttpError) return unavailable(`Vault at ${address} is out of reach: ${err.message}`);
    return err as Error;
  }

  return {
    host,
    async call(method, path, schema, options = {}) {
      let text: string;
      try {
        text = await client.text(`${address}/v1/${path}`, {
          method,
          headers: {
            ...(options.token && { 'x-vault-token': options.token }),
            ...(options.body !== undefined && { 'content-type': 'application/json' }),
          },
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
        });
      } catch (err) {
        const mapped = failure(err, `${method} ${path}`);
        if (mapped instanceof VaultStatusError && mapped.status === 404) return null;
        throw mapped;
      }
      const parsed = schema.safeParse(text ? parseJson(text) : {});
      if (!parsed.success)
        throw new UpstreamError('secrets_unavailable', `Vault answered ${method} ${path} in an unexpected shape`);
      return parsed.data;
    },
    async raw(path) {
      try {
        const response = await client.fetch(`${address}/v1/${path}`);
        const text = await response.text();
        return { status: response.status, body: text ? parseJson(text) : null };
      } catch (err) {
        throw failure(err, `GET ${path}`);
      }
    },
  };
}

/** A body that is not JSON (a proxy's error page) fails validation like any other wrong shape. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Vault's `{"errors": [...]}`, from the start of an error body the outgoing client kept. */
function vaultErrors(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    return Array.isArray(parsed.errors) ? parsed.errors.filter((e): e is string => typeof e === 'string') : [];
  } catch {
    return [];
  }
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(
      `VAULT_CACERT: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
}

/**
 * fetch that trusts the CA in `path` for TLS (instead of the system's); the file and undici are loaded on
 * the first call, so a node without VAULT_CACERT never loads them. undici's fetch gets the request as
 * plain parts: the platform's Request class is Node's own copy of undici, not this one.
 */
function fetchTrusting(path: string): typeof fetch {
  let trusting: { dispatcher: Agent; fetch: typeof import('undici').fetch } | undefined;
  return (async (input: Request | string | URL, init?: RequestInit) => {
    if (!trusting) {
      const undici = await import('undici');
      trusting = { dispatcher: new undici.Agent({ connect: { ca: readCa(path) } }), fetch: undici.fetch };
    }
    const request = new Request(input, init);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    const headers = [...request.headers];
    const { dispatcher } = trusting;
    return trusting.fetch(request.url, { method: request.method, headers, body, signal: request.signal, dispatcher });
  }) as unknown as typeof fetch;
}
