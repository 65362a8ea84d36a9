import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startToolServer, type ToolServer } from './toolServer.ts';

const run = promisify(execFile);
const conformance = fileURLToPath(
  new URL('../../node_modules/@modelcontextprotocol/conformance/dist/index.js', import.meta.url),
);

/**
 * The official suite's server scenarios that test the protocol itself. The
 * others need the suite's own fixture tools, prompts and resources
 * (test_simple_text, test_prompt_with_arguments, test://static-text…), a
 * session, or server-to-client notifications; the README lists each one and why.
 */
const scenarios = [
  'server-initialize',
  'ping',
  'tools-list',
  'resources-list',
  'prompts-list',
  'dns-rebinding-protection',
];

/**
 * Scenarios that need sessions (server-to-client notifications, SSE streams). `server-sse-polling`
 * stays out: it calls the suite's fixture tool `test_reconnection`.
 */
const withSessions = ['logging-set-level', 'server-sse-multiple-streams'];

describe.each([
  ['with sessions', 'true', [...scenarios, ...withSessions]],
  ['stateless', 'false', scenarios],
])('MCP conformance (@modelcontextprotocol/conformance), %s', (_mode, sessions, passing) => {
  let server: ToolServer;
  // The suite's client sends no token: a development server lets a client on this machine in, as desktop clients are.
  beforeAll(async () => {
    server = await startToolServer({ backend: 'postgres', env: { ENV: 'dev', MCP_SESSIONS: sessions } });
  });
  afterAll(() => server?.close());

  it.each(passing)('%s', async (scenario) => {
    // A failed or warned check exits non-zero, which rejects here with the suite's report.
    const { stdout, stderr } = await run(
      process.execPath,
      [conformance, 'server', '--url', `${server.url}/mcp`, '--scenario', scenario],
      { timeout: 60_000 },
    );
    expect(`${stdout}${stderr}`).toMatch(/Passed: ([1-9]\d*)\/\1, 0 failed, 0 warnings/);
  });
});
