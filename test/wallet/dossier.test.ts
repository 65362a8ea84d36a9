import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway } from '../../src/gateway.ts';
import { SCAM_STORY } from '../../src/modules/onchain/index.ts';
import { http } from '../support/gateway.ts';
import { mcpClient, startToolServer, type ToolServer } from '../mcp/toolServer.ts';

/**
 * The wallet tools on the embedded anvil chain as `npm start` builds it (demo economy and the scripted scam),
 * with its history indexed into PostgreSQL and the demo's flagged addresses: the scammer's dossier has every
 * piece of evidence its story leaves, a demo wallet that only traded has none, and MCP, REST and the chat
 * answer the same.
 */
describe('wallet tools on the local chain', () => {
  let server: ToolServer;
  let client: Client;
  let token: string;
  let chatUrl: string;
  let closeGateway: () => Promise<void>;
  let cleanWallet: string;

  const execute = async (tool: string, address: string) => {
    const { status, body } = await http(`${server.url}/execute`, {
      method: 'POST',
      token,
      json: { tool_name: tool, parameters: { chain: 'local', address } },
    });
    expect(status, JSON.stringify(body)).toBe(200);
    return body.result;
  };
  const ids = (dossier: { evidence: Array<{ id: string }> }) => dossier.evidence.map((e) => e.id).sort();

  beforeAll(async () => {
    server = await startToolServer({ backend: 'postgres', env: { TOOL_RATE_LIMIT_PER_MINUTE: '10000' } });
    const { economy } = await server.platform.onchain.localChain.ready();
    // A demo wallet that bought and sold the clean token and holds the ghost token: nothing to find.
    cleanWallet = economy.wallets[3]!;
    // The embedded chain's index catches up on every question too; here it is run to the head once, up front.
    expect((await server.platform.onchain.catchUp('local')).behind).toBe(0);
    // As the embedded default seeds them at start (DEMO_DATA): the story's funder and mixer.
    expect(await server.platform.wallet.flags.seedDemo()).toBe(2);
    token = await server.token('ada');
    client = await mcpClient(server, token);
    const gateway = await buildGateway(server.platform);
    await gateway.listen({ port: 0, host: '127.0.0.1' });
    chatUrl = `http://127.0.0.1:${(gateway.server.address() as { port: number }).port}`;
    closeGateway = () => gateway.close();
  }, 240_000);
  afterAll(async () => {
    await client?.close();
    await closeGateway?.();
    await server?.close();
  });

  it("finds every piece of the scripted scam in the scammer's dossier, the same over MCP, REST and chat", async () => {
    const viaMcp = await client.callTool({
      name: 'wallet.scam_dossier',
      arguments: { chain: 'local', address: SCAM_STORY.scammer },
    });
    expect(viaMcp.isError, JSON.stringify(viaMcp.content)).toBeFalsy();
    const dossier = viaMcp.structuredContent as any;
    expect(ids(dossier)).toEqual([
      'deployed_dangerous_token',
      'funded_by_flagged',
      'liquidity_removed',
      'mixer_interaction',
      'received_from_flagged',
      'sent_to_flagged',
    ]);
    expect(dossier).toMatchObject({ chain: 'local', address: SCAM_STORY.scammer, risk_level: 'critical', score: 100 });
    const byId = Object.fromEntries(dossier.evidence.map((e: { id: string }) => [e.id, e]));
    expect(byId.funded_by_flagged).toMatchObject({ severity: 'high', counterparty: SCAM_STORY.funder });
    expect(byId.sent_to_flagged).toMatchObject({ counterparty: SCAM_STORY.mixer, tx_hash: expect.any(String) });
    expect(byId.deployed_dangerous_token).toMatchObject({ severity: 'critical', token: SCAM_STORY.token });
    expect(byId.liquidity_removed).toMatchObject({ severity: 'critical', token: SCAM_STORY.token });
    expect(byId.liquidity_removed.description).toMatch(
      /, (89\.9\d|9\d(\.\d+)?) % of what it held, of a token it deployed itself/,
    );
    expect(dossier.summary).toMatch(/: critical risk, score 100\/100\./);

    expect(await execute('wallet.scam_dossier', SCAM_STORY.scammer)).toEqual(dossier);
    const chat = await http(`${chatUrl}/api/chat/message`, {
      method: 'POST',
      token,
      json: { message: `is ${SCAM_STORY.scammer.toLowerCase()} a scammer on the local chain?` },
    });
    expect(chat.status, JSON.stringify(chat.body)).toBe(200);
    expect(chat.body.tool_calls).toMatchObject([
      { name: 'scam_wallet_dossier', is_error: false, arguments: { chain: 'local' } },
    ]);
    expect(chat.body.tool_calls[0].result).toEqual(dossier);
    expect(chat.body.reply).toContain(dossier.summary);
  });

  it('names the flagged addresses themselves, and finds nothing on a wallet that only traded', async () => {
    const funder = await execute('wallet.scam_dossier', SCAM_STORY.funder);
    expect(ids(funder)).toEqual(['flagged_address']);
    expect(funder.risk_level).toBe('critical');
    const mixer = await execute('wallet.scam_dossier', SCAM_STORY.mixer);
    expect(ids(mixer)).toEqual(['flagged_address']);
    expect(mixer.evidence[0].description).toMatch(/^Flagged as mixer by alphanest demo/);

    const clean = await execute('wallet.scam_dossier', cleanWallet);
    expect(clean).toMatchObject({ evidence: [], risk_level: 'low', score: 0, notes: [] });
    const victim = await execute('wallet.scam_dossier', SCAM_STORY.victims[0]);
    expect(victim).toMatchObject({ evidence: [], risk_level: 'low' });
  });

  it('analyses the scammer: funding, contracts, liquidity, flagged counterparties and balances', async () => {
    const analysis = await execute('wallet.analyze', SCAM_STORY.scammer);
    expect(analysis).toMatchObject({
      chain: 'local',
      address: SCAM_STORY.scammer,
      is_contract: false,
      funding_source: { from: SCAM_STORY.funder, value: '30', flag: { category: 'scam', source: 'alphanest demo' } },
      contracts_deployed: [{ address: SCAM_STORY.token, symbol: 'RUGR', level: 'danger', note: null }],
      flagged: null,
      notes: [],
    });
    expect(analysis.tx_count).toBeGreaterThanOrEqual(6);
    expect(analysis.first_activity.block).toBeLessThan(analysis.last_activity.block);
    expect(analysis.flagged_interactions.map((f: { address: string }) => f.address).sort()).toEqual(
      [SCAM_STORY.funder, SCAM_STORY.mixer].sort(),
    );
    const mixer = analysis.flagged_interactions.find((f: { address: string }) => f.address === SCAM_STORY.mixer);
    expect(mixer).toMatchObject({ category: 'mixer', sent: 1, received: 0, native_sent: '30' });
    expect(analysis.liquidity).toMatchObject([{ token: SCAM_STORY.token, added_native: '20' }]);
    expect(analysis.liquidity[0].removed_pct).toBeGreaterThan(89);
    // It kept the tokens the pool returned and a tenth of its LP tokens.
    expect(analysis.token_balances.map((t: { token: string }) => t.token)).toContain(SCAM_STORY.token);
    expect(analysis.top_counterparties.map((c: { address: string }) => c.address)).toContain(SCAM_STORY.mixer);
    expect(Number(analysis.native_balance)).toBeGreaterThan(0);

    // The chat sends "who is behind 0x…" to wallet.analyze, with the same result.
    const chat = await http(`${chatUrl}/api/chat/message`, {
      method: 'POST',
      token,
      json: { message: `who is behind ${SCAM_STORY.scammer.toLowerCase()} on the local chain?` },
    });
    expect(chat.status, JSON.stringify(chat.body)).toBe(200);
    expect(chat.body.tool_calls).toMatchObject([{ name: 'wallet__analyze', is_error: false }]);
    expect({ ...chat.body.tool_calls[0].result, block: null }).toEqual({ ...analysis, block: null });
    expect(chat.body.reply).toContain(`funded by ${SCAM_STORY.funder} (30 ETH, flagged scam)`);
    expect(chat.body.reply).toContain('RUGR (danger)');
  });

  it('answers an unknown chain and a bad address as 400s naming the field', async () => {
    for (const [parameters, field] of [
      [{ chain: 'mars', address: SCAM_STORY.scammer }, 'chain'],
      [{ chain: 'local', address: '0x1234' }, 'address'],
    ] as const) {
      const { status, body } = await http(`${server.url}/execute`, {
        method: 'POST',
        token,
        json: { tool_name: 'wallet.analyze', parameters },
      });
      expect(status).toBe(400);
      expect(body.error.field).toBe(field);
    }
  });
});
