import { type MetricDescriptor, type MetricTemplate, metricsFor, perMinute } from "../core/metric";

/** The CloudWatch metrics of an application load balancer that dashboards and alarms need. */
const LOAD_BALANCER_METRICS = {
  requestCount: perMinute("RequestCount", "Sum", "Count", "Requests"),
  elb5xx: perMinute("HTTPCode_ELB_5XX_Count", "Sum", "Count", "Load balancer 5xx"),
  target5xx: perMinute("HTTPCode_Target_5XX_Count", "Sum", "Count", "Target 5xx"),
  targetResponseTimeP99: perMinute("TargetResponseTime", "p99", "Seconds", "Target response time p99"),
  rejectedConnections: perMinute("RejectedConnectionCount", "Sum", "Count", "Rejected connections"),
} as const satisfies Record<string, MetricTemplate>;

export type LoadBalancerMetrics = Record<keyof typeof LOAD_BALANCER_METRICS, MetricDescriptor>;

/** Metrics of the load balancer whose ARN suffix (`app/<name>/<id>`) is given: the `LoadBalancer` dimension. */
export function loadBalancerMetrics(arnSuffix: string): LoadBalancerMetrics {
  return metricsFor("AWS/ApplicationELB", { LoadBalancer: arnSuffix }, LOAD_BALANCER_METRICS);
}
