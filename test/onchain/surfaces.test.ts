import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { buildGateway } from '../../src/gateway.ts';
import { http } from '../support/gateway.ts';
import { mcpClient, startToolServer, type ToolServer } from '../mcp/toolServer.ts';

/** The check's time is the only thing allowed to differ. */
const stable = (result: any) => ({ ...result, checked_at: '<time>' });

describe('naughty_coin.check_token over MCP, REST and chat', () => {
  let server: ToolServer;
  let client: Client;
  let token: string;
  let honeypot: string;
  let deployer: string;
  let chatUrl: string;
  let closeGateway: () => Promise<void>;

  beforeAll(async () => {
    // The whole platform, as `npm start` builds it: no chain configured, so the embedded anvil serves.
    server = await startToolServer({ env: { TOOL_RATE_LIMIT_PER_MINUTE: '10000' } });
    const { economy } = await server.platform.onchain.localChain.ready();
    honeypot = economy.tokens.honeypot;
    deployer = economy.deployer;
    token = await server.token('ada');
    client = await mcpClient(server, token);
    const gateway = await buildGateway(server.platform);
    await gateway.listen({ port: 0, host: '127.0.0.1' });
    chatUrl = `http://127.0.0.1:${(gateway.server.address() as { port: number }).port}`;
    closeGateway = () => gateway.close();
  }, 180_000);
  afterAll(async () => {
    await client?.close();
    await closeGateway?.();
    await server?.close();
  });

  const ask = async (message: string) => {
    const chat = await http(`${chatUrl}/api/chat/message`, { method: 'POST', token, json: { message } });
    expect(chat.status, JSON.stringify(chat.body)).toBe(200);
    return chat.body;
  };

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

  it.each([
    ['a wallet', () => deployer],
    ['an empty address', () => '0x000000000000000000000000000000000000dEaD'],
  ])('answers "is it a scam?" about %s, which holds no contract, by saying how to look at it', async (_, address) => {
    const body = await ask(`is ${address()} a scam?`);
    expect(body.tool_calls).toMatchObject([{ name: 'naughty_coin__check_token', is_error: true }]);
    expect(body.reply).toBe(
      `On local, the only chain configured here:\n${address()} holds no contract on local, so it is no token to check: ` +
        `naughty_coin.check_token checks token contracts. To look into it as a wallet, ask "is ${address()} a scammer on local?" ` +
        `(wallet.scam_dossier) or "who is behind ${address()} on local?" (wallet.analyze).`,
    );
  });

  it('refuses an address whose mixed case is no EIP-55 checksum on REST, MCP and chat, naming the field', async () => {
    // One letter of the honeypot's checksummed address in the other case; its lower case still reads the honeypot.
    const at = honeypot.search(/[a-fA-F]/);
    const flipped =
      honeypot[at] === honeypot[at]!.toUpperCase() ? honeypot[at]!.toLowerCase() : honeypot[at]!.toUpperCase();
    const miscased = `${honeypot.slice(0, at)}${flipped}${honeypot.slice(at + 1)}`;
    const message = 'address: checksum mismatch (EIP-55); use the address as printed or all lowercase';
    for (const tool of ['naughty_coin.check_token', 'wallet.scam_dossier']) {
      const viaRest = await http(`${server.url}/execute`, {
        method: 'POST',
        token,
        json: { tool_name: tool, parameters: { chain: 'local', address: miscased } },
      });
      expect(viaRest.status, tool).toBe(400);
      expect(viaRest.body.error).toMatchObject({ code: 'invalid_parameters', field: 'address', message });
    }
    const viaMcp = await client.callTool({
      name: 'naughty_coin.check_token',
      arguments: { chain: 'local', address: miscased },
    });
    expect(viaMcp.isError).toBe(true);
    expect(JSON.parse((viaMcp.content as Array<{ text: string }>)[0]!.text).error).toMatchObject({
      field: 'address',
      message,
    });
    const lower = await http(`${server.url}/execute`, {
      method: 'POST',
      token,
      json: { tool_name: 'naughty_coin.check_token', parameters: { chain: 'local', address: honeypot.toLowerCase() } },
    });
    expect(lower.status).toBe(200);
    expect(lower.body.result).toMatchObject({ address: honeypot, level: 'danger' });

    const body = await ask(`is ${miscased} a honeypot?`);
    expect(body.tool_calls).toMatchObject([{ name: 'naughty_coin__check_token', is_error: true }]);
    expect(body.reply).toBe(
      `On local, the only chain configured here:\n${miscased} is not a valid address: its mix of upper and lower case ` +
        'does not match its EIP-55 checksum, so a character may be mistyped. Copy it again as printed, or write it all ' +
        'in lower case if you are sure of it.',
    );
  });
});
