import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../test/support/manualClock.ts';
import { HttpConnectionError, HttpStatusError, HttpTimeoutError, OutboundHttpError } from './errors.ts';
import { createHttpClient, type HttpClientOptions } from './httpClient.ts';
import { USER_AGENT } from './userAgent.ts';

interface Served {
  url: string;
  requests: IncomingMessage[];
  close(): Promise<void>;
}

const servers: Served[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A real server on 127.0.0.1 (port 0); `handle` gets each request with its number, from 0. */
async function serve(handle: (res: ServerResponse, n: number, req: IncomingMessage) => void): Promise<Served> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    const n = requests.push(req) - 1;
    // Answers once the request's body is in, as servers do: an answer sent mid-upload races the client's writes.
    req.resume().on('end', () => handle(res, n, req));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const served = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(served);
  return served;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

/** Unavailable once, asking for two seconds, then fine. */
const unavailableOnce = (res: ServerResponse, n: number) =>
  n === 0 ? json(res, 503, { error: 'busy' }, { 'retry-after': '2' }) : json(res, 200, { ok: true });

function client(overrides: Partial<HttpClientOptions> = {}) {
  const clock = createManualClock();
  return { clock, http: createHttpClient({ timeoutMs: 5_000, clock, random: () => 0.5, ...overrides }) };
}

describe('outgoing HTTP client', () => {
  it('sends the User-Agent and the headers of the client and of the request, and reads JSON and text', async () => {
    const server = await serve((res, _n, req) => (req.url === '/text' ? res.end('plain') : json(res, 200, {})));
    const { http } = client({ headers: { authorization: 'Bearer t' } });
    expect(await http.json(`${server.url}/json`, { headers: { 'x-extra': '1' } })).toEqual({});
    expect(await http.text(`${server.url}/text`)).toBe('plain');
    const [first] = server.requests;
    expect(first?.headers).toMatchObject({ authorization: 'Bearer t', 'x-extra': '1', accept: 'application/json' });
    expect(first?.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^AlphaNest\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/alphanest\)$/);
  });

  it('names the host when a body is not JSON', async () => {
    const server = await serve((res) => res.end('<html>'));
    const failure = await client()
      .http.json(server.url)
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(OutboundHttpError);
    expect((failure as Error).message).toBe(`${new URL(server.url).host} answered with something that is not JSON`);
  });

  it('times out on a body that is slow to arrive, not only on slow headers', async () => {
    const server = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"rows": [');
    });
    const started = Date.now();
    const failure = await client({ timeoutMs: 200 })
      .http.json(server.url)
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(HttpTimeoutError);
    expect((failure as Error).message).toMatch(/did not answer within 200 ms/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("retries a GET after a 503, waiting the answer's Retry-After on the clock", async () => {
    const server = await serve(unavailableOnce);
    const { http, clock } = client();
    expect(await http.json(server.url)).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([2_000]);
  });

  it('does not retry a POST: it may have taken effect', async () => {
    const server = await serve(unavailableOnce);
    const { http, clock } = client();
    const failure = await http.json(server.url, { method: 'POST', body: '{}' }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(HttpStatusError);
    expect(failure).toMatchObject({ status: 503, retryAfterMs: 2_000, body: '{"error":"busy"}' });
    expect(server.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('does not retry a 404', async () => {
    const server = await serve((res) => json(res, 404, { error: 'coin not found' }));
    const failure = await client()
      .http.json(server.url)
      .catch((err: unknown) => err);
    expect(failure).toMatchObject({ status: 404, message: `${new URL(server.url).host} answered 404` });
    expect(server.requests).toHaveLength(1);
  });

  it('backs off between retries and gives up with the last status once they are spent', async () => {
    const server = await serve((res) => json(res, 502, {}));
    const { http, clock } = client({ retries: 2, backoff: { baseMs: 1_000, maxMs: 10_000 } });
    await expect(http.text(server.url)).rejects.toMatchObject({ status: 502 });
    expect(server.requests).toHaveLength(3);
    expect(clock.sleeps).toEqual([750, 1_500]);
  });

  it('does not wait for a Retry-After longer than its timeout: the caller gets it with the error', async () => {
    const server = await serve((res) => json(res, 429, {}, { 'retry-after': '600' }));
    const { http, clock } = client();
    await expect(http.json(server.url)).rejects.toMatchObject({ status: 429, retryAfterMs: 600_000 });
    expect(server.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('retries a refused connection, then reports it naming the host', async () => {
    const closed = await serve(() => {});
    await closed.close();
    const { http, clock } = client();
    const failure = await http.text(closed.url).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(HttpConnectionError);
    const { host } = new URL(closed.url);
    expect((failure as Error).message).toMatch(new RegExp(`^${host} could not be reached: .*ECONNREFUSED`));
    expect(clock.sleeps).toHaveLength(2);
  });

  it('paces each host on its own, and each client on its own', async () => {
    const [a, b] = [await serve((res) => res.end('a')), await serve((res) => res.end('b'))];
    const { http, clock } = client({ perHostRateLimit: { perMinute: 60, capacity: 1 } });
    for (let i = 0; i < 3; i++) await http.text(a.url);
    await http.text(b.url);
    expect(clock.sleeps).toEqual([1_000, 1_000]);
    const other = client({ perHostRateLimit: { perMinute: 60, capacity: 1 } });
    await other.http.text(a.url);
    expect(other.clock.sleeps).toEqual([]);
  });

  it("rejects with the caller's reason when the caller aborts", async () => {
    const server = await serve(() => {}); // never answers
    const controller = new AbortController();
    const pending = client().http.json(server.url, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('client went away')), 50);
    await expect(pending).rejects.toThrow('client went away');
  });

  it('lends SDKs a fetch with the User-Agent ahead of theirs, no retries and no status check', async () => {
    const server = await serve(unavailableOnce);
    const response = await client().http.fetch(server.url, { headers: { 'user-agent': 'ai-sdk/openai/4' } });
    expect(response.status).toBe(503);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers['user-agent']).toBe(`${USER_AGENT} ai-sdk/openai/4`);
  });
});
