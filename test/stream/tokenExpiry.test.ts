import { describe, expect, it } from 'vitest';
import { closeCodes } from '../../src/modules/stream/protocol.ts';
import { streamGatewayBed } from './streamBed.ts';

/**
 * A token is checked when a connection signs in with it (at the upgrade or in `init`); the connection is closed when
 * that token stops verifying, as every request with it then is refused, and the client resumes with a fresh one.
 */
describe('a stream connection and the token it signed in with', () => {
  const bed = streamGatewayBed({ env: { GLOBAL_LIMIT_TIMES: '100000' } });
  const sign = (ttl: string) => bed.ctx.auth.sign({ sub: 'ada', role: 'user' }, ttl);

  it('is closed with token_expired when the token stops verifying; a fresh token with since misses nothing', async () => {
    const guest = await bed.connect();
    await guest.init();
    // Expired 28 s ago: verification still allows it for the clock tolerance (30 s), about two seconds more.
    const atUpgrade = await bed.connect({ token: await sign('28s ago') });
    const inInit = await bed.connect();
    const acks = [await atUpgrade.init(), await inInit.init({ token: await sign('28s ago') })];
    for (const ack of acks) expect(ack).toMatchObject({ type: 'ack', subscription: { user: 'ada' } });

    for (const client of [atUpgrade, inInit]) {
      expect(await client.closed).toEqual({ code: closeCodes.tokenExpired, reason: 'token_expired' });
      expect(client.frames.at(-1)).toMatchObject({ type: 'error', code: 'token_expired' });
    }
    const missed = [(await bed.server.ingest.post()).offset, (await bed.server.ingest.post()).offset];
    const lastSeen = Math.max(acks[0]!.offset, ...atUpgrade.offsets());
    const back = await bed.connect({ token: await sign('1h') });
    expect(await back.init({ since: lastSeen })).toMatchObject({ type: 'ack', offset: lastSeen });
    await back.next((f) => f.offset === missed.at(-1));
    expect(back.offsets()).toEqual(missed);

    // A guest has no token to lose: it stays open and keeps receiving.
    await guest.next((f) => f.offset === missed.at(-1));
    expect(guest.ws.readyState).toBe(guest.ws.OPEN);
  });
});
