import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { text } from 'node:stream/consumers';
import { renderUnicodeCompact } from 'uqr';
import type { Config } from '../core/config.ts';
import type { SecretsBackend, SecretsModule } from '../modules/secrets/index.ts';
import { agentsOption } from './agentsOption.ts';
import { type Command, UsageError } from './command.ts';
import { withPlatform } from './withPlatform.ts';

/**
 * The secrets module alone on a context, with its own and the leases' migrations applied, without the rest of the
 * platform or its refresher (nor loading it: `alphanest token` opens the store too). Logs go to stderr: stdout
 * carries only the result. With the embedded backend on PGlite it needs DATA_DIR to itself, like every command that
 * opens the embedded database. A Vault outage is not logged: the command ends with a line that says it (main.ts).
 * The store uses neither the bus nor the cache, so the context gets the in-process ones whatever RABBIT_URL and
 * CACHE_URL say: a command opens no RabbitMQ or Redis connection, and does not wait on one that is down.
 */
export async function withSecrets<T>(config: Config, run: (secrets: SecretsModule) => Promise<T>): Promise<T> {
  const [
    { createContext },
    { createLogger },
    { ModuleList },
    { leaseTables },
    { createSecretsModule, databaseUrlFromVault, secretsModule },
    { systemClock },
  ] = await Promise.all([
    import('../core/context.ts'),
    import('../core/logger.ts'),
    import('../core/module.ts'),
    import('../core/lease/table.ts'),
    import('../modules/secrets/index.ts'),
    import('../core/clock.ts'),
  ]);
  const storeOnly = { ...config, RABBIT_URL: undefined, CACHE_URL: undefined, SLAVE_CACHE_URL: undefined };
  const ctx = await createContext(storeOnly, {
    logger: createLogger(config, process.stderr),
    migrations: new ModuleList().add(leaseTables).add(secretsModule).migrations(),
    databaseUrlFromStore: databaseUrlFromVault,
  });
  try {
    return await run(createSecretsModule(ctx, systemClock, { logOutages: false }));
  } finally {
    await ctx.close();
  }
}

async function secretPath(path: string | undefined): Promise<string> {
  const { isSecretPath } = await import('../modules/secrets/index.ts');
  if (!path || !isSecretPath(path)) throw new UsageError('PATH must look like jwt or exchanges/binance');
  return path;
}

/**
 * The fields of `put`, `key=value` or `key=@file` for a value held in a file (a PEM key): the values never echoed
 * anywhere. Each key a name the secrets module accepts (fieldName.ts), and given once (a second would silently win).
 */
async function fields(pairs: readonly string[]): Promise<Record<string, string>> {
  const { fieldNameProblem } = await import('../modules/secrets/index.ts');
  const data = new Map<string, string>();
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    // Without a name the argument may be a value typed alone (a key, a token): it is not echoed either.
    if (at < 1)
      throw new UsageError(
        `${at === 0 ? 'a field without a name' : 'an argument without ='}: give fields as key=value (or key=@file)`,
      );
    const key = pair.slice(0, at);
    const problem = fieldNameProblem(key);
    // JSON-quoted: a control character in a name is shown escaped, never written to the terminal as it is.
    if (problem) throw new UsageError(`${JSON.stringify(key.slice(0, 80))}: ${problem}`);
    if (data.has(key)) throw new UsageError(`${key}: given twice; give each field once`);
    data.set(key, fieldValue(key, pair.slice(at + 1)));
  }
  return Object.fromEntries(data);
}

function fieldValue(key: string, value: string): string {
  if (!value.startsWith('@')) return value;
  try {
    return readFileSync(value.slice(1), 'utf8');
  } catch (err) {
    throw new UsageError(`${key}: cannot read ${value.slice(1)} (${(err as NodeJS.ErrnoException).code})`);
  }
}

/**
 * Vault's engines alone, without the database: KV and transit talk to Vault only. An outage ends the command with
 * its line (main.ts), so it is not logged too.
 */
async function vaultAlone(config: Config): Promise<SecretsBackend> {
  const [{ createVaultBackend }, { createLogger }, { systemClock }] = await Promise.all([
    import('../modules/secrets/vault/vaultBackend.ts'),
    import('../core/logger.ts'),
    import('../core/clock.ts'),
  ]);
  return createVaultBackend(config, systemClock, createLogger(config, process.stderr), { logOutages: false });
}

/**
 * Runs `run` on the store's KV and transit engines: with Vault straight on it, without opening the database, so
 * an operator can put the `database` secret itself (or fix a malformed one) with the CLI, and the deployment
 * tooling read a mesh secret before the network that reaches the database is up; with the embedded backend on
 * the store in the database.
 */
async function withEngines<T>(config: Config, run: (backend: SecretsBackend) => Promise<T>): Promise<T> {
  if (config.secretsBackend !== 'vault') return withSecrets(config, (s) => run(s.backend));
  return run(await vaultAlone(config));
}

/**
 * What uses the database where there is one (service accounts, the rotation log), and does without it where
 * there is none yet: Vault without DATABASE_URL, holding no `database` (or `supabase`) secret. `vaultOnly` is told
 * why. With `outageIsNoDatabase` (`status`, which must report a sealed Vault rather than stop on it), Vault sealed or
 * out of reach is such a reason too: the database URL it holds cannot be read.
 */
async function withSecretsOrVault<T, U>(
  config: Config,
  withDatabase: (secrets: SecretsModule) => Promise<T>,
  vaultOnly: (backend: SecretsBackend, why: string) => Promise<U>,
  { outageIsNoDatabase = false } = {},
): Promise<T | U> {
  if (config.secretsBackend === 'vault' && !config.DATABASE_URL) {
    const { holdsDatabaseSecret, SecretsUnavailableError } = await import('../modules/secrets/index.ts');
    const backend = await vaultAlone(config);
    let held: boolean;
    try {
      held = await holdsDatabaseSecret(backend.kv);
    } catch (err) {
      if (!(outageIsNoDatabase && err instanceof SecretsUnavailableError)) throw err;
      return vaultOnly(backend, `DATABASE_URL is unset and the database secret cannot be read: ${err.detail}`);
    }
    if (!held) return vaultOnly(backend, NO_DATABASE);
  }
  return withSecrets(config, withDatabase);
}

/** Said where the database is not known yet, so what lives in it is not read or written. */
const NO_DATABASE = 'DATABASE_URL is unset and Vault holds no database secret';

/**
 * Writes `text` to `path` readable by its owner alone (mode 0600), replacing the file whole: it is never readable by
 * others, even for a moment, and a reader never sees half of it.
 */
function writePrivateFile(path: string, text: string) {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}`);
  try {
    writeFileSync(temp, text, { mode: 0o600, flag: 'wx' });
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new UsageError(`--out: cannot write ${path} (${(err as NodeJS.ErrnoException).code})`);
  }
}

const SECRETS_USAGE =
  'get PATH [--version N] | put PATH key=value… | env tailscale|zerotier --out FILE [--only VARIABLE] | status | ' +
  'rotate transit|jwt|db | rewrap [CIPHERTEXT… | -]';

export const secretsCommands: Record<string, Command> = {
  secrets: {
    usage: SECRETS_USAGE,
    summary:
      'read and write the secrets store, its status, rotate the transit key, rewrap ciphertexts, hand the mesh keys to the deployment tooling',
    options: { version: { type: 'string' }, out: { type: 'string' }, only: { type: 'string' } },
    async run({ positionals, values, config }) {
      const [action, ...args] = positionals;
      if (action === 'get' && args.length === 1) {
        const path = await secretPath(args[0]);
        const version = values.version === undefined ? undefined : Number(values.version);
        if (version !== undefined && !(Number.isInteger(version) && version > 0))
          throw new UsageError('--version must be a whole number from 1');
        const secret = await withEngines(config(), (backend) => backend.kv.get(path, version));
        if (!secret) {
          process.stderr.write(`alphanest: ${path}${version ? ` version ${version}` : ''}: no such secret\n`);
          return 1;
        }
        process.stdout.write(
          `${JSON.stringify({ path, version: secret.version, created_at: secret.createdAt, data: secret.data })}\n`,
        );
        return;
      }
      if (action === 'put' && args.length === 1)
        throw new UsageError(`put ${args[0]}: give the fields to write as key=value (or key=@file), one or more`);
      if (action === 'put' && args.length >= 2) {
        const path = await secretPath(args[0]);
        const data = await fields(args.slice(1));
        if (path === 'jwt') {
          // The nodes would refuse a malformed pair and keep the one in use, and `token` could not sign: refused here.
          const { JWT_FIELDS, jwtSecretProblems } = await import('../modules/secrets/index.ts');
          const problems = [
            ...Object.keys(data)
              .filter((key) => !(JWT_FIELDS as readonly string[]).includes(key))
              .map((key) => `field ${key} is not one of jwt's (${JWT_FIELDS.join(', ')})`),
            ...jwtSecretProblems(data),
          ];
          if (problems.length) {
            process.stderr.write(`alphanest: jwt: nothing written: ${problems.join('; ')}\n`);
            return 1;
          }
        }
        const { version } = await withEngines(config(), (backend) => backend.kv.put(path, data));
        process.stdout.write(`${path}: version ${version} written (${Object.keys(data).join(', ')})\n`);
        return;
      }
      if (action === 'env') {
        // The mesh networks' secrets for the deployment tooling: into a file of mode 0600, never onto stdout.
        const [name] = args;
        const { envFileText, isMeshSecret, meshVariables } = await import('../modules/secrets/index.ts');
        if (args.length !== 1 || !isMeshSecret(name)) throw new UsageError('env takes one of: tailscale, zerotier');
        const out = values.out;
        if (typeof out !== 'string' || !out)
          throw new UsageError(
            'env needs --out FILE: the values go to a file only its owner reads, never to the terminal',
          );
        const only = values.only as string | undefined;
        const secret = await withEngines(config(), (backend) => backend.kv.get(name));
        if (!secret) {
          process.stderr.write(`alphanest: ${name}: no such secret\n`);
          return 1;
        }
        let variables: Record<string, string>;
        try {
          variables = meshVariables(name, secret.data, secret.version);
        } catch (err) {
          process.stderr.write(`alphanest: ${(err as Error).message}\n`);
          return 1;
        }
        const names = Object.keys(variables);
        if (only !== undefined && !names.includes(only))
          throw new UsageError(`--only: ${name} (version ${secret.version}) gives ${names.join(', ')}`);
        // --only: the bare value, for a program that reads a key from a file (tailscale's --auth-key=file:).
        writePrivateFile(out, only ? `${variables[only]}\n` : envFileText(variables));
        process.stdout.write(`${name}: version ${secret.version} written to ${out} (${only ?? names.join(', ')})\n`);
        return;
      }
      if (action === 'status' && !args.length) {
        const cfg = config();
        const engines = async (backend: SecretsBackend) => ({
          backend: backend.kind,
          ...(backend.kind === 'vault' && { address: cfg.VAULT_ADDR }),
          health: await backend.health(),
          transit_key: cfg.VAULT_TRANSIT_KEY,
          transit_key_version: await backend.transit.latestVersion(cfg.VAULT_TRANSIT_KEY).catch(() => null),
        });
        const status = await withSecretsOrVault(
          cfg,
          async (s) => ({
            ...(await engines(s.backend)),
            service_accounts: (await s.serviceAccounts.list()).filter((a) => !a.revokedAt).length,
            // Last rotations, and each node's database login with the end of its lease.
            rotations: await s.rotations(),
          }),
          async (backend, why) => ({ ...(await engines(backend)), database: `not read: ${why}` }),
          { outageIsNoDatabase: true },
        );
        process.stdout.write(`${JSON.stringify(status)}\n`);
        return;
      }
      if (action === 'rotate') {
        const [what] = args;
        if (args.length !== 1 || (what !== 'transit' && what !== 'jwt' && what !== 'db'))
          throw new UsageError('rotate takes one of: transit, jwt, db');
        const cfg = config();
        const transitSaid = (version: number) =>
          `transit key ${cfg.VAULT_TRANSIT_KEY}: version ${version} now encrypts`;
        const jwtSaid = (version: number) =>
          `jwt: version ${version} written; every node signs with it from its next refresh`;
        const unlogged = ` (not in the rotation log: ${NO_DATABASE})`;
        const { rotateJwtKeys } = await import('../modules/secrets/index.ts');
        if (what === 'db') {
          const asked = await withSecrets(cfg, async (s) => {
            // Without short-lived logins the pool logs in as DATABASE_URL's user, or PGlite's (none): nothing to replace.
            if (!s.databaseLogins) return false;
            await s.requestLoginRotation();
            return true;
          });
          if (asked) {
            process.stdout.write('database logins: every node replaces its own at its next refresh\n');
            return;
          }
          const why =
            cfg.secretsBackend === 'embedded' && !cfg.DATABASE_URL
              ? 'the embedded database (PGlite) has no logins'
              : "the pool logs in as its database URL's user, which only its owner changes";
          process.stderr.write(
            `alphanest: rotate db: nothing done: the nodes have no short-lived database logins to replace (${why}); ` +
              'PostgreSQL pools get them with VAULT_DB_ROLE (Vault) or DATABASE_ADMIN_URL (embedded)\n',
          );
          return 1;
        }
        const said = await withSecretsOrVault(
          cfg,
          async (s) => (what === 'transit' ? transitSaid(await s.rotateTransit()) : jwtSaid(await s.rotateJwt())),
          async (backend) =>
            (what === 'transit'
              ? transitSaid((await backend.transit.rotate(cfg.VAULT_TRANSIT_KEY)).latestVersion)
              : jwtSaid(await rotateJwtKeys(backend.kv))) + unlogged,
        );
        process.stdout.write(`${said}\n`);
        return;
      }
      if (action === 'rewrap' && !args.length) {
        // Every module's stored ciphertexts: the platform is built for the stores its modules register.
        const resealed = await withPlatform(config(), (platform) => platform.secrets.resealStored());
        for (const { store, rewritten } of resealed) process.stdout.write(`${store}: ${rewritten} rows rewritten\n`);
        return;
      }
      if (action === 'rewrap') {
        // The ciphertexts given (arguments, or one per line on stdin after -), in order, at the key's newest version.
        const given =
          args.length === 1 && args[0] === '-'
            ? (await text(process.stdin)).split('\n').filter((line) => line.trim())
            : args;
        const cfg = config();
        const rewrapped = await withEngines(cfg, (backend) => backend.transit.rewrap(cfg.VAULT_TRANSIT_KEY, given));
        process.stdout.write(rewrapped.map((c) => `${c}\n`).join(''));
        return;
      }
      throw new UsageError(`secrets ${SECRETS_USAGE}`);
    },
  },
  'service-account': {
    usage: 'create NAME --role agent|service [--agents a,b] | list | revoke NAME',
    summary: 'TOTP service accounts that exchange a code for a short-lived token (POST /api/v1/auth/token)',
    options: { role: { type: 'string' }, agents: { type: 'string' } },
    async run({ positionals, values, config }) {
      const [action, name, ...extra] = positionals;
      if (extra.length) throw new UsageError('service-account takes one NAME');
      if (action === 'list' && name === undefined) {
        const accounts = await withSecrets(config(), (s) => s.serviceAccounts.list());
        for (const a of accounts)
          process.stdout.write(
            `${a.name}\t${a.role}\t${a.agents?.join(',') ?? '-'}\t${a.revokedAt ? `revoked ${a.revokedAt}` : 'active'}\n`,
          );
        return;
      }
      const { accountName } = await import('../modules/secrets/index.ts');
      if (!name || !accountName.safeParse(name).success)
        throw new UsageError('NAME must be 1-63 lower-case letters, digits, _ or -, starting with a letter or digit');
      if (action === 'create') {
        const role = values.role as string | undefined;
        if (role !== 'agent' && role !== 'service') throw new UsageError('--role must be agent or service');
        const agents = await agentsOption(values.agents as string | undefined, role);
        const { url } = await withSecrets(config(), (s) => s.serviceAccounts.create(name, role, agents));
        process.stdout.write(
          `service account ${name} (${role}${agents ? `, agents ${agents.join(',')}` : ''}) created.\n` +
            'Add this key to the authenticator (shown once):\n\n' +
            `${url}\n\n${renderUnicodeCompact(url)}\n` +
            `Exchange a code for a token: POST /api/v1/auth/token {"account":"${name}","code":"123456"}\n`,
        );
        return;
      }
      if (action === 'revoke') {
        await withSecrets(config(), (s) => s.serviceAccounts.revoke(name));
        process.stdout.write(`service account ${name} revoked\n`);
        return;
      }
      throw new UsageError(
        'service-account takes: create NAME --role agent|service [--agents a,b] | list | revoke NAME',
      );
    },
  },
};
