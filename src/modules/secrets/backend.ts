/**
 * What a secrets backend offers, with Vault's semantics: the embedded engine (the platform's own
 * database) and the Vault client implement the same interface, so everything above them — the
 * platform's secrets, service accounts, the CLI — works the same on both.
 */

/** A KV secret's fields. Vault allows any JSON; the platform's secrets are strings. */
export type SecretData = Record<string, string>;

/** One version of a KV v2 secret. */
export interface KvVersion {
  data: SecretData;
  version: number;
  createdAt: string;
}

interface KvVersionMetadata {
  version: number;
  createdAt: string;
  /** Set when the version was deleted (soft: it can be undeleted in Vault). */
  deletedAt: string | null;
  destroyed: boolean;
}

export interface KvMetadata {
  currentVersion: number;
  createdAt: string;
  updatedAt: string;
  versions: KvVersionMetadata[];
}

/** Key/value secrets, versioned like Vault's KV v2: every write makes a new version, older ones stay readable. */
export interface KvEngine {
  /** The current version, or the one asked for; null when the path (or that version) holds nothing. */
  get(path: string, version?: number): Promise<KvVersion | null>;
  /** Writes a new version; `cas` makes the write conditional on the current version (0: only if none). */
  put(path: string, data: SecretData, options?: { cas?: number }): Promise<{ version: number }>;
  metadata(path: string): Promise<KvMetadata | null>;
}

/**
 * Encryption as a service: ciphertexts are `vault:v<N>:<base64>`, N the key version that made
 * them. Every call takes a batch and answers in the same order; one bad item fails the batch.
 */
export interface TransitEngine {
  encrypt(key: string, plaintexts: readonly string[]): Promise<string[]>;
  decrypt(key: string, ciphertexts: readonly string[]): Promise<string[]>;
  /** Makes a new key version: encryption uses it from now on, older versions still decrypt. */
  rotate(key: string): Promise<{ latestVersion: number }>;
  /** Re-encrypts to the newest key version without revealing the plaintexts to the caller. */
  rewrap(key: string, ciphertexts: readonly string[]): Promise<string[]>;
  /** The key's newest version, or null when it does not exist yet (it is made by the first encryption). */
  latestVersion(key: string): Promise<number | null>;
}

/** Time-based one-time passwords (RFC 6238), for service accounts. */
export interface TotpEngine {
  /** Generates a key and answers its `otpauth://` URL (the only time the secret leaves the backend). */
  createKey(name: string, label: { issuer: string; accountName: string }): Promise<{ url: string }>;
  /** Whether `code` is the key's code for now (one period either side); false for an unknown key. */
  validate(name: string, code: string): Promise<boolean>;
  deleteKey(name: string): Promise<void>;
}

/** A database login and the lease it lives under (Vault's database engine, or the embedded engine's own roles). */
export interface DatabaseLease {
  user: string;
  password: string;
  leaseId: string;
  ttlSeconds: number;
  renewable: boolean;
}

/** Short-lived PostgreSQL logins: the pool moves onto each new one, and the one before is revoked. */
export interface DatabaseCredentialsEngine {
  issue(): Promise<DatabaseLease>;
  /** Extends the lease by up to `incrementSeconds`; answers the seconds it has left (capped by the role's max_ttl). */
  renew(leaseId: string, incrementSeconds: number): Promise<{ ttlSeconds: number }>;
  /** Ends the login: its sessions are terminated and the role dropped. */
  revoke(leaseId: string): Promise<void>;
  /** Lets go of what the engine holds of its own (the embedded engine's admin connections). */
  close?(): Promise<void>;
}

/** `sealed`, `standby` and `unreachable` are Vault's; the embedded engine is ok while its database is. */
export type BackendHealth = 'ok' | 'sealed' | 'standby' | 'unreachable';

export interface SecretsBackend {
  kind: 'embedded' | 'vault';
  kv: KvEngine;
  transit: TransitEngine;
  totp: TotpEngine;
  /** Present when dynamic database credentials are configured (VAULT_DB_ROLE; DATABASE_ADMIN_URL embedded). */
  database?: DatabaseCredentialsEngine;
  health(): Promise<BackendHealth>;
}
