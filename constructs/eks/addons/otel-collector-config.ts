/**
 * The OpenTelemetry Collector configurations of the `OtelCollector` add-on, as plain data: the trace gateway's
 * (OTLP in, AWS X-Ray out) and the mesh-metrics scraper's (Istio sidecars' Prometheus endpoint in, CloudWatch EMF out).
 *
 * Component names checked against otelcol-contrib 0.158.0 (open-telemetry/opentelemetry-collector-releases tag
 * v0.158.0, distributions/otelcol-contrib/manifest.yaml: otlpreceiver, prometheusreceiver, memorylimiterprocessor,
 * batchprocessor, resourceprocessor, awsxrayexporter, awsemfexporter, healthcheckextension). None of these was renamed
 * (the chart's rename list at opentelemetry-collector-0.170.0 covers k8sattributes -> k8s_attributes, filelog ->
 * file_log and the k8snode detector only), so their types stay `otlp`, `prometheus`, `memory_limiter`, `batch`,
 * `resource`, `awsxray`, `awsemf` and `health_check`.
 *
 * Two escapes, because the values pass through two interpreters before the collector reads them:
 * - Terraform reads `${...}` in any string as an interpolation: the collector's `${env:MY_POD_IP}` is written
 *   `$${env:MY_POD_IP}`, which Terraform hands on as `${env:MY_POD_IP}`.
 * - The collector expands `$` in its configuration: Prometheus' `$1` in a relabel replacement is written `$$1`
 *   (prometheusreceiver README, "Getting Started").
 */

/** `${env:MY_POD_IP}` as the collector must see it (the chart sets MY_POD_IP), escaped for Terraform. */
export const POD_IP = "$${env:MY_POD_IP}";

/** Port of the chart's health_check extension, which its liveness and readiness probes call. */
export const HEALTH_CHECK_PORT = 13133;

/** CloudWatch namespace of the mesh metrics. */
export const MESH_METRICS_NAMESPACE = "Platform/ServiceMesh";

/**
 * The mesh metrics the scraper keeps, by their Prometheus names, which are also their CloudWatch names: the circuit
 * breaker's ejections (active now, enforced so far), retries, timeouts and connection-pool overflows per upstream
 * service (Envoy statistics the mesh turns on with its proxyStatsMatcher), and Istio's request count.
 */
export const ENVOY_CLUSTER_STATS = {
  ejectionsActive: "envoy_cluster_outlier_detection_ejections_active",
  ejectionsEnforced: "envoy_cluster_outlier_detection_ejections_enforced_total",
  retries: "envoy_cluster_upstream_rq_retry",
  timeouts: "envoy_cluster_upstream_rq_timeout",
  pendingOverflow: "envoy_cluster_upstream_rq_pending_overflow",
} as const;
export const MESH_METRICS = [...Object.values(ENVOY_CLUSTER_STATS), "istio_requests_total"] as const;

/** The sidecar container Istio injects, and the port it declares (one scrape target per pod). */
const SIDECAR = { container: "istio-proxy", portName: "http-envoy-prom" } as const;

/** Istio's merged metrics endpoint (application and Envoy), served by the sidecar's agent. */
export const MESH_METRICS_ENDPOINT = { port: 15020, path: "/stats/prometheus" } as const;

/**
 * The regular expression of an Envoy outbound cluster of an in-cluster service, `outbound|<port>|<subset>|<host>`:
 * `outbound|8080||users.users.svc.cluster.local` (subset empty) captures `users`.
 */
export const OUTBOUND_CLUSTER_SERVICE = String.raw`outbound\|[0-9]+\|[^|]*\|([^.|]+)\.[^.|]+\.svc\.cluster\.local`;

/** Seconds between scrapes: CloudWatch keeps the mesh metrics at one-minute resolution. */
export const MESH_SCRAPE_INTERVAL = "60s";

/**
 * The scrape job of the sidecars: pods discovered through the API (role `pod`), kept when their `istio-proxy`
 * container's metrics port is discovered and the pod is annotated `prometheus.io/scrape: "true"` (Istio's injector
 * sets it, with port 15020, when it merges the metrics), scraped on the pod IP at 15020, /stats/prometheus.
 *
 * Per sample: only the MESH_METRICS; `istio_requests_total` as reported by the server side only (`reporter`
 * `destination`: each meshed call is also counted by its client's sidecar, and summing both would double it); a
 * `service` label, the upstream service of an Envoy cluster (`cluster_name`) or the destination of an Istio request
 * (`destination_service_name`); samples without one (inbound or passthrough clusters) are dropped.
 */
export function meshScrapeJob(): Record<string, unknown> {
  const names = MESH_METRICS.join("|");
  return {
    job_name: "istio-sidecars",
    scrape_interval: MESH_SCRAPE_INTERVAL,
    kubernetes_sd_configs: [{ role: "pod" }],
    relabel_configs: [
      {
        source_labels: ["__meta_kubernetes_pod_container_name", "__meta_kubernetes_pod_container_port_name"],
        regex: `${SIDECAR.container};${SIDECAR.portName}`,
        action: "keep",
      },
      { source_labels: ["__meta_kubernetes_pod_annotation_prometheus_io_scrape"], regex: "true", action: "keep" },
      { source_labels: ["__meta_kubernetes_pod_phase"], regex: "Running", action: "keep" },
      {
        source_labels: ["__meta_kubernetes_pod_ip"],
        regex: "(.+)",
        target_label: "__address__",
        replacement: `$$1:${MESH_METRICS_ENDPOINT.port}`,
      },
      { target_label: "__metrics_path__", replacement: MESH_METRICS_ENDPOINT.path },
      { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
      { source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
    ],
    metric_relabel_configs: [
      { source_labels: ["__name__"], regex: names, action: "keep" },
      { source_labels: ["__name__", "reporter"], regex: "istio_requests_total;source", action: "drop" },
      {
        source_labels: ["__name__", "cluster_name"],
        regex: `envoy_cluster_.+;${OUTBOUND_CLUSTER_SERVICE}`,
        target_label: "service",
        replacement: "$$1",
      },
      {
        source_labels: ["__name__", "destination_service_name"],
        regex: "istio_requests_total;(.+)",
        target_label: "service",
        replacement: "$$1",
      },
      { source_labels: ["service"], regex: "", action: "drop" },
    ],
  };
}

/** What the gateway and the scraper share: the memory limiter (of the container's limit) and the health check. */
function common() {
  return {
    processors: {
      // Refuse data before the container's memory limit is reached (percentages of the cgroup limit).
      memory_limiter: { check_interval: "1s", limit_percentage: 80, spike_limit_percentage: 25 },
      batch: {},
    },
    extensions: { health_check: { endpoint: `${POD_IP}:${HEALTH_CHECK_PORT}` } },
  };
}

/**
 * The chart's default components this add-on does not use, set to null so that Helm drops them from the merged
 * values (a null user value deletes the chart's default key): the Jaeger and Zipkin receivers, the self-scraping
 * Prometheus receiver and the debug exporter.
 */
const CHART_DEFAULTS_REMOVED = {
  receivers: { jaeger: null, zipkin: null },
  exporters: { debug: null },
};

export interface GatewayConfigOptions {
  /** Region of X-Ray. */
  readonly region: string;
  /** Added to every span's resource as `k8s.cluster.name` (unless the sender set it). */
  readonly clusterName: string;
  readonly grpcPort: number;
  readonly httpPort: number;
}

/**
 * The trace gateway: OTLP over gRPC (the sidecars) and HTTP (the services' SDKs) -> memory limiter -> cluster name
 * -> batch -> AWS X-Ray. X-Ray accepts W3C (fully random) trace ids since the exporter's
 * `exporter.awsxray.skiptimestampvalidation` feature gate became beta, on by default (v0.84.0), so the sidecars'
 * traces need no X-Ray id generator. No metrics or logs pipeline: those signals reach the platform by Prometheus
 * scrapes and container logs.
 */
export function gatewayConfig(options: GatewayConfigOptions): Record<string, unknown> {
  const shared = common();
  return {
    receivers: {
      ...CHART_DEFAULTS_REMOVED.receivers,
      prometheus: null,
      otlp: {
        protocols: {
          grpc: { endpoint: `${POD_IP}:${options.grpcPort}` },
          http: { endpoint: `${POD_IP}:${options.httpPort}` },
        },
      },
    },
    processors: {
      memory_limiter: shared.processors.memory_limiter,
      "resource/cluster": {
        attributes: [{ key: "k8s.cluster.name", value: options.clusterName, action: "insert" }],
      },
      batch: shared.processors.batch,
    },
    exporters: { ...CHART_DEFAULTS_REMOVED.exporters, awsxray: { region: options.region } },
    extensions: shared.extensions,
    service: {
      extensions: ["health_check"],
      pipelines: {
        traces: {
          receivers: ["otlp"],
          processors: ["memory_limiter", "resource/cluster", "batch"],
          exporters: ["awsxray"],
        },
        metrics: null,
        logs: null,
      },
    },
  };
}

export interface MetricsConfigOptions {
  /** Region of CloudWatch Logs. */
  readonly region: string;
  /** The log group the EMF events go to (it exists: the exporter never creates it). */
  readonly logGroupName: string;
}

/** Name of the one log stream the scraper writes (it runs as one replica). */
export const MESH_METRICS_LOG_STREAM = "service-mesh";

/**
 * The mesh-metrics scraper: the sidecars' scrape job -> memory limiter -> batch -> CloudWatch EMF, in namespace
 * Platform/ServiceMesh with the dimension set [[service]] only (no roll-up), so that each metric is one CloudWatch
 * metric per service under its Prometheus name. Counters become per-scrape deltas in the exporter.
 */
export function metricsConfig(options: MetricsConfigOptions): Record<string, unknown> {
  const shared = common();
  return {
    receivers: {
      ...CHART_DEFAULTS_REMOVED.receivers,
      otlp: null,
      prometheus: { config: { scrape_configs: [meshScrapeJob()] } },
    },
    processors: shared.processors,
    exporters: {
      ...CHART_DEFAULTS_REMOVED.exporters,
      awsemf: {
        region: options.region,
        namespace: MESH_METRICS_NAMESPACE,
        log_group_name: options.logGroupName,
        log_stream_name: MESH_METRICS_LOG_STREAM,
        dimension_rollup_option: "NoDimensionRollup",
        metric_declarations: [
          {
            dimensions: [["service"]],
            metric_name_selectors: MESH_METRICS.map((name) => `^${name}$`),
          },
        ],
      },
    },
    extensions: shared.extensions,
    service: {
      extensions: ["health_check"],
      pipelines: {
        metrics: { receivers: ["prometheus"], processors: ["memory_limiter", "batch"], exporters: ["awsemf"] },
        traces: null,
        logs: null,
      },
    },
  };
}
