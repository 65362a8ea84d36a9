import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { http } from '../support/gateway.ts';
import { mcpClient, startToolServer, type ToolServer } from '../mcp/toolServer.ts';

/** The check's time is the only thing allowed to differ. */
const stable = (result: any) => ({ ...result, checked_at: '<time>' });

describe('naughty_coin.check_token over MCP and REST', () => {
  let server: ToolServer;
  let client: Client;
  let token: string;
  let honeypot: string;

  beforeAll(async () => {
    // The whole platform, as `npm start` builds it: no chain configured, so the embedded anvil serves.
    server = await startToolServer({ env: { TOOL_RATE_LIMIT_PER_MINUTE: '10000' } });
    honeypot = (await server.platform.onchain.localChain.ready()).economy.tokens.honeypot;
    token = await server.token('ada');
    client = await mcpClient(server, token);
  }, 180_000);
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it('gives the same result on both surfaces', async () => {
    const parameters = { chain: 'local', address: honeypot };
    const steps: Progress[] = [];
    const callMcp = async () => {
      const viaMcp = await client.callTool({ name: 'naughty_coin.check_token', arguments: parameters }, undefined, {
        onprogress: (step) => steps.push(step),
      });
      expect(viaMcp.isError, JSON.stringify(viaMcp.content)).toBeFalsy();
      return stable(viaMcp.structuredContent);
    };
    const before = await callMcp();
    const viaRest = await http(`${server.url}/execute`, {
      method: 'POST',
      token,
      json: { tool_name: 'naughty_coin.check_token', parameters },
    });
    const after = await callMcp();
    expect(viaRest.status).toBe(200);
    // The ETH price behind liquidity.usd is renewed once a minute: REST matches the MCP call on its side of a renewal.
    expect([before, after]).toContainEqual(stable(viaRest.body.result));
    expect(viaRest.body.result).toMatchObject({ level: 'danger', simulation: { can_sell: false } });
    // Over MCP, a caller that asked for progress heard each of the check's steps (twice: two calls).
    expect(steps.map((step) => [step.progress, step.total])).toEqual([0, 1, 2, 3, 0, 1, 2, 3].map((done) => [done, 4]));
  });

  it('answers a bad address as a 400 naming it on REST and an isError result on MCP', async () => {
    const parameters = { chain: 'local', address: '0x000000000000000000000000000000000000dEaD' };
    const viaRest = await http(`${server.url}/execute`, {
      method: 'POST',
      token,
      json: { tool_name: 'naughty_coin.check_token', parameters },
    });
    expect(viaRest.status).toBe(400);
    expect(viaRest.body.error).toMatchObject({ field: 'address' });
    const viaMcp = await client.callTool({ name: 'naughty_coin.check_token', arguments: parameters });
    expect(viaMcp.isError).toBe(true);
    expect(JSON.parse((viaMcp.content as Array<{ text: string }>)[0]!.text).error).toMatchObject({ field: 'address' });
  });
});
