/** What a handler of the fake Vault answers: a status and a JSON body (none for 204). */
export interface VaultAnswer {
  status: number;
  body?: unknown;
}

/** Vault's error shape: `{"errors": [...]}` (an empty list for a plain 404). */
export const vaultError = (status: number, ...errors: string[]): VaultAnswer => ({ status, body: { errors } });

export const ok = (body: unknown): VaultAnswer => ({ status: 200, body });

export const noContent: VaultAnswer = { status: 204 };

export const notFound = vaultError(404);

/** A request as a handler sees it: the path after the mount, the query and the parsed JSON body. */
export interface VaultRequest {
  method: string;
  /** The path below the engine's mount, e.g. `data/jwt` for `/v1/secret/data/jwt`. */
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

/** Vault writes times in RFC 3339 with nanoseconds; milliseconds are enough here. */
export const rfc3339 = (ms: number) => new Date(ms).toISOString();

/** Vault's "never" for deletion_time. */
export const NEVER = '';
