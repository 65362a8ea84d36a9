import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { noContent, vaultError, type VaultAnswer, type VaultRequest } from './answers.ts';
import { type AppRole, createAppRoleMount } from './approle.ts';
import { createDatabaseEngine, type DatabaseRecord, type FakeDatabaseOptions } from './database.ts';
import { createKvEngine } from './kv.ts';
import { createTokenStore, type TokenPolicy } from './tokens.ts';
import { createTotpEngine } from './totp.ts';
import { createTransitEngine } from './transit.ts';

/**
 * A Vault server on 127.0.0.1 speaking the HTTP API as documented, for what the secrets module uses:
 * KV v2 at `secret/`, transit at `transit/`, TOTP at `totp/`, AppRole at `auth/approle/` and token auth,
 * `sys/health`, and with `database` the database engine at `database/` with `sys/leases/renew|revoke`
 * (real PostgreSQL roles). As a test against a real Vault sets up its own mounts, `sys/mounts/<path>`
 * enables (POST, `type` kv with `options.version` 2, transit, totp or database) and disables (DELETE,
 * revoking the mount's leases) more engines, `sys/auth/<path>` more AppRole mounts, `sys/policies/acl/<name>`
 * is accepted (policies are not enforced), and `sys/leases/revoke-prefix/<path>` revokes the tokens that
 * path issued. Every call but login and health needs a live `X-Vault-Token` (403 `permission denied`
 * otherwise); a sealed server answers 503 to everything but health. Times follow `now`, so tests move TTLs on.
 */

type VaultState = 'active' | 'standby' | 'sealed';

type Engine = {
  handle(request: VaultRequest): VaultAnswer | Promise<VaultAnswer>;
  close?(): Promise<void>;
};
type DatabaseEngine = ReturnType<typeof createDatabaseEngine>;

/** The engines `sys/mounts` can enable, by the `type` Vault names them with. */
const MOUNTABLE: Record<string, (now: () => number, mount: string, record: DatabaseRecord) => Engine> = {
  kv: createKvEngine,
  transit: createTransitEngine,
  totp: createTotpEngine,
  database: createDatabaseEngine,
};

interface RecordedVaultRequest {
  method: string;
  path: string;
  token?: string;
  namespace?: string;
}

export interface FakeVaultOptions {
  now?: () => number;
  /** The token tests and VAULT_TOKEN use; never expires unless a policy says otherwise. */
  rootToken?: TokenPolicy;
  appRole?: AppRole;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
  /** The port on 127.0.0.1 (0, the default: a free one). */
  port?: number;
  /** Enables the database engine at `database/`: its admin connection and roles. */
  database?: FakeDatabaseOptions;
}

export interface FakeVault {
  url: string;
  rootToken: string;
  requests: RecordedVaultRequest[];
  setState(state: VaultState): void;
  /** The next request (health included) gets this answer instead, e.g. a 500 to see the client retry. */
  failNext(status: number, ...errors: string[]): void;
  /** Every token stops working (revoked, or lost with a restart of Vault's storage). */
  revokeTokens(): void;
  /** Makes a token with the policy given (a short TTL for renewal tests). */
  issueToken(policy: TokenPolicy): string;
  /** The database roles revoked so far (expired or revoked leases), oldest first. */
  revokedDatabaseUsers: readonly string[];
  /** The passwords of every database login handed out. */
  databasePasswords: readonly string[];
  close(): Promise<void>;
}

/** The longest mount a path is under, as Vault's router picks it. */
const mountOf = (mounts: Record<string, unknown>, path: string) =>
  Object.keys(mounts)
    .filter((name) => path.startsWith(`${name}/`))
    .sort((a, b) => b.length - a.length)[0];

const healthBody = (state: VaultState) => ({
  initialized: true,
  sealed: state === 'sealed',
  standby: state === 'standby',
  performance_standby: false,
  replication_performance_mode: 'disabled',
  replication_dr_mode: 'disabled',
  server_time_utc: Math.floor(Date.now() / 1000),
  version: '1.17.0',
  cluster_name: 'fake-vault',
});

/** sys/health's documented status codes: 200 active, 429 standby, 503 sealed. */
const HEALTH_STATUS: Record<VaultState, number> = { active: 200, standby: 429, sealed: 503 };

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? parsed : null;
  } catch {
    return null;
  }
}

function send(res: ServerResponse, { status, body }: VaultAnswer) {
  if (body === undefined) return void res.writeHead(status).end();
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function startFakeVault(options: FakeVaultOptions = {}): Promise<FakeVault> {
  const now = options.now ?? Date.now;
  const tokens = createTokenStore(now);
  const record: DatabaseRecord = { revoked: [], passwords: [] };
  const engines: Record<string, Engine> = {
    secret: createKvEngine(now),
    transit: createTransitEngine(now),
    totp: createTotpEngine(now),
    ...(options.database && { database: createDatabaseEngine(now, 'database', record, options.database) }),
  };
  const appRoles: Record<string, ReturnType<typeof createAppRoleMount>> = {
    approle: createAppRoleMount('approle', tokens, options.appRole),
  };
  const databases = () => Object.values(engines).filter((engine): engine is DatabaseEngine => 'handleLeases' in engine);
  const rootPolicy = options.rootToken ?? { ttlSeconds: 0, renewable: false };
  let rootToken = tokens.issue(rootPolicy, 'hvs.fake-root-token');
  let state: VaultState = 'active';
  const requests: RecordedVaultRequest[] = [];
  const failures: VaultAnswer[] = [];

  async function answer(req: IncomingMessage): Promise<VaultAnswer> {
    const url = new URL(req.url ?? '/', 'http://vault');
    const method = req.method === 'PUT' ? 'POST' : (req.method ?? 'GET');
    const token = req.headers['x-vault-token'] as string | undefined;
    const namespace = req.headers['x-vault-namespace'] as string | undefined;
    const path = url.pathname.replace(/^\/v1\//, '');
    requests.push({ method, path, ...(token && { token }), ...(namespace && { namespace }) });
    const failure = failures.shift();
    if (failure) return failure;
    if (path === 'sys/health') return { status: HEALTH_STATUS[state], body: healthBody(state) };
    if (state === 'sealed') return vaultError(503, 'Vault is sealed');
    const body = await readJson(req);
    if (body === null) return vaultError(400, 'failed to parse JSON input');
    const below = (prefix: string) => ({ method, path: path.slice(prefix.length + 1), query: url.searchParams, body });
    if (path.startsWith('auth/token/')) return tokens.handle(below('auth/token'), token);
    if (path.startsWith('auth/')) {
      const mount = mountOf(appRoles, path.slice('auth/'.length));
      if (!mount) return vaultError(404, `no handler for route "${path}". route entry not found.`);
      return appRoles[mount]!.handle(below(`auth/${mount}`), token);
    }
    if (!tokens.alive(token)) return vaultError(403, 'permission denied');
    if (path.startsWith('sys/leases/revoke-prefix/')) {
      tokens.revokePrefix(path.slice('sys/leases/revoke-prefix/'.length));
      return noContent;
    }
    if (path === 'sys/leases/renew' || path === 'sys/leases/revoke') {
      const engine = databases().find((d) => d.owns(String(body.lease_id ?? '')));
      if (engine) return engine.handleLeases(below('sys/leases'));
      return path.endsWith('renew') ? vaultError(400, 'lease not found or lease is not renewable') : noContent;
    }
    if (path.startsWith('sys/mounts/')) return mounts(method, path.slice('sys/mounts/'.length), body);
    if (path.startsWith('sys/auth/')) return authMounts(method, path.slice('sys/auth/'.length), body);
    if (path.startsWith('sys/policies/acl/')) return method === 'GET' ? vaultError(404) : noContent;
    const mount = mountOf(engines, path);
    if (!mount) return vaultError(404, `no handler for route "${path}". route entry not found.`);
    return engines[mount]!.handle(below(mount));
  }

  function authMounts(method: string, mount: string, body: Record<string, unknown>): VaultAnswer {
    if (method === 'DELETE') {
      delete appRoles[mount];
      tokens.revokePrefix(`auth/${mount}`);
      return noContent;
    }
    if (method !== 'POST') return vaultError(405);
    if (appRoles[mount] || mount === 'token') return vaultError(400, `path is already in use at ${mount}/`);
    if (body.type !== 'approle') return vaultError(400, `this fake enables approle only, not ${String(body.type)}`);
    appRoles[mount] = createAppRoleMount(mount, tokens);
    return noContent;
  }

  async function mounts(method: string, mount: string, body: Record<string, unknown>): Promise<VaultAnswer> {
    if (method === 'DELETE') {
      const engine = engines[mount];
      delete engines[mount];
      await engine?.close?.();
      return noContent;
    }
    if (method !== 'POST') return vaultError(405);
    if (engines[mount]) return vaultError(400, `path is already in use at ${mount}/`);
    const options = body.options as { version?: string } | undefined;
    const make = MOUNTABLE[String(body.type)];
    if (!make || (body.type === 'kv' && options?.version !== '2'))
      return vaultError(
        400,
        `plugin not found in the catalog: ${String(body.type)} (this fake mounts kv v2, transit, totp, database)`,
      );
    engines[mount] = make(now, mount, record);
    return noContent;
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    answer(req).then(
      (result) => send(res, result),
      (err) => send(res, vaultError(500, String(err))),
    );
  };
  const server = options.tls ? createHttpsServer(options.tls, listener) : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject); // a port taken
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    get rootToken() {
      return rootToken;
    },
    requests,
    setState(next) {
      state = next;
    },
    failNext: (status, ...errors) => void failures.push(vaultError(status, ...errors)),
    revokeTokens() {
      tokens.revokeAll();
      rootToken = tokens.issue(rootPolicy, `hvs.fake-root-token-${requests.length}`);
    },
    issueToken: (policy) => tokens.issue(policy),
    revokedDatabaseUsers: record.revoked,
    databasePasswords: record.passwords,
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      });
      for (const engine of Object.values(engines)) await engine.close?.();
    },
  };
}
