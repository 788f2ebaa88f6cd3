import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { show, ValidationError } from "../../core/errors";
import { requireWholeNumber } from "../../core/validation";
import { checkSamplingPercent } from "../../services/tracing-env";
import { placementValues } from "../placement";
import type { AddonContext } from "./context";
import { type HelmChart, HelmAddon } from "./helm-addon";
import type { PlatformNamespace } from "./namespace";

/**
 * Istio 1.31.1, sidecar mode. "Istio 1.31.0 is officially supported on Kubernetes versions 1.32 to 1.36"
 * (istio.io, news/releases/1.31.x/announcing-1.31, 2026-08-20); 1.31.1 is its patch of 2026-09-21
 * (announcing-1.31.1). The charts of https://istio-release.storage.googleapis.com/charts carry the Istio version
 * as their chart version (istio/release-builder `pkg/build/helm.go` sets `version` and `appVersion`). Values keys
 * read at istio/istio branch release-1.31 (a8d7012): manifests/charts/{base,istio-cni,istio-control/istio-discovery}.
 * Upgrading: base first, then istio-cni and istiod, then restart the meshed Deployments so their sidecars follow.
 */
export const ISTIO_VERSION = "1.31.1";
const ISTIO_REPOSITORY = "https://istio-release.storage.googleapis.com/charts";
export const ISTIO_BASE_CHART: HelmChart = { repository: ISTIO_REPOSITORY, chart: "base", version: ISTIO_VERSION };
export const ISTIO_CNI_CHART: HelmChart = { repository: ISTIO_REPOSITORY, chart: "cni", version: ISTIO_VERSION };
export const ISTIOD_CHART: HelmChart = { repository: ISTIO_REPOSITORY, chart: "istiod", version: ISTIO_VERSION };

/** Istio's root namespace: istiod, the CNI agent and the mesh-wide policies. */
export const MESH_ROOT_NAMESPACE = "istio-system";

/** Namespace label that has istiod inject the sidecar into the namespace's pods. */
export const SIDECAR_INJECTION_LABEL = { key: "istio-injection", value: "enabled" } as const;

/** The sidecar's requests (`global.proxy.resources`), added to every meshed pod's: what the capacity check counts. */
export const SIDECAR_REQUESTS = { cpuMillis: 100, memoryMiB: 128 } as const;

/** Name of the mesh's OpenTelemetry tracing provider (meshConfig.extensionProviders). */
export const MESH_TRACING_PROVIDER = "otel";

/**
 * Envoy statistics the sidecars export beyond Istio's standard metrics (proxyStatsMatcher): the circuit breaker's
 * ejections (`outlier_detection`), retries and timeouts per upstream cluster (`upstream_rq_retry*`,
 * `upstream_rq_timeout`), and connection-pool overflows (`upstream_rq_pending_overflow`, `upstream_cx_overflow`).
 * Istio keeps these off by default because of their cardinality; only outbound clusters of in-cluster services match.
 */
export const MESH_PROXY_STATS = [
  "cluster\\.outbound\\|.*\\.svc\\.cluster\\.local\\.outlier_detection\\..*",
  "cluster\\.outbound\\|.*\\.svc\\.cluster\\.local\\.upstream_rq_(retry|retry_success|retry_overflow|timeout|pending_overflow)",
  "cluster\\.outbound\\|.*\\.svc\\.cluster\\.local\\.upstream_cx_overflow",
] as const;

/** Where the sidecars send their spans: an OpenTelemetry collector's OTLP/gRPC endpoint. */
export interface MeshTracing {
  /** `<namespace>/<service host>` of the collector, e.g. `observability/otel-collector.observability.svc.cluster.local`. */
  readonly service: string;
  /** OTLP/gRPC port. */
  readonly port: number;
  /** Share of requests whose trace is kept, percent (TRACE_SAMPLING_PERCENT: 0.01 to 100 in steps of 0.01). */
  readonly samplingPercent: number;
}

export interface ServiceMeshProps extends AddonContext {
  /** Namespace of istiod and the CNI node agent (privileged: the agent writes the nodes' CNI configuration). */
  readonly namespace: PlatformNamespace;
  /**
   * Send the sidecars' spans to a collector.
   *
   * @default - no tracing provider: the sidecars create no spans
   */
  readonly tracing?: MeshTracing;
  /**
   * What must exist first.
   *
   * @default - nothing beyond references
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * Istio in sidecar mode, from its three charts: `base` (the CRDs: DestinationRule, VirtualService,
 * PeerAuthentication, Telemetry ...), `cni` (a node agent that sets up each meshed pod's traffic redirection, so
 * the injected containers need no NET_ADMIN and the services' namespaces keep the `restricted` Pod Security level)
 * and `istiod` (the control plane: configuration, sidecar injection, workload certificates for mutual TLS).
 *
 * - istiod: autoscaled from `replicas` (2) to 5, with a disruption budget, on the system nodes.
 * - Sidecars: RuntimeDefault seccomp, 100m CPU and 128Mi requested, 512Mi memory limit (the chart's 1Gi limit and
 *   2 CPU limit are lowered/removed: CPU limits throttle latency). On Kubernetes 1.33 and later they run as native
 *   sidecars (istio/istio `pkg/kube/inject/webhook.go`), so they start before and stop after the application.
 * - Probes: HTTP probes are rewritten to the sidecar's agent (the chart default `rewriteAppHTTPProbe: true`), so
 *   kubelet probes keep working under STRICT mutual TLS; Prometheus scrapes the merged application and Envoy
 *   metrics on port 15020 (`enablePrometheusMerge`, the pods' `prometheus.io/*` annotations are rewritten).
 * - Tracing: an OpenTelemetry provider (OTLP/gRPC to the collector) is the mesh's default, at the sampling given.
 */
export class ServiceMesh extends Construct {
  public readonly base: HelmAddon;
  public readonly cni: HelmAddon;
  public readonly istiod: HelmAddon;

  constructor(scope: Construct, id: string, props: ServiceMeshProps) {
    super(scope, id);

    // Defaults: two istiod replicas at least, no tracing provider.
    const replicas = props.replicas ?? 2;
    requireWholeNumber(this, "replicas", replicas, 1, 5);
    if (props.tracing) {
      const sampling = props.tracing.samplingPercent;
      const samplingProblem = checkSamplingPercent(sampling);
      if (samplingProblem) {
        throw new ValidationError(`tracing.samplingPercent: ${show(sampling)} ${samplingProblem}`, this);
      }
      requireWholeNumber(this, "tracing.port", props.tracing.port, 1, 65535);
    }
    const namespace = props.namespace.ref;
    const seccomp = { type: "RuntimeDefault" };

    this.base = new HelmAddon(this, "Base", {
      chart: ISTIO_BASE_CHART,
      releaseName: "istio-base",
      namespace,
      values: { defaultRevision: "default" },
      dependsOn: props.dependsOn,
    });
    this.cni = new HelmAddon(this, "Cni", {
      chart: ISTIO_CNI_CHART,
      releaseName: "istio-cni",
      namespace,
      values: {
        // The chart's tolerations already put the agent on every node (NoSchedule, Exists).
        seccompProfile: seccomp,
        resources: { requests: { cpu: "100m", memory: "100Mi" }, limits: { memory: "256Mi" } },
      },
      dependsOn: [this.base.release],
    });
    const tracing = props.tracing;
    this.istiod = new HelmAddon(this, "Istiod", {
      chart: ISTIOD_CHART,
      releaseName: "istiod",
      namespace,
      values: {
        autoscaleEnabled: true,
        autoscaleMin: replicas,
        autoscaleMax: Math.max(replicas, 5),
        pdb: { minAvailable: 1 },
        resources: { requests: { cpu: "500m", memory: "2048Mi" }, limits: { memory: "4096Mi" } },
        seccompProfile: seccomp,
        // Sidecars get their traffic redirected by the CNI agent instead of a privileged init container.
        cni: { enabled: true },
        ...(tracing ? { traceSampling: tracing.samplingPercent } : {}),
        ...placementValues(props.placement),
        global: {
          logAsJson: true,
          proxy: {
            seccompProfile: seccomp,
            resources: {
              requests: { cpu: `${SIDECAR_REQUESTS.cpuMillis}m`, memory: `${SIDECAR_REQUESTS.memoryMiB}Mi` },
              limits: { memory: "512Mi" },
            },
          },
        },
        meshConfig: {
          enablePrometheusMerge: true,
          accessLogFile: "/dev/stdout",
          accessLogEncoding: "JSON",
          defaultConfig: {
            proxyStatsMatcher: { inclusionRegexps: [...MESH_PROXY_STATS] },
          },
          ...(tracing
            ? {
                enableTracing: true,
                extensionProviders: [
                  { name: MESH_TRACING_PROVIDER, opentelemetry: { service: tracing.service, port: tracing.port } },
                ],
                defaultProviders: { tracing: [MESH_TRACING_PROVIDER] },
              }
            : { enableTracing: false }),
        },
      },
      dependsOn: [this.base.release, this.cni.release],
    });
  }
}
