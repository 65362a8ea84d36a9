import { z } from 'zod';

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

/** `postgresql+asyncpg://` (SQLAlchemy style, used by the Python original) means plain PostgreSQL here. */
export function normaliseDatabaseUrl(raw: string): string {
  return raw.replace(/^postgres(ql)?\+[a-z0-9]+:\/\//i, 'postgresql://');
}

const envSchema = z.object({
  ENV: z.enum(['dev', 'production', 'testing'], { message: 'must be dev, production or testing' }).default('dev'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: int(0, 65535).default(8000),
  MCP_PORT: int(0, 65535).default(8002),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: url(['postgres', 'postgresql']).optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a lower-case SQL identifier' })
    .optional(),
  DATABASE_POOL_SIZE: int(1, 500).default(10),
  CACHE_URL: url(['redis', 'rediss']).optional(),
  SLAVE_CACHE_URL: url(['redis', 'rediss']).optional(),
  CACHE_PREFIX: z.string().default('alphanest:'),
  CACHE_TTL_SECONDS: int(1, 86_400).default(30),
  JWT_PUBLIC_FILE: z.string().min(1).optional(),
  JWT_PRIVATE_FILE: z.string().min(1).optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  GLOBAL_LIMIT_TIMES: int(1, 1_000_000).default(150),
  GLOBAL_LIMIT_SECONDS: int(1, 86_400).default(60),
  LOGGING_FORMAT: z.enum(['json', 'text'], { message: 'must be json or text' }).default('json'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: z.string().default('*'),
  DEMO_DATA: bool.default(true),
  ALLOW_UNSAFE_DEFAULTS: bool.default(false),
  MARKET_DATA: z.enum(['embedded', 'coingecko'], { message: 'must be embedded or coingecko' }).default('embedded'),
  COINGECKO_BASE_URL: url(['http', 'https']).default('https://api.coingecko.com/api/v3'),
  COINGECKO_API_KEY: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  databaseUrl?: string;
  corsOrigins: string[] | true;
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
  if (cfg.ENV === 'production' && !cfg.ALLOW_UNSAFE_DEFAULTS) {
    if (!cfg.DATABASE_URL) {
      problems.push('DATABASE_URL: required in production (the embedded PGlite database is for development; set ALLOW_UNSAFE_DEFAULTS=true to use it anyway)');
    }
    if (!cfg.JWT_PUBLIC_FILE) {
      problems.push('JWT_PUBLIC_FILE: required in production (generated dev keys are unsafe; set ALLOW_UNSAFE_DEFAULTS=true to use them anyway)');
    }
  }
  if (problems.length) throw new ConfigError(problems);

  const origins = cfg.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  return { ...cfg, databaseUrl: cfg.DATABASE_URL, corsOrigins: origins.includes('*') ? true : origins };
}
