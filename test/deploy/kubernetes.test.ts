import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Service, ServiceAccount } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { components } from '../../src/runtime/components.ts';
import { tempDir } from '../support/tempDir.ts';
import { deployDir, readYamlDocuments } from './yamlFiles.ts';

/** The Kubernetes API models of every kind the manifests use, by `apiVersion/kind`. */
const models: Record<string, new (data: any) => { validate(): void }> = Object.fromEntries(
  [
    Deployment,
    HorizontalPodAutoscaler,
    Ingress,
    NetworkPolicy,
    PodDisruptionBudget,
    ConfigMap,
    Namespace,
    Service,
    ServiceAccount,
  ].map((model) => [`${model.apiVersion}/${model.kind}`, model]),
);

/** The objects a kustomization (or component) lists, read file by file. */
function objectsOf(folder: string): any[] {
  const [kustomization] = readYamlDocuments(`kubernetes/${folder}/kustomization.yaml`);
  return kustomization.resources.flatMap((file: string) => readYamlDocuments(join('kubernetes', folder, file)));
}

const base = objectsOf('.');
const dashboard = objectsOf('dashboard');
const all = [...base, ...dashboard];
const ofKind = (kind: string, objects = all) => objects.filter((o) => o.kind === kind);
const deployment = (name: string) => ofKind('Deployment').find((d) => d.metadata.name === `alphanest-${name}`);
const labelsMatch = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

/**
 * A label selector selecting `labels`: matchLabels, and matchExpressions with In, the only operator the manifests
 * use (another throws, so a check that something is denied cannot pass for want of understanding the selector).
 */
function selects(selector: any, labels: Record<string, string>): boolean {
  const { matchLabels = {}, matchExpressions = [] } = selector ?? {};
  return (
    labelsMatch(matchLabels, labels) &&
    matchExpressions.every((e: any) => {
      if (e.operator !== 'In') throw new Error(`selector operator ${e.operator} is not evaluated here`);
      return e.values.includes(labels[e.key]);
    })
  );
}

/**
 * Whether the namespace's NetworkPolicies let a pod labelled `from` open a connection to a pod labelled `to` on a
 * container port (named or by number): the caller's egress and the callee's ingress must both allow it, each
 * open only where no policy of that direction selects the pod. Peers outside the namespace (a namespaceSelector)
 * or outside the cluster (an ipBlock) are not these pods.
 */
function connects(
  from: Record<string, string>,
  to: Record<string, string>,
  port: { name: string; containerPort: number },
) {
  const policies = ofKind('NetworkPolicy').map((policy) => policy.spec);
  const allows = (type: 'Egress' | 'Ingress', pod: Record<string, string>, peer: Record<string, string>) => {
    const [rules, peers] = type === 'Egress' ? ['egress', 'to'] : ['ingress', 'from'];
    const applying = policies.filter((policy) => policy.policyTypes.includes(type) && selects(policy.podSelector, pod));
    return (
      applying.length === 0 ||
      applying.some((policy) =>
        (policy[rules] ?? []).some(
          (rule: any) =>
            // An empty or missing list of ports or peers is every port or every peer.
            (!rule.ports?.length ||
              rule.ports.some((p: any) => p.port === port.name || p.port === port.containerPort)) &&
            (!rule[peers]?.length ||
              rule[peers].some((p: any) => !p.namespaceSelector && !p.ipBlock && selects(p.podSelector, peer))),
        ),
      )
    );
  };
  return allows('Egress', from, to) && allows('Ingress', to, from);
}

/** `kubectl kustomize` (the test command makes sure kubectl is installed): the manifests as kustomize renders them. */
function kustomize(folder: string): { ok: boolean; objects: any[]; output: string } {
  const result = spawnSync('kubectl', ['kustomize', folder], { encoding: 'utf8' });
  if (result.error) throw new Error(`kubectl kustomize could not run: ${result.error.message}`);
  const objects = result.status === 0 ? parseAllDocuments(result.stdout).map((doc) => doc.toJS()) : [];
  return { ok: result.status === 0, objects, output: result.stderr };
}

describe('deploy/kubernetes', () => {
  it('holds only objects the Kubernetes API schemas accept', () => {
    expect(all.length).toBeGreaterThan(15);
    for (const object of all) {
      const Model = models[`${object.apiVersion}/${object.kind}`];
      expect(Model, `a model for ${object.apiVersion} ${object.kind}`).toBeDefined();
      expect(() => new Model!(object).validate(), `${object.kind} ${object.metadata.name}`).not.toThrow();
    }
  });

  it('renders with kustomize, alone and with the dashboard component, into objects the schemas accept', () => {
    const withDashboard = tempDir('kustomize');
    mkdirSync(withDashboard, { recursive: true });
    const kubernetes = relative(withDashboard, join(deployDir, 'kubernetes'));
    writeFileSync(
      join(withDashboard, 'kustomization.yaml'),
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [${kubernetes}]\ncomponents: [${kubernetes}/dashboard]\n`,
    );
    for (const [folder, count] of [
      [join(deployDir, 'kubernetes'), base.length],
      [withDashboard, all.length],
    ] as const) {
      const rendered = kustomize(folder);
      expect(rendered.output, folder).not.toMatch(/error/i);
      expect(rendered.ok).toBe(true);
      expect(rendered.objects).toHaveLength(count);
      for (const object of rendered.objects) {
        expect(object.metadata.namespace ?? object.metadata.name).toBe('alphanest');
        new models[`${object.apiVersion}/${object.kind}`]!(object).validate();
      }
      const ingress = rendered.objects.find((o) => o.kind === 'Ingress' && o.metadata.name === 'alphanest');
      const root = ingress.spec.rules[0].http.paths.find((p: any) => p.path === '/');
      expect(root.backend.service.name).toBe(folder === withDashboard ? 'alphanest-dashboard' : 'alphanest-gateway');
    }
  });

  it('runs every component as a Deployment of the one image, HTTP ones probed on /health and /ping', () => {
    const args = ofKind('Deployment', base).map((d) => d.spec.template.spec.containers[0].args.join(' '));
    expect(args.sort()).toEqual(
      Object.keys(components)
        .map((name) => `serve ${name}`)
        .sort(),
    );
    for (const d of ofKind('Deployment')) {
      const pod = d.spec.template.spec;
      const [container] = pod.containers;
      expect(container.lifecycle.preStop.exec.command).toEqual(['sleep', '5']);
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
      });
      expect(labelsMatch(d.spec.selector.matchLabels, d.spec.template.metadata.labels)).toBe(true);
      if (!container.ports) continue;
      expect(container.readinessProbe.httpGet.path).toBe('/health');
      expect(container.livenessProbe.httpGet.path).toBe('/ping');
    }
    // The grace period covers the pause before SIGTERM and the node's own shutdown deadline.
    const [config] = ofKind('ConfigMap');
    for (const d of ofKind('Deployment', base))
      expect(d.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(
        Number(config.data.SHUTDOWN_TIMEOUT_SECONDS) + 5,
      );
  });

  it('scales the gateways, keeps one of each replicated component through disruptions, and wires services to pods', () => {
    const [hpa] = ofKind('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'alphanest-gateway' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    const budgets = ofKind('PodDisruptionBudget').map((pdb) => pdb.metadata.name);
    expect(budgets.sort()).toEqual([
      'alphanest-arbitrage',
      'alphanest-dashboard',
      'alphanest-gateway',
      'alphanest-mcp',
      'alphanest-worker',
    ]);
    // The singletons' leases make a second replica a standby, so every component runs two.
    for (const d of ofKind('Deployment')) expect(d.spec.replicas, d.metadata.name).toBeGreaterThanOrEqual(2);
    for (const pdb of ofKind('PodDisruptionBudget'))
      expect(
        ofKind('Deployment').some((d) => labelsMatch(pdb.spec.selector.matchLabels, d.spec.template.metadata.labels)),
      ).toBe(true);
    for (const service of ofKind('Service')) {
      const pods = deployment(service.metadata.name.replace('alphanest-', ''));
      expect(labelsMatch(service.spec.selector, pods.spec.template.metadata.labels)).toBe(true);
      expect(pods.spec.template.spec.containers[0].ports.map((p: any) => p.name)).toContain(
        service.spec.ports[0].targetPort,
      );
    }
  });

  it('routes the streams through an Ingress without buffering, every backend to a Service that exists', () => {
    const services = ofKind('Service').map((s) => s.metadata.name);
    const ingresses = Object.fromEntries(ofKind('Ingress', base).map((i) => [i.metadata.name, i]));
    for (const ingress of Object.values<any>(ingresses))
      for (const path of ingress.spec.rules[0].http.paths) expect(services).toContain(path.backend.service.name);
    const streams = ingresses['alphanest-streams'];
    expect(streams.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/proxy-buffering': 'off',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
    });
    expect(streams.spec.rules[0].http.paths.map((p: any) => p.path)).toEqual(['/ws', '/api/chat', '/mcp']);
    // The dashboard component's patch replaces the backend of the catch-all path, the ninth.
    expect(ingresses.alphanest.spec.rules[0].http.paths[8].path).toBe('/');
  });

  it('denies traffic by default and lets the ingress controller reach only the HTTP ports', () => {
    const policies = Object.fromEntries(ofKind('NetworkPolicy').map((p) => [p.metadata.name, p.spec]));
    expect(policies['alphanest-default-deny']).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(policies['alphanest-http-ingress'].ingress[0].ports).toEqual([{ port: 'http' }]);
  });

  it('lets the dashboard call every component its URLs name, and nothing call the dashboard back', () => {
    const podLabels = (name: string) => deployment(name).spec.template.metadata.labels;
    const httpPort = (name: string) => deployment(name).spec.template.spec.containers[0].ports[0];
    const env = deployment('dashboard').spec.template.spec.containers[0].env;
    const called = env.filter((e: any) => /^DASHBOARD_\w+_URL$/.test(e.name)).map((e: any) => new URL(e.value));
    expect(called.map((url: URL) => url.hostname).sort()).toEqual([
      'alphanest-arbitrage',
      'alphanest-gateway',
      'alphanest-mcp',
    ]);
    for (const url of called) {
      const service = ofKind('Service').find((s) => s.metadata.name === url.hostname);
      expect(service.spec.ports[0].port).toBe(Number(url.port));
      const target = url.hostname.replace('alphanest-', '');
      expect(connects(podLabels('dashboard'), podLabels(target), httpPort(target)), url.host).toBe(true);
      expect(connects(podLabels(target), podLabels('dashboard'), httpPort('dashboard')), `${target} → dashboard`).toBe(
        false,
      );
    }
    expect(connects(podLabels('worker'), podLabels('gateway'), httpPort('gateway'))).toBe(false);
  });
});
