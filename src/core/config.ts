import { z } from 'zod';
import proxyAddr from '@fastify/proxy-addr';
import { durationSeconds } from './duration.ts';

/**
 * The whole platform configuration, read once from the environment at start.
 * Every problem is reported at once (one line each) so an operator fixes a
 * broken deployment in one round trip instead of one variable at a time.
 */

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });

const duration = z
  .string()
  .refine((v) => durationSeconds(v) !== null, { message: 'must be a duration such as 3600, 30m, 24h or 7d' });

const url = (schemes: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return schemes.includes(new URL(v).protocol.replace(':', ''));
      } catch {
        return false;
      }
    },
    { message: `must be a URL with scheme ${schemes.join(' or ')}` },
  );

/**
 * A Vault path (a mount, a prefix, a KV path such as `exchanges/binance`): segments of letters, digits,
 * `_`, `.` and `-`, none of them `.` or `..` (which a URL would resolve into another Vault path), without
 * leading or trailing `/`. The secrets module checks KV paths with it too.
 */
export const VAULT_PATH = /^(?!(.*\/)?\.{1,2}(\/|$))[\w.-]+(\/[\w.-]+)*$/;

const vaultPath = z.string().regex(VAULT_PATH, {
  message: 'must be a path like secret or apps/alphanest (no leading or trailing /, no . or .. segment)',
});

/** `postgresql+asyncpg://` (SQLAlchemy style, used by the Python original) means plain PostgreSQL here. */
function normaliseDatabaseUrl(raw: string): string {
  return raw.replace(/^postgres(ql)?\+[a-z0-9]+:\/\//i, 'postgresql://');
}

export const envSchema = z.object({
  ENV: z.enum(['dev', 'production', 'testing'], { message: 'must be dev, production or testing' }).default('dev'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: int(0, 65535).default(8000),
  MCP_PORT: int(0, 65535).default(8002),
  MCP_ALLOWED_HOSTS: z
    .string()
    .regex(/^(\*|[\w.:[\]-]+(\s*,\s*[\w.:[\]-]+)*)$/, { message: 'must be * or a comma-separated list of host names' })
    .default('localhost,127.0.0.1,[::1]'),
  MCP_ALLOWED_ORIGINS: z
    .string()
    .refine((v) => v.split(',').every((u) => url(['http', 'https']).safeParse(u.trim()).success), {
      message: 'must be a comma-separated list of http(s) origins',
    })
    .optional(),
  OAUTH_ISSUER: url(['http', 'https']).optional(),
  MCP_RESOURCE_URL: url(['http', 'https']).optional(),
  OAUTH_SCOPE_ROLES: z
    .string()
    .regex(/^[\w:./-]+=(user|agent|service|admin)(\s*,\s*[\w:./-]+=(user|agent|service|admin))*$/, {
      message: 'must be a comma-separated list of scope=role (roles: user, agent, service, admin)',
    })
    .default('alphanest:read=user,alphanest:tools=user,alphanest:agent=agent,alphanest:admin=admin'),
  MCP_SESSIONS: bool.default(true),
  MCP_SESSION_TTL_SECONDS: int(10, 7 * 24 * 3600).default(1800),
  MCP_MAX_SESSIONS: int(1, 10_000_000).default(10_000),
  MCP_EVENT_LOG_MAX: int(10, 1_000_000).default(1_000),
  MCP_CONFORMANCE_FIXTURES: bool.default(false),
  TOOL_RATE_LIMIT_PER_MINUTE: int(1, 1_000_000_000).default(60),
  TOOL_TIMEOUT_MS: int(10, 600_000).default(10_000),
  TOOL_RESULT_MAX_BYTES: int(1_024, 16 * 1024 * 1024).default(256 * 1024),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: url(['postgres', 'postgresql']).optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a lower-case SQL identifier' })
    .optional(),
  DATABASE_POOL_SIZE: int(1, 500).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: int(100, 600_000).default(5_000),
  DATABASE_STATEMENT_TIMEOUT_MS: int(100, 3_600_000).default(10_000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: int(100, 3_600_000).default(30_000),
  DATABASE_DRAIN_TIMEOUT_MS: int(100, 3_600_000).default(60_000),
  DATABASE_OWNER_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a lower-case SQL identifier' })
    .optional(),
  DATABASE_ADMIN_URL: url(['postgres', 'postgresql']).optional(),
  DB_CREDENTIAL_TTL: duration.default('30d'),
  CACHE_URL: url(['redis', 'rediss']).optional(),
  SLAVE_CACHE_URL: url(['redis', 'rediss']).optional(),
  CACHE_PREFIX: z.string().default('alphanest:'),
  CACHE_TTL_SECONDS: int(1, 86_400).default(30),
  CACHE_MEMORY_MAX_BYTES: int(1024 * 1024, 64 * 1024 * 1024 * 1024).default(64 * 1024 * 1024),
  CACHE_MAX_VALUE_BYTES: int(1024, 512 * 1024 * 1024).default(1024 * 1024),
  CACHE_COMMAND_TIMEOUT_MS: int(50, 60_000).default(1_000),
  SHUTDOWN_TIMEOUT_SECONDS: int(1, 3_600).default(10),
  REQUEST_TIMEOUT_SECONDS: int(1, 3_600).default(30),
  OVERLOAD_EVENT_LOOP_DELAY_MS: int(50, 600_000).default(1_000),
  LEASE_TTL_SECONDS: int(1, 3_600).default(15),
  WORKERS: int(1, 256).optional(),
  JWT_PUBLIC_FILE: z.string().min(1).optional(),
  JWT_PRIVATE_FILE: z.string().min(1).optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  JWT_MAX_AGE: duration.default('30d'),
  JWT_KEY_GRACE_SECONDS: int(0, 365 * 86_400).default(86_400),
  GLOBAL_LIMIT_TIMES: int(1, 1_000_000).default(150),
  GLOBAL_LIMIT_SECONDS: int(1, 86_400).default(60),
  LOGGING_FORMAT: z.enum(['json', 'text'], { message: 'must be json or text' }).default('json'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: z.string().default('*'),
  TRUST_PROXY: z
    .string()
    .refine(isTrustProxy, {
      message:
        'must be false, true, a hop count, or a comma-separated list of proxy addresses/CIDRs (e.g. 10.0.0.0/8,127.0.0.1)',
    })
    .default('loopback'),
  DEMO_DATA: bool.default(true),
  ALLOW_UNSAFE_DEFAULTS: bool.default(false),
  MARKET_DATA: z.enum(['embedded', 'coingecko'], { message: 'must be embedded or coingecko' }).default('embedded'),
  COINGECKO_BASE_URL: url(['http', 'https']).default('https://api.coingecko.com/api/v3'),
  COINGECKO_API_KEY: z.string().optional(),
  AGENTS_ENABLED: bool.default(true),
  AGENTS_HEALTH_PORT: int(0, 65535).optional(),
  AGENT_SOURCES: z.enum(['replay', 'live', 'both'], { message: 'must be replay, live or both' }).default('replay'),
  AGENTS_CONFIG_FILE: z.string().min(1).optional(),
  ANALYSER: z.enum(['embedded', 'llm'], { message: 'must be embedded or llm' }).optional(),
  ANALYSIS_WORKERS: int(0, 16).optional(),
  REPLAY_FILE: z.string().min(1).optional(),
  REPLAY_SPEED: z.coerce
    .number({ message: 'must be a number' })
    .positive({ message: 'must be above 0' })
    .max(1_000_000, { message: 'must be at most 1000000' })
    .default(60),
  RSS_FEEDS: z
    .string()
    .refine((v) => v.split(',').every((u) => url(['http', 'https']).safeParse(u.trim()).success), {
      message: 'must be a comma-separated list of http(s) URLs',
    })
    .optional(),
  X_BEARER_TOKEN: z.string().optional(),
  X_API_BASE_URL: url(['http', 'https']).default('https://api.twitter.com'),
  CRYPTOPANIC_TOKEN: z.string().optional(),
  CRYPTOPANIC_BASE_URL: url(['http', 'https']).default('https://cryptopanic.com/api/v1'),
  BINANCE_CMS_BASE_URL: url(['http', 'https']).default('https://www.binance.com'),
  RABBIT_URL: url(['amqp', 'amqps']).optional(),
  RABBIT_EXCHANGE: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,200}$/, { message: 'must be an AMQP exchange name' })
    .default('alphanest.intelligence'),
  STREAM_HEARTBEAT_TIMEOUT_SECONDS: int(2, 3_600).default(150),
  STREAM_SEND_BUFFER_BYTES: int(16 * 1024, 64 * 1024 * 1024).default(1024 * 1024),
  STREAM_MAX_FRAME_BYTES: int(256, 1024 * 1024).default(16 * 1024),
  STREAM_MAX_AGENTS: int(1, 1_000).default(50),
  STREAM_CONNECTS_PER_MINUTE: int(1, 1_000_000).default(60),
  STREAM_INBOUND_FRAMES_PER_SECOND: int(1, 10_000).default(10),
  STREAM_MAX_BAD_FRAMES: int(1, 1_000_000).default(20),
  STREAM_RESUME_WINDOW: int(1, 10_000_000).default(10_000),
  EXCHANGES: z
    .string()
    .regex(/^[a-z0-9]+(\s*,\s*[a-z0-9]+)*$/, { message: 'must be a comma-separated list of ccxt exchange ids' })
    .optional(),
  ARBITRAGE_SYMBOLS: z
    .string()
    .regex(/^\w+\/\w+(\s*,\s*\w+\/\w+)*$/, { message: 'must be a comma-separated list of BASE/QUOTE symbols' })
    .optional(),
  ARBITRAGE_PORT: int(0, 65535).default(8001),
  DASHBOARD_PORT: int(0, 65535).default(3000),
  /** Where the dashboard forwards /api and /ws, /tools and /execute, and /opportunities; unset: this machine's PORT, MCP_PORT, ARBITRAGE_PORT. */
  DASHBOARD_GATEWAY_URL: url(['http', 'https']).optional(),
  DASHBOARD_TOOLS_URL: url(['http', 'https']).optional(),
  DASHBOARD_ARBITRAGE_URL: url(['http', 'https']).optional(),
  ARBITRAGE_SEED: int(0, 2_147_483_647).default(42),
  ARBITRAGE_INTERVAL_MS: int(100, 3_600_000).default(2_000),
  ARBITRAGE_DEPTH: int(1, 500).default(50),
  ARBITRAGE_PUBLISH_MIN_PCT: z.coerce
    .number({ message: 'must be a number' })
    .min(0, { message: 'must be at least 0' })
    .max(100, { message: 'must be at most 100' })
    .default(1),
  OSINT_DEXSCREENER: bool.default(false),
  OSINT_DEXSCREENER_URL: url(['http', 'https']).default('https://api.dexscreener.com'),
  OSINT_DEXSCREENER_INTERVAL_MS: int(5_000, 86_400_000).default(60_000),
  CHAINS_FILE: z.string().min(1).optional(),
  CHAIN_RPC_URLS: z
    .string()
    .regex(/^\s*\d+\s*=\s*https?:\/\/[^\s,]+(\s*,\s*\d+\s*=\s*https?:\/\/[^\s,]+)*\s*$/, {
      message: 'must be a comma-separated list of CHAIN_ID=http(s)://URL (1=https://…,8453=https://…)',
    })
    .optional(),
  CHAIN_RPC_TIMEOUT_MS: int(100, 600_000).default(10_000),
  CHAIN_RPC_RATE_PER_SECOND: int(1, 1_000_000).default(25),
  LLM_PROVIDER: z.enum(['local', 'openai'], { message: 'must be local or openai' }).default('local'),
  OPENAI_BASE_URL: url(['http', 'https']).optional(),
  OPENAI_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().min(1).optional(),
  CHAT_RATE_PER_MINUTE: int(1, 1_000_000).default(20),
  ONCHAIN_INDEXER: bool.default(true),
  ONCHAIN_INDEXER_BATCH_BLOCKS: int(1, 10_000).default(50),
  ONCHAIN_REORG_DEPTH: int(1, 10_000).default(64),
  ONCHAIN_INDEXER_INTERVAL_MS: int(100, 3_600_000).default(2_000),
  ONCHAIN_INDEX_MAX_LAG_BLOCKS: int(0, 1_000_000).default(5),
  ONCHAIN_AGENT: bool.default(true),
  ONCHAIN_AGENT_INTERVAL_MS: int(100, 3_600_000).default(10_000),
  ONCHAIN_EXPLORER_TIMEOUT_MS: int(100, 600_000).default(10_000),
  CHAT_CONCURRENCY: int(1, 10_000).default(2),
  CHAT_MAX_MESSAGE_CHARS: int(1, 100_000).default(4_000),
  CHAT_MAX_STEPS: int(1, 20).default(5),
  CHAT_TIMEOUT_MS: int(100, 600_000).default(30_000),
  CHAT_TOOL_RESULT_MAX_BYTES: int(256, 1_000_000).default(16_384),
  SECRETS_BACKEND: z.enum(['embedded', 'vault'], { message: 'must be embedded or vault' }).optional(),
  SECRETS_MASTER_KEY: z
    .string()
    .refine((v) => /^[A-Za-z0-9+/]{43}=$/.test(v.trim()), {
      message: 'must be 32 bytes in base64 (openssl rand -base64 32)',
    })
    .optional(),
  SECRETS_REFRESH_SECONDS: int(1, 86_400).default(60),
  SERVICE_TOKEN_TTL: duration.default('15m'),
  VAULT_ADDR: url(['http', 'https']).optional(),
  VAULT_TOKEN: z.string().optional(),
  VAULT_ROLE_ID: z.string().optional(),
  VAULT_SECRET_ID: z.string().optional(),
  VAULT_APPROLE_MOUNT: vaultPath.default('approle'),
  VAULT_NAMESPACE: z.string().optional(),
  VAULT_CACERT: z.string().min(1).optional(),
  VAULT_TIMEOUT_MS: int(100, 600_000).default(5_000),
  VAULT_KV_MOUNT: vaultPath.default('secret'),
  VAULT_PATH_PREFIX: vaultPath.optional(),
  VAULT_TOTP_MOUNT: vaultPath.default('totp'),
  VAULT_TRANSIT_MOUNT: vaultPath.default('transit'),
  VAULT_DB_ROLE: z
    .string()
    .regex(/^(?!\.{1,2}$)[\w.-]{1,128}$/, { message: 'must be a Vault database role name (letters, digits, _ . -)' })
    .optional(),
  VAULT_DB_MOUNT: vaultPath.default('database'),
  ROTATE_DB_EVERY: duration.default('30d'),
  ROTATE_API_KEYS_EVERY: duration.default('7d'),
  ROTATE_TRANSIT_EVERY: duration.default('30d'),
  VAULT_TRANSIT_KEY: z
    .string()
    .regex(/^(?!\.{1,2}$)[\w.-]{1,128}$/, { message: 'must be a transit key name (letters, digits, _ . -)' })
    .default('alphanest'),
});

type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  /** DATABASE_URL; or, with the Vault backend and no DATABASE_URL, the URL the context read from Vault's `database`. */
  databaseUrl?: string;
  corsOrigins: string[] | true;
  /** JWT_MAX_AGE in seconds. */
  jwtMaxAgeSeconds: number;
  /**
   * Production without JWT_PUBLIC_FILE (only with the Vault backend): the key pair is Vault's `jwt`,
   * read by the secrets module at start; no dev key is generated.
   */
  jwtKeysFromStore: boolean;
  /** SECRETS_BACKEND, or `vault` when VAULT_ADDR is set and it is not. */
  secretsBackend: 'embedded' | 'vault';
  /** SERVICE_TOKEN_TTL in seconds. */
  serviceTokenTtlSeconds: number;
  /** TRUST_PROXY as Fastify's `trustProxy` reads it: which peers may set the client address with X-Forwarded-For. */
  trustProxy: boolean | string[] | ((address: string, hop: number) => boolean);
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Reads the configuration from `env`; throws a ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings in a .env file mean "not set", as they do for most twelve-factor tools.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  if (!cleaned.DATABASE_URL && cleaned.DATABASE_URL_DOGEX) cleaned.DATABASE_URL = cleaned.DATABASE_URL_DOGEX;
  if (cleaned.DATABASE_URL) cleaned.DATABASE_URL = normaliseDatabaseUrl(cleaned.DATABASE_URL);

  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const cfg = parsed.data;
  const problems: string[] = [];
  if (cfg.SLAVE_CACHE_URL && !cfg.CACHE_URL) problems.push('SLAVE_CACHE_URL: needs CACHE_URL (the master) as well');
  if (cfg.MCP_CONFORMANCE_FIXTURES && cfg.ENV === 'production')
    problems.push(
      "MCP_CONFORMANCE_FIXTURES: not allowed in production (it serves the MCP conformance suite's test tools, resources and prompts; tests only)",
    );
  if (cfg.OAUTH_ISSUER && !cfg.MCP_RESOURCE_URL)
    problems.push('OAUTH_ISSUER: needs MCP_RESOURCE_URL (the audience the issuer puts in tokens for this MCP server)');
  if (cfg.ANALYSER === 'llm' && !cfg.LLM_MODEL)
    problems.push('LLM_MODEL: required with ANALYSER=llm (the model your OpenAI-compatible server serves)');
  if (cfg.LLM_PROVIDER === 'openai' && !cfg.LLM_MODEL)
    problems.push(
      'LLM_MODEL: required with LLM_PROVIDER=openai (e.g. gpt-4o-mini, or the model name your OpenAI-compatible server serves)',
    );
  const secretsBackend = cfg.SECRETS_BACKEND ?? (cfg.VAULT_ADDR ? 'vault' : 'embedded');
  const jwtKeysFromStore = cfg.ENV === 'production' && !cfg.ALLOW_UNSAFE_DEFAULTS && !cfg.JWT_PUBLIC_FILE;
  // Processes on one port are full nodes: what one stores, streams, counts or caches the others must see.
  // With Vault, each worker reads the PostgreSQL URL from its `database` secret itself, as a single node does.
  if (cfg.WORKERS && cfg.WORKERS > 1)
    for (const [name, given] of [
      ['DATABASE_URL, or VAULT_ADDR with the URL in Vault', Boolean(cfg.DATABASE_URL) || secretsBackend === 'vault'],
      ['CACHE_URL', Boolean(cfg.CACHE_URL)],
      ['RABBIT_URL', Boolean(cfg.RABBIT_URL)],
    ] as const)
      if (!given)
        problems.push(`WORKERS: more than 1 needs ${name} (the processes share the database, Redis and RabbitMQ)`);
  problems.push(...vaultProblems(cfg, secretsBackend));
  if (cfg.ENV === 'production' && !cfg.ALLOW_UNSAFE_DEFAULTS) {
    // With Vault the start reads it from the store's `database` secret; the embedded store lives in that database.
    if (!cfg.DATABASE_URL && secretsBackend !== 'vault') {
      problems.push(
        'DATABASE_URL: required in production (the embedded PGlite database is for development; set ALLOW_UNSAFE_DEFAULTS=true to use it anyway). The embedded secrets backend cannot hold it, since it lives in that database: with Vault (VAULT_ADDR) it is read from the `database` secret',
      );
    }
    // With Vault, the key pair may be its `jwt` secret instead: the start checks that one of them holds a key.
    if (jwtKeysFromStore && secretsBackend !== 'vault') {
      problems.push(
        'JWT_PUBLIC_FILE: required in production (generated dev keys are unsafe; set ALLOW_UNSAFE_DEFAULTS=true to use them anyway)',
      );
    }
    if (secretsBackend === 'embedded' && !cfg.SECRETS_MASTER_KEY) {
      problems.push(
        'SECRETS_MASTER_KEY: required in production with the embedded secrets backend (the key file generated under DATA_DIR is for development; openssl rand -base64 32 makes one)',
      );
    }
  }
  if (problems.length) throw new ConfigError(problems);

  const origins = cfg.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return {
    ...cfg,
    databaseUrl: cfg.DATABASE_URL,
    corsOrigins: origins.includes('*') ? true : origins,
    jwtMaxAgeSeconds: durationSeconds(cfg.JWT_MAX_AGE)!,
    jwtKeysFromStore,
    secretsBackend,
    serviceTokenTtlSeconds: durationSeconds(cfg.SERVICE_TOKEN_TTL)!,
    trustProxy: parseTrustProxy(cfg.TRUST_PROXY),
  };
}

/** What the Vault backend needs: an address and a way to log in (a token, or AppRole's two halves). */
function vaultProblems(cfg: Env, backend: Config['secretsBackend']): string[] {
  const problems: string[] = [];
  if (Boolean(cfg.VAULT_ROLE_ID) !== Boolean(cfg.VAULT_SECRET_ID))
    problems.push(
      cfg.VAULT_ROLE_ID
        ? 'VAULT_SECRET_ID: required with VAULT_ROLE_ID (AppRole login needs both)'
        : 'VAULT_ROLE_ID: required with VAULT_SECRET_ID (AppRole login needs both)',
    );
  problems.push(...dynamicLoginProblems(cfg, backend));
  if (backend !== 'vault') return problems;
  if (!cfg.VAULT_ADDR) problems.push('VAULT_ADDR: required with SECRETS_BACKEND=vault (https://vault.example:8200)');
  if (!cfg.VAULT_TOKEN && !cfg.VAULT_ROLE_ID && !cfg.VAULT_SECRET_ID)
    problems.push(
      'VAULT_TOKEN: required with SECRETS_BACKEND=vault, unless VAULT_ROLE_ID and VAULT_SECRET_ID (AppRole) are set',
    );
  return problems;
}

/** Dynamic database credentials replace DATABASE_URL's login, and need a role owning the tables. */
function dynamicLoginProblems(cfg: Env, backend: Config['secretsBackend']): string[] {
  const problems: string[] = [];
  if (cfg.VAULT_DB_ROLE && backend !== 'vault')
    problems.push('VAULT_DB_ROLE: needs the Vault backend (VAULT_ADDR); the embedded one uses DATABASE_ADMIN_URL');
  if (cfg.DATABASE_ADMIN_URL && backend !== 'embedded')
    problems.push('DATABASE_ADMIN_URL: used by the embedded secrets backend only; with Vault set VAULT_DB_ROLE');
  // VAULT_DB_ROLE's logins replace the user and password of DATABASE_URL, or of the URL Vault holds without it.
  if (cfg.DATABASE_ADMIN_URL && !cfg.DATABASE_URL)
    problems.push(
      'DATABASE_URL: required with DATABASE_ADMIN_URL (dynamic database credentials of the embedded backend)',
    );
  if (cfg.DATABASE_ADMIN_URL && !cfg.DATABASE_OWNER_ROLE)
    problems.push('DATABASE_OWNER_ROLE: required with DATABASE_ADMIN_URL (the role its logins are members of)');
  return problems;
}

/** The address list as Fastify will compile it: an entry it cannot read must stop the start with a clear line, not a stack trace. */
function isTrustProxy(raw: string): boolean {
  if (raw === 'true' || raw === 'false' || /^\d{1,2}$/.test(raw)) return true;
  try {
    proxyAddr.compile(raw.split(',').map((entry) => entry.trim()));
    return true;
  } catch {
    return false;
  }
}

/** Peers on this machine: the dashboard, or an nginx beside the components. */
const onThisMachine = proxyAddr.compile('loopback');

/**
 * `loopback` (the default): only a peer on this machine (the dashboard forwarding, a local nginx) may name the
 * client; anyone else's socket peer is the client, whatever headers say. `false`: nobody.
 * A hop count trusts that many proxies in front, and any on this machine besides (a dashboard forwarding through
 * the local nginx adds a hop of its own); addresses/CIDRs (`loopback` among them) trust only those peers.
 */
function parseTrustProxy(raw: string): Config['trustProxy'] {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^\d+$/.test(raw)) {
    // As proxy-addr counts hops: the nearest `hops` addresses are proxies, the one before them the client. A
    // loopback entry further out was added by a proxy on this machine: a remote client's own entries never get
    // that far, as the first proxy appends the client's real (non-loopback) address after them.
    const hops = Number(raw);
    return (address, hop) => hop < hops || onThisMachine(address, hop);
  }
  return raw.split(',').map((entry) => entry.trim());
}
