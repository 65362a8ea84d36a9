import { connect, createServer, type Socket, type AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of a shared service, so a test can fault its own
 * connections without stopping the service other test files are using:
 * `cut()` resets every connection and refuses new ones (a crash, a restart);
 * `blackhole()` keeps accepting and holding connections but delivers nothing
 * either way (a partition: packets dropped, not refused), so only the
 * clients' own deadlines end their waits.
 */
export interface TcpProxy {
  port: number;
  /** Destroys every proxied connection and refuses new ones until `restore()`. */
  cut(): void;
  /** Holds every byte in both directions, on existing and new connections, until `restore()`. */
  blackhole(): void;
  /** Back to forwarding; what a black hole held is delivered then, as TCP retransmission would after a partition heals. */
  restore(): void;
  close(): Promise<void>;
}

type Direction = 'up' | 'down';

interface Link {
  client: Socket;
  /** Absent while a connection made during a black hole waits for it to end. */
  upstream?: Socket;
  held: Record<Direction, Buffer[]>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const links = new Set<Link>();
  let mode: 'open' | 'refusing' | 'blackhole' = 'open';

  const flush = (link: Link) => {
    for (const chunk of link.held.up.splice(0)) link.upstream!.write(chunk);
    for (const chunk of link.held.down.splice(0)) link.client.write(chunk);
  };
  const relay = (link: Link, direction: Direction, chunk: Buffer) => {
    if (mode === 'blackhole') return void link.held[direction].push(chunk);
    (direction === 'up' ? link.upstream! : link.client).write(chunk);
  };
  const connectUpstream = (link: Link) => {
    const upstream = connect({ host: targetHost, port: targetPort });
    link.upstream = upstream;
    upstream.on('data', (chunk: Buffer) => relay(link, 'down', chunk));
    upstream.on('error', () => upstream.destroy());
    upstream.on('close', () => link.client.destroy());
    flush(link);
  };
  const destroy = (link: Link) => {
    link.client.destroy();
    link.upstream?.destroy();
    links.delete(link);
  };

  const server = createServer((client) => {
    client.on('error', () => client.destroy());
    if (mode === 'refusing') return client.destroy();
    const link: Link = { client, held: { up: [], down: [] } };
    links.add(link);
    client.on('data', (chunk: Buffer) => relay(link, 'up', chunk));
    client.on('close', () => destroy(link));
    if (mode === 'open') connectUpstream(link);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      mode = 'refusing';
      for (const link of links) destroy(link);
    },
    blackhole() {
      mode = 'blackhole';
    },
    restore() {
      mode = 'open';
      for (const link of links) {
        if (link.upstream) flush(link);
        else connectUpstream(link);
      }
    },
    close() {
      for (const link of links) destroy(link);
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
