/**
 * What `bench/chat.bench.ts` and `bench/chatProfile.bench.ts` share: the gateway's environment (a schema and a
 * DATA_DIR of their own), the users' tokens and the requests each case sends.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type autocannon from 'autocannon';
import { createAuth } from '../src/core/auth/auth.ts';
import { loadSigningKeys } from '../src/core/auth/keys.ts';
import { loadConfig } from '../src/core/config.ts';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
export const USERS = 50;

export const CASES = {
  spread: ['/api/chat/tools', { tool_name: 'arbitrage__spread', parameters: { symbol: 'BTC/USDT' } }],
  spreadChat: ['/api/chat/message', { message: 'spread for BTC/USDT' }],
  spreadStream: ['/api/chat/message', { message: 'spread for BTC/USDT', stream: true }],
  clan: ['/api/chat/tools', { tool_name: 'clan_score_lookup', parameters: { clan: 'moon-cartel' } }],
  clanChat: ['/api/chat/message', { message: 'How is Moon Cartel doing?' }],
} as const;
export type Case = keyof typeof CASES;

/** A case by its letter in the bench's table (a to e). */
export const caseOf = (letter: string): Case => (Object.keys(CASES) as Case[])['abcde'.indexOf(letter)]!;

/** The gateway child's environment, with a schema and DATA_DIR of its own; `drop` removes both. */
export function chatBenchEnv(prefix: string) {
  const schema = `${prefix}_${randomBytes(3).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), `alphanest-${prefix.replaceAll('_', '-')}-`));
  const env = {
    DATABASE_URL,
    DATABASE_SCHEMA: schema,
    DATA_DIR: dataDir,
    DEMO_DATA: 'true', // the Clan Warz demo clans, for (d) and (e)
    LOG_LEVEL: 'warn',
    GLOBAL_LIMIT_TIMES: '1000000',
    TOOL_RATE_LIMIT_PER_MINUTE: '100000000',
    CHAT_RATE_PER_MINUTE: '1000000',
    CHAT_CONCURRENCY: '10000',
  };
  return {
    env,
    async drop() {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Tokens for USERS users, signed with the dev key the gateway child loads from the same DATA_DIR. */
export async function userTokens(env: Record<string, string>): Promise<string[]> {
  const config = loadConfig(env);
  const auth = createAuth(await loadSigningKeys(config), config);
  return Promise.all(
    Array.from({ length: USERS }, (_, i) => auth.sign({ sub: `bench-user-${i}`, role: 'user' }, '1h')),
  );
}

/** The case's POST, each request as the next user in turn. */
export function asUsers(tokens: string[], name: Case): autocannon.Request[] {
  const [path, body] = CASES[name];
  let next = 0;
  return [
    {
      method: 'POST',
      path,
      body: JSON.stringify(body),
      setupRequest: (request) => ({
        ...request,
        headers: {
          ...request.headers,
          'content-type': 'application/json',
          authorization: `Bearer ${tokens[next++ % tokens.length]}`,
        },
      }),
    },
  ];
}
