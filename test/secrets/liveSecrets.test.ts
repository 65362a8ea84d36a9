import { exportPKCS8, exportSPKI, generateKeyPair, jwtVerify, type CryptoKey } from 'jose';
import { sql } from 'drizzle-orm';
import { URI } from 'otpauth';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { defineModule } from '../../src/core/module.ts';
import { buildGateway } from '../../src/gateway.ts';
import { createSecretsModule } from '../../src/modules/secrets/index.ts';
import { platformModules, type AlphaNest } from '../../src/platform.ts';
import { startFakeOpenAiServer, textReply, type FakeOpenAiServer } from '../fakes/openaiServer.ts';
import { createTestContext } from '../support/context.ts';
import { http } from '../support/gateway.ts';
import { createManualClock } from '../support/manualClock.ts';

/**
 * What the platform reads from the store, rotated while it runs: a new `openai` key is sent by the next
 * chat call, a new `jwt` key pair signs at once while the one before keeps verifying. Everything the
 * node logged and answered meanwhile is searched for the secret values: none may appear.
 */
const REFRESH_SECONDS = 30;
const OPENAI_ONE = 'sk-live-rotation-one-7f3a9c';
const OPENAI_TWO = 'sk-live-rotation-two-42d1e8';
const MALFORMED = 'not-a-pem-but-still-secret-5b6c';

const pair = async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return {
    publicKey,
    privateKey,
    pem: { public_key: await exportSPKI(publicKey), private_key: await exportPKCS8(privateKey) },
  };
};
const signedBy = (token: string, key: CryptoKey) =>
  jwtVerify(token, key).then(
    () => true,
    () => false,
  );

describe('secrets read live by a running platform', () => {
  const logs: string[] = [];
  const answers: string[] = [];
  const clock = createManualClock(Date.now());
  let fake: FakeOpenAiServer;
  let ctx: AppContext;
  let platform: AlphaNest;
  let url: string;
  let closeApp: () => Promise<void>;

  const call = async (path: string, init: Parameters<typeof http>[1] = {}) => {
    const answer = await http(`${url}${path}`, init);
    answers.push(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    return answer;
  };
  /** Writes a secret and lets the refresher's next tick read it. */
  const rotate = async (path: string, data: Record<string, string>) => {
    await platform.secrets.backend.kv.put(path, data);
    clock.advance(REFRESH_SECONDS * 1000);
    await platform.secrets.refresh();
  };
  const chat = async (token: string) =>
    call('/api/chat/message', { method: 'POST', token, json: { message: 'hello' } });

  beforeAll(async () => {
    fake = await startFakeOpenAiServer();
    fake.setDefault(textReply('Hello from the fake model.'));
    ctx = await createTestContext({
      backend: 'postgres',
      logger: pino({ level: 'trace' }, { write: (line: string) => void logs.push(line) }),
      env: {
        LLM_PROVIDER: 'openai',
        OPENAI_BASE_URL: fake.baseUrl,
        LLM_MODEL: 'gpt-test',
        SECRETS_REFRESH_SECONDS: String(REFRESH_SECONDS),
      },
    });
    const secrets = defineModule({ name: 'secrets', create: (c) => createSecretsModule(c, clock) });
    platform = await platformModules.replace(secrets).create(ctx);
    const app = await buildGateway(platform);
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    closeApp = () => app.close();
  });
  afterAll(async () => {
    await closeApp?.();
    await ctx?.close();
    await fake?.close();
  });

  it('sends a rotated OpenAI key with the next call', async () => {
    const user = await ctx.auth.sign({ sub: 'trader', role: 'user' }, '1h');
    await rotate('openai', { api_key: OPENAI_ONE });
    expect((await chat(user)).status).toBe(200);
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${OPENAI_ONE}`);
    await rotate('openai', { api_key: OPENAI_TWO });
    expect((await chat(user)).status).toBe(200);
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${OPENAI_TWO}`);
  });

  it('signs with a rotated jwt key pair at once; the pair before keeps verifying', async () => {
    const devSigned = await ctx.auth.sign({ sub: 'early', role: 'user' }, '1h');
    const first = await pair();
    await rotate('jwt', first.pem);
    // The generated dev key the node used before keeps verifying for a short grace (devKeyGraceSeconds).
    expect((await chat(devSigned)).status).toBe(200);
    const underFirst = await ctx.auth.sign({ sub: 'trader', role: 'user' }, '1h');
    expect(await signedBy(underFirst, first.publicKey)).toBe(true);

    const second = await pair();
    await rotate('jwt', second.pem);
    const underSecond = await ctx.auth.sign({ sub: 'trader', role: 'user' }, '1h');
    expect(await signedBy(underSecond, second.publicKey)).toBe(true);
    expect((await chat(underSecond)).status).toBe(200);
    expect((await chat(underFirst)).status).toBe(200); // within JWT_KEY_GRACE_SECONDS

    // Service-account tokens come from the key in use too.
    const { url: otpauth } = await platform.secrets.serviceAccounts.create('live-bot', 'service');
    const exchanged = await call('/api/v1/auth/token', {
      method: 'POST',
      // Codes follow the platform's clock, which the refreshes moved on.
      json: { account: 'live-bot', code: URI.parse(otpauth).generate({ timestamp: clock.now() }) },
    });
    expect(await signedBy(exchanged.body.token, second.publicKey)).toBe(true);

    // A malformed new version is refused and the pair in use stays.
    await rotate('jwt', { public_key: MALFORMED });
    expect((await chat(underSecond)).status).toBe(200);
    expect(logs.some((line) => line.includes('are not RS256 PEM'))).toBe(true);
  });

  it('never shows a secret value in logs, answers, /health, /metrics, OpenAPI or the database', async () => {
    const admin = await ctx.auth.sign({ sub: 'ops', role: 'admin' }, '1h');
    await call('/health', { token: admin });
    await call('/metrics');
    // The OpenAPI document, examples included, holds no value either.
    const openapi = await call('/docs/json');
    expect(openapi.body.paths).toHaveProperty('/api/v1/auth/token');
    await call('/api/v1/auth/token', { method: 'POST', json: { account: 'live-bot', code: '000000' } });
    await call('/api/chat/message', { method: 'POST', token: 'not.a.token', json: { message: 'x' } });
    const rows = async (query: ReturnType<typeof sql>) =>
      JSON.stringify(((await ctx.db.drizzle.execute(query)) as unknown as { rows: unknown[] }).rows);
    const stored = await rows(sql`SELECT * FROM secret_versions`);
    const otpSecret = URI.parse((await platform.secrets.serviceAccounts.create('leak-check', 'service')).url).secret
      .base32;
    const totpRows = await rows(sql`SELECT * FROM totp_keys`);

    const secrets = [OPENAI_ONE, OPENAI_TWO, MALFORMED, otpSecret];
    const everything = [...logs, ...answers, stored, totpRows].join('\n');
    expect(logs.length).toBeGreaterThan(10);
    for (const value of secrets) expect(everything).not.toContain(value);
    // Nor a private key's body.
    expect(everything).not.toMatch(/BEGIN PRIVATE KEY/);
    expect(stored).not.toMatch(/BEGIN PUBLIC KEY/);
  });
});
