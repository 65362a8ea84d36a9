import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { decodeJwt, exportSPKI, generateKeyPair } from 'jose';
import pg from 'pg';
import { createAuth } from '../../src/core/auth/auth.ts';
import { loadSigningKeys } from '../../src/core/auth/keys.ts';
import { dropSchema, runId, services } from '../support/services.ts';
import { freePort } from '../support/ports.ts';
import { tempDir } from '../support/tempDir.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
const cli = join(root, 'src/cli/main.ts');
const main = join(root, 'src/main.ts');
const recordLoadedModules = join(root, 'test/telemetry/recordLoadedModules.ts');
const recordCompileCacheDir = join(root, 'test/cli/recordCompileCacheDir.ts');

/** Runs the CLI in a fresh process with only the given environment (plus PATH). */
async function alphanest(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], {
      env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
      cwd: tmpdir(),
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The files a run of the CLI had Node resolve (by the default resolution), relative to the checkout. */
async function filesResolved(args: string[], env: Record<string, string>) {
  const file = join(tempDir('loaded'), 'modules.json');
  const result = await alphanest(args, {
    ...env,
    NODE_OPTIONS: `--import ${recordLoadedModules}`,
    LOADED_MODULES_FILE: file,
  });
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return (JSON.parse(readFileSync(file, 'utf8')) as string[])
    .filter((url) => url.startsWith('file:'))
    .map((url) => relative(root, fileURLToPath(url)));
}

/** The project's own source files a run of the CLI loaded (`src/cli/main.ts`…). */
const projectSources = (paths: string[]) => paths.filter((path) => path.startsWith('src/'));

const sourcesLoaded = async (args: string[], env: Record<string, string>) =>
  projectSources(await filesResolved(args, env));

/** The files of the platform among them: any module's, the composition root, the runtime. */
const platformFiles = (paths: string[]) =>
  paths.filter((path) => /^src\/(modules\/|platform\.ts|runtime\/)/.test(path));

describe('alphanest CLI', () => {
  const dataDir = tempDir('cli');
  const schema = runId('cli');
  const pgEnv = { DATABASE_URL: services.postgresUrl, DATABASE_SCHEMA: schema, DATA_DIR: dataDir };
  afterAll(() => dropSchema(schema));

  it('loads no module for --help and keys generate, and of the modules only secrets for token and secrets', async () => {
    // The secrets store on a schema and DATA_DIR (its master key) of its own: the four runs share nothing.
    const secretsSchema = runId('cli_secrets');
    const secretsEnv = {
      DATABASE_URL: services.postgresUrl,
      DATABASE_SCHEMA: secretsSchema,
      DATA_DIR: tempDir('cli-secrets'),
    };
    try {
      const [help, token, agentToken, keys, secretsResolved] = await Promise.all([
        sourcesLoaded(['--help'], { DATA_DIR: dataDir }),
        sourcesLoaded(['token', '--sub', 'a'], { DATA_DIR: dataDir }),
        sourcesLoaded(['token', '--sub', 'a', '--role', 'agent', '--agents', 'security-watch'], { DATA_DIR: dataDir }),
        sourcesLoaded(['keys', 'generate', '--out', join(tempDir('cli-keys'), 'out')], { DATA_DIR: dataDir }),
        filesResolved(['secrets', 'status'], secretsEnv),
      ]);
      const secrets = projectSources(secretsResolved);
      expect(platformFiles(help)).toEqual([]);
      // token reads the store's jwt (the key the nodes use).
      expect(platformFiles(token).filter((path) => !path.startsWith('src/modules/secrets/'))).toEqual([]);
      // --agents checks the names against the catalogue alone, not the intelligence module.
      expect(platformFiles(agentToken).filter((path) => !path.startsWith('src/modules/secrets/'))).toEqual([
        'src/modules/intelligence/agentCatalogue.ts',
      ]);
      expect(platformFiles(keys)).toEqual([]);
      expect(secrets).toContain('src/modules/secrets/index.ts');
      // drizzle-orm's files import one another by relative path, each of which would have Node parse its 180 kB
      // package.json again (src/core/moduleLoading.ts): Node is asked only for what the project's files name.
      expect(secretsResolved.filter((path) => path.startsWith('node_modules/drizzle-orm/')).sort()).toEqual([
        'node_modules/drizzle-orm/index.js',
        'node_modules/drizzle-orm/migrator.js',
        'node_modules/drizzle-orm/node-postgres/index.js',
        'node_modules/drizzle-orm/node-postgres/migrator.js',
        'node_modules/drizzle-orm/pg-core/index.js',
      ]);
      expect(platformFiles(secrets).filter((path) => !path.startsWith('src/modules/secrets/'))).toEqual([]);
    } finally {
      await dropSchema(secretsSchema);
    }
  });

  it('keeps the modules it compiled in node_modules/.cache, for the next command to start from', async () => {
    const file = join(tempDir('compile-cache'), 'dir');
    const result = await alphanest(['--help'], {
      NODE_OPTIONS: `--import ${recordCompileCacheDir}`,
      COMPILE_CACHE_DIR_FILE: file,
    });
    expect(result.code).toBe(0);
    // Node keeps each version's cache in a folder of its own inside.
    expect(dirname(readFileSync(file, 'utf8'))).toBe(join(root, 'node_modules/.cache/node-compile-cache'));
  });

  it('keeps them in the node_modules the dependencies were installed in when it is hoisted above the checkout', async () => {
    // The sources one folder below the node_modules that holds drizzle-orm, with none beside them.
    const hoisted = tempDir('hoisted');
    cpSync(join(root, 'src'), join(hoisted, 'app/src'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(hoisted, 'node_modules'));
    const file = join(hoisted, 'compile-cache-dir');
    const { stderr } = await run(process.execPath, [join(hoisted, 'app/src/cli/main.ts'), '--help'], {
      env: { PATH: process.env.PATH, NODE_OPTIONS: `--import ${recordCompileCacheDir}`, COMPILE_CACHE_DIR_FILE: file },
      cwd: tmpdir(),
    });
    expect(stderr).toBe('');
    expect(dirname(readFileSync(file, 'utf8'))).toBe(join(hoisted, 'node_modules/.cache/node-compile-cache'));
    expect(existsSync(join(hoisted, 'app/node_modules'))).toBe(false);
  });

  it('keeps them where NODE_COMPILE_CACHE says when it is set (the image sets a folder its user owns)', async () => {
    const file = join(tempDir('compile-cache'), 'dir');
    const cache = tempDir('compile-cache-set');
    const result = await alphanest(['--help'], {
      NODE_OPTIONS: `--import ${recordCompileCacheDir}`,
      COMPILE_CACHE_DIR_FILE: file,
      NODE_COMPILE_CACHE: cache,
    });
    expect(result.code).toBe(0);
    expect(dirname(readFileSync(file, 'utf8'))).toBe(cache);
  });

  it('prints a token signed with the dev key', async () => {
    const result = await alphanest(['token', '--sub', 'alice', '--role', 'admin', '--ttl', '2h'], {
      DATA_DIR: dataDir,
    });
    expect(result.code).toBe(0);
    const auth = createAuth(await loadSigningKeys({ DATA_DIR: dataDir }), { jwtMaxAgeSeconds: 86_400 });
    expect(await auth.verify(result.stdout.trim())).toEqual({ sub: 'alice', role: 'admin' });
  });

  it('signs a --ttl of bare seconds for that long', async () => {
    const result = await alphanest(['token', '--sub', 'alice', '--ttl', '3600'], { DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    const { iat, exp } = decodeJwt(result.stdout.trim());
    expect(exp! - iat!).toBe(3600);
  });

  it('binds an agent token to the agents it names', async () => {
    // An agent named twice is in the claim once.
    const agents = 'news-sentiment-radar,security-watch,news-sentiment-radar';
    const args = ['token', '--sub', 'radar', '--role', 'agent', '--agents', agents];
    const result = await alphanest(args, { DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    const auth = createAuth(await loadSigningKeys({ DATA_DIR: dataDir }), { jwtMaxAgeSeconds: 86_400 });
    expect(await auth.verify(result.stdout.trim())).toEqual({
      sub: 'radar',
      role: 'agent',
      agents: ['news-sentiment-radar', 'security-watch'],
    });
  });

  it.each([
    [['token'], '--sub is required'],
    [['token', '--sub', 'a', '--role', 'god'], '--role must be one of'],
    [['token', '--sub', 'a', '--ttl', 'forever'], '--ttl must look like'],
    [['token', '--sub', 'a', '--ttl', '0m'], '--ttl must be at least 1s'],
    [['token', '--sub', 'a'.repeat(257)], '--sub must be at most 256 characters'],
    [['token', '--sub', 'a', '--bogus'], "Unknown option '--bogus'"],
    [['token', '--sub', 'a', '--agents', 'security-watch'], 'use it with --role agent'],
    [['token', '--sub', 'a', '--role', 'agent', '--agents', 'nobody'], 'not in the agent catalogue: nobody'],
    [
      ['token', '--sub', 'a', '--role', 'agent', '--agents', 'security-watch,,listing-hunter'],
      '--agents: an empty agent id',
    ],
    [['token', '--sub', 'a', '--role', 'agent', '--agents='], '--agents: an empty agent id'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['serve', 'nothing'], 'serve takes one of'],
    [['seed-demo', '--count', '0'], '--count must be a whole number'],
    // A role typed without its option would otherwise sign a user token.
    [['token', '--sub', 'alice', 'admin'], 'token takes options only: 1 argument(s) given without an option'],
    [['mcp-stdio', 'eyJ.a.b'], 'mcp-stdio takes options only'],
  ])('rejects %j with exit status 2 and the usage', async (args, message) => {
    const result = await alphanest(args, { DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('usage: alphanest');
  });

  it.each([
    [['secrets', '--help'], 'secrets get PATH'],
    [['service-account', 'create', 'x', '-h'], 'service-account create NAME --role agent|service'],
    [['token', '--sub', 'a', '--help'], 'token --sub ID'],
    [['help', 'keys'], 'keys generate --out DIR'],
  ])('answers %j with that command usage on stdout, exit status 0, running nothing', async (args, usage) => {
    const result = await alphanest(args, { DATA_DIR: dataDir });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`^usage: alphanest ${usage.replace(/[|]/g, '\\|')}`));
  });

  it("shows a command's own usage with a mistake in its arguments, not every command's", async () => {
    const result = await alphanest(['keys', 'generate'], { DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'alphanest: --out DIR is required\n\nusage: alphanest keys generate --out DIR\n\n' +
        'write a production RS256 key pair into DIR (jwt-private.pem mode 0600, jwt-public.pem)\n',
    );
  });

  it('refuses to sign when only a public key is configured', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const file = join(dataDir, 'public.pem');
    writeFileSync(file, await exportSPKI(publicKey));
    const result = await alphanest(['token', '--sub', 'a'], { DATA_DIR: dataDir, JWT_PUBLIC_FILE: file });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no private key');
  });

  it('stops on invalid configuration with one line per problem', async () => {
    const result = await alphanest(['migrate'], { PORT: 'x', CACHE_URL: 'http://nope', ENV: 'production' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      'alphanest: invalid configuration:',
      '  - PORT: must be a number',
      '  - CACHE_URL: must be a URL with scheme redis or rediss',
    ]);
  });

  it('migrates PostgreSQL and seeds the demo feed idempotently', async () => {
    expect((await alphanest(['migrate'], pgEnv)).stdout).toContain(`migrations applied (postgres, schema ${schema})`);
    // The newest 50 reports, the outlets repeating a story folded into its item.
    const seeding = Date.now();
    const first = (await alphanest(['seed-demo', '--count', '50'], pgEnv)).stdout;
    const created = Number(first.match(/demo intelligence: (\d+) new item\(s\)/)?.[1]);
    expect(created).toBeGreaterThan(40);
    expect(created).toBeLessThanOrEqual(50);
    // Within the hour, a report that came due between the two runs is new the second time (rarely: reports are
    // minutes apart); what was stored is never stored again. The next hour's demo tells its last hours anew.
    const again = (await alphanest(['seed-demo', '--count', '50'], pgEnv)).stdout;
    const createdAgain = Number(again.match(/demo intelligence: (\d+) new item\(s\)/)?.[1]);
    const hours = new Set([seeding, Date.now()].map((at) => Math.floor(at / 3_600_000)));
    if (hours.size === 1) expect(createdAgain).toBeLessThanOrEqual(2);
    const client = new pg.Client({ connectionString: services.postgresUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT count(*)::int AS items, count(DISTINCT external_id)::int AS ids FROM "${schema}".intelligence_items`,
      );
      expect(rows[0].items).toBe(created + createdAgain);
      if (hours.size === 1) expect(rows[0].ids).toBe(rows[0].items);
    } finally {
      await client.end();
    }
  });

  it('agents run names the agent it runs in its start line', async () => {
    const agentDir = tempDir('cli-agent-run');
    // Its sources are not polled (AGENTS_ENABLED=false): the start line is what is checked, not the network.
    const child = spawn(process.execPath, [cli, 'agents', 'run', 'security-watch'], {
      env: { PATH: process.env.PATH, DATA_DIR: agentDir, LOG_LEVEL: 'warn', AGENTS_ENABLED: 'false' },
      cwd: agentDir,
    });
    onTestFinished(() => void child.kill('SIGKILL'));
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await expect.poll(() => stdout, { timeout: 60_000, interval: 250 }).toContain('Press Ctrl-C to stop.');
    expect(stdout.split('\n')[0]).toMatch(/ running agent security-watch:$/);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 90_000);
});

describe('npm start (src/main.ts)', () => {
  it('prints the URLs first, serves the demo feed on PGlite, and stops cleanly on Ctrl-C', async () => {
    const port = await freePort();
    const dataDir = tempDir('start');
    const child = spawn(process.execPath, [main], {
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        MCP_PORT: String(await freePort()),
        ARBITRAGE_PORT: String(await freePort()),
        DASHBOARD_PORT: String(await freePort()),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        // Whether it stops cleanly, not how fast: the default 10 s deadline is for production, not two loaded cores.
        SHUTDOWN_TIMEOUT_SECONDS: '60',
        // Starting from a clean clone beside another test fork on two cores, its event loop can lag past the 1 s at
        // which a node sheds load (503 overloaded, /health still answering): that has its own tests
        // (src/core/http/pressure.test.ts), and a clean-clone CI run once failed here on it.
        OVERLOAD_EVENT_LOOP_DELAY_MS: '600000',
      },
      cwd: dataDir,
    });
    // A node left running by a failed check would hold its ports and a core until someone found it.
    onTestFinished(() => void child.kill('SIGKILL'));
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await expect
      .poll(
        () =>
          fetch(`http://127.0.0.1:${port}/health`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 110_000, interval: 250 },
      )
      .toBe(200);
    // The banner comes once every component has started: the gateway may answer before the others are up.
    await expect.poll(() => stdout, { timeout: 60_000, interval: 250 }).toContain('Press Ctrl-C to stop.');
    expect(stdout.split('\n')[1]).toContain(`http://localhost:${port}/api/v1/intelligence/`);
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/intelligence/?size=5`);
    const feed = (await response.json()) as { items?: unknown[] };
    // The status and body say why, if the feed did not answer.
    expect({ status: response.status, items: feed.items?.length, body: feed }).toMatchObject({ status: 200, items: 5 });
    child.kill('SIGINT');
    // What it logged (warnings and errors) says why, if it did not stop cleanly.
    expect({ code: await exited, output: output.slice(-3000) }).toMatchObject({ code: 0 });
    // The whole platform from a clean clone (a cold compile cache, the demo seeded into a new PGlite) beside another
    // test fork on two cores: over a minute at worst in CI, about 20 s on a quiet machine.
  }, 150_000);
});

describe('one node owns the embedded database; failures at start are one line', () => {
  const dataDir = tempDir('owner');
  let node: ChildProcess;
  let ports: Record<string, string>;
  let nodeExited: Promise<number | null>;

  beforeAll(async () => {
    ports = {
      PORT: String(await freePort()),
      MCP_PORT: String(await freePort()),
      ARBITRAGE_PORT: String(await freePort()),
      DASHBOARD_PORT: String(await freePort()),
    };
    node = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH, ...ports, DATA_DIR: dataDir, LOG_LEVEL: 'warn', AGENTS_ENABLED: 'false' },
      cwd: dataDir,
      stdio: 'ignore',
    });
    nodeExited = new Promise((resolve) => node.once('exit', resolve));
    await vi.waitFor(async () => expect((await fetch(`http://127.0.0.1:${ports.MCP_PORT}/health`)).status).toBe(200), {
      timeout: 60_000,
      interval: 25,
    });
  });
  afterAll(async () => {
    node.kill('SIGINT');
    expect(await nodeExited).toBe(0);
  });

  it('signs tokens from the key files while the node runs, ten times in a row', async () => {
    const auth = createAuth(await loadSigningKeys({ DATA_DIR: dataDir }), { jwtMaxAgeSeconds: 30 * 86_400 });
    for (let i = 0; i < 10; i++) {
      const result = await alphanest(['token', '--sub', `user-${i}`], { DATA_DIR: dataDir });
      // The node holds PGlite's store: the dev key signs, and the warning says so.
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('this token is signed with the generated dev key');
      expect(await auth.verify(result.stdout.trim())).toEqual({ sub: `user-${i}`, role: 'user' });
    }
    expect((await alphanest(['token', '--sub', 'a', '--ttl', '1y'], { DATA_DIR: dataDir })).stderr).toContain(
      'longer than JWT_MAX_AGE',
    );
  });

  it('refuses a second writer of DATA_DIR with one line, and a second npm start too', async () => {
    const inUse = `alphanest: DATA_DIR is in use by AlphaNest (pid ${node.pid}): stop it, or use DATABASE_URL\n`;
    const otherPorts = {
      PORT: String(await freePort()),
      MCP_PORT: String(await freePort()),
      ARBITRAGE_PORT: String(await freePort()),
      DASHBOARD_PORT: String(await freePort()),
    };
    const [seed, second] = await Promise.all([
      alphanest(['seed-demo'], { DATA_DIR: dataDir }),
      startOnce({ DATA_DIR: dataDir, ...otherPorts }),
    ]);
    expect(seed).toMatchObject({ code: 2, stderr: inUse });
    expect(second).toMatchObject({ code: 2, stderr: inUse });
  });

  it('forwards mcp-stdio to the running node instead of opening the database', async () => {
    const child = spawn(process.execPath, [cli, 'mcp-stdio'], {
      env: { PATH: process.env.PATH, ...ports, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      cwd: dataDir,
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'test', version: '1' } },
    });
    await expect.poll(() => stdout.includes('"id":1'), { timeout: 20_000 }).toBe(true);
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    await expect.poll(() => stdout.includes('"id":2'), { timeout: 20_000 }).toBe(true);
    const listed = JSON.parse(stdout.split('\n').find((line) => line.includes('"id":2'))!) as {
      result: { tools: Array<{ name: string }> };
    };
    expect(listed.result.tools.map((t) => t.name)).toContain('shop.generate_theme');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end();
    expect(await exited).toBe(0);
  });

  // Each start loads the whole platform (about 4 s of CPU here): five of them on a loaded two-core machine can take
  // longer than the suite's 60 s.
  it('names a busy port, an unreachable database or broker, a bad key file and a dev key in production in one line, exit status 2', async () => {
    const fresh = () => tempDir('fail');
    const devKey = join(dataDir, 'keys', 'jwt-public.pem');
    // Five starts that each stop by themselves, run at once.
    const [busy, unreachable, noBroker, badKey, production] = await Promise.all([
      startOnce({ DATA_DIR: fresh(), ...ports, DEMO_DATA: 'false', AGENTS_ENABLED: 'false' }),
      startOnce({ DATA_DIR: fresh(), DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/test' }),
      startOnce({ DATA_DIR: fresh(), RABBIT_URL: 'amqp://guest:guest@127.0.0.1:1' }),
      startOnce({ DATA_DIR: fresh(), JWT_PUBLIC_FILE: '/nonexistent/public.pem' }),
      startOnce({
        DATA_DIR: dataDir,
        ENV: 'production',
        DATABASE_URL: services.postgresUrl,
        SECRETS_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
        JWT_PUBLIC_FILE: devKey,
      }),
    ]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toMatch(new RegExp(`^alphanest: port ${ports.PORT} on \\S+ is already in use: .*\\n$`));
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(
      /^alphanest: cannot open PostgreSQL at 127\.0\.0\.1:1\/test \(DATABASE_URL\): .*ECONNREFUSED.*\n$/,
    );
    expect(noBroker.code).toBe(2);
    expect(noBroker.stderr).toMatch(/^alphanest: cannot reach RabbitMQ at 127\.0\.0\.1:1 \(RABBIT_URL\): .*\n$/);
    expect(badKey).toMatchObject({
      code: 2,
      stderr: 'alphanest: JWT_PUBLIC_FILE: cannot read /nonexistent/public.pem (ENOENT)\n',
    });
    expect(production).toMatchObject({
      code: 2,
      stderr: `alphanest: JWT_PUBLIC_FILE: ${devKey} is a generated development key; production needs a key pair of its own\n`,
    });
  }, 180_000);
});

describe('an unusable DATA_DIR', () => {
  it('is named in one line, exit status 2, by npm start and by a command', async () => {
    const file = join(tempDir('data-dir-file'), 'file');
    writeFileSync(file, '');
    const [start, command, underProc] = await Promise.all([
      startOnce({ DATA_DIR: file, DEMO_DATA: 'false', AGENTS_ENABLED: 'false' }),
      alphanest(['agents', 'list'], { DATA_DIR: file }),
      alphanest(['agents', 'list'], { DATA_DIR: '/proc/alphanest' }),
    ]);
    const isFile = `alphanest: DATA_DIR: cannot make the folder ${file}/keys: ${file} is a file, not a folder; set DATA_DIR to a folder AlphaNest can write\n`;
    expect(start).toMatchObject({ code: 2, stderr: isFile });
    expect(command).toMatchObject({ code: 2, stderr: isFile });
    expect(underProc).toMatchObject({
      code: 2,
      stderr:
        'alphanest: DATA_DIR: cannot make the folder /proc/alphanest: /proc allows no new folders; set DATA_DIR to a folder AlphaNest can write\n',
    });
  }, 120_000);
});

/** `npm start` that is expected to stop by itself: its exit code and what it printed to stderr. */
async function startOnce(env: Record<string, string>) {
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
    cwd: tmpdir(),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr };
}
