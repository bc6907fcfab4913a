import {
  apiConfigSchema,
  CONFIG_VARIABLES,
  type ConfigService,
  gatewayConfigSchema,
  loadConfig,
  SERVICE_VARIABLES,
  workerConfigSchema,
} from '@fleetpush/config';
import { bullPrefix, DEVICE_TASK_QUEUE } from '@fleetpush/queue';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  asRecord,
  entrypointServices,
  parseYaml,
  readText,
  ROOT,
  sourceOf,
  unknownVariableNames,
  yamlFilesUnder,
} from './deploy-files';

type Manifest = Record<string, unknown>;

const K8S = 'deploy/k8s';
const manifests = (dir: string): Manifest[] =>
  yamlFilesUnder(dir)
    .filter((file) => !file.endsWith('kustomization.yaml'))
    .flatMap((file) => parseYaml(file).map((doc) => asRecord(doc, file)));

const base = manifests(`${K8S}/base`);
const ofKind = (kind: string, list = base): Manifest[] => list.filter((m) => m.kind === kind);
const name = (m: Manifest): string => String(asRecord(m.metadata, 'metadata').name);
const configMap = asRecord(ofKind('ConfigMap')[0]?.data, 'ConfigMap data');
const SECRET_NAMES = new Set(CONFIG_VARIABLES.filter((v) => v.secret).map((v) => v.name));

/** The pod spec and its one container of a Deployment. */
function podOf(deployment: Manifest): { pod: Manifest; container: Manifest } {
  const spec = asRecord(deployment.spec, 'spec');
  const pod = asRecord(asRecord(spec.template, 'template').spec, 'pod spec');
  const containers = pod.containers as Manifest[];
  expect(containers).toHaveLength(1);
  return { pod, container: asRecord(containers[0], 'container') };
}

/** Variable names a container sets explicitly, and whether each comes from a Secret. */
function explicitEnv(container: Manifest): Map<string, 'secret' | 'value'> {
  const env = new Map<string, 'secret' | 'value'>();
  for (const entry of (container.env ?? []) as Manifest[]) {
    const from = entry.valueFrom === undefined ? undefined : asRecord(entry.valueFrom, 'valueFrom');
    env.set(String(entry.name), from?.secretKeyRef === undefined ? 'value' : 'secret');
  }
  return env;
}

describe('deploy/k8s and deploy/prometheus YAML', () => {
  const files = [...yamlFilesUnder(K8S), ...yamlFilesUnder('deploy/prometheus')];

  it('has the base, both overlays and the alert rules', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        `${K8S}/base/kustomization.yaml`,
        `${K8S}/overlays/dev/kustomization.yaml`,
        `${K8S}/overlays/prod/kustomization.yaml`,
        'deploy/prometheus/alerts.yml',
      ]),
    );
  });

  it.each(files)('%s parses and names only variables fleetpush reads', (file) => {
    expect(() => parseYaml(file)).not.toThrow();
    expect(unknownVariableNames(readText(file))).toEqual([]);
  });

  it.each(yamlFilesUnder(K8S).filter((f) => f.endsWith('kustomization.yaml')))(
    '%s lists resources that exist',
    (file) => {
      const kustomization = asRecord(parseYaml(file)[0], file);
      for (const resource of (kustomization.resources ?? []) as string[]) {
        expect(existsSync(path.join(ROOT, path.dirname(file), resource))).toBe(true);
      }
    },
  );
});

describe('deploy/k8s/base', () => {
  const deployments = ofKind('Deployment');

  it('deploys api, worker and gateway, each with a PodDisruptionBudget', () => {
    expect(deployments.map(name).sort()).toEqual(['api', 'gateway', 'worker']);
    expect(ofKind('PodDisruptionBudget').map(name).sort()).toEqual(['api', 'gateway', 'worker']);
    expect(ofKind('Service').map(name).sort()).toEqual(['api', 'gateway']);
  });

  it('commits no secret value: no Secret object, secrets only by reference', () => {
    for (const dir of [`${K8S}/base`, `${K8S}/overlays/dev`, `${K8S}/overlays/prod`]) {
      expect(ofKind('Secret', manifests(dir))).toEqual([]);
    }
    expect(Object.keys(configMap).filter((key) => SECRET_NAMES.has(key))).toEqual([]);
    for (const deployment of deployments) {
      for (const [variable, source] of explicitEnv(podOf(deployment).container)) {
        if (SECRET_NAMES.has(variable)) expect(source).toBe('secret');
      }
    }
  });

  it.each(deployments.map((d) => [name(d), d] as const))(
    '%s runs its service, with every variable it reads, probes and limits, non-root',
    (service, deployment) => {
      const { pod, container } = podOf(deployment);
      const main = entrypointServices().get(String((container.args as string[])[0]));
      expect(main).toBe(`services/${service}/dist/main.js`);
      expect(existsSync(path.join(ROOT, sourceOf(main ?? '')))).toBe(true);

      const env = explicitEnv(container);
      const missing = SERVICE_VARIABLES[service as Exclude<ConfigService, 'cli'>]
        .filter((v) => v.default === undefined && !env.has(v.name) && !(v.name in configMap))
        .map((v) => v.name);
      expect(missing).toEqual([]);

      expect(container.livenessProbe).toBeDefined();
      expect(container.readinessProbe).toBeDefined();
      const resources = asRecord(container.resources, 'resources');
      expect(asRecord(resources.requests, 'requests')).toHaveProperty('cpu');
      expect(asRecord(resources.limits, 'limits')).toHaveProperty('memory');
      expect(asRecord(pod.securityContext, 'pod securityContext').runAsNonRoot).toBe(true);
      const security = asRecord(container.securityContext, 'securityContext');
      expect(security.readOnlyRootFilesystem).toBe(true);
      expect(security.allowPrivilegeEscalation).toBe(false);
    },
  );

  it('sets strings only (the API server refuses a number in ConfigMap data)', () => {
    const notStrings = Object.entries(configMap).filter(([, value]) => typeof value !== 'string');
    expect(notStrings).toEqual([]);
  });

  it.each([
    ['api', apiConfigSchema],
    ['worker', workerConfigSchema],
    ['gateway', gatewayConfigSchema],
  ] as const)('has settings %s accepts once the Secret is there', (_service, schema) => {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(configMap)) env[key] = String(value);
    for (const secret of SECRET_NAMES) env[secret] = 'ab'.repeat(32);
    expect(() => loadConfig(schema, env)).not.toThrow();
  });

  it('listens where the ConfigMap says the API and the gateway listen', () => {
    const port = (deployment: string): number => {
      const found = deployments.find((d) => name(d) === deployment);
      const ports = podOf(found ?? {}).container.ports as Manifest[];
      return Number(ports[0]?.containerPort);
    };
    expect(port('api')).toBe(Number(configMap.FLEETPUSH_PORT));
    expect(port('gateway')).toBe(Number(configMap.FLEETPUSH_GATEWAY_PORT));
  });

  it('gives workers longer than their drain to stop', () => {
    const worker = deployments.find((d) => name(d) === 'worker');
    const grace = Number(podOf(worker ?? {}).pod.terminationGracePeriodSeconds);
    const drainMs = loadConfig(workerConfigSchema, {
      ...(configMap as Record<string, string>),
      FLEETPUSH_SECRET_KEY: 'ab'.repeat(32),
    }).drainTimeoutMs;
    expect(drainMs).toBe(Number(configMap.FLEETPUSH_DRAIN_TIMEOUT_MS));
    expect(grace * 1_000).toBeGreaterThan(drainMs);
  });

  /** Where each service serves /healthz, /readyz and /metrics, by the ConfigMap. */
  const PROBE_PORTS = {
    api: 'FLEETPUSH_PORT',
    gateway: 'FLEETPUSH_GATEWAY_PORT',
    worker: 'FLEETPUSH_WORKER_HTTP_PORT',
  } as const;

  it.each(Object.entries(PROBE_PORTS))(
    '%s: liveness GET /healthz, readiness GET /readyz and the scrape, on the port it serves them',
    (service, variable) => {
      const deployment = deployments.find((d) => name(d) === service) ?? {};
      const { container } = podOf(deployment);
      const ports = new Map(
        ((container.ports ?? []) as Manifest[]).map((p) => [
          String(p.name),
          Number(p.containerPort),
        ]),
      );
      const port = Number(configMap[variable]);
      for (const [probe, path] of [
        ['livenessProbe', '/healthz'],
        ['readinessProbe', '/readyz'],
      ] as const) {
        const get = asRecord(asRecord(container[probe], probe).httpGet, `${probe}.httpGet`);
        expect(get.path).toBe(path);
        expect(ports.get(String(get.port))).toBe(port);
      }
      const template = asRecord(asRecord(deployment.spec, 'spec').template, 'template');
      const annotations = asRecord(
        asRecord(template.metadata, 'metadata').annotations,
        'annotations',
      );
      expect(annotations).toEqual({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(port),
        'prometheus.io/path': '/metrics',
      });
    },
  );
});

describe('deploy/k8s/overlays/prod', () => {
  it('scales workers with KEDA on the device-task wait list of the configured prefix', () => {
    const [scaled] = ofKind('ScaledObject', manifests(`${K8S}/overlays/prod`));
    const spec = asRecord(scaled?.spec, 'ScaledObject spec');
    expect(asRecord(spec.scaleTargetRef, 'scaleTargetRef').name).toBe('worker');
    const trigger = asRecord((spec.triggers as Manifest[])[0], 'trigger');
    const listName = asRecord(trigger.metadata, 'trigger metadata').listName;
    const prefix = String(configMap.FLEETPUSH_PREFIX);
    expect(listName).toBe(`${bullPrefix(prefix)}:${DEVICE_TASK_QUEUE}:wait`);
  });
});
