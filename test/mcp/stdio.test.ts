import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/core/context.ts';
import { createTestContext } from '../support/context.ts';
import { initializeMessage } from './toolServer.ts';

const cli = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** `alphanest mcp-stdio` on the test context's database and keys, logging at info so a stray log line on stdout would show. */
function startStdio(ctx: AppContext, args: string[] = []) {
  const { DATA_DIR, DATABASE_URL, DATABASE_SCHEMA } = ctx.config;
  const child = spawn(process.execPath, [cli, 'mcp-stdio', ...args], {
    env: {
      PATH: process.env.PATH,
      ENV: 'testing',
      LOG_LEVEL: 'info',
      DEMO_DATA: 'false',
      DATA_DIR,
      DATABASE_URL,
      DATABASE_SCHEMA,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    stderr: () => stderr,
    send: (message: unknown) => child.stdin.write(`${JSON.stringify(message)}\n`),
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
    const stdio = startStdio(ctx, ['--token', await ctx.auth.sign({ sub: 'gina', role: 'user' }, '1h')]);
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

    stdio.child.stdin.end();
    const [code] = await once(stdio.child, 'exit');
    expect(code).toBe(0);
    expect(stdio.stderr()).toContain('MCP stdio server ready');
  });

  it('refuses a bad token before serving anything', async () => {
    const stdio = startStdio(ctx, ['--token', 'aaa.bbb.ccc']);
    const [code] = await once(stdio.child, 'exit');
    expect(code).toBe(1);
    expect(stdio.stderr()).toMatch(/alphanest: token/);
  });
});
