import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../scripts/cluster/nginxConfig.ts';
import { components } from '../../src/runtime/components.ts';
import { deployDir, readYamlDocuments } from './yamlFiles.ts';

const compose = readYamlDocuments('compose.yaml')[0];
const services: Record<string, any> = compose.services;

/** Whether Compose can wait for the service to be healthy: its own check, or the image's HEALTHCHECK (ours). */
const hasHealthcheck = (service: any) =>
  !service.healthcheck?.disable && (service.healthcheck?.test || String(service.image).includes('alphanest:'));

describe('deploy/compose.yaml', () => {
  it('is valid under the Compose specification', () => {
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'schemas/compose-spec.json'), 'utf8'));
    // The schema names its draft by an https address Ajv does not know; Ajv's default draft-07 is the same.
    delete schema.$schema;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('runs every component of the platform from the one image, the gateway twice', () => {
    const commands = Object.values(services).map((service) => service.command?.join(' '));
    for (const name of Object.keys(components)) expect(commands).toContain(`serve ${name}`);
    expect(services['api-gateway'].deploy.replicas).toBe(2);
    expect(services['arbitrage-engine'].environment.HEALTHCHECK_PORT).toBe('8001');
    expect(services['mcp-server'].environment.HEALTHCHECK_PORT).toBe('8002');
    expect(services.dashboard.expose).toEqual(['3000']);
    expect(services.dashboard.environment.HEALTHCHECK_PORT).toBe('3000');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Compose interpolation, not a JavaScript template
    expect(services.nginx.ports).toEqual(['${HTTP_PORT:-80}:80']);
  });

  it('starts each service after what it needs is healthy, or has finished for a one-shot job', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [needed, { condition }] of Object.entries<any>(service.depends_on ?? {})) {
        const target = services[needed];
        expect(target, `${name} depends on ${needed}`).toBeDefined();
        if (condition === 'service_healthy')
          expect(hasHealthcheck(target), `${needed} has a health check`).toBeTruthy();
        else expect([condition, target.restart]).toEqual(['service_completed_successfully', 'no']);
      }
    }
    expect(Object.keys(services.nginx.depends_on)).toEqual([
      'api-gateway',
      'mcp-server',
      'arbitrage-engine',
      'dashboard',
    ]);
  });

  it('keeps Redis with a replica, RabbitMQ, Vault configured once, and the optional profiles', () => {
    expect(services['redis-replica'].command).toEqual(expect.arrayContaining(['--replicaof', 'redis', '6379']));
    expect(services['vault-config'].entrypoint).toEqual(['sh', '/deploy/vault/configure.sh']);
    const profiles = Object.fromEntries(Object.entries(services).map(([name, s]) => [name, s.profiles?.[0]]));
    expect(profiles).toMatchObject({ prometheus: 'observability', grafana: 'observability', anvil: 'chain' });
    for (const setting of ['SLAVE_CACHE_URL', 'RABBIT_URL', 'VAULT_ADDR', 'TRUST_PROXY'])
      expect(services.worker.environment[setting]).toBeDefined();
  });

  it('puts the platform on the tailnet with profile mesh, the key handed over as a file, never as a value', () => {
    expect([services['mesh-keys'].profiles, services.tailscale.profiles]).toEqual([['mesh'], ['mesh']]);
    // The one-shot writes the secret's TS_AUTHKEY (mode 0600) where only the tailscale container mounts it.
    expect(services['mesh-keys'].command).toEqual([
      'secrets',
      'env',
      'tailscale',
      '--only',
      'TS_AUTHKEY',
      '--out',
      '/mesh/tailscale-authkey',
    ]);
    expect(services['mesh-keys'].volumes).toEqual(['mesh-keys:/mesh']);
    expect(services.tailscale.image).toMatch(/^tailscale\/tailscale:/);
    expect(services.tailscale.environment.TS_AUTHKEY).toBe('file:/mesh/tailscale-authkey');
    expect(services.tailscale.volumes).toContain('mesh-keys:/mesh:ro');
    const mounting = Object.entries(services).filter(([, s]) =>
      (s.volumes ?? []).some((v: string) => v.startsWith('mesh-keys:')),
    );
    expect(mounting.map(([name]) => name).sort()).toEqual(['mesh-keys', 'tailscale']);
    // Tailscale serves nginx on the tailnet.
    const serve = JSON.parse(readFileSync(join(deployDir, 'tailscale/serve.json'), 'utf8'));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: containerboot's placeholder, not a JavaScript template
    expect(serve.Web['${TS_CERT_DOMAIN}:443'].Handlers['/'].Proxy).toBe('http://nginx:80');
    expect(services.tailscale.volumes).toContain('./tailscale:/config:ro');
  });

  it('gives nginx a value for every placeholder of the shipped templates', () => {
    const values = services.nginx.environment;
    for (const file of ['nginx.conf.template', 'alphanest.conf.template']) {
      const template = readFileSync(join(deployDir, 'nginx/templates', file), 'utf8');
      expect(() => renderTemplate(template, values)).not.toThrow();
    }
  });

  it('scrapes every HTTP component and provisions the AlphaNest dashboard in Grafana', () => {
    const prometheus = readYamlDocuments('prometheus/prometheus.yml')[0];
    const ports = prometheus.scrape_configs.map(
      (job: any) => job.dns_sd_configs?.[0].port ?? Number(job.static_configs[0].targets[0].split(':')[1]),
    );
    expect(ports.sort()).toEqual([8000, 8001, 8002, 8003]);
    const dashboard = JSON.parse(readFileSync(join(deployDir, 'grafana/dashboards/alphanest.json'), 'utf8'));
    expect(dashboard.uid).toBe('alphanest');
    for (const panel of dashboard.panels) expect(panel.targets[0].datasource.uid).toBe('prometheus');
    const provider = readYamlDocuments('grafana/provisioning/dashboards/alphanest.yaml')[0];
    expect(provider.providers[0].options.path).toBe(services.grafana.volumes[1].split(':')[1]);
  });
});
