import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  nginxForeground,
  renderNginxConfig,
  renderTemplate,
  testNginxConfig,
} from '../../scripts/cluster/nginxConfig.ts';
import { freePort } from '../support/ports.ts';
import { tempDir } from '../support/tempDir.ts';

const snippet = (name: string) => readFileSync(join(import.meta.dirname, '../../deploy/nginx/snippets', name), 'utf8');

/** The body of `location <match> { … }` in the shipped locations. */
function location(match: string): string {
  const body = new RegExp(`location ${match.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\{([^}]*)\\}`).exec(
    snippet('alphanest-locations.conf'),
  );
  if (!body) throw new Error(`no location ${match}`);
  return body[1]!;
}

describe('the shipped nginx configuration', () => {
  it('passes nginx -t, rendered with test ports and paths and with its TLS server', () => {
    const prefix = tempDir('nginx');
    const cert = join(prefix, 'cert.pem');
    const key = join(prefix, 'key.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'].concat([
        '-keyout',
        key,
        '-out',
        cert,
      ]),
      { stdio: 'ignore' },
    );
    const conf = renderNginxConfig({
      prefix,
      httpPort: 18_080,
      upstreams: {
        gateway: ['127.0.0.1:18081', '127.0.0.1:18082'],
        mcp: ['127.0.0.1:18083'],
        arbitrage: ['127.0.0.1:18084'],
        dashboard: ['127.0.0.1:18085'],
      },
      tls: { port: 18_443, cert, key },
    });
    const result = testNginxConfig(prefix, conf);
    expect(result.output).toContain('test is successful');
    expect(result.ok).toBe(true);
    // One server line per address; nothing left unrendered.
    const rendered = readFileSync(join(prefix, 'alphanest.conf'), 'utf8');
    expect(rendered).toContain(
      'server 127.0.0.1:18081 max_fails=1 fail_timeout=5s;\n    server 127.0.0.1:18082 max_fails',
    );
    expect(rendered + readFileSync(join(prefix, 'alphanest-tls.conf'), 'utf8')).not.toMatch(/\$\{/);
  });

  it('keeps every upstream connection alive and forwards the client as TRUST_PROXY=1 reads it', () => {
    const template = readFileSync(
      join(import.meta.dirname, '../../deploy/nginx/templates/alphanest.conf.template'),
      'utf8',
    );
    const upstreams = [...template.matchAll(/upstream (\w+) \{([\s\S]*?)\n\}/g)];
    expect(upstreams.map((u) => u[1])).toEqual([
      'alphanest_gateway',
      'alphanest_mcp',
      'alphanest_arbitrage',
      'alphanest_dashboard',
    ]);
    for (const [, , body] of upstreams) expect(body).toMatch(/keepalive \d+;/);
    const proxy = snippet('alphanest-proxy.conf');
    expect(proxy).toContain('proxy_http_version 1.1;');
    expect(proxy).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
    expect(proxy).toContain('proxy_set_header X-Forwarded-Proto $scheme;');
    expect(proxy).toContain('proxy_set_header Connection $alphanest_connection;');
  });

  it('upgrades WebSockets, streams server-sent events unbuffered and does not log /health', () => {
    expect(location('/ws/')).toContain('proxy_read_timeout 3600s;');
    for (const sse of ['/api/chat/', '= /mcp']) expect(location(sse)).toContain('proxy_buffering off;');
    expect(location('= /health')).toContain('access_log off;');
    expect(location('/')).toContain('proxy_pass http://alphanest_dashboard;');
  });

  it('sends a browser opening /tools to the dashboard and every other /tools request to the tool server', () => {
    expect(location('= /tools')).toContain('proxy_pass http://$alphanest_tools_upstream;');
    expect(location('/tools/')).toContain('proxy_pass http://alphanest_mcp;');
    const template = readFileSync(
      join(import.meta.dirname, '../../deploy/nginx/templates/alphanest.conf.template'),
      'utf8',
    );
    const map = /map \$http_accept \$alphanest_tools_upstream \{([^}]*)\}/.exec(template)?.[1];
    expect(map).toContain('default alphanest_mcp;');
    expect(map).toContain('~*^text/html alphanest_dashboard;');
  });

  it("answers its own errors in the platform's JSON error shape, not nginx's HTML pages", async () => {
    const prefix = tempDir('nginx-errors');
    const [port, closed] = [await freePort(), await freePort()];
    const nowhere = [`127.0.0.1:${closed}`];
    const conf = renderNginxConfig({
      prefix,
      httpPort: port,
      upstreams: { gateway: nowhere, mcp: nowhere, arbitrage: nowhere, dashboard: nowhere },
    });
    const [command, args] = nginxForeground(prefix, conf);
    const nginx = spawn(command, args, { stdio: 'ignore' });
    try {
      const url = `http://127.0.0.1:${port}`;
      await expect
        .poll(() =>
          fetch(`${url}/ping`).then(
            (r) => r.status,
            () => 0,
          ),
        )
        .toBe(502);
      const cases: [string, RequestInit, number, string][] = [
        [`/api/v1/intelligence/?q=${'x'.repeat(9 * 1024)}`, {}, 414, 'url_too_long'],
        ['/api/v1/intelligence/', { headers: { 'x-big': 'y'.repeat(20_000) } }, 431, 'headers_too_large'],
        ['/api/v1/intelligence/', { method: 'POST', body: 'z'.repeat(3 * 1024 * 1024) }, 413, 'body_too_large'],
        ['/api/v1/intelligence/', {}, 502, 'upstream_unavailable'],
        ['/metrics', {}, 404, 'not_found'],
      ];
      for (const [path, init, status, code] of cases) {
        const response = await fetch(`${url}${path}`, init);
        expect(response.status, path.slice(0, 40)).toBe(status);
        expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
      }
    } finally {
      nginx.kill('SIGTERM');
    }
  });

  it('renders a list placeholder once per value and refuses a placeholder without one', () => {
    // biome-ignore-start lint/suspicious/noTemplateCurlyInString: nginx template placeholders, not JavaScript ones
    expect(renderTemplate('a\n  server ${ADDR} x;\nb ${PORT}', { ADDR: ['h:1', 'h:2'], PORT: '80' })).toBe(
      'a\n  server h:1 x;\n  server h:2 x;\nb 80',
    );
    expect(() => renderTemplate('listen ${PORT};', {})).toThrow('no value for ${PORT} in: listen ${PORT};');
    // biome-ignore-end lint/suspicious/noTemplateCurlyInString: nginx template placeholders, not JavaScript ones
  });
});
