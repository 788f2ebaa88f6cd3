import { type MetricDescriptor, metricsFor, perMinute } from "../core/metric";
import type { PrometheusQuery } from "./prometheus-queries";

/**
 * The circuit breaker, timeouts and retries as they show on the dashboards. The sidecars' Envoy statistics (kept by
 * the mesh's proxyStatsMatcher) are per *upstream* cluster, named `outbound|<port>||<service>.<ns>.svc.cluster.local`:
 * the service called, not the caller. Prometheus reads them from every meshed pod (merged metrics on 15020); the
 * OpenTelemetry collector scrapes the same and writes them to CloudWatch (EMF) under `MESH_METRICS_NAMESPACE`
 * with the called service as the `service` dimension and the Prometheus names as metric names.
 */
export { MESH_METRICS_NAMESPACE } from "../eks/addons/otel-collector-config";
import {
  ENVOY_CLUSTER_STATS,
  MESH_METRICS_NAMESPACE,
  OUTBOUND_CLUSTER_SERVICE,
} from "../eks/addons/otel-collector-config";

/** Envoy's names (Istio's Prometheus exposition of `cluster.<name>.<stat>`), as the collector keeps them. */
export const MESH_METRIC_NAMES = ENVOY_CLUSTER_STATS;

const MESH_TEMPLATES = {
  ejectionsActive: perMinute(MESH_METRIC_NAMES.ejectionsActive, "Maximum", "Count", "Pods ejected (breaker open)"),
  retries: perMinute(MESH_METRIC_NAMES.retries, "Sum", "Count", "Retries"),
  timeouts: perMinute(MESH_METRIC_NAMES.timeouts, "Sum", "Count", "Timeouts"),
  pendingOverflow: perMinute(MESH_METRIC_NAMES.pendingOverflow, "Sum", "Count", "Requests refused (pool full)"),
};

export type MeshServiceMetrics = Record<keyof typeof MESH_TEMPLATES, MetricDescriptor>;

/** The mesh metrics of one called service. */
export function meshServiceMetrics(service: string): MeshServiceMetrics {
  return metricsFor(MESH_METRICS_NAMESPACE, { service }, MESH_TEMPLATES);
}

/** A service in the mesh, for the dashboards. */
export interface MeshServiceSignals {
  readonly name: string;
  readonly metrics: MeshServiceMetrics;
}

const WINDOW = "$__rate_interval";
/** The called service, from Envoy's cluster name (the collector's regex), as a `destination` label. */
const destination = (expr: string) =>
  `label_replace(${expr}, "destination", "$1", "cluster_name", ${JSON.stringify(OUTBOUND_CLUSTER_SERVICE)})`;
const perDestination = (metric: string, rate: boolean): PrometheusQuery => ({
  expr: `sum by (destination) (${destination(rate ? `rate(${metric}[${WINDOW}])` : metric)})`,
  legend: "{{destination}}",
});

/** PromQL of the resilience panels, per called service. */
export const MESH_QUERIES = {
  ejectionsActive: perDestination(MESH_METRIC_NAMES.ejectionsActive, false),
  retries: perDestination(MESH_METRIC_NAMES.retries, true),
  timeouts: perDestination(MESH_METRIC_NAMES.timeouts, true),
  pendingOverflow: perDestination(MESH_METRIC_NAMES.pendingOverflow, true),
  /** Responses the callers' sidecars cut short: UT (upstream timeout), UO (overflow: breaker open), URX (retries exhausted). */
  flaggedResponses: {
    expr: `sum by (destination_service_name, response_flags) (rate(istio_requests_total{reporter="source", response_flags=~"UT|UO|URX"}[${WINDOW}]))`,
    legend: "{{destination_service_name}} {{response_flags}}",
  },
} as const satisfies Record<string, PrometheusQuery>;

/** One resilience panel, for either dashboard. */
export interface MeshPanel {
  readonly title: string;
  readonly description: string;
  readonly query: PrometheusQuery;
  /** The CloudWatch line of each service. */
  readonly metric: (service: MeshServiceSignals) => MetricDescriptor;
}

/** The resilience panels: what someone on call reads when a dependency is slow or failing. */
export const MESH_PANELS: readonly MeshPanel[] = [
  {
    title: "Breaker: pods ejected",
    description:
      "Pods of each called service ejected by outlier detection (consecutive 5xx); non-zero means callers stopped sending to them.",
    query: MESH_QUERIES.ejectionsActive,
    metric: (service) => service.metrics.ejectionsActive,
  },
  {
    title: "Breaker: requests refused",
    description: "Requests to each service refused because the callers' connection pool and queue were full (503 UO).",
    query: MESH_QUERIES.pendingOverflow,
    metric: (service) => service.metrics.pendingOverflow,
  },
  {
    title: "Timeouts",
    description: "Calls to each service that hit their deadline (the VirtualService timeout or per-try timeout).",
    query: MESH_QUERIES.timeouts,
    metric: (service) => service.metrics.timeouts,
  },
  {
    title: "Retries",
    description: "Retries the callers' sidecars made to each service (bounded by the VirtualService's attempts).",
    query: MESH_QUERIES.retries,
    metric: (service) => service.metrics.retries,
  },
];
