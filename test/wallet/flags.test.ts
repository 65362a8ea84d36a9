import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flagsCommands } from '../../src/cli/flagsCommands.ts';
import { UsageError } from '../../src/cli/command.ts';
import type { AppContext } from '../../src/core/context.ts';
import { createTestContext } from '../support/context.ts';
import { http, startGateway, type RunningGateway } from '../support/gateway.ts';
import { runCommand } from '../support/runCommand.ts';
import { tempDir } from '../support/tempDir.ts';

const A = '0x8589427373D6D84E98730D7795D8f6f8731FDA16';
const B = '0x722122dF12D4e14e13Ac3b6895a86e84145b6967';
const C = '0xdAC17F958D2ee523a2206206994597C13D831ec7';
const HEADER = 'chain,address,category,reason,source';

/** Flagged addresses in through the CLI and the admin REST, out through the admin REST, on PostgreSQL. */
describe('flagged addresses', () => {
  let ctx: AppContext;
  let gateway: RunningGateway;
  let admin: string;
  const dir = tempDir('wallet-flags');

  /** A string goes as text/csv (or as a JSON string with `json`), anything else as JSON. */
  const post = (body: string | unknown, query = '', token = admin, as = 'text/csv') =>
    http(`${gateway.url}/api/v1/flags${query}`, {
      method: 'POST',
      token,
      ...(typeof body === 'string' && as === 'text/csv'
        ? { body, headers: { 'content-type': 'text/csv' } }
        : { json: body }),
    });
  const list = async (query = '') => {
    const { status, body } = await http(`${gateway.url}/api/v1/flags${query}`, { token: admin });
    expect(status, JSON.stringify(body)).toBe(200);
    return body;
  };

  /** `alphanest flags <args…>` in process: its exit code, stdout and stderr. */
  async function alphanest(positionals: string[], values: Record<string, string> = {}) {
    return runCommand(flagsCommands.flags!, () => ctx.config, positionals, values);
  }
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    ctx = await createTestContext({ backend: 'postgres' });
    gateway = await startGateway(ctx);
    admin = await ctx.auth.sign({ sub: 'root', role: 'admin' }, '1h');
  });
  afterAll(async () => {
    await gateway?.close();
    await ctx?.close();
  });

  it('imports a CSV over REST, and a second import updates what it names again', async () => {
    const csv = `${HEADER}\nlocal,${A},mixer,"launders, for hire",\n31337,${B},scam,rug pull,chainabuse\n`;
    expect(await post(csv, '?source=ops')).toMatchObject({
      status: 200,
      body: { imported: 2, created: 2, updated: 0 },
    });
    expect(await post(`${HEADER}\nlocal,${A},mixer,a mixer,ops\n`)).toMatchObject({
      body: { imported: 1, created: 0, updated: 1 },
    });
    const { flags, next } = await list('?chain=local');
    expect(next).toBeNull();
    // By chain, then address (lower-case): B (0x7221…) before A (0x8589…).
    expect(flags).toEqual([
      expect.objectContaining({ chain_id: 31337, address: B, category: 'scam', source: 'chainabuse' }),
      expect.objectContaining({ chain_id: 31337, address: A, category: 'mixer', reason: 'a mixer', source: 'ops' }),
    ]);
  });

  it('imports JSON, and refuses a list with any bad row whole, naming its line and field', async () => {
    const before = (await list()).flags.length;
    const bad = `${HEADER}\n1,${C},sanctioned,ok,ofac\n1,0xnope,sanctioned,bad,ofac\n1,${C},theft,bad,ofac\n`;
    const refused = await post(bad);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid_parameter', field: 'address' });
    expect(refused.body.error.message).toMatch(
      /line 3 address: must be a 0x-prefixed.*line 4 category: must be one of/,
    );
    const badJson = await post({ flags: [{ chain: 1, address: C, category: 'scam' }] });
    expect(badJson.body.error).toMatchObject({ field: 'reason' });
    expect(badJson.body.error.message).toMatch(/^reason: 1 bad row\(s\), nothing imported: line 1 reason/);
    // A JSON string is no list, and a CSV row longer than any flag stops the parser there.
    expect((await post('a'.repeat(100_000), '', admin, 'application/json')).body.error).toMatchObject({
      field: 'file',
    });
    const long = await post('a'.repeat(100_000));
    expect(long.body.error.message).toMatch(
      /^file: 1 bad row\(s\), nothing imported: line 1 file: not CSV \(a row over 4096 characters\)$/,
    );
    expect((await list()).flags).toHaveLength(before);

    expect(
      (await post([{ chain: '1', address: C, category: 'sanctioned', reason: 'OFAC SDN' }], '?source=ofac')).body,
    ).toEqual({ imported: 1, created: 1, updated: 0 });
    expect((await list('?category=sanctioned')).flags).toEqual([
      expect.objectContaining({ chain_id: 1, address: C, source: 'ofac' }),
    ]);
  });

  it('pages through the list and keeps it to admins', async () => {
    const first = await list('?limit=1');
    expect(first.flags).toHaveLength(1);
    const second = await list(`?limit=1&after=${first.next}`);
    expect(second.flags[0].address).not.toBe(first.flags[0].address);
    const beyond = await http(`${gateway.url}/api/v1/flags?after=9999999999:${A}`, { token: admin });
    expect(beyond).toMatchObject({ status: 400, body: { error: { field: 'after' } } });
    const unknown = await http(`${gateway.url}/api/v1/flags?chain=mars`, { token: admin });
    expect(unknown).toMatchObject({ status: 400, body: { error: { field: 'chain' } } });
    const user = await ctx.auth.sign({ sub: 'ann', role: 'user' }, '1h');
    expect((await post(`${HEADER}\n`, '', user)).status).toBe(403);
    expect((await http(`${gateway.url}/api/v1/flags`)).status).toBe(401);
  });

  it('imports with alphanest flags import, and reports every bad row by line without importing any', async () => {
    const good = file('good.csv', `${HEADER}\n8453,${A},phishing,drainer kit,\n8453,${B},exploit,bridge hack,\n`);
    expect(await alphanest(['import', good], { source: 'scamsniffer' })).toEqual({
      code: 0,
      stdout: `${good}: 2 flagged address(es) imported (2 new, 0 updated)\n`,
      stderr: '',
    });
    const json = file(
      'list.json',
      JSON.stringify([{ chain: 8453, address: C, category: 'scam', reason: 'x', source: 'y' }]),
    );
    expect((await alphanest(['import', json])).stdout).toMatch(/1 flagged address\(es\) imported \(1 new/);

    const bad = file('bad.csv', `${HEADER}\n8453,${C},scam,fine,x\nmars,${C},scam,x,x\n8453,${A},scam,,x\n`);
    const refused = await alphanest(['import', bad]);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toBe(
      `${bad}:3: chain: no chain mars here: give its id or a configured name\n` +
        `${bad}:4: reason: must not be empty\n` +
        `alphanest: 2 bad row(s) in ${bad}; nothing imported\n`,
    );
    expect((await list('?chain=8453')).flags.map((f: { category: string }) => f.category).sort()).toEqual([
      'exploit',
      'phishing',
      'scam',
    ]);
    await expect(alphanest(['import'])).rejects.toBeInstanceOf(UsageError);
    await expect(alphanest(['import', join(dir, 'missing.csv')])).rejects.toThrow(/cannot read it \(ENOENT\)/);
  });
});
