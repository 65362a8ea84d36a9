import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './ports.ts';

/**
 * A private redis-server for tests that stop and restart Redis: the machine's
 * shared instance stays up for every other test file.
 */
export async function startRedisServer(port?: number) {
  const chosen = port ?? (await freePort());
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const probe = new Redis(chosen, '127.0.0.1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => {}); // refused connections while the server boots are expected
    for (let i = 0; i < 100; i++) {
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    probe.disconnect();
    throw new Error(`redis-server did not start on port ${chosen}`);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${chosen}`,
    /** Kills the server abruptly, as a crash or a network cut would. */
    async stop() {
      const exited = new Promise((r) => child?.once('exit', r));
      child?.kill('SIGKILL');
      await exited;
    },
    restart: start,
  };
}
