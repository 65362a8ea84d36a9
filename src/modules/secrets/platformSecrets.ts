import { z } from 'zod';
import type { Auth } from '../../core/auth/auth.ts';
import type { SigningKeys } from '../../core/auth/keys.ts';
import type { Config } from '../../core/config.ts';
import type { Logger } from '../../core/logger.ts';
import type { KvEngine, KvVersion } from './backend.ts';
import { JwtSecretError, jwtKeysOf } from './jwtSecret.ts';

/** `jwt`: the RS256 key pair tokens are verified (and, with the private key, signed) with. */
const jwtSecret = z.object({ public_key: z.string().min(1), private_key: z.string().min(1).optional() });

/** `openai`: the chat model's credentials; the key is read by every call, so a rotation applies to the next one. */
const openaiSecret = z.object({
  api_key: z.string().min(1),
  base_url: z.url({ protocol: /^https?$/ }).optional(),
  model: z.string().min(1).optional(),
});

/** `x` and `cryptopanic`: the news sources' credentials; the connectors read them per request, so a rotation applies to the next one. */
const xSecret = z.object({ bearer_token: z.string().min(1) });
const cryptopanicSecret = z.object({ token: z.string().min(1) });

/** `coingecko`: the market data's API key, sent by every request, so a rotation applies to the next one. */
const coingeckoSecret = z.object({ api_key: z.string().min(1) });

/** `exchanges/<id>`: a ccxt exchange's credentials (the passphrase some venues want is `password`). */
const exchangeSecret = z.object({
  api_key: z.string().min(1),
  secret: z.string().min(1),
  password: z.string().min(1).optional(),
});

/** An exchange's credentials as ccxt takes them. */
export interface ExchangeCredentials {
  apiKey: string;
  secret: string;
  password?: string;
}

/** The sources' credentials as the agents' connectors take them: the environment's over the store's. */
export type SourceCredentials = Pick<Config, 'X_BEARER_TOKEN' | 'CRYPTOPANIC_TOKEN'>;

/** What the OpenAI-compatible clients use: the environment's values over the store's. */
export interface OpenAiCredentials {
  apiKey?: string;
  baseUrl?: string;
  model?: string;
}

export type PlatformSecretsConfig = Pick<
  Config,
  | 'JWT_PUBLIC_FILE'
  | 'JWT_KEY_GRACE_SECONDS'
  | 'ENV'
  | 'OPENAI_API_KEY'
  | 'OPENAI_BASE_URL'
  | 'LLM_MODEL'
  | 'X_BEARER_TOKEN'
  | 'CRYPTOPANIC_TOKEN'
  | 'COINGECKO_API_KEY'
  | 'EXCHANGES'
>;

export interface PlatformSecrets {
  /** Reads every secret again; a new version replaces the one in use. Failures are logged and the values held kept. */
  refresh(): Promise<void>;
  openai(): OpenAiCredentials;
  sources(): SourceCredentials;
  /** COINGECKO_API_KEY, else the store's `coingecko`. */
  coingeckoApiKey(): string | undefined;
  /** The store's `exchanges/<id>` for an exchange of EXCHANGES (the environment has no variable for them). */
  exchangeCredentials(id: string): ExchangeCredentials | undefined;
  /** Whether the store's `jwt` is the key pair in use. */
  readonly jwtFromStore: boolean;
}

/** The ccxt ids EXCHANGES names, as the arbitrage engine reads them. */
const exchangeIds = (exchanges: string | undefined) =>
  (exchanges ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);

/**
 * The store's `jwt` key pair (`alphanest token` signs with it), or null when the store holds none; a
 * malformed one is a JwtSecretError naming its version and the fields at fault with what they must be, never
 * their values.
 */
export async function storedJwtKeys(kv: KvEngine): Promise<SigningKeys | null> {
  const secret = await kv.get('jwt');
  return secret ? jwtKeysOf(secret.data, secret.version) : null;
}

/** The longest the generated dev key keeps verifying once the store's `jwt` replaced it (see devKeyGraceSeconds). */
const DEV_KEY_GRACE_CAP_SECONDS = 15 * 60;

/**
 * How long the generated dev key keeps verifying once the store's first `jwt` replaced it: its private key lies
 * readable in DATA_DIR/keys, so anyone who can read that directory signs what they like while it verifies. Long
 * enough for a token `alphanest token` signed beside a running PGlite node, at most JWT_KEY_GRACE_SECONDS; none in
 * production (ALLOW_UNSAFE_DEFAULTS), where nothing should hold a dev key's token.
 */
export const devKeyGraceSeconds = (config: Pick<Config, 'ENV' | 'JWT_KEY_GRACE_SECONDS'>): number =>
  config.ENV === 'production' ? 0 : Math.min(config.JWT_KEY_GRACE_SECONDS, DEV_KEY_GRACE_CAP_SECONDS);

/** The names of the fields a secret lacks or has wrong, never their values. */
const fieldsAtFault = (error: z.ZodError) => error.issues.map((issue) => issue.path.join('.') || '(whole)');

/**
 * The secrets the platform itself reads from the store (KV paths `jwt`, `openai`, `x`, `cryptopanic`,
 * `coingecko` and `exchanges/<id>`). An environment variable, when set, wins: JWT_PUBLIC_FILE means the
 * `jwt` secret is not read at all, OPENAI_API_KEY over `openai.api_key`, COINGECKO_API_KEY over `coingecko`. A
 * rotated `jwt` signs and verifies from the next refresh on, the key it replaces verifying for
 * JWT_KEY_GRACE_SECONDS more (the generated dev key for devKeyGraceSeconds).
 */
export function createPlatformSecrets(
  kv: KvEngine,
  auth: Auth,
  config: PlatformSecretsConfig,
  logger: Logger,
): PlatformSecrets {
  const held = new Map<string, number>();
  let openai: z.infer<typeof openaiSecret> | undefined;

  /** The secret at `path` when its version is new, validated; a refused one is logged once per version. */
  async function newVersion<T>(path: string, schema: z.ZodType<T>): Promise<{ value: T; secret: KvVersion } | null> {
    const secret = await kv.get(path);
    if (!secret || secret.version === held.get(path)) return null;
    held.set(path, secret.version);
    const parsed = schema.safeParse(secret.data);
    if (!parsed.success) {
      logger.error(
        { secret: path, version: secret.version, fields: fieldsAtFault(parsed.error) },
        'secrets: a new version is malformed; the one in use stays',
      );
      return null;
    }
    return { value: parsed.data, secret };
  }

  let jwtFromStore = false;
  async function refreshJwt() {
    if (config.JWT_PUBLIC_FILE) return;
    const found = await newVersion('jwt', jwtSecret);
    if (!found) return;
    const { value, secret } = found;
    let keys: SigningKeys;
    try {
      keys = await jwtKeysOf(value, secret.version);
    } catch (err) {
      if (!(err instanceof JwtSecretError)) throw err;
      logger.error(
        { secret: 'jwt', version: secret.version, problems: err.problems },
        'secrets: jwt keys are not RS256 PEM (SPKI, PKCS#8) of one pair; the keys in use stay',
      );
      return;
    }
    // The key in use before keeps verifying for the grace period, so tokens signed just before stay good. Until the
    // store's first `jwt` that key is the generated dev key (JWT_PUBLIC_FILE skips this refresh, production without
    // ALLOW_UNSAFE_DEFAULTS starts keyless): its short grace covers tokens `alphanest token` signed with it (the CLI
    // cannot read PGlite's store while a node holds it).
    auth.useKeys(keys, jwtFromStore ? config.JWT_KEY_GRACE_SECONDS : devKeyGraceSeconds(config));
    jwtFromStore = true;
    logger.info(
      { secret: 'jwt', version: secret.version, signs: Boolean(keys.privateKey) },
      'secrets: jwt key pair in use',
    );
  }

  async function refreshOpenai() {
    const found = await newVersion('openai', openaiSecret);
    if (!found) return;
    openai = found.value;
    logger.info({ secret: 'openai', version: found.secret.version }, 'secrets: openai credentials in use');
  }

  let x: z.infer<typeof xSecret> | undefined;
  let cryptopanic: z.infer<typeof cryptopanicSecret> | undefined;
  /** The sources' secrets are read only while the environment does not set them (it wins). */
  async function refreshSources() {
    if (!config.X_BEARER_TOKEN) {
      const found = await newVersion('x', xSecret);
      if (found) x = found.value;
    }
    if (!config.CRYPTOPANIC_TOKEN) {
      const found = await newVersion('cryptopanic', cryptopanicSecret);
      if (found) cryptopanic = found.value;
    }
  }

  let coingecko: z.infer<typeof coingeckoSecret> | undefined;
  const exchanges = new Map<string, ExchangeCredentials>();
  /** The market data's key (while COINGECKO_API_KEY is unset) and the credentials of each exchange EXCHANGES names. */
  async function refreshMarkets() {
    const reads: Promise<void>[] = exchangeIds(config.EXCHANGES).map(async (id) => {
      const found = await newVersion(`exchanges/${id}`, exchangeSecret);
      if (!found) return;
      const { api_key, secret, password } = found.value;
      exchanges.set(id, { apiKey: api_key, secret, ...(password && { password }) });
      logger.info({ secret: `exchanges/${id}`, version: found.secret.version }, 'secrets: exchange credentials in use');
    });
    if (!config.COINGECKO_API_KEY)
      reads.push(
        newVersion('coingecko', coingeckoSecret).then((found) => {
          if (found) coingecko = found.value;
        }),
      );
    await Promise.all(reads);
  }

  return {
    get jwtFromStore() {
      return jwtFromStore;
    },
    async refresh() {
      const outcomes = await Promise.allSettled([refreshJwt(), refreshOpenai(), refreshSources(), refreshMarkets()]);
      const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failed) throw failed.reason;
    },
    sources: () => ({
      X_BEARER_TOKEN: config.X_BEARER_TOKEN ?? x?.bearer_token,
      CRYPTOPANIC_TOKEN: config.CRYPTOPANIC_TOKEN ?? cryptopanic?.token,
    }),
    coingeckoApiKey: () => config.COINGECKO_API_KEY ?? coingecko?.api_key,
    exchangeCredentials: (id) => exchanges.get(id),
    openai: () => ({
      apiKey: config.OPENAI_API_KEY ?? openai?.api_key,
      baseUrl: config.OPENAI_BASE_URL ?? openai?.base_url,
      model: config.LLM_MODEL ?? openai?.model,
    }),
  };
}
