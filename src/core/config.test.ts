import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('configuration', () => {
  it('runs with nothing set: embedded defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      ENV: 'dev',
      PORT: 8000,
      GLOBAL_LIMIT_TIMES: 150,
      GLOBAL_LIMIT_SECONDS: 60,
      LOGGING_FORMAT: 'json',
      DATA_DIR: './data',
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.corsOrigins).toBe(true);
  });

  it('accepts DATABASE_URL_DOGEX and normalises the asyncpg scheme', () => {
    expect(loadConfig({ DATABASE_URL_DOGEX: 'postgresql+asyncpg://u:p@db:5432/x' }).databaseUrl).toBe(
      'postgresql://u:p@db:5432/x',
    );
    expect(
      loadConfig({ DATABASE_URL: 'postgres://a@b/c', DATABASE_URL_DOGEX: 'postgresql://other/x' }).databaseUrl,
    ).toBe('postgres://a@b/c');
  });

  it('reports every problem, one line each, naming the variable', () => {
    expect(
      problems({
        PORT: 'eighty',
        ENV: 'staging',
        CACHE_URL: 'http://redis',
        GLOBAL_LIMIT_TIMES: '0',
        LOGGING_FORMAT: 'xml',
      }),
    ).toEqual([
      'ENV: must be dev, production or testing',
      'PORT: must be a number',
      'CACHE_URL: must be a URL with scheme redis or rediss',
      'GLOBAL_LIMIT_TIMES: must be at least 1',
      'LOGGING_FORMAT: must be json or text',
    ]);
  });

  it('refuses unsafe embedded defaults in production unless allowed', () => {
    expect(problems({ ENV: 'production' })).toEqual([
      expect.stringMatching(/^DATABASE_URL: required in production/),
      expect.stringMatching(/^JWT_PUBLIC_FILE: required in production/),
      expect.stringMatching(/^SECRETS_MASTER_KEY: required in production with the embedded secrets backend/),
    ]);
    expect(problems({ ENV: 'production', ALLOW_UNSAFE_DEFAULTS: 'true' })).toEqual([]);
  });

  it('refuses the MCP conformance fixtures in production, even with unsafe defaults allowed', () => {
    expect(problems({ ENV: 'production', ALLOW_UNSAFE_DEFAULTS: 'true', MCP_CONFORMANCE_FIXTURES: 'true' })).toEqual([
      expect.stringMatching(/^MCP_CONFORMANCE_FIXTURES: not allowed in production/),
    ]);
    expect(loadConfig({ ENV: 'testing', MCP_CONFORMANCE_FIXTURES: 'true' }).MCP_CONFORMANCE_FIXTURES).toBe(true);
    expect(loadConfig({}).MCP_CONFORMANCE_FIXTURES).toBe(false);
  });

  it('chooses the secrets backend and checks what Vault needs', () => {
    expect(loadConfig({}).secretsBackend).toBe('embedded');
    expect(loadConfig({ VAULT_ADDR: 'https://vault:8200', VAULT_TOKEN: 't' }).secretsBackend).toBe('vault');
    expect(problems({ SECRETS_BACKEND: 'vault' })).toEqual([
      expect.stringMatching(/^VAULT_ADDR: required with SECRETS_BACKEND=vault/),
      expect.stringMatching(
        /^VAULT_TOKEN: required with SECRETS_BACKEND=vault, unless VAULT_ROLE_ID and VAULT_SECRET_ID/,
      ),
    ]);
    expect(problems({ VAULT_ADDR: 'https://vault:8200', VAULT_ROLE_ID: 'role' })).toEqual([
      'VAULT_SECRET_ID: required with VAULT_ROLE_ID (AppRole login needs both)',
    ]);
    expect(problems({ VAULT_PATH_PREFIX: 'apps/../sys' })).toHaveLength(1);
    expect(problems({ SECRETS_MASTER_KEY: 'short', VAULT_KV_MOUNT: '/secret/' })).toEqual([
      'SECRETS_MASTER_KEY: must be 32 bytes in base64 (openssl rand -base64 32)',
      'VAULT_KV_MOUNT: must be a path like secret or apps/alphanest (no leading or trailing /, no . or .. segment)',
    ]);
    // Production with Vault may take its JWT key pair from Vault's `jwt` instead of a file.
    expect(
      problems({
        ENV: 'production',
        DATABASE_URL: 'postgresql://db/x',
        VAULT_ADDR: 'https://vault:8200',
        VAULT_TOKEN: 't',
      }),
    ).toEqual([]);
    // ... and its database URL from Vault's `database`, which the embedded store (in that database) cannot hold.
    expect(problems({ ENV: 'production', VAULT_ADDR: 'https://vault:8200', VAULT_TOKEN: 't' })).toEqual([]);
    expect(problems({ ENV: 'production', SECRETS_MASTER_KEY: Buffer.alloc(32).toString('base64') })).toContainEqual(
      expect.stringMatching(/^DATABASE_URL: required in production .*cannot hold it, since it lives in that database/),
    );
    // Workers and Vault's dynamic logins read it there too; the embedded backend's logins need DATABASE_URL.
    const vault = { VAULT_ADDR: 'https://vault:8200', VAULT_TOKEN: 't' };
    const shared = { CACHE_URL: 'redis://cache:6379', RABBIT_URL: 'amqp://mq' };
    expect(problems({ ...vault, ...shared, WORKERS: '2', VAULT_DB_ROLE: 'alphanest' })).toEqual([]);
    expect(problems({ ...shared, WORKERS: '2' })).toEqual([
      'WORKERS: more than 1 needs DATABASE_URL, or VAULT_ADDR with the URL in Vault (the processes share the database, Redis and RabbitMQ)',
    ]);
    expect(problems({ DATABASE_ADMIN_URL: 'postgresql://admin@db/x', DATABASE_OWNER_ROLE: 'owner' })).toEqual([
      'DATABASE_URL: required with DATABASE_ADMIN_URL (dynamic database credentials of the embedded backend)',
    ]);
    expect(loadConfig({ SERVICE_TOKEN_TTL: '5m' }).serviceTokenTtlSeconds).toBe(300);
  });

  it('needs a master for a replica and splits CORS origins', () => {
    expect(problems({ SLAVE_CACHE_URL: 'redis://replica:6379' })).toEqual([
      'SLAVE_CACHE_URL: needs CACHE_URL (the master) as well',
    ]);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, https://b.example' }).corsOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });

  it('reads TRUST_PROXY and JWT_MAX_AGE, refusing what Fastify or jose could not use', () => {
    // By default only a peer on this machine (the dashboard, a local nginx) may name the client.
    expect(loadConfig({}).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    const oneHop = loadConfig({ TRUST_PROXY: '1' }).trustProxy as (address: string, hop: number) => boolean;
    expect([oneHop('198.51.100.1', 0), oneHop('198.51.100.1', 1)]).toEqual([true, false]);
    // A hop count also sees through proxies on this machine (the dashboard forwarding through the local nginx).
    expect([oneHop('127.0.0.1', 1), oneHop('::1', 2), oneHop('10.0.0.1', 1)]).toEqual([true, true, false]);
    expect(loadConfig({ JWT_MAX_AGE: '24h' }).jwtMaxAgeSeconds).toBe(86_400);
    expect(problems({ TRUST_PROXY: 'yes', JWT_MAX_AGE: 'forever' })).toEqual([
      'JWT_MAX_AGE: must be a duration such as 3600, 30m, 24h or 7d',
      expect.stringMatching(/^TRUST_PROXY: must be false, true, a hop count/),
    ]);
    expect(problems({ TRUST_PROXY: '10.0.0.0/99' })).toHaveLength(1);
  });
});
