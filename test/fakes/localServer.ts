import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The HTTP plumbing shared by the source fakes (feeds, X, CryptoPanic,
 * Binance): a server on 127.0.0.1 that records requests and can be told to
 * fail the next one, so each fake only describes its API's answers.
 */

export interface SourceRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface SourceAnswer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export interface LocalServer {
  url: string;
  requests: SourceRequest[];
  /** The next request gets this answer instead of the fake's. */
  failNext(answer: SourceAnswer): void;
  close(): Promise<void>;
}

export const jsonAnswer = (status: number, body: unknown, headers: Record<string, string> = {}): SourceAnswer => ({
  status,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
});

export async function startLocalServer(answer: (request: SourceRequest) => SourceAnswer): Promise<LocalServer> {
  const requests: SourceRequest[] = [];
  const failures: SourceAnswer[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers };
    requests.push(request);
    const { status, body, headers } = failures.shift() ?? answer(request);
    res.writeHead(status, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (failure) => void failures.push(failure),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
