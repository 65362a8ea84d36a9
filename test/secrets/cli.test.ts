import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSPKI, jwtVerify } from 'jose';
import { commands } from '../../src/cli/commands.ts';
import { loadConfig, type Config } from '../../src/core/config.ts';
import { UsageError } from '../../src/cli/command.ts';
import { dropSchema, runId, services } from '../support/services.ts';
import { runCommand } from '../support/runCommand.ts';
import { tempDir } from '../support/tempDir.ts';

/** The `secrets` and `service-account` commands, run in process on a PostgreSQL schema of their own. */
let config: Config;
const schema = runId('secrets_cli');

beforeAll(() => {
  config = loadConfig({
    ENV: 'testing',
    DATA_DIR: tempDir('secrets-cli'),
    DATABASE_URL: services.postgresUrl,
    DATABASE_SCHEMA: schema,
    DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
  });
});
afterAll(() => dropSchema(schema));

/** Runs `alphanest <name> <args…>`: what it printed and the exit code it resolved with. */
async function alphanest(name: string, positionals: string[], values: Record<string, string> = {}) {
  return runCommand(commands[name]!, () => config, positionals, values);
}

describe('alphanest secrets', () => {
  it('puts versions and gets the current one or any', async () => {
    expect((await alphanest('secrets', ['put', 'openai', 'api_key=sk-cli-1', 'model=gpt-x'])).stdout).toBe(
      'openai: version 1 written (api_key, model)\n',
    );
    await alphanest('secrets', ['put', 'openai', 'api_key=sk-cli-2']);
    const current = JSON.parse((await alphanest('secrets', ['get', 'openai'])).stdout);
    expect(current).toMatchObject({ path: 'openai', version: 2, data: { api_key: 'sk-cli-2' } });
    const first = JSON.parse((await alphanest('secrets', ['get', 'openai'], { version: '1' })).stdout);
    expect(first.data).toEqual({ api_key: 'sk-cli-1', model: 'gpt-x' });
    expect(await alphanest('secrets', ['get', 'nothing'])).toMatchObject({ code: 1, stdout: '' });
  });

  it('rotates the transit key and rewraps ciphertexts to its newest version', async () => {
    // A ciphertext made before the rotation, through the same store the command opens.
    const { createContext } = await import('../../src/core/context.ts');
    const { createSecretsModule } = await import('../../src/modules/secrets/index.ts');
    const ctx = await createContext(config);
    const secrets = createSecretsModule(ctx);
    const [old] = await secrets.backend.transit.encrypt(secrets.transitKey, ['rewrap me']);
    expect((await alphanest('secrets', ['rotate', 'transit'])).stdout).toBe(
      'transit key alphanest: version 2 now encrypts\n',
    );
    const rewrapped = (await alphanest('secrets', ['rewrap', old!])).stdout.trim();
    expect(rewrapped).toMatch(/^vault:v2:/);
    expect(await secrets.backend.transit.decrypt(secrets.transitKey, [rewrapped])).toEqual(['rewrap me']);
    // What is not a ciphertext is refused naming the field once (main.ts prints the message after `alphanest: `).
    await expect(alphanest('secrets', ['rewrap', 'not-a-ciphertext'])).rejects.toThrow(
      /^ciphertexts\[0\]: not a transit ciphertext \(vault:v<N>:<base64>\)$/,
    );
    // Nor is anything echoed back unopened: a version above the newest, or one that does not open at the newest.
    const zeros = Buffer.alloc(32).toString('base64');
    await expect(alphanest('secrets', ['rewrap', 'vault:v3:xx'])).rejects.toThrow(
      /^ciphertexts\[0\]: key alphanest has no version 3$/,
    );
    await expect(alphanest('secrets', ['rewrap', rewrapped, `vault:v2:${zeros}`])).rejects.toThrow(
      /^ciphertexts\[1\]: not made by key alphanest, or altered$/,
    );
    await ctx.close();
    // With no ciphertext given, the stored ones are walked (none stored yet in this schema).
    expect((await alphanest('secrets', ['rewrap'])).stdout).toBe(
      'chat_conversations: 0 rows rewritten\nchat_messages: 0 rows rewritten\n',
    );
    expect(JSON.parse((await alphanest('secrets', ['status'])).stdout)).toMatchObject({
      backend: 'embedded',
      health: 'ok',
      transit_key: 'alphanest',
      transit_key_version: 2,
    });
  });

  it('rotates the jwt key pair, says there are no database logins to replace, and shows the last rotations', async () => {
    expect((await alphanest('secrets', ['rotate', 'jwt'])).stdout).toBe(
      'jwt: version 1 written; every node signs with it from its next refresh\n',
    );
    const jwt = JSON.parse((await alphanest('secrets', ['get', 'jwt'])).stdout);
    expect(jwt.data.public_key).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(jwt.data.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    // Without DATABASE_ADMIN_URL (or VAULT_DB_ROLE) the pool logs in as DATABASE_URL's user: nothing is asked.
    expect(await alphanest('secrets', ['rotate', 'db'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "alphanest: rotate db: nothing done: the nodes have no short-lived database logins to replace (the pool logs in as its database URL's user, which only its owner changes); " +
        'PostgreSQL pools get them with VAULT_DB_ROLE (Vault) or DATABASE_ADMIN_URL (embedded)\n',
    });
    const { rotations } = JSON.parse((await alphanest('secrets', ['status'])).stdout);
    expect(rotations.map((r: { kind: string; detail: string }) => [r.kind, r.detail])).toEqual([
      ['jwt', 'jwt version 1'],
      ['transit', 'alphanest version 2'],
    ]);
    // A status names no secret: neither key of the pair.
    expect(JSON.stringify(rotations)).not.toContain(jwt.data.private_key.slice(40, 80));
  });

  it("alphanest token signs with the store's jwt, which the nodes verify with", async () => {
    const { data } = JSON.parse((await alphanest('secrets', ['get', 'jwt'])).stdout);
    const { code, stdout } = await alphanest('token', [], { sub: 'ops', role: 'admin', ttl: '1h' });
    expect(code).toBe(0);
    const { payload } = await jwtVerify(stdout.trim(), await importSPKI(data.public_key, 'RS256'));
    expect(payload).toMatchObject({ sub: 'ops', role: 'admin' });
  });

  it('refuses a malformed jwt pair at put; token names the version and fields of one written past the CLI', async () => {
    const PUBLIC_RULE =
      'field public_key must be an RSA public key (2048 bits or more) in SPKI PEM (-----BEGIN PUBLIC KEY-----)';
    const { version: before } = JSON.parse((await alphanest('secrets', ['get', 'jwt'])).stdout);
    expect(await alphanest('secrets', ['put', 'jwt', 'public_key=notapem'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `alphanest: jwt: nothing written: ${PUBLIC_RULE}\n`,
    });
    const dir = tempDir('secrets-cli-jwt');
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const other = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    writeFileSync(join(dir, 'public.pem'), publicKey);
    writeFileSync(join(dir, 'private.pem'), privateKey);
    writeFileSync(join(dir, 'other.pem'), other.privateKey);
    const mismatched = await alphanest('secrets', [
      'put',
      'jwt',
      `public_key=@${join(dir, 'public.pem')}`,
      `private_key=@${join(dir, 'other.pem')}`,
      'privatekey=typo',
    ]);
    expect(mismatched).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "alphanest: jwt: nothing written: field privatekey is not one of jwt's (public_key, private_key); " +
        'field private_key must be the private key of public_key (they are of two pairs)\n',
    });
    expect(JSON.parse((await alphanest('secrets', ['get', 'jwt'])).stdout).version).toBe(before);
    // A sound pair is written, and signs.
    const written = await alphanest('secrets', [
      'put',
      'jwt',
      `public_key=@${join(dir, 'public.pem')}`,
      `private_key=@${join(dir, 'private.pem')}`,
    ]);
    expect(written.stdout).toBe(`jwt: version ${before + 1} written (public_key, private_key)\n`);
    const signed = await alphanest('token', [], { sub: 'bob', role: 'user', ttl: '1h' });
    expect((await jwtVerify(signed.stdout.trim(), await importSPKI(publicKey, 'RS256'))).payload.sub).toBe('bob');

    // A version written past this check (`vault kv put`, an older CLI): token says what is wrong with it, not jose.
    const { createContext } = await import('../../src/core/context.ts');
    const { createSecretsModule } = await import('../../src/modules/secrets/index.ts');
    const ctx = await createContext(config);
    try {
      await createSecretsModule(ctx).backend.kv.put('jwt', { public_key: 'notapem' });
    } finally {
      await ctx.close();
    }
    const refusal = await alphanest('token', [], { sub: 'bob', role: 'user', ttl: '1h' }).catch((err: Error) => err);
    expect(refusal).toBeInstanceOf(Error);
    expect((refusal as Error).message).toBe(
      `cannot sign with the secrets store's jwt (version ${before + 2}): ${PUBLIC_RULE}; put a sound pair with ` +
        '`alphanest secrets put jwt public_key=@jwt-public.pem private_key=@jwt-private.pem`, or make one with `alphanest secrets rotate jwt`',
    );
  });

  it('refuses what it cannot do with the usage', async () => {
    await expect(alphanest('secrets', ['rotate', 'everything'])).rejects.toBeInstanceOf(UsageError);
    await expect(alphanest('secrets', ['put', 'openai', 'no-equals'])).rejects.toThrow(/key=value/);
    // A PATH alone says what is missing, not just the whole usage.
    await expect(alphanest('secrets', ['put', 'badpath'])).rejects.toThrow(
      /^put badpath: give the fields to write as key=value \(or key=@file\), one or more$/,
    );
    await expect(alphanest('secrets', ['get', '../sys/health'])).rejects.toThrow(/PATH/);
    await expect(alphanest('secrets', ['put', 'a/./b', 'k=v'])).rejects.toThrow(/PATH/);
  });

  it('refuses a field given twice, and a name outside its rule, writing nothing', async () => {
    const { version } = JSON.parse((await alphanest('secrets', ['get', 'openai'])).stdout);
    await expect(alphanest('secrets', ['put', 'openai', 'api_key=1', 'api_key=2'])).rejects.toThrow(
      /^api_key: given twice; give each field once$/,
    );
    const rule = 'a field name is 1-64 letters, digits, _ or -, starting with a letter';
    for (const name of ['a b', 'a.b', '_private', '1st', 'tab\there', 'bell\u0007', 'x'.repeat(65)])
      await expect(alphanest('secrets', ['put', 'openai', `${name}=v`])).rejects.toThrow(
        `${JSON.stringify(name)}: is not a field name: ${rule}`,
      );
    for (const name of ['__proto__', 'constructor', 'prototype'])
      await expect(alphanest('secrets', ['put', 'openai', `${name}=v`])).rejects.toThrow(
        `${JSON.stringify(name)}: is reserved (__proto__, constructor and prototype are not field names)`,
      );
    // A value typed without its name is not echoed back.
    await expect(alphanest('secrets', ['put', 'openai', 'sk-typed-alone'])).rejects.toThrow(
      /^an argument without =: give fields as key=value \(or key=@file\)$/,
    );
    expect(JSON.parse((await alphanest('secrets', ['get', 'openai'])).stdout).version).toBe(version);
    // Names of the rule are written: letters, digits, _ and -.
    expect((await alphanest('secrets', ['put', 'openai', 'api_key=k', 'Model-2_b=x'])).stdout).toBe(
      `openai: version ${version + 1} written (api_key, Model-2_b)\n`,
    );
  });

  it('refuses a master key other than the one the store was sealed with, writing nothing', async () => {
    // An admin's shell without the nodes' SECRETS_MASTER_KEY: another key (here given, else DATA_DIR's generated one).
    await alphanest('secrets', ['put', 'openai', 'api_key=sk-nodes']);
    const before = JSON.parse((await alphanest('secrets', ['status'])).stdout);
    const otherKey = { ...config, SECRETS_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') };
    const withOtherKey = (name: string, positionals: string[], values: Record<string, string> = {}) =>
      runCommand(commands[name]!, () => otherKey, positionals, values);
    const refused = /^the master key \(SECRETS_MASTER_KEY\) does not open the secrets this database holds/;
    await expect(withOtherKey('secrets', ['put', 'openai', 'api_key=sk-other'])).rejects.toThrow(refused);
    await expect(withOtherKey('secrets', ['rotate', 'transit'])).rejects.toThrow(refused);
    await expect(withOtherKey('service-account', ['create', 'other-key-bot'], { role: 'service' })).rejects.toThrow(
      refused,
    );
    await expect(withOtherKey('secrets', ['get', 'openai'])).rejects.toThrow(refused);
    // With the nodes' key everything still opens, and nothing was added under the other one.
    expect(JSON.parse((await alphanest('secrets', ['get', 'openai'])).stdout).data).toEqual({ api_key: 'sk-nodes' });
    expect(JSON.parse((await alphanest('secrets', ['status'])).stdout).transit_key_version).toBe(
      before.transit_key_version,
    );
    expect((await alphanest('service-account', ['list'])).stdout).not.toMatch(/other-key-bot/);
  });
});

describe('alphanest service-account', () => {
  it('creates an account printing its otpauth URL and QR code, lists and revokes it', async () => {
    const created = await alphanest('service-account', ['create', 'cli-bot'], {
      role: 'agent',
      agents: 'listing-hunter',
    });
    const url = /otpauth:\/\/\S+/.exec(created.stdout)?.[0];
    expect(URI.parse(url!)).toMatchObject({ issuer: 'AlphaNest', label: 'cli-bot' });
    expect(created.stdout).toMatch(/[▀▄█]/);
    expect((await alphanest('service-account', ['list'])).stdout).toBe('cli-bot\tagent\tlisting-hunter\tactive\n');
    expect((await alphanest('service-account', ['revoke', 'cli-bot'])).stdout).toBe(
      'service account cli-bot revoked\n',
    );
    expect((await alphanest('service-account', ['list'])).stdout).toMatch(/^cli-bot\tagent\tlisting-hunter\trevoked /);
    await expect(
      alphanest('service-account', ['create', 'x'], { role: 'service', agents: 'listing-hunter' }),
    ).rejects.toThrow(/--agents binds an agent token/);
    await expect(alphanest('service-account', ['create', 'Bad Name'], { role: 'service' })).rejects.toThrow(/NAME/);
  });
});

describe('what the store commands connect to', () => {
  it('opens neither RabbitMQ nor Redis, whatever RABBIT_URL and CACHE_URL say', async () => {
    // Both point at a listener that counts connections and answers nothing: a bus or a cache opened would be seen
    // here (and RabbitMQ's handshake would stall the command until its deadline).
    let connections = 0;
    const listener = createServer((socket) => {
      connections += 1;
      socket.on('error', () => {});
    });
    await new Promise<void>((ready) => listener.listen(0, '127.0.0.1', ready));
    const { port } = listener.address() as AddressInfo;
    const wired = loadConfig({
      ENV: 'testing',
      DATA_DIR: config.DATA_DIR,
      DATABASE_URL: services.postgresUrl,
      DATABASE_SCHEMA: schema,
      RABBIT_URL: `amqp://guest:guest@127.0.0.1:${port}`,
      CACHE_URL: `redis://127.0.0.1:${port}`,
      LOG_LEVEL: 'info',
    });
    const run = (name: string, positionals: string[], values: Record<string, string> = {}) =>
      runCommand(commands[name]!, () => wired, positionals, values);
    try {
      const outputs = [
        await run('secrets', ['status']),
        await run('secrets', ['get', 'openai']),
        await run('secrets', ['rotate', 'jwt']),
        await run('service-account', ['list']),
        await run('token', [], { sub: 'bob', role: 'user', ttl: '1h' }),
      ];
      for (const { code, stderr } of outputs) {
        expect(code).toBe(0);
        expect(stderr).not.toMatch(/rabbitmq|redis/i);
      }
      expect(outputs.at(-1)!.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
      expect(connections).toBe(0);
    } finally {
      await new Promise((closed) => listener.close(closed));
    }
  }, 60_000);
});

describe('alphanest secrets rotate db on the quick start (PGlite)', () => {
  it('says it did nothing: PGlite has no logins', async () => {
    const pglite = loadConfig({ ENV: 'testing', DATA_DIR: tempDir('secrets-cli-pglite'), LOG_LEVEL: 'silent' });
    const result = await runCommand(commands.secrets!, () => pglite, ['rotate', 'db']);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toContain(
      'rotate db: nothing done: the nodes have no short-lived database logins to replace (the embedded database (PGlite) has no logins)',
    );
  }, 60_000);
});
