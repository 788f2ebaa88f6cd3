import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { parse } from "yaml";
import type { AddonContext } from "../../constructs/eks/addons/context";
import {
  ISTIO_BASE_CHART,
  ISTIO_CNI_CHART,
  ISTIOD_CHART,
  MESH_PROXY_STATS,
  ServiceMesh,
  type ServiceMeshProps,
} from "../../constructs/eks/addons/istio";
import { PlatformNamespace } from "../../constructs/eks/addons/namespace";
import { placementOn } from "../../constructs/eks/placement";
import { checkResilience, DEFAULT_RESILIENCE, type ResiliencePolicy } from "../../constructs/services/mesh-options";
import { Microservice, type MicroserviceProps } from "../../constructs/services/microservice";
import { addMeshWideMtls } from "../../constructs/services/microservice-mesh";
import { kubernetesTestStack, listOf, named, onlyOf, synth, type StackJson, TEST_CLUSTER } from "../helpers";

const CONTEXT: AddonContext = {
  cluster: TEST_CLUSTER,
  region: "eu-west-1",
  roleNamePrefix: "acme-test-eks",
  placement: placementOn("system", [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }]),
};

const TRACING = { service: "otel/otel-collector.otel.svc.cluster.local", port: 4317, samplingPercent: 5 };

function buildMesh(overrides: Partial<ServiceMeshProps> = {}): StackJson {
  const stack = kubernetesTestStack();
  new HelmProvider(stack, "helm", {});
  const namespace = new PlatformNamespace(stack, "IstioNamespace", { name: "istio-system", enforce: "privileged" });
  new ServiceMesh(stack, "Mesh", { ...CONTEXT, namespace, ...overrides });
  return synth(stack);
}

function releaseOf(json: StackJson, name: string): { release: any; values: any } {
  const release = listOf(json, "helm_release").find((r) => r.name === name);
  return { release, values: parse(release.values[0]) };
}

describe("ServiceMesh (Istio add-on)", () => {
  const json = buildMesh({ tracing: TRACING });
  const base = releaseOf(json, "istio-base");
  const cni = releaseOf(json, "istio-cni");
  const istiod = releaseOf(json, "istiod");

  test("installs base, cni and istiod at one pinned Istio version that supports Kubernetes 1.35", () => {
    expect([base.release.chart, cni.release.chart, istiod.release.chart]).toEqual(["base", "cni", "istiod"]);
    for (const { release } of [base, cni, istiod]) {
      expect(release.version).toBe("1.31.1");
      expect(release.repository).toBe("https://istio-release.storage.googleapis.com/charts");
      expect(release.namespace).toMatch(
        /^\$\{kubernetes_namespace_v1\.IstioNamespace_[0-9A-F]{8}\.metadata\[0\]\.name\}$/,
      );
    }
    expect(new Set([ISTIO_BASE_CHART.version, ISTIO_CNI_CHART.version, ISTIOD_CHART.version]).size).toBe(1);
  });

  test("installs in order: CRDs, then the CNI agent, then istiod", () => {
    const release = (id: string) =>
      expect.stringMatching(new RegExp(`^helm_release\\.Mesh_${id}_Release_[0-9A-F]{8}$`));
    expect(cni.release.depends_on).toEqual([release("Base")]);
    expect(istiod.release.depends_on).toEqual([release("Base"), release("Cni")]);
  });

  test("sidecars need no NET_ADMIN: the CNI agent redirects traffic, and everything runs RuntimeDefault seccomp", () => {
    expect(istiod.values.cni).toEqual({ enabled: true });
    expect(istiod.values.global.proxy.seccompProfile).toEqual({ type: "RuntimeDefault" });
    expect(istiod.values.seccompProfile).toEqual({ type: "RuntimeDefault" });
    expect(cni.values.seccompProfile).toEqual({ type: "RuntimeDefault" });
  });

  test("sidecars request 100m and 128Mi, with a memory limit and no CPU limit", () => {
    expect(istiod.values.global.proxy.resources).toEqual({
      requests: { cpu: "100m", memory: "128Mi" },
      limits: { memory: "512Mi" },
    });
  });

  test("istiod autoscales from two replicas on the system nodes, with a disruption budget", () => {
    expect(istiod.values).toMatchObject({ autoscaleEnabled: true, autoscaleMin: 2, autoscaleMax: 5 });
    expect(istiod.values.pdb).toEqual({ minAvailable: 1 });
    expect(istiod.values.nodeSelector).toEqual({ "node-group": "system" });
    expect(istiod.values.tolerations).toHaveLength(1);
  });

  test("exports the breaker, retry and timeout statistics and merges them with the application's metrics", () => {
    expect(istiod.values.meshConfig.enablePrometheusMerge).toBe(true);
    expect(istiod.values.meshConfig.defaultConfig.proxyStatsMatcher.inclusionRegexps).toEqual([...MESH_PROXY_STATS]);
    const stats = MESH_PROXY_STATS.map((pattern) => new RegExp(`^${pattern}$`));
    const matches = (stat: string) => stats.some((pattern) => pattern.test(stat));
    expect(matches("cluster.outbound|8080||users.users.svc.cluster.local.outlier_detection.ejections_active")).toBe(
      true,
    );
    expect(matches("cluster.outbound|8080||users.users.svc.cluster.local.upstream_rq_retry")).toBe(true);
    expect(matches("cluster.outbound|8080||users.users.svc.cluster.local.upstream_rq_timeout")).toBe(true);
    expect(matches("cluster.outbound|8080||users.users.svc.cluster.local.upstream_rq_pending_overflow")).toBe(true);
    expect(matches("cluster.outbound|443||example.com.upstream_rq_retry")).toBe(false);
    expect(matches("cluster.outbound|8080||users.users.svc.cluster.local.upstream_rq_200")).toBe(false);
  });

  test("sends the sidecars' spans to the collector over OTLP at the environment's sampling", () => {
    expect(istiod.values.meshConfig).toMatchObject({
      enableTracing: true,
      extensionProviders: [{ name: "otel", opentelemetry: { service: TRACING.service, port: 4317 } }],
      defaultProviders: { tracing: ["otel"] },
    });
    expect(istiod.values.traceSampling).toBe(5);
  });

  test("without a collector the sidecars trace nothing", () => {
    const values = releaseOf(buildMesh(), "istiod").values;
    expect(values.meshConfig.enableTracing).toBe(false);
    expect(values.meshConfig.extensionProviders).toBeUndefined();
    expect(values.traceSampling).toBeUndefined();
  });

  test.each<[string, Partial<ServiceMeshProps>, string]>([
    ["a sampling above 100%", { tracing: { ...TRACING, samplingPercent: 150 } }, "tracing.samplingPercent: 150"],
    ["no istiod", { replicas: 0 }, "replicas: 0"],
    ["a port out of range", { tracing: { ...TRACING, port: 70000 } }, "tracing.port: 70000"],
  ])("refuses %s", (_, overrides, message) => {
    expect(() => buildMesh(overrides)).toThrow(message);
  });
});

function service(overrides: Partial<MicroserviceProps> = {}): StackJson {
  const stack = kubernetesTestStack();
  new Microservice(stack, "Orders", {
    name: "orders",
    image: "ghcr.io/acme/orders:1.0.0",
    port: 8080,
    healthCheckPath: "/healthz",
    resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "1Gi" } },
    replicas: { min: 2, max: 20 },
    scaling: { cpuPercent: 70, memoryPercent: 80 },
    cluster: TEST_CLUSTER,
    roleName: "acme-test-eks-svc-orders",
    targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/acme-test-orders-8080/abc",
    ...overrides,
  });
  return synth(stack);
}

function manifest(json: StackJson, kind: string): any {
  return named(json, "kubernetes_manifest", `Orders_${kind}`)[1].manifest;
}

describe("Microservice in the mesh", () => {
  const json = service({ mesh: { mtlsMode: "STRICT" } });
  const namespace = listOf(json, "kubernetes_namespace_v1")[0];

  test("its namespace gets sidecar injection and keeps the restricted Pod Security level", () => {
    expect(namespace.metadata.labels).toMatchObject({
      "istio-injection": "enabled",
      "pod-security.kubernetes.io/enforce": "restricted",
    });
  });

  test("the circuit breaker: a connection pool and outlier detection, with the platform's defaults", () => {
    const rule = manifest(json, "DestinationRule");
    expect(rule.apiVersion).toBe("networking.istio.io/v1");
    expect(rule.metadata).toMatchObject({ name: "orders", namespace: "orders" });
    expect(rule.spec.host).toBe("orders.orders.svc.cluster.local");
    expect(rule.spec.trafficPolicy).toEqual({
      tls: { mode: "ISTIO_MUTUAL" },
      connectionPool: { tcp: { maxConnections: 100 }, http: { http1MaxPendingRequests: 100, maxRetries: 2 } },
      outlierDetection: { consecutive5xxErrors: 5, interval: "10s", baseEjectionTime: "30s", maxEjectionPercent: 50 },
    });
  });

  test("a 15 s deadline and two bounded retries on failures that are safe to retry", () => {
    const route = manifest(json, "VirtualService");
    expect(route.spec.hosts).toEqual(["orders.orders.svc.cluster.local"]);
    expect(route.spec.http).toEqual([
      {
        timeout: "15s",
        retries: {
          attempts: 2,
          perTryTimeout: "5s",
          retryOn: "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes",
        },
        route: [{ destination: { host: "orders.orders.svc.cluster.local", port: { number: 8080 } } }],
      },
    ]);
  });

  test("STRICT mutual TLS, with plain text only on the port the load balancer sends to and health-checks", () => {
    const policy = manifest(json, "PeerAuthentication");
    expect(policy.apiVersion).toBe("security.istio.io/v1");
    expect(policy.spec).toEqual({
      selector: { matchLabels: { "app.kubernetes.io/name": "orders", "app.kubernetes.io/component": "service" } },
      mtls: { mode: "STRICT" },
      portLevelMtls: { "8080": { mode: "PERMISSIVE" } },
    });
  });

  test("PERMISSIVE needs no port exception", () => {
    const policy = manifest(service({ mesh: { mtlsMode: "PERMISSIVE" } }), "PeerAuthentication");
    expect(policy.spec).toEqual({
      selector: { matchLabels: { "app.kubernetes.io/name": "orders", "app.kubernetes.io/component": "service" } },
      mtls: { mode: "PERMISSIVE" },
    });
  });

  test("a service's own policy replaces the defaults; no retries means attempts 0", () => {
    const resilience: ResiliencePolicy = {
      timeoutSeconds: 3,
      retries: { attempts: 0, perTryTimeoutSeconds: 3, retryOn: "connect-failure" },
      connectionPool: { maxConnections: 20, maxPendingRequests: 10 },
      outlierDetection: {
        consecutive5xxErrors: 3,
        intervalSeconds: 5,
        baseEjectionSeconds: 60,
        maxEjectionPercent: 34,
      },
    };
    const built = service({ mesh: { mtlsMode: "STRICT", resilience } });
    expect(manifest(built, "VirtualService").spec.http[0]).toMatchObject({ timeout: "3s", retries: { attempts: 0 } });
    expect(manifest(built, "DestinationRule").spec.trafficPolicy).toMatchObject({
      connectionPool: { tcp: { maxConnections: 20 }, http: { http1MaxPendingRequests: 10, maxRetries: 0 } },
      outlierDetection: { consecutive5xxErrors: 3, interval: "5s", baseEjectionTime: "60s", maxEjectionPercent: 34 },
    });
  });

  test("the mesh objects wait for the namespace", () => {
    for (const kind of ["DestinationRule", "VirtualService", "PeerAuthentication"]) {
      expect(named(json, "kubernetes_manifest", `Orders_${kind}`)[1].depends_on).toEqual([
        expect.stringMatching(/^kubernetes_namespace_v1\.Orders_Namespace_[0-9A-F]{8}$/),
      ]);
    }
  });

  test("outside the mesh: no injection label and no mesh objects", () => {
    const plain = service();
    expect(listOf(plain, "kubernetes_namespace_v1")[0].metadata.labels["istio-injection"]).toBeUndefined();
    expect(listOf(plain, "kubernetes_manifest").map((m) => m.manifest.kind)).toEqual(["TargetGroupBinding"]);
  });

  test.each<[string, Partial<ResiliencePolicy>, string]>([
    [
      "retries that do not fit the deadline",
      { timeoutSeconds: 10 },
      "mesh.resilience.retries.perTryTimeoutSeconds: 3 tries of 5s do not fit in timeoutSeconds 10",
    ],
    [
      "an unknown retry condition",
      { retries: { ...DEFAULT_RESILIENCE.retries, retryOn: "connect-failure,sometimes" } },
      'mesh.resilience.retries.retryOn: "sometimes" is not an Envoy retry condition',
    ],
    [
      "ejecting every pod",
      { outlierDetection: { ...DEFAULT_RESILIENCE.outlierDetection, maxEjectionPercent: 0 } },
      "mesh.resilience.outlierDetection.maxEjectionPercent: 0",
    ],
  ])("refuses %s", (_, change, message) => {
    const resilience = { ...DEFAULT_RESILIENCE, ...change };
    expect(() => service({ mesh: { mtlsMode: "STRICT", resilience } })).toThrow(message);
  });

  test("status codes are retry conditions too", () => {
    expect(
      checkResilience({ ...DEFAULT_RESILIENCE, retries: { ...DEFAULT_RESILIENCE.retries, retryOn: "503,reset" } }),
    ).toEqual([]);
  });
});

describe("addMeshWideMtls", () => {
  test("a PeerAuthentication named default in the root namespace sets the mesh's mode", () => {
    const stack = kubernetesTestStack();
    addMeshWideMtls(stack, "MeshMtls", { rootNamespace: "istio-system", mode: "STRICT" });
    expect(onlyOf(synth(stack), "kubernetes_manifest").manifest).toEqual({
      apiVersion: "security.istio.io/v1",
      kind: "PeerAuthentication",
      metadata: { name: "default", namespace: "istio-system" },
      spec: { mtls: { mode: "STRICT" } },
    });
  });
});
