import type { AppContext } from '../../core/context.ts';
import { systemClock, type Clock } from '../../core/clock.ts';
import { UpstreamError } from '../../core/domainErrors.ts';
import { durationSeconds } from '../../core/duration.ts';
import { createLogThrottle } from '../../core/logThrottle.ts';
import { defineModule, type FaceOf } from '../../core/module.ts';
import { StartupError } from '../../core/startupFailure.ts';
import type { SecretsBackend } from './backend.ts';
import { createCipher, type TextCipher } from './cipher.ts';
import { createDatabaseLogins } from './databaseLogins.ts';
import { followDatabaseUrl } from './databaseUrl.ts';
import { rotateJwtKeys } from './jwtRotation.ts';
import { platformRotations } from './platformRotations.ts';
import { createRotationLog } from './rotationLog.ts';
import { startRotationSchedule } from './rotationSchedule.ts';
import { createEmbeddedBackend } from './embedded/embeddedBackend.ts';
import { secretsHealth } from './health.ts';
import { createPlatformSecrets } from './platformSecrets.ts';
import { tokenRoutes } from './routes.ts';
import { createServiceAccounts } from './serviceAccounts.ts';
import { type CiphertextStore, resealStores } from './storedCiphertexts.ts';
import { secretsMigrations } from './table.ts';
import { createVaultBackend, type VaultBackendOptions } from './vault/vaultBackend.ts';
import { VaultStatusError } from './vault/vaultHttp.ts';
import { failureDetail, SecretsUnavailableError } from './vault/secretsUnavailable.ts';
import { errorText } from '../../core/logger.ts';

/** The issuer authenticator apps show beside a service account's codes. */
const TOTP_ISSUER = 'AlphaNest';

function openBackend(ctx: AppContext, clock: Clock, options: VaultBackendOptions): SecretsBackend {
  return ctx.config.secretsBackend === 'vault'
    ? createVaultBackend(ctx.config, clock, ctx.logger, options)
    : createEmbeddedBackend(ctx.db, ctx.config, clock);
}

/**
 * Secrets: the backend (Vault or the embedded engine), what the platform reads from it (the `jwt` key
 * pair, `openai` credentials), re-read every SECRETS_REFRESH_SECONDS so a new version applies without a
 * restart, and the TOTP service accounts with their token exchange. Built first, so every module may
 * read secrets through this face. A command of the CLI, which ends with a line saying what stopped it, opens it
 * with `logOutages: false` (vaultBackend.ts).
 */
export function createSecretsModule(ctx: AppContext, clock: Clock = systemClock, options: VaultBackendOptions = {}) {
  const { config, logger } = ctx;
  const backend = openBackend(ctx, clock, options);
  const platformSecrets = createPlatformSecrets(backend.kv, ctx.auth, config, logger);
  const serviceAccounts = createServiceAccounts(ctx.db, backend.totp, ctx.auth, {
    issuer: TOTP_ISSUER,
    tokenTtlSeconds: config.serviceTokenTtlSeconds,
    now: () => clock.now(),
  });
  const { database } = backend;
  const rotations = createRotationLog(ctx.db);
  const databaseLogins =
    database &&
    createDatabaseLogins(database, ctx.db, clock, logger, {
      rotateEveryMs: durationSeconds(config.ROTATE_DB_EVERY)! * 1000,
      drainMs: config.DATABASE_DRAIN_TIMEOUT_MS,
      onLease: ({ user, expiresAt }) =>
        rotations
          .record('db', { scope: ctx.leases.holder, detail: user, expiresAt })
          .catch((err: Error) => logger.warn({ err: errorText(err) }, 'secrets: recording the database login failed')),
    });
  // The context read the URL from Vault (DATABASE_URL was not set): a new version moves the pool too. Neither this
  // nor a login rotation waits for the old connections to drain, so a long transaction never delays a refresh.
  const { useUrl } = ctx.db;
  const refreshDatabaseUrl =
    backend.kind === 'vault' && !config.DATABASE_URL && config.databaseUrl && useUrl
      ? followDatabaseUrl(backend.kv, { useUrl: useUrl.bind(ctx.db) }, config.databaseUrl, config, logger)
      : async () => {};
  const cipher = createCipher(backend.transit, config.VAULT_TRANSIT_KEY);
  const ciphertextStores: CiphertextStore[] = [];
  const throttle = createLogThrottle(60_000, () => clock.now());
  let refreshing: Promise<void> | undefined;

  /** `secrets rotate db` asks every node for a new database login, through the database: after this one's? */
  async function rotateLoginIfAsked() {
    const issued = databaseLogins?.status()?.issued_at;
    if (!issued) return;
    const asked = await rotations.last('db_requested');
    if (asked && asked.getTime() > Date.parse(issued)) await databaseLogins!.rotate();
  }

  /** A refresh on the timer: one at a time; a failure keeps what the node holds and is logged once a minute. */
  const refresh = () =>
    (refreshing ??= Promise.all([platformSecrets.refresh(), rotateLoginIfAsked(), refreshDatabaseUrl()])
      .then(() => {})
      .catch((err: Error) => {
        // Keyed on the detail, not the message every outage shares: a change from sealed to unreachable is logged.
        const detail = failureDetail(err);
        const admitted = throttle.admit(detail);
        if (admitted)
          logger.warn(
            { err: detail, backend: backend.kind, suppressed: admitted.suppressed },
            'secrets: refresh failed; the values held stay in use',
          );
      })
      .finally(() => (refreshing = undefined)));

  const face = {
    backend,
    /** The transit key the platform encrypts with (VAULT_TRANSIT_KEY). */
    transitKey: config.VAULT_TRANSIT_KEY,
    serviceAccounts,
    /** Encryption at rest for other modules' values, under VAULT_TRANSIT_KEY (see cipher.ts). */
    cipher: { encrypt: cipher.encrypt, decrypt: cipher.decrypt } satisfies TextCipher,
    /** Adds a module's stored ciphertexts to what `resealStored` (`secrets rewrap`) walks. */
    storesCiphertexts(store: CiphertextStore) {
      ciphertextStores.push(store);
    },
    /** Re-encrypts every registered store's values to the transit key's newest version, page by page, under traffic. */
    resealStored: () =>
      resealStores(ciphertextStores, backend.transit, config.VAULT_TRANSIT_KEY, cipher.reseal, logger),
    /** The OpenAI-compatible credentials to use now: the environment's over the store's `openai`. */
    openai: platformSecrets.openai,
    /** The news sources' credentials: X_BEARER_TOKEN and CRYPTOPANIC_TOKEN over the store's `x` and `cryptopanic`. */
    sourceCredentials: platformSecrets.sources,
    /** The market data's CoinGecko key: COINGECKO_API_KEY over the store's `coingecko`, read by every request. */
    coingeckoApiKey: platformSecrets.coingeckoApiKey,
    /** A ccxt exchange's credentials from the store's `exchanges/<id>`, for the exchanges EXCHANGES names. */
    exchangeCredentials: platformSecrets.exchangeCredentials,
    /** Reads the platform's secrets now rather than at the next tick (tests, `secrets put` in process). */
    refresh,
    gatewayRoutes: [{ plugin: tokenRoutes(serviceAccounts, ctx.auth) }],
    healthProbes: { secrets: () => secretsHealth(backend) },
    /** The pool's dynamic database login (VAULT_DB_ROLE; DATABASE_ADMIN_URL embedded), when there is one. */
    databaseLogins,
    /** The last rotation of each kind, and each node's database login with its lease's end (`secrets status`). */
    rotations: () => rotations.list(),
    /** `secrets rotate jwt`: a new key pair as the next `jwt` version; nodes sign with it from their next refresh. */
    async rotateJwt() {
      const version = await rotateJwtKeys(backend.kv);
      await rotations.record('jwt', { detail: `jwt version ${version}` });
      return version;
    },
    /** `secrets rotate transit`: a new version of the transit key, recorded for the schedule. */
    async rotateTransit() {
      const { latestVersion } = await backend.transit.rotate(config.VAULT_TRANSIT_KEY);
      await rotations.record('transit', { detail: `${config.VAULT_TRANSIT_KEY} version ${latestVersion}` });
      return latestVersion;
    },
    /** `secrets rotate db`: every node replaces its database login at its next refresh. */
    requestLoginRotation: () => rotations.record('db_requested', { detail: 'asked' }),
    async prepare() {
      if (database?.close) ctx.onClose(() => database.close!());
      if (databaseLogins) {
        // Registered after the database: it revokes the login before the pool closes.
        await databaseLogins.start().catch((err: Error) => {
          throw new StartupError(`dynamic database credentials (${backend.kind}): ${err.message}`);
        });
        ctx.onClose(() => databaseLogins.stop());
      }
      try {
        await platformSecrets.refresh();
      } catch (err) {
        // Out of reach at start: the environment's values serve until it answers. Anything else
        // (a refused token, a master key that opens nothing) is a configuration to fix.
        if (
          !(
            err instanceof SecretsUnavailableError ||
            (err instanceof UpstreamError && !(err instanceof VaultStatusError))
          )
        )
          throw new StartupError(`secrets store (${backend.kind}): ${(err as Error).message}`);
        logger.warn(
          { err: failureDetail(err) },
          'secrets: the store is out of reach at start; reading it again every refresh',
        );
      }
      if (!ctx.auth.canVerify)
        throw new StartupError(
          'JWT_PUBLIC_FILE: required in production unless Vault holds the key pair (jwt: public_key, private_key)',
        );
      const stop = clock.every(config.SECRETS_REFRESH_SECONDS * 1000, () => void refresh());
      ctx.onClose(stop);
    },
    // A worker, so it runs where the platform's background work runs (the agents worker, `npm start`), one node at
    // a time, and never in a CLI command or the stdio MCP server that builds the platform for a moment.
    workers: [
      {
        name: 'secrets-rotation',
        async start() {
          const schedule = platformRotations(backend, config, { resealStored: face.resealStored, refresh }, clock);
          return startRotationSchedule(ctx.leases, schedule, rotations, clock, logger);
        },
      },
    ],
  };
  return face;
}

export const secretsModule = defineModule({
  name: 'secrets',
  migrations: secretsMigrations,
  create: (ctx) => createSecretsModule(ctx),
});

export type SecretsModule = FaceOf<typeof secretsModule>;
export type { ExchangeCredentials, OpenAiCredentials, SourceCredentials } from './platformSecrets.ts';
export { devKeyGraceSeconds, storedJwtKeys } from './platformSecrets.ts';
export { databaseUrlFromVault, holdsDatabaseSecret } from './databaseUrl.ts';
export { SecretsUnavailableError } from './vault/secretsUnavailable.ts';
export { rotateJwtKeys } from './jwtRotation.ts';
export { JWT_FIELDS, JwtSecretError, jwtSecretProblems } from './jwtSecret.ts';
export type { SecretsBackend } from './backend.ts';
export type { TextCipher } from './cipher.ts';
export type { CiphertextStore } from './storedCiphertexts.ts';
export { accountName } from './accountName.ts';
export { isSecretPath } from './secretPath.ts';
export { fieldNameProblem } from './fieldName.ts';
export { envFileText, isMeshSecret, meshVariables } from './meshSecrets.ts';
export { isCiphertext } from './transitFormat.ts';
