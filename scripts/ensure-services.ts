/**
 * Brings up the real services the test suite talks to (PostgreSQL, Redis,
 * RabbitMQ) before `vitest` runs: a stopped local service is started; on
 * Debian as root a missing one is installed first, and so is nginx, which the
 * deployment tests run. When a service still can't
 * be reached this exits non-zero naming it: the suite never skips silently.
 * Services given through TEST_*_URL are only checked, never started.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';

interface Service {
  name: string;
  url: string;
  defaultPort: number;
  debianPackage: string;
  binary: string;
  start: () => string;
}

const services: Service[] = [
  {
    name: 'PostgreSQL',
    url: process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
    defaultPort: 5432,
    debianPackage: 'postgresql',
    binary: '/usr/bin/pg_ctlcluster',
    start: () => `pg_ctlcluster --skip-systemctl-redirect ${readdirSync('/etc/postgresql')[0]} main start`,
  },
  {
    name: 'Redis',
    url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    defaultPort: 6379,
    debianPackage: 'redis-server',
    binary: '/usr/bin/redis-server',
    start: () =>
      'mkdir -p /var/lib/redis /var/log/redis && redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
  },
  {
    name: 'RabbitMQ',
    url: process.env.TEST_RABBIT_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    defaultPort: 5672,
    debianPackage: 'rabbitmq-server',
    binary: '/usr/sbin/rabbitmq-server',
    start: () => 'rabbitmq-server -detached',
  },
];

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function waitFor(host: string, port: number, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 2; i++) {
    if (await reachable(host, port)) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

const isRootOnDebian = () => process.getuid?.() === 0 && existsSync('/etc/debian_version');

function aptInstall(name: string, debianPackage: string): void {
  process.stderr.write(`installing ${name} (${debianPackage})…\n`);
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${debianPackage}`, {
    stdio: 'inherit',
  });
}

async function ensure(service: Service): Promise<string | null> {
  const { hostname, port } = new URL(service.url);
  const target = Number(port || service.defaultPort);
  if (await reachable(hostname, target)) return null;
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(hostname) && target === service.defaultPort;
  if (!local) return `${service.name} is not reachable at ${service.url}`;
  try {
    if (!existsSync(service.binary)) {
      if (!isRootOnDebian())
        return `${service.name} is not installed (install the Debian package ${service.debianPackage})`;
      aptInstall(service.name, service.debianPackage);
    }
    process.stderr.write(`starting ${service.name}…\n`);
    execSync(service.start(), { stdio: 'inherit' });
  } catch (err) {
    return `${service.name} could not be started: ${(err as Error).message}`;
  }
  return (await waitFor(hostname, target, 60)) ? null : `${service.name} did not come up on ${hostname}:${target}`;
}

/**
 * Programs the tests run themselves: test/deploy checks the shipped nginx configuration and runs it, renders the
 * Kubernetes manifests with kubectl's kustomize and verifies the systemd units; test/dashboard drives Chromium.
 */
const programs = [
  { name: 'nginx', binary: '/usr/sbin/nginx', debianPackage: 'nginx-light' },
  // These two the tests run by name, so anywhere on PATH will do.
  { name: 'systemd-analyze', command: 'systemd-analyze', debianPackage: 'systemd' },
  // Not in Debian 12's own archive: from Kubernetes' or Google Cloud's apt repository where one is configured.
  { name: 'kubectl', command: 'kubectl', debianPackage: 'kubectl' },
  // The dashboard's browser tests (test/dashboard) drive Debian's Chromium through playwright-core.
  { name: 'Chromium', binary: '/usr/bin/chromium', debianPackage: 'chromium' },
];

/** Whether a program is where the tests look for it: its own path, or for one they run by name, a folder of PATH. */
function installed(program: { binary?: string; command?: string }): boolean {
  if (program.binary) return existsSync(program.binary);
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, program.command!)));
}

function install(program: (typeof programs)[number]): string | null {
  if (installed(program)) return null;
  if (!isRootOnDebian())
    return `${program.name} is not installed (install the Debian package ${program.debianPackage})`;
  try {
    aptInstall(program.name, program.debianPackage);
  } catch (err) {
    return `${program.name} could not be installed: ${(err as Error).message}`;
  }
  return installed(program) ? null : `${program.name} is still missing after installing ${program.debianPackage}`;
}

// One apt-get at a time: programs first, then the services.
const programProblems = programs.map(install).filter((p): p is string => p !== null);
const problems = [
  ...programProblems,
  ...(await Promise.all(services.map(ensure))).filter((p): p is string => p !== null),
];
if (problems.length) {
  process.stderr.write(`test services unavailable:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
