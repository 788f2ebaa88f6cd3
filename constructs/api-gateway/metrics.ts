import { type MetricDescriptor, type MetricTemplate, metricsFor } from "../core/metric";

const MINUTE = 60;

const latency = (statistic: string) =>
  ({
    metricName: "Latency",
    statistic,
    unit: "Milliseconds",
    periodSeconds: MINUTE,
    label: `Latency ${statistic}`,
  }) as const;

/** The CloudWatch metrics of a REST API stage that dashboards and alarms need. */
const STAGE_METRICS = {
  count: { metricName: "Count", statistic: "Sum", unit: "Count", periodSeconds: MINUTE, label: "Requests" },
  errors4xx: { metricName: "4XXError", statistic: "Sum", unit: "Count", periodSeconds: MINUTE, label: "4xx" },
  errors5xx: { metricName: "5XXError", statistic: "Sum", unit: "Count", periodSeconds: MINUTE, label: "5xx" },
  latencyP50: latency("p50"),
  latencyP95: latency("p95"),
  latencyP99: latency("p99"),
  integrationLatencyP99: {
    metricName: "IntegrationLatency",
    statistic: "p99",
    unit: "Milliseconds",
    periodSeconds: MINUTE,
    label: "Integration latency p99",
  },
  cacheHitCount: {
    metricName: "CacheHitCount",
    statistic: "Sum",
    unit: "Count",
    periodSeconds: MINUTE,
    label: "Cache hits",
  },
  cacheMissCount: {
    metricName: "CacheMissCount",
    statistic: "Sum",
    unit: "Count",
    periodSeconds: MINUTE,
    label: "Cache misses",
  },
} as const satisfies Record<string, MetricTemplate>;

export type ApiStageMetrics = Record<keyof typeof STAGE_METRICS, MetricDescriptor>;

/** Metrics of a REST API stage: dimensions `ApiName` and `Stage`, published because metrics are enabled. */
export function apiStageMetrics(apiName: string, stageName: string): ApiStageMetrics {
  return metricsFor("AWS/ApiGateway", { ApiName: apiName, Stage: stageName }, STAGE_METRICS);
}
