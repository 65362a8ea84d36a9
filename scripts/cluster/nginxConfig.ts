import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shipped nginx configuration (deploy/nginx): templates rendered with addresses, ports and paths, and static snippets. */
const NGINX_DIR = fileURLToPath(new URL('../../deploy/nginx/', import.meta.url));

/** The four upstreams of deploy/nginx/templates/alphanest.conf.template, each as one or more host:port addresses. */
interface Upstreams {
  gateway: string[];
  mcp: string[];
  arbitrage: string[];
  dashboard: string[];
}

export interface NginxRenderOptions {
  /** The nginx prefix: the configuration, pid, temporary files and logs are written under it. */
  prefix: string;
  httpPort: number;
  upstreams: Upstreams;
  /** Renders the TLS server (deploy/nginx/tls) too. */
  tls?: { port: number; cert: string; key: string };
}

/**
 * Fills `${NAME}` placeholders. A placeholder given several values repeats its whole line once per value (an
 * upstream's `server` line per address); one without a value is an error, so templates and callers stay in step.
 */
export function renderTemplate(template: string, values: Record<string, string | string[]>): string {
  return template
    .split('\n')
    .flatMap((line) => {
      const names = [...line.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!);
      const many = names.filter((name) => Array.isArray(values[name]));
      if (many.length > 1) throw new Error(`one line repeats for two lists (${many.join(', ')}): ${line.trim()}`);
      const copies = many.length ? (values[many[0]!] as string[]) : [undefined];
      return copies.map((copy) =>
        line.replace(/\$\{(\w+)\}/g, (_, name: string) => {
          const value = name === many[0] ? copy : values[name];
          if (value === undefined) throw new Error(`no value for \${${name}} in: ${line.trim()}`);
          return value as string;
        }),
      );
    })
    .join('\n');
}

/**
 * Writes the shipped configuration, rendered for this machine, under `prefix` (as the nginx image renders it into
 * /etc/nginx under Compose) and returns the main file's path.
 */
export function renderNginxConfig(options: NginxRenderOptions): string {
  const { prefix, upstreams } = options;
  const runDir = join(prefix, 'run');
  const logDir = join(prefix, 'logs');
  mkdirSync(runDir, { recursive: true });
  mkdirSync(logDir, { recursive: true });
  const values: Record<string, string | string[]> = {
    NGINX_USER: userInfo().username,
    NGINX_RUN_DIR: runDir,
    NGINX_LOG_DIR: logDir,
    NGINX_HTTP_PORT: String(options.httpPort),
    ALPHANEST_GATEWAY: upstreams.gateway,
    ALPHANEST_MCP: upstreams.mcp,
    ALPHANEST_ARBITRAGE: upstreams.arbitrage,
    ALPHANEST_DASHBOARD: upstreams.dashboard,
    ...(options.tls && {
      NGINX_HTTPS_PORT: String(options.tls.port),
      NGINX_TLS_CERT: options.tls.cert,
      NGINX_TLS_KEY: options.tls.key,
    }),
  };
  const templates = readdirSync(join(NGINX_DIR, 'templates')).map((file) => join(NGINX_DIR, 'templates', file));
  if (options.tls) templates.push(join(NGINX_DIR, 'tls', 'alphanest-tls.conf.template'));
  for (const template of templates) {
    const name = template
      .split('/')
      .at(-1)!
      .replace(/\.template$/, '');
    writeFileSync(join(prefix, name), renderTemplate(readFileSync(template, 'utf8'), values));
  }
  cpSync(join(NGINX_DIR, 'snippets'), join(prefix, 'snippets'), { recursive: true });
  return join(prefix, 'nginx.conf');
}

/** Debian puts nginx in /usr/sbin, which a non-root PATH may lack. */
export function nginxBinary(): string {
  return existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
}

/** The arguments that keep nginx inside its prefix (`-e`: even the error log it opens before reading the configuration). */
const nginxArgs = (prefix: string, conf: string) => ['-p', prefix, '-c', conf, '-e', join(prefix, 'logs', 'error.log')];

/** `nginx -t` on a rendered configuration: whether nginx accepts it, and what it said. */
export function testNginxConfig(prefix: string, conf: string): { ok: boolean; output: string } {
  const result = spawnSync(nginxBinary(), [...nginxArgs(prefix, conf), '-t'], { encoding: 'utf8' });
  if (result.error) return { ok: false, output: result.error.message };
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** The command line of nginx in the foreground (stopped by a signal: SIGQUIT drains, SIGTERM is quick). */
export function nginxForeground(prefix: string, conf: string): [string, string[]] {
  return [nginxBinary(), [...nginxArgs(prefix, conf), '-g', 'daemon off;']];
}
