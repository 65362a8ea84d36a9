import { z } from 'zod';
import type { Config } from '../../../core/config.ts';
import type { Clock } from '../../../core/clock.ts';
import type { Logger } from '../../../core/logger.ts';
import { ConflictError, InvalidArgumentError, UpstreamError } from '../../../core/domainErrors.ts';
import type { BackendHealth, DatabaseCredentialsEngine, KvMetadata, SecretData, SecretsBackend } from '../backend.ts';
import { checkedPath } from '../secretPath.ts';
import {
  databaseCredsAnswer,
  decryptAnswer,
  encryptAnswer,
  healthAnswer,
  kvMetadataAnswer,
  leaseRenewAnswer,
  kvReadAnswer,
  kvWriteAnswer,
  totpCodeAnswer,
  totpKeyAnswer,
  transitKeyAnswer,
} from './schemas.ts';
import { createVaultHttp, VaultStatusError, type VaultConfig } from './vaultHttp.ts';
import { createVaultSession, type VaultAuthConfig, type VaultSession } from './vaultSession.ts';

type VaultBackendConfig = VaultConfig &
  VaultAuthConfig &
  Pick<
    Config,
    | 'VAULT_KV_MOUNT'
    | 'VAULT_PATH_PREFIX'
    | 'VAULT_TOTP_MOUNT'
    | 'VAULT_TRANSIT_MOUNT'
    | 'VAULT_DB_MOUNT'
    | 'VAULT_DB_ROLE'
  >;

const TOTP_PERIOD_SECONDS = 30;

/** A batch with a failed item answers 200 with each item's error (Vault 1.13 on), so the failure names its item. */
const PER_ITEM_ERRORS = { partial_failure_response_code: 200 };

/** Vault writes "zero time" for a version never deleted. */
const timeOrNull = (time: string) => (time && !time.startsWith('0001-01-01') ? time : null);

/** Vault takes plaintexts in base64; the platform's are UTF-8 text. */
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const utf8 = (encoded: string) => Buffer.from(encoded, 'base64').toString('utf8');

/** Each batch item's result, or the first item's error naming its position (no plaintext or ciphertext in it). */
function results<Item extends object>(batch: ReadonlyArray<Item | { error: string }>, what: string): Item[] {
  const failed = batch.findIndex((item) => 'error' in item);
  if (failed >= 0)
    throw new InvalidArgumentError((batch[failed] as { error: string }).error, { field: `${what}[${failed}]` });
  return batch as Item[];
}

/** A 400 from transit is about what was sent (a malformed or foreign ciphertext). */
function refusedAs<T>(field: string) {
  return (err: unknown): T => {
    if (err instanceof VaultStatusError && err.status === 400)
      throw new InvalidArgumentError(err.errors.join('; ') || 'refused by Vault', { field });
    throw err;
  };
}

export interface VaultBackendOptions {
  /**
   * Whether an outage is logged (at most once a minute per kind) as well as thrown; true unless said. A node goes on
   * and tells its clients no more than 503, so its log is where the operator reads Vault's address and what the
   * connection met. A read whose failure ends the process with a line saying just that (the database URL at start,
   * a command of the CLI) only throws: said twice, the outage reads as two.
   */
  logOutages?: boolean;
}

/** Vault's KV v2, transit and TOTP engines over its HTTP API, with the node's own token (vaultSession.ts). */
export function createVaultBackend(
  config: VaultBackendConfig,
  clock: Clock,
  logger: Logger,
  { logOutages = true }: VaultBackendOptions = {},
): SecretsBackend {
  const http = createVaultHttp(config, clock, logOutages ? logger : undefined);
  const vault = createVaultSession(http, config, clock, logger);
  const kvPath = (path: string) =>
    config.VAULT_PATH_PREFIX ? `${config.VAULT_PATH_PREFIX}/${checkedPath(path)}` : checkedPath(path);
  const kv = config.VAULT_KV_MOUNT;
  const transit = config.VAULT_TRANSIT_MOUNT;
  const totp = config.VAULT_TOTP_MOUNT;
  const latestVersion = async (key: string) =>
    (await vault.request('GET', `${transit}/keys/${key}`, transitKeyAnswer))?.data.latest_version ?? null;

  return {
    kind: 'vault',
    kv: {
      async get(path, version) {
        const query = version === undefined ? '' : `?version=${version}`;
        const answer = await vault.request('GET', `${kv}/data/${kvPath(path)}${query}`, kvReadAnswer);
        if (!answer?.data.data) return null;
        const data = Object.fromEntries(
          Object.entries(answer.data.data).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
        ) as SecretData;
        return { data, version: answer.data.metadata.version, createdAt: answer.data.metadata.created_time };
      },
      async put(path, data, options = {}) {
        const body = { data, ...(options.cas !== undefined && { options: { cas: options.cas } }) };
        const answer = await vault.request('POST', `${kv}/data/${kvPath(path)}`, kvWriteAnswer, body).catch((err) => {
          // A check-and-set that lost: someone else wrote first.
          if (err instanceof VaultStatusError && err.status === 400 && options.cas !== undefined)
            throw new ConflictError(`${path} is no longer at version ${options.cas}`, { field: 'cas' });
          throw err;
        });
        if (!answer) throw new UpstreamError('secrets_unavailable', `Vault has no KV v2 engine at ${kv}/`);
        return { version: answer.data.version };
      },
      async metadata(path) {
        const answer = await vault.request('GET', `${kv}/metadata/${kvPath(path)}`, kvMetadataAnswer);
        if (!answer) return null;
        const { data } = answer;
        const versions = Object.entries(data.versions)
          .map(([version, v]) => ({
            version: Number(version),
            createdAt: v.created_time,
            deletedAt: timeOrNull(v.deletion_time),
            destroyed: v.destroyed,
          }))
          .sort((a, b) => a.version - b.version);
        return {
          currentVersion: data.current_version,
          createdAt: data.created_time,
          updatedAt: data.updated_time,
          versions,
        } satisfies KvMetadata;
      },
    },
    transit: {
      async encrypt(key, plaintexts) {
        const body = { batch_input: plaintexts.map((text) => ({ plaintext: base64(text) })), ...PER_ITEM_ERRORS };
        const answer = await vault.request('POST', `${transit}/encrypt/${key}`, encryptAnswer, body);
        if (!answer) throw new UpstreamError('secrets_unavailable', `Vault has no transit engine at ${transit}/`);
        return results(answer.data.batch_results, 'plaintexts').map((r) => r.ciphertext);
      },
      async decrypt(key, ciphertexts) {
        const body = { batch_input: ciphertexts.map((ciphertext) => ({ ciphertext })), ...PER_ITEM_ERRORS };
        const answer = await vault
          .request('POST', `${transit}/decrypt/${key}`, decryptAnswer, body)
          .catch(refusedAs<null>('ciphertexts'));
        if (!answer) throw new InvalidArgumentError(`no transit key ${key}`, { field: 'key' });
        return results(answer.data.batch_results, 'ciphertexts').map((r) => utf8(r.plaintext));
      },
      async rotate(key) {
        // A fresh Vault has no key until a node's first encryption makes it, and refuses to rotate one it lacks
        // ("key not found"): rotating makes it then (version 1, Vault's default type), as the embedded engine does.
        // Vault answers with the key (1.12 on) or 204 (before): the version is read either way.
        const made = (await latestVersion(key)) === null;
        await vault.request('POST', `${transit}/keys/${key}${made ? '' : '/rotate'}`, z.unknown(), {});
        const latest = await latestVersion(key);
        if (latest === null) throw new InvalidArgumentError(`no transit key ${key}`, { field: 'key' });
        return { latestVersion: latest };
      },
      async rewrap(key, ciphertexts) {
        const body = { batch_input: ciphertexts.map((ciphertext) => ({ ciphertext })), ...PER_ITEM_ERRORS };
        const answer = await vault
          .request('POST', `${transit}/rewrap/${key}`, encryptAnswer, body)
          .catch(refusedAs<null>('ciphertexts'));
        if (!answer) throw new InvalidArgumentError(`no transit key ${key}`, { field: 'key' });
        return results(answer.data.batch_results, 'ciphertexts').map((r) => r.ciphertext);
      },
      latestVersion,
    },
    totp: {
      async createKey(name, label) {
        const body = {
          generate: true,
          exported: true,
          issuer: label.issuer,
          account_name: label.accountName,
          period: TOTP_PERIOD_SECONDS,
        };
        const answer = await vault.request('POST', `${totp}/keys/${name}`, totpKeyAnswer, body);
        if (!answer) throw new UpstreamError('secrets_unavailable', `Vault has no TOTP engine at ${totp}/`);
        return { url: answer.data.url };
      },
      async validate(name, code) {
        // Vault answers 400 for a code already used and for an unknown key: for a caller, both are a wrong code.
        const answer = await vault
          .request('POST', `${totp}/code/${name}`, totpCodeAnswer, { code })
          .catch((err: unknown) => {
            if (err instanceof VaultStatusError && err.status === 400) return null;
            throw err;
          });
        return answer?.data.valid ?? false;
      },
      async deleteKey(name) {
        await vault.request('DELETE', `${totp}/keys/${name}`, z.unknown());
      },
    },
    ...(config.VAULT_DB_ROLE && { database: vaultDatabase(vault, config.VAULT_DB_MOUNT, config.VAULT_DB_ROLE) }),
    async health(): Promise<BackendHealth> {
      try {
        const { body } = await http.raw('sys/health');
        const state = healthAnswer.safeParse(body);
        if (!state.success) return 'unreachable';
        if (state.data.sealed || !state.data.initialized) return 'sealed';
        return state.data.standby ? 'standby' : 'ok';
      } catch {
        return 'unreachable';
      }
    },
  };
}

/** Vault's database engine: `<mount>/creds/<role>` issues a login under a lease, `sys/leases/*` renews and revokes it. */
function vaultDatabase(vault: VaultSession, mount: string, role: string): DatabaseCredentialsEngine {
  return {
    async issue() {
      const answer = await vault.request('GET', `${mount}/creds/${role}`, databaseCredsAnswer);
      if (!answer) throw new UpstreamError('secrets_unavailable', `Vault has no database role ${role} at ${mount}/`);
      return {
        user: answer.data.username,
        password: answer.data.password,
        leaseId: answer.lease_id,
        ttlSeconds: answer.lease_duration,
        renewable: answer.renewable,
      };
    },
    async renew(leaseId, incrementSeconds) {
      const body = { lease_id: leaseId, increment: incrementSeconds };
      const answer = await vault.request('PUT', 'sys/leases/renew', leaseRenewAnswer, body);
      if (!answer) throw new UpstreamError('secrets_unavailable', 'Vault has no lease renewal (sys/leases/renew)');
      return { ttlSeconds: answer.lease_duration };
    },
    async revoke(leaseId) {
      await vault.request('PUT', 'sys/leases/revoke', z.unknown(), { lease_id: leaseId });
    },
  };
}
