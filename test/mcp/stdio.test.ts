import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { lockDataDir } from '../../src/core/db/dataDirLock.ts';
import { createTestContext } from '../support/context.ts';
import { tempDir } from '../support/tempDir.ts';
import { initializeMessage, startToolServer, type ToolServer } from './toolServer.ts';

const cli = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** The test context's database and keys, for the command to open itself. */
const databaseOf = ({ config: { DATA_DIR, DATABASE_URL, DATABASE_SCHEMA } }: AppContext) => ({
  DATA_DIR,
  DATABASE_URL,
  DATABASE_SCHEMA,
});

/** `alphanest mcp-stdio` with `env` added, logging at info so a stray log line on stdout would show. */
function startStdio(env: Record<string, string | undefined>, args: string[] = []) {
  const child = spawn(process.execPath, [cli, 'mcp-stdio', ...args], {
    env: { PATH: process.env.PATH, ENV: 'testing', LOG_LEVEL: 'info', DEMO_DATA: 'false', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    stderr: () => stderr,
    send: (message: unknown) => child.stdin.write(`${JSON.stringify(message)}\n`),
    /** Several messages in one write, as a client that does not wait for answers sends them. */
    burst: (messages: unknown[]) => child.stdin.write(messages.map((m) => `${JSON.stringify(m)}\n`).join('')),
    /** The next line of stdout, which must be a JSON-RPC message. */
    async next() {
      const { value } = await lines.next();
      return JSON.parse(value as string);
    },
  };
}

describe('alphanest mcp-stdio', () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await createTestContext({ backend: 'postgres' });
  });
  afterAll(() => ctx?.close());

  it('speaks only protocol on stdout, calls as the token’s holder, and ends with stdin', async () => {
    const stdio = startStdio(databaseOf(ctx), ['--token', await ctx.auth.sign({ sub: 'gina', role: 'user' }, '1h')]);
    stdio.send(initializeMessage('2025-11-25'));
    expect(await stdio.next()).toMatchObject({
      id: 1,
      result: { protocolVersion: '2025-11-25', serverInfo: { name: 'alphanest' } },
    });
    stdio.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    stdio.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    expect((await stdio.next()).result.tools.map((t: { name: string }) => t.name)).toContain('shop.generate_theme');
    stdio.send({
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/call',
      params: { name: 'onboarding.checklist', arguments: {} },
    });
    expect(await stdio.next()).toMatchObject({ id: 3, result: { structuredContent: { user: 'gina' } } });
    stdio.send({
      jsonrpc: '2.0',
      id: 4,
      method: 'tools/call',
      params: { name: 'shop.generate_theme', arguments: { description: 'x' } },
    });
    expect(await stdio.next()).toMatchObject({ id: 4, result: { isError: true } });
    stdio.child.stdin.write('not json\n');
    expect(await stdio.next()).toMatchObject({ id: null, error: { code: -32700 } });
    stdio.send({ hello: 'world' });
    expect(await stdio.next()).toMatchObject({ id: null, error: { code: -32600 } });

    stdio.child.stdin.end();
    const [code] = await once(stdio.child, 'exit');
    expect(code).toBe(0);
    expect(stdio.stderr()).toContain('MCP stdio server ready');
  });

  it('refuses a bad token before serving anything', async () => {
    const stdio = startStdio(databaseOf(ctx), ['--token', 'aaa.bbb.ccc']);
    const [code] = await once(stdio.child, 'exit');
    expect(code).toBe(1);
    expect(stdio.stderr()).toContain('alphanest: --token: token malformed or unsupported\n');
  });
});

describe('alphanest mcp-stdio beside a running node', () => {
  let server: ToolServer;
  let dataDir: string;
  let unlock: () => void;
  beforeAll(async () => {
    server = await startToolServer();
    dataDir = tempDir('stdio-relay');
    // This process holds DATA_DIR as a running node does: the command relays to the tool server on MCP_PORT.
    unlock = lockDataDir(dataDir);
  });
  afterAll(async () => {
    unlock?.();
    await server?.close();
  });

  it('holds what a client sends before its initialize is answered, then answers every message', async () => {
    const stdio = startStdio({ DATA_DIR: dataDir, MCP_PORT: String(server.port) }, [
      '--token',
      await server.token('hana'),
    ]);
    stdio.burst([
      initializeMessage('2025-11-25'),
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'onboarding.checklist', arguments: {} } },
    ]);
    const answers = [await stdio.next(), await stdio.next(), await stdio.next()];
    expect(answers[0]).toMatchObject({
      id: 1,
      result: { protocolVersion: '2025-11-25', serverInfo: { name: 'alphanest' } },
    });
    const byId = new Map(answers.map((answer) => [answer.id, answer]));
    expect(byId.get(2)).toMatchObject({
      result: { tools: expect.arrayContaining([expect.objectContaining({ name: 'shop.generate_theme' })]) },
    });
    expect(byId.get(3)).toMatchObject({ result: { structuredContent: { user: 'hana' } } });

    // A line it cannot read is answered too, with id null as JSON-RPC has it.
    stdio.child.stdin.write('this is not JSON\n');
    expect(await stdio.next()).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    stdio.send({ hello: 'world' });
    expect(await stdio.next()).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32600 } });

    stdio.child.stdin.end();
    const [code] = await once(stdio.child, 'exit');
    expect(code).toBe(0);
    expect(stdio.stderr()).toContain('forwarding MCP over stdio');
  });
});
