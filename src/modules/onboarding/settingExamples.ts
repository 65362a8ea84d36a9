import type { Setting } from './docEntries.ts';

/**
 * A value to copy for the settings people ask about most, where the docs'
 * default (often none) shows nothing to type: the address of a local
 * service, or the value that turns a feature on or off.
 */
export const EXAMPLES: Record<string, string> = {
  DATABASE_URL: 'postgresql://alphanest:secret@127.0.0.1:5432/alphanest',
  CACHE_URL: 'redis://127.0.0.1:6379',
  SLAVE_CACHE_URL: 'redis://replica:6379',
  RABBIT_URL: 'amqp://guest:guest@127.0.0.1:5672',
  VAULT_ADDR: 'https://vault:8200',
  SECRETS_BACKEND: 'vault',
  LLM_PROVIDER: 'openai',
  OPENAI_API_KEY: 'sk-…',
  OPENAI_BASE_URL: 'http://localhost:11434/v1',
  LLM_MODEL: 'gpt-4o-mini',
  CHAIN_RPC_URLS: '1=https://eth.example/rpc,8453=https://base.example/rpc',
  MARKET_DATA: 'coingecko',
  EXCHANGES: 'binance,okx,kraken',
  OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
  JWT_PUBLIC_FILE: '/etc/alphanest/jwt-public.pem',
  JWT_PRIVATE_FILE: '/etc/alphanest/jwt-private.pem',
  DEMO_DATA: 'false',
  LOGGING_FORMAT: 'text',
  ENV: 'production',
  TRUST_PROXY: '1',
  CORS_ORIGINS: 'https://app.example.com',
  RSS_FEEDS: 'https://example.com/feed.xml',
  WORKERS: '4',
};

/** No default to show: the table's dash. */
const NONE = /^(—|-|)$/;

/**
 * One line saying what to set: `` Set `CACHE_URL` (e.g. `CACHE_URL=redis://127.0.0.1:6379`): Redis master… ``.
 * Of a row of several variables, the ones asked about come first and alone
 * have examples (a question about the API key is not answered with a server
 * URL); `value`, when given, is the example of a switch (`LLM_PROVIDER=openai`).
 */
export function settingLine(
  { variables, defaultValue, meaning }: Setting,
  asked: string[] = variables,
  value?: string,
): string {
  const names = [...new Set([...asked, ...variables])].map((name) => `\`${name}\``).join(' / ');
  const examples = value
    ? [`\`${asked[0]}=${value}\``]
    : asked.filter((name) => name in EXAMPLES).map((name) => `\`${name}=${EXAMPLES[name]}\``);
  const hint = examples.length
    ? ` (e.g. ${examples.join(', ')})`
    : NONE.test(defaultValue)
      ? ''
      : ` (default ${defaultValue})`;
  return `Set ${names}${hint}: ${meaning}`;
}
