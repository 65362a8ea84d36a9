import { existsSync } from 'node:fs';
import { type Command, failureText, UsageError } from './command.ts';
import { createAuth, roles, type Role, subjectSchema } from '../core/auth/auth.ts';
import { loadSigningKeys, type SigningKeys } from '../core/auth/keys.ts';
import type { Config } from '../core/config.ts';
import { DataDirInUseError } from '../core/db/dataDirLock.ts';
import { pgliteDir } from '../core/db/pgliteDir.ts';
import { StartupError } from '../core/startupFailure.ts';
import { durationSeconds } from '../core/duration.ts';
import { agentCommands } from './agentCommands.ts';
import { agentsOption } from './agentsOption.ts';
import { flagsCommands } from './flagsCommands.ts';
import { keyCommands } from './keyCommands.ts';
import { secretsCommands, withSecrets } from './secretsCommands.ts';

/**
 * The keys `alphanest token` signs with: the key files when JWT_PUBLIC_FILE is set (it wins, as on every node), else
 * the secrets store's `jwt` pair when it holds one (what the nodes verify with), else the generated dev key. A
 * running `npm start` holds PGlite's DATA_DIR, so there the store cannot be read: the dev key signs, and the
 * warning says how long a node that took a key from the store still accepts it and how to get one it always does.
 */
async function signingKeys(config: Config): Promise<SigningKeys> {
  if (config.JWT_PUBLIC_FILE) return loadSigningKeys(config);
  // An embedded store on PGlite that no node or command has created yet holds no key: opening it would create it
  // and run the migrations, seconds of work (a minute on a loaded machine) to find nothing.
  const noStoreYet =
    !config.DATABASE_URL && config.secretsBackend === 'embedded' && !existsSync(pgliteDir(config.DATA_DIR));
  if (noStoreYet) return loadSigningKeys(config);
  const { devKeyGraceSeconds, JwtSecretError, storedJwtKeys } = await import('../modules/secrets/index.ts');
  try {
    return (await withSecrets(config, (secrets) => storedJwtKeys(secrets.backend.kv))) ?? loadSigningKeys(config);
  } catch (err) {
    // The nodes refuse such a version too (they keep the pair they use): said with the fields at fault, never a value.
    if (err instanceof JwtSecretError)
      throw new Error(
        `cannot sign with the secrets store's ${err.message}; put a sound pair with ` +
          '`alphanest secrets put jwt public_key=@jwt-public.pem private_key=@jwt-private.pem`, or make one with `alphanest secrets rotate jwt`',
      );
    if (!(err instanceof DataDirInUseError)) throw err;
    process.stderr.write(
      `alphanest: ${err.message}, so the secrets store cannot be read: this token is signed with the generated dev key (DATA_DIR/keys). ` +
        "If the store holds a jwt key (`secrets rotate jwt`), the node accepts the dev key's tokens only for " +
        `${devKeyGraceSeconds(config)} s (JWT_KEY_GRACE_SECONDS, at most 15 min; none in production) after it took that key; for a token it always accepts, ` +
        'stop the node and run `alphanest token` again (or use DATABASE_URL, whose store the CLI reads beside a running node)\n',
    );
    return loadSigningKeys(config);
  }
}

/**
 * Every command, with its usage and summary, in the order `--help` lists them. Each imports what it runs on (the
 * platform, a module, the database) inside `run`, once its arguments are checked, and the files here import only
 * what checking them takes: `--help`, `token`, `keys` and `secrets` load no more than the configuration, auth and
 * the secrets store, and a mistake on the command line is reported before anything heavy loads.
 */
export const commands: Record<string, Command> = {
  migrate: {
    usage: '',
    optionsOnly: true,
    summary: 'apply pending database migrations and exit',
    async run({ config }) {
      const cfg = config();
      const [{ createContext }, { platformModules }, { databaseUrlFromVault }] = await Promise.all([
        import('../core/context.ts'),
        import('../platform.ts'),
        import('../modules/secrets/index.ts'),
      ]);
      const ctx = await createContext(cfg, { databaseUrlFromStore: databaseUrlFromVault });
      try {
        await ctx.db.migrate(platformModules.migrations());
        process.stdout.write(`migrations applied (${ctx.db.kind}, schema ${ctx.db.schema})\n`);
      } finally {
        await ctx.close();
      }
    },
  },
  token: {
    usage: '--sub ID [--role user|agent|service|admin] [--agents a,b] [--ttl 1h]',
    optionsOnly: true,
    summary: "print a JWT signed with the configured private key, the secrets store's jwt, or the dev key",
    options: {
      sub: { type: 'string' },
      role: { type: 'string', default: 'user' },
      agents: { type: 'string' },
      ttl: { type: 'string', default: '1h' },
    },
    async run({ values, config }) {
      const sub = values.sub as string | undefined;
      const role = values.role as string;
      const ttl = values.ttl as string;
      if (!sub) throw new UsageError('--sub is required');
      if (!subjectSchema.safeParse(sub).success)
        throw new UsageError('--sub must be at most 256 characters, without NUL: the platform would refuse the token');
      if (!roles.includes(role as Role)) throw new UsageError(`--role must be one of ${roles.join(', ')}`);
      const agents = await agentsOption(values.agents as string | undefined, role);
      const ttlSeconds = durationSeconds(ttl);
      if (ttlSeconds === null) throw new UsageError('--ttl must look like 3600, 30m, 1h or 7d');
      if (ttlSeconds < 1) throw new UsageError('--ttl must be at least 1s: a token must outlive its signing');
      const cfg = config();
      if (ttlSeconds > cfg.jwtMaxAgeSeconds)
        throw new UsageError(
          `--ttl ${ttl} is longer than JWT_MAX_AGE (${cfg.JWT_MAX_AGE}): the platform would refuse the token`,
        );
      const keys = await signingKeys(cfg).catch((err: Error) => Promise.reject(new StartupError(failureText(err))));
      const auth = createAuth(keys, cfg);
      if (!auth.canSign) {
        process.stderr.write(
          keys.source === 'secrets'
            ? "alphanest: no private key: the secrets store's jwt holds only public_key, so this node cannot sign tokens\n"
            : 'alphanest: no private key: JWT_PUBLIC_FILE is set without JWT_PRIVATE_FILE, so this node cannot sign tokens\n',
        );
        return 1;
      }
      process.stdout.write(
        `${await auth.sign({ sub, role: role as Role, ...(agents && { agents }) }, `${ttlSeconds}s`)}\n`,
      );
    },
  },
  'seed-demo': {
    usage: '[--count N]',
    optionsOnly: true,
    summary: 'store the demo intelligence (again within the hour: only what came due)',
    options: { count: { type: 'string' } },
    async run({ values, config }) {
      // Without --count, the whole demo (five weeks); with it, the newest N reports.
      const count = values.count === undefined ? undefined : Number(values.count);
      if (count !== undefined && (!Number.isInteger(count) || count < 1 || count > 100_000))
        throw new UsageError('--count must be a whole number from 1 to 100000');
      const cfg = config();
      const [{ createContext }, { platformModules }, { seedDemoIntelligence }, { databaseUrlFromVault }] =
        await Promise.all([
          import('../core/context.ts'),
          import('../platform.ts'),
          import('../modules/intelligence/index.ts'),
          import('../modules/secrets/index.ts'),
        ]);
      const ctx = await createContext(cfg, {
        migrations: platformModules.migrations(),
        databaseUrlFromStore: databaseUrlFromVault,
      });
      try {
        const created = await seedDemoIntelligence(ctx, count);
        process.stdout.write(`demo intelligence: ${created} new item(s)\n`);
      } finally {
        await ctx.close();
      }
    },
  },
  ...agentCommands,
  ...secretsCommands,
  ...flagsCommands,
  ...keyCommands,
  'mcp-stdio': {
    usage: '[--token JWT]',
    optionsOnly: true,
    summary: 'serve MCP over stdio for desktop clients (stdout carries only protocol)',
    options: { token: { type: 'string' } },
    async run({ values, config }) {
      const token = values.token as string | undefined;
      if (token !== undefined && !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token))
        throw new UsageError('--token must be a JWT (three base64url parts)');
      const cfg = config();
      const { serveStdio } = await import('./mcpStdio.ts');
      await serveStdio(cfg, token);
    },
  },
  serve: {
    // The component names come from the modules, so listing them here would load the platform for `--help`.
    usage: '<component>',
    summary:
      'run one component alone (for multi-node deployments; `serve` alone names them); the gateway and mcp as WORKERS processes',
    async run({ positionals, config }) {
      const [{ components }, { serveComponent }] = await Promise.all([
        import('../runtime/components.ts'),
        import('../runtime/workers.ts'),
      ]);
      const [name, ...extra] = positionals;
      const component = name ? components[name] : undefined;
      if (!component || extra.length) throw new UsageError(`serve takes one of: ${Object.keys(components).join(', ')}`);
      await serveComponent(config(), component);
    },
  },
};
