import { readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';

/**
 * A port nothing listens on right now (bound and released at once), for a server told its port because
 * PORT=0 could not be reported back.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * `count` distinct ports nothing listens on, below the kernel's ephemeral range: a test that holds ports for
 * long between choosing them and listening (a cluster starting seven processes) must not have one handed to
 * another test's server listening on port 0 meanwhile, which then answers in its place.
 */
export async function portsAside(count: number): Promise<number[]> {
  const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => '32768');
  const below = Number(range.trim().split(/\s+/)[0]) || 32768;
  const ports = new Set<number>();
  while (ports.size < count) {
    const port = 10_000 + Math.floor(Math.random() * (below - 10_000));
    if (ports.has(port)) continue;
    const server = createServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (bound) {
      ports.add(port);
      await new Promise((resolve) => server.close(resolve));
    }
  }
  return [...ports];
}
