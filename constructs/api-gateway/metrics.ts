import { type MetricDescriptor, type MetricTemplate, metricsFor, perMinute } from "../core/metric";

const latency = (statistic: string) => perMinute("Latency", statistic, "Milliseconds", `Latency ${statistic}`);

/** The CloudWatch metrics of a REST API stage that dashboards and alarms need. */
const STAGE_METRICS = {
  count: perMinute("Count", "Sum", "Count", "Requests"),
  errors4xx: perMinute("4XXError", "Sum", "Count", "4xx"),
  errors5xx: perMinute("5XXError", "Sum", "Count", "5xx"),
  latencyP50: latency("p50"),
  latencyP95: latency("p95"),
  latencyP99: latency("p99"),
  integrationLatencyP99: perMinute("IntegrationLatency", "p99", "Milliseconds", "Integration latency p99"),
  cacheHitCount: perMinute("CacheHitCount", "Sum", "Count", "Cache hits"),
  cacheMissCount: perMinute("CacheMissCount", "Sum", "Count", "Cache misses"),
} as const satisfies Record<string, MetricTemplate>;

export type ApiStageMetrics = Record<keyof typeof STAGE_METRICS, MetricDescriptor>;

/** Metrics of a REST API stage: dimensions `ApiName` and `Stage`, published because metrics are enabled. */
export function apiStageMetrics(apiName: string, stageName: string): ApiStageMetrics {
  return metricsFor("AWS/ApiGateway", { ApiName: apiName, Stage: stageName }, STAGE_METRICS);
}
