/**
 * Lints and renders helm/qcharge with the real helm binary and checks what a
 * cluster would receive. The binary is HELM_BIN when set, otherwise the one
 * that @aws-cdk/asset-kubectl-v20 ships inside its layer.zip, extracted once.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseAllDocuments } from 'yaml';
import { startTestServer } from './support/harness';

jest.setTimeout(60_000);

const chartDir = path.resolve(__dirname, '../helm/qcharge');
const helmHome = fs.mkdtempSync(path.join(os.tmpdir(), 'qcharge-helm-'));
const ROLES = ['ingress', 'api', 'worker'] as const;

type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> }; [key: string]: any };

/** Reads one stored or deflated entry out of a zip archive (no zip64; the layer is well under 4 GiB). */
function unzipEntry(zipFile: string, entryName: string): Buffer {
  const zip = fs.readFileSync(zipFile);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${zipFile} is not a zip archive`);
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const headerExtra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === entryName) {
      const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return zlib.inflateRawSync(data);
      throw new Error(`${entryName}: unsupported zip method ${method}`);
    }
    at += 46 + nameLength + headerExtra;
  }
  throw new Error(`${entryName} not found in ${zipFile}`);
}

function helmBinary(): string {
  if (process.env.HELM_BIN) return process.env.HELM_BIN;
  const pkg = '@aws-cdk/asset-kubectl-v20';
  let version: string;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package is located at run time
    ({ version } = require(`${pkg}/package.json`) as { version: string });
  } catch {
    throw new Error(`helm not found: install the dev dependency ${pkg} (linux-x64 helm) or set HELM_BIN`);
  }
  const target = path.resolve(__dirname, `../node_modules/.cache/qcharge-helm/asset-kubectl-v20-${version}/helm`);
  if (!fs.existsSync(target)) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const partial = `${target}.${process.pid}`;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package is located at run time
    fs.writeFileSync(partial, unzipEntry(require(pkg).ASSET_FILE, 'helm/helm'), { mode: 0o755 });
    fs.renameSync(partial, target);
  }
  return target;
}

const helmBin = helmBinary();

function helm(args: string[]): string {
  return execFileSync(helmBin, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      HELM_CACHE_HOME: path.join(helmHome, 'cache'),
      HELM_CONFIG_HOME: path.join(helmHome, 'config'),
      HELM_DATA_HOME: path.join(helmHome, 'data'),
    },
  });
}

function valuesFile(values: object): string {
  const file = path.join(helmHome, `values-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(values));
  return file;
}

function render(values: object = {}): K8sObject[] {
  const out = helm(['template', 'qc', chartDir, '--namespace', 'charging', '-f', valuesFile(values)]);
  return parseAllDocuments(out)
    .map((doc) => {
      expect(doc.errors).toEqual([]);
      return doc.toJS() as K8sObject | null;
    })
    .filter((obj): obj is K8sObject => obj !== null);
}

function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in: ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

function envOf(container: K8sObject): Record<string, any> {
  return Object.fromEntries(container.env.map((e: { name: string }) => [e.name, e]));
}

const everything = {
  secrets: { adminApiKey: 'a-long-enough-admin-key' },
  roles: { ingress: { autoscaling: { enabled: true } }, api: { autoscaling: { enabled: true } }, worker: { autoscaling: { enabled: true } } },
  persistence: { existingClaim: 'qcharge-files' },
  ocppTls: { enabled: true, secretName: 'ocpp-cert' },
  ingress: { api: { enabled: true, tlsSecretName: 'api-cert' }, ocpp: { enabled: true } },
  metrics: { serviceMonitor: { enabled: true } },
};

afterAll(() => fs.rmSync(helmHome, { recursive: true, force: true }));

describe('helm chart', () => {
  it.each([
    ['defaults', {}],
    ['existingSecret', { secrets: { existingSecret: 'qcharge-env' } }],
    ['every option on', everything],
  ])('passes helm lint --strict with %s', (_name, values) => {
    expect(helm(['lint', '--strict', chartDir, '-f', valuesFile(values)])).toContain('0 chart(s) failed');
  });

  it('rejects values the schema forbids', () => {
    expect(() => render({ config: { logLevel: 'loud' } })).toThrow(/logLevel/);
    expect(() => render({ roles: { api: { replicas: -1 } } })).toThrow(/replicas/);
    expect(() => render({ secrets: { adminApiKey: 'short' } })).toThrow(/adminApiKey/);
  });

  describe('with default values', () => {
    let objects: K8sObject[];
    beforeAll(() => {
      objects = render();
    });

    it('renders only named Kubernetes objects', () => {
      expect(objects.length).toBeGreaterThan(10);
      for (const o of objects) expect(o).toMatchObject({ apiVersion: expect.any(String), kind: expect.any(String), metadata: { name: expect.any(String) } });
    });

    it.each(ROLES)('runs the %s role alone in its own Deployment, probed on /healthz and /readyz', (role) => {
      const deployment = find(objects, 'Deployment', `qc-qcharge-${role}`);
      const pod = deployment.spec.template.spec;
      const [container] = pod.containers;
      expect(envOf(container).ROLES).toEqual({ name: 'ROLES', value: role });
      expect(envOf(container).DATABASE_URL.valueFrom.secretKeyRef).toEqual({ name: 'qc-qcharge', key: 'DATABASE_URL' });
      expect(container.ports).toContainEqual({ name: 'http', containerPort: 4000 });
      expect(container.ports).toContainEqual({ name: 'metrics', containerPort: 9100 });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(30);
      expect(deployment.spec.replicas).toBeGreaterThan(0);
      expect(find(objects, 'PodDisruptionBudget', `qc-qcharge-${role}`).spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
      const service = find(objects, 'Service', `qc-qcharge-${role}`);
      expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
      expect(service.spec.ports).toContainEqual({ name: 'http', port: 4000, targetPort: 'http' });
    });

    it('exposes OCPP port 9000 on the ingress role only', () => {
      const ocpp = find(objects, 'Service', 'qc-qcharge-ocpp');
      expect(ocpp.spec.ports).toEqual([{ name: 'ocpp', port: 9000, targetPort: 'ocpp' }]);
      expect(ocpp.spec.selector['app.kubernetes.io/component']).toBe('ingress');
      const ports = (role: string) => find(objects, 'Deployment', `qc-qcharge-${role}`).spec.template.spec.containers[0].ports;
      expect(ports('ingress')).toContainEqual({ name: 'ocpp', containerPort: 9000 });
      expect(ports('api')).not.toContainEqual(expect.objectContaining({ containerPort: 9000 }));
    });

    it('puts non-secret settings in the ConfigMap and secrets in the Secret', () => {
      const config = find(objects, 'ConfigMap', 'qc-qcharge').data;
      expect(config).toMatchObject({ OCPP_PORT: '9000', API_PORT: '4000', METRICS_PORT: '9100', LOG_LEVEL: 'info', DATA_DIR: '/data' });
      expect(config.PUBLIC_API_URL).toBe('http://qc-qcharge-api.charging.svc:4000');
      expect(JSON.stringify(config)).not.toMatch(/postgres:|redis:/);
      expect(Object.keys(find(objects, 'Secret', 'qc-qcharge').stringData).sort()).toEqual(['DATABASE_URL', 'REDIS_URL']);
    });

    it('runs migrations in a pre-install,pre-upgrade hook Job', () => {
      const job = find(objects, 'Job', 'qc-qcharge-migration');
      expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      const [container] = job.spec.template.spec.containers;
      expect(container.command).toEqual(['node', 'dist/src/migrate.js']);
      // Hooks run before the release's Secret exists, so the Job reads a hook Secret made alongside it.
      const secretName = envOf(container).DATABASE_URL.valueFrom.secretKeyRef.name;
      const hookSecret = find(objects, 'Secret', secretName);
      expect(hookSecret.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      expect(Number(hookSecret.metadata.annotations?.['helm.sh/hook-weight'])).toBeLessThan(Number(job.metadata.annotations?.['helm.sh/hook-weight']));
    });

    it('serves metrics through an in-cluster Service of their own, on every pod, annotated for scraping', () => {
      const metrics = find(objects, 'Service', 'qc-qcharge-metrics');
      expect(metrics.spec.type).toBe('ClusterIP');
      expect(metrics.spec.ports).toEqual([{ name: 'metrics', port: 9100, targetPort: 'metrics' }]);
      expect(metrics.metadata.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9100', 'prometheus.io/path': '/metrics' });
      for (const role of ROLES) {
        const pod = find(objects, 'Deployment', `qc-qcharge-${role}`).spec.template.metadata.labels;
        expect(Object.entries(metrics.spec.selector).every(([k, v]) => pod[k] === v)).toBe(true);
        // The role Services (the api one may be a LoadBalancer) do not carry the metrics port.
        expect(find(objects, 'Service', `qc-qcharge-${role}`).spec.ports).not.toContainEqual(expect.objectContaining({ port: 9100 }));
      }
    });

    it('leaves optional objects out', () => {
      const kinds = objects.map((o) => o.kind);
      for (const kind of ['Ingress', 'HorizontalPodAutoscaler', 'ServiceMonitor', 'PersistentVolumeClaim', 'PrometheusRule']) expect(kinds).not.toContain(kind);
      expect(objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name)).toEqual(['qc-qcharge']);
    });
  });

  describe('with existingSecret', () => {
    let objects: K8sObject[];
    beforeAll(() => {
      objects = render({ secrets: { existingSecret: 'qcharge-env' } });
    });

    it('creates no Secret and reads every secret value from the existing one', () => {
      expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
      const containers = objects
        .filter((o) => o.kind === 'Deployment' || o.kind === 'Job')
        .map((o) => o.spec.template.spec.containers[0]);
      expect(containers).toHaveLength(4);
      for (const container of containers) {
        const refs = container.env.filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => e.valueFrom.secretKeyRef.name);
        expect(refs.length).toBeGreaterThan(0);
        expect(new Set(refs)).toEqual(new Set(['qcharge-env']));
      }
    });
  });

  describe('with every option on', () => {
    let objects: K8sObject[];
    beforeAll(() => {
      objects = render(everything);
    });

    it('routes the API Ingress to /graphql and the file paths and the OCPP Ingress to /ocpp, with long timeouts', () => {
      const api = find(objects, 'Ingress', 'qc-qcharge-api');
      expect(api.spec.rules[0].http.paths.map((p: any) => [p.path, p.backend.service.name])).toEqual([
        ['/graphql', 'qc-qcharge-api'],
        ['/uploads', 'qc-qcharge-api'],
        ['/downloads', 'qc-qcharge-api'],
        ['/files', 'qc-qcharge-api'],
        ['/import', 'qc-qcharge-api'],
        ['/export', 'qc-qcharge-api'],
      ]);
      expect(api.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('600m');
      expect(api.spec.tls[0].secretName).toBe('api-cert');
      const ocpp = find(objects, 'Ingress', 'qc-qcharge-ocpp');
      expect(ocpp.spec.rules[0].http.paths[0]).toMatchObject({ path: '/ocpp', backend: { service: { name: 'qc-qcharge-ocpp', port: { name: 'ocpp' } } } });
      for (const ingress of [api, ocpp]) {
        expect(ingress.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-read-timeout']).toBe('3600');
      }
      expect(find(objects, 'ConfigMap', 'qc-qcharge').data.PUBLIC_API_URL).toBe('https://api.qcharge.example.com');
    });

    it.each(ROLES)('autoscales the %s role instead of fixing its replicas', (role) => {
      expect(find(objects, 'Deployment', `qc-qcharge-${role}`).spec.replicas).toBeUndefined();
      expect(find(objects, 'HorizontalPodAutoscaler', `qc-qcharge-${role}`).spec.scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: `qc-qcharge-${role}`,
      });
    });

    it('scrapes /metrics on the metrics port of every role through one ServiceMonitor, a port no Ingress routes', () => {
      const monitor = find(objects, 'ServiceMonitor', 'qc-qcharge');
      expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
      expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: 'metrics', path: '/metrics' })]);
      const metrics = find(objects, 'Service', 'qc-qcharge-metrics');
      expect(Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => metrics.metadata.labels?.[k] === v)).toBe(true);
      for (const role of ROLES) {
        expect(Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => find(objects, 'Service', `qc-qcharge-${role}`).metadata.labels?.[k] === v)).toBe(false);
      }
      const routed = objects
        .filter((o) => o.kind === 'Ingress')
        .flatMap((o) => o.spec.rules.flatMap((rule: any) => rule.http.paths.map((p: any) => p.backend.service)));
      expect(routed.length).toBeGreaterThan(0);
      for (const backend of routed) {
        expect(backend.name).not.toBe('qc-qcharge-metrics');
        expect(backend.port.name).not.toBe('metrics');
      }
    });

    it('serves wss from the TLS Secret and keeps uploads on the shared claim', () => {
      const ingressPod = find(objects, 'Deployment', 'qc-qcharge-ingress').spec.template.spec;
      expect(envOf(ingressPod.containers[0]).OCPP_TLS_CERT.value).toBe('/etc/qcharge/tls/tls.crt');
      expect(ingressPod.volumes).toContainEqual({ name: 'ocpp-tls', secret: { secretName: 'ocpp-cert' } });
      // wss on its own port beside ws, both on the ocpp Service (TLS passthrough to the pods).
      expect(ingressPod.containers[0].ports).toEqual(expect.arrayContaining([{ name: 'ocpp', containerPort: 9000 }, { name: 'ocpp-tls', containerPort: 9443 }]));
      expect(find(objects, 'Service', 'qc-qcharge-ocpp').spec.ports).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'ocpp-tls', port: 9443, targetPort: 'ocpp-tls' })]));
      const apiPod = find(objects, 'Deployment', 'qc-qcharge-api').spec.template.spec;
      expect(apiPod.volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: 'qcharge-files' } });
      expect(find(objects, 'Secret', 'qc-qcharge').stringData.ADMIN_API_KEY).toBe('a-long-enough-admin-key');
    });
  });

  describe('with the Grafana dashboard and the PrometheusRule on', () => {
    const monitoring = { metrics: { grafanaDashboard: { enabled: true }, prometheusRule: { enabled: true, additionalRuleLabels: { team: 'charging' } } } };
    let objects: K8sObject[];
    /** Series names a real QCharge server exposes at /metrics (histograms with their _bucket/_sum/_count). */
    let exported: Set<string>;

    beforeAll(async () => {
      objects = render(monitoring);
      const server = await startTestServer();
      try {
        const text = await (await fetch(`http://127.0.0.1:${server.apiPort}/metrics`)).text();
        exported = new Set();
        for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
          exported.add(name);
          if (type === 'histogram' || type === 'summary') for (const suffix of ['_bucket', '_sum', '_count']) exported.add(name + suffix);
        }
      } finally {
        await server.stop();
      }
      expect(exported.has('qcharge_connected_charge_points')).toBe(true);
    });

    /** Metric names in a PromQL expression: QCharge's own and the Node.js/process defaults it exports. */
    function metricNames(expr: string): string[] {
      return [...expr.matchAll(/\b(?:qcharge|nodejs|process)_[a-z0-9_]+/g)].map((m) => m[0]);
    }

    it('passes helm lint --strict', () => {
      expect(helm(['lint', '--strict', chartDir, '-f', valuesFile(monitoring)])).toContain('0 chart(s) failed');
    });

    it('rejects thresholds the schema forbids', () => {
      expect(() => render({ metrics: { prometheusRule: { enabled: true, thresholds: { callErrorRatio: 5 } } } })).toThrow(/callErrorRatio/);
      expect(() => render({ metrics: { grafanaDashboard: { enabled: 'yes' } } })).toThrow(/enabled/);
    });

    it('renders a dashboard ConfigMap for the Grafana sidecar whose every panel queries metrics QCharge exports', () => {
      const configMap = find(objects, 'ConfigMap', 'qc-qcharge-dashboard');
      expect(configMap.metadata).toMatchObject({ labels: { grafana_dashboard: '1' } });
      const dashboard = JSON.parse(configMap.data['qcharge.json']);
      expect(dashboard).toMatchObject({ uid: 'qcharge-overview', title: 'QCharge' });
      const exprs: string[] = dashboard.panels.flatMap((panel: any) => {
        expect(panel.targets.length).toBeGreaterThan(0);
        return panel.targets.map((target: any) => target.expr);
      });
      const used = new Set(exprs.flatMap(metricNames));
      for (const expr of exprs) expect(metricNames(expr).length).toBeGreaterThan(0);
      expect([...used].filter((name) => !exported.has(name))).toEqual([]);
      // What the dashboard is for: each of these is on some panel.
      for (const family of [
        'qcharge_connected_charge_points',
        'qcharge_ocpp_messages_total',
        'qcharge_ocpp_handling_seconds_bucket',
        'qcharge_ocpp_callerrors_total',
        'qcharge_command_outcomes_total',
        'qcharge_queue_jobs',
        'nodejs_eventloop_lag_p99_seconds',
        'qcharge_postgres_errors_total',
      ]) {
        expect(used).toContain(family);
      }
    });

    it('renders the label the Grafana sidecar is configured for', () => {
      // Helm merges maps with the defaults: null drops the default label.
      const custom = render({ metrics: { grafanaDashboard: { enabled: true, labels: { grafana_dashboard: null, dashboards: 'qcharge' }, namespace: 'monitoring' } } });
      const configMap = find(custom, 'ConfigMap', 'qc-qcharge-dashboard');
      expect(configMap.metadata.labels).toMatchObject({ dashboards: 'qcharge' });
      expect(configMap.metadata.labels?.grafana_dashboard).toBeUndefined();
      expect(configMap.metadata.namespace).toBe('monitoring');
    });

    it('renders a PrometheusRule paging on disconnects, CALLERRORs, queue and webhook backlogs, PostgreSQL, Redis and event-loop lag', () => {
      const rule = find(objects, 'PrometheusRule', 'qc-qcharge');
      expect(rule.apiVersion).toBe('monitoring.coreos.com/v1');
      const rules: any[] = rule.spec.groups.flatMap((group: any) => group.rules);
      expect(rules.map((r) => r.alert)).toEqual([
        'QChargeMassDisconnect',
        'QChargeCallErrorRate',
        'QChargeQueueBacklogGrowing',
        'QChargeWebhookBacklogGrowing',
        'QChargePostgresErrors',
        'QChargeRedisErrors',
        'QChargeEventLoopLag',
      ]);
      for (const r of rules) {
        expect(r.labels).toMatchObject({ severity: expect.stringMatching(/^(warning|critical)$/), team: 'charging' });
        expect(r.annotations.summary).toEqual(expect.any(String));
        expect(r.expr).toContain('namespace="charging"');
        expect(r.expr).not.toMatch(/\{\{|\}\}/);
        const names = metricNames(r.expr);
        expect(names.length).toBeGreaterThan(0);
        expect(names.filter((name) => !exported.has(name))).toEqual([]);
      }
      expect(rules[0].expr).toContain('> 0.2 * sum(qcharge_connected_charge_points{namespace="charging"} offset 5m)');
      expect(rules[0].annotations.summary).toContain('20%');
    });
  });
});
