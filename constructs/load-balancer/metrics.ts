import { type MetricDescriptor, type MetricTemplate, metricsFor } from "../core/metric";

const MINUTE = 60;

/** The CloudWatch metrics of an application load balancer that dashboards and alarms need. */
const LOAD_BALANCER_METRICS = {
  requestCount: {
    metricName: "RequestCount",
    statistic: "Sum",
    unit: "Count",
    periodSeconds: MINUTE,
    label: "Requests",
  },
  elb5xx: {
    metricName: "HTTPCode_ELB_5XX_Count",
    statistic: "Sum",
    unit: "Count",
    periodSeconds: MINUTE,
    label: "Load balancer 5xx",
  },
  target5xx: {
    metricName: "HTTPCode_Target_5XX_Count",
    statistic: "Sum",
    unit: "Count",
    periodSeconds: MINUTE,
    label: "Target 5xx",
  },
  targetResponseTimeP99: {
    metricName: "TargetResponseTime",
    statistic: "p99",
    unit: "Seconds",
    periodSeconds: MINUTE,
    label: "Target response time p99",
  },
  rejectedConnections: {
    metricName: "RejectedConnectionCount",
    statistic: "Sum",
    unit: "Count",
    periodSeconds: MINUTE,
    label: "Rejected connections",
  },
} as const satisfies Record<string, MetricTemplate>;

export type LoadBalancerMetrics = Record<keyof typeof LOAD_BALANCER_METRICS, MetricDescriptor>;

/** Metrics of the load balancer whose ARN suffix (`app/<name>/<id>`) is given: the `LoadBalancer` dimension. */
export function loadBalancerMetrics(arnSuffix: string): LoadBalancerMetrics {
  return metricsFor("AWS/ApplicationELB", { LoadBalancer: arnSuffix }, LOAD_BALANCER_METRICS);
}
