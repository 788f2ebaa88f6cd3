import { parse } from "yaml";
import { loadEnvironments } from "../../src/config/load";
import { listOf } from "../helpers";
import { platformStacks } from "../synthesized";

const [prod] = loadEnvironments(["prod"]);
const stacks = platformStacks();
const workloads = stacks["prod-workloads"];
const addons = stacks["prod-addons"];
const manifests = listOf(workloads, "kubernetes_manifest").map((resource) => resource.manifest);
const ofKind = (kind: string, name: string) =>
  manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
const services = Object.keys(prod.services).sort();

describe("the service mesh in prod", () => {
  test("prod's config keeps the mesh on with STRICT mutual TLS", () => {
    expect(prod.eks.mesh).toEqual({ enabled: true, mtlsMode: "STRICT" });
  });

  test("the add-ons install Istio's charts, tracing to the collector at prod's sampling", () => {
    const releases = listOf(addons, "helm_release");
    expect(releases.filter((release) => release.repository.includes("istio")).map((release) => release.name)).toEqual([
      "istio-base",
      "istio-cni",
      "istiod",
    ]);
    const istiod = parse(releases.find((release) => release.name === "istiod").values[0]);
    expect(istiod.meshConfig.extensionProviders).toEqual([
      { name: "otel", opentelemetry: { service: "otel/otel-collector.otel.svc.cluster.local", port: 4317 } },
    ]);
    expect(istiod.traceSampling).toBe(prod.observability.tracing.samplingPercent);
  });

  test("mutual TLS is STRICT mesh-wide", () => {
    expect(ofKind("PeerAuthentication", "default")).toEqual({
      apiVersion: "security.istio.io/v1",
      kind: "PeerAuthentication",
      metadata: { name: "default", namespace: "istio-system" },
      spec: { mtls: { mode: "STRICT" } },
    });
  });

  test("prod has services to check", () => {
    expect(services.length).toBeGreaterThanOrEqual(4);
  });

  describe.each(services)("%s", (name) => {
    const service = prod.services[name];
    const host = `${name}.${name}.svc.cluster.local`;

    test("is meshed: its namespace has sidecar injection", () => {
      const namespace = listOf(workloads, "kubernetes_namespace_v1").find((ns) => ns.metadata.name === name);
      expect(namespace.metadata.labels["istio-injection"]).toBe("enabled");
    });

    test("has its circuit breaker: a connection pool and outlier detection, callers on mutual TLS", () => {
      const policy = service.resilience;
      expect(ofKind("DestinationRule", name).spec).toEqual({
        host,
        trafficPolicy: {
          tls: { mode: "ISTIO_MUTUAL" },
          connectionPool: {
            tcp: { maxConnections: policy.connectionPool.maxConnections },
            http: {
              http1MaxPendingRequests: policy.connectionPool.maxPendingRequests,
              maxRetries: policy.retries.attempts,
            },
          },
          outlierDetection: {
            consecutive5xxErrors: policy.outlierDetection.consecutive5xxErrors,
            interval: `${policy.outlierDetection.intervalSeconds}s`,
            baseEjectionTime: `${policy.outlierDetection.baseEjectionSeconds}s`,
            maxEjectionPercent: policy.outlierDetection.maxEjectionPercent,
          },
        },
      });
      expect(policy.outlierDetection.maxEjectionPercent).toBeLessThan(100);
    });

    test("has a deadline and bounded retries that fit in it", () => {
      const http = ofKind("VirtualService", name).spec.http;
      expect(http).toHaveLength(1);
      const { timeout, retries, route } = http[0];
      const seconds = (duration: string) => Number(duration.replace(/s$/, ""));
      expect(seconds(timeout)).toBe(service.resilience.timeoutSeconds);
      expect(retries.attempts).toBeGreaterThanOrEqual(1);
      expect(retries.attempts).toBeLessThanOrEqual(3);
      expect((retries.attempts + 1) * seconds(retries.perTryTimeout)).toBeLessThanOrEqual(seconds(timeout));
      expect(route).toEqual([{ destination: { host, port: { number: service.port } } }]);
    });

    test("requires mutual TLS except from the load balancer on its own port", () => {
      expect(ofKind("PeerAuthentication", name).spec).toEqual({
        selector: { matchLabels: { "app.kubernetes.io/name": name, "app.kubernetes.io/component": "service" } },
        mtls: { mode: "STRICT" },
        portLevelMtls: { [String(service.port)]: { mode: "PERMISSIVE" } },
      });
    });
  });
});
