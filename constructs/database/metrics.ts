import { type MetricDescriptor, type MetricTemplate, metricsFor } from "../core/metric";

const MINUTE = 60;

/** The CloudWatch metrics of one RDS instance that dashboards and alarms need. */
const INSTANCE_METRICS = {
  cpuUtilization: {
    metricName: "CPUUtilization",
    statistic: "Average",
    unit: "Percent",
    periodSeconds: MINUTE,
    label: "CPU",
  },
  databaseConnections: {
    metricName: "DatabaseConnections",
    statistic: "Maximum",
    unit: "Count",
    periodSeconds: MINUTE,
    label: "Connections",
  },
  freeStorageSpace: {
    metricName: "FreeStorageSpace",
    statistic: "Minimum",
    unit: "Bytes",
    periodSeconds: MINUTE,
    label: "Free storage",
  },
  freeableMemory: {
    metricName: "FreeableMemory",
    statistic: "Minimum",
    unit: "Bytes",
    periodSeconds: MINUTE,
    label: "Freeable memory",
  },
  readLatency: {
    metricName: "ReadLatency",
    statistic: "Average",
    unit: "Seconds",
    periodSeconds: MINUTE,
    label: "Read latency",
  },
  writeLatency: {
    metricName: "WriteLatency",
    statistic: "Average",
    unit: "Seconds",
    periodSeconds: MINUTE,
    label: "Write latency",
  },
} as const satisfies Record<string, MetricTemplate>;

const REPLICA_LAG = {
  replicaLag: {
    metricName: "ReplicaLag",
    statistic: "Maximum",
    unit: "Seconds",
    periodSeconds: MINUTE,
    label: "Replica lag",
  },
} as const satisfies Record<string, MetricTemplate>;

const PROXY_METRICS = {
  clientConnections: {
    metricName: "ClientConnections",
    statistic: "Sum",
    unit: "Count",
    periodSeconds: MINUTE,
    label: "Proxy client connections",
  },
  databaseConnections: {
    metricName: "DatabaseConnections",
    statistic: "Sum",
    unit: "Count",
    periodSeconds: MINUTE,
    label: "Proxy database connections",
  },
} as const satisfies Record<string, MetricTemplate>;

export type InstanceMetrics = Record<keyof typeof INSTANCE_METRICS, MetricDescriptor>;
export type ReplicaMetrics = InstanceMetrics & Record<keyof typeof REPLICA_LAG, MetricDescriptor>;
export type ProxyMetrics = Record<keyof typeof PROXY_METRICS, MetricDescriptor>;

/** Metrics of a primary instance. */
export function primaryMetrics(identifier: string): InstanceMetrics {
  return metricsFor("AWS/RDS", { DBInstanceIdentifier: identifier }, INSTANCE_METRICS);
}

/** Metrics of a read replica: the instance metrics plus ReplicaLag. */
export function replicaMetrics(identifier: string): ReplicaMetrics {
  return metricsFor("AWS/RDS", { DBInstanceIdentifier: identifier }, { ...INSTANCE_METRICS, ...REPLICA_LAG });
}

/** Metrics of an RDS Proxy. */
export function proxyMetrics(proxyName: string): ProxyMetrics {
  return metricsFor("AWS/RDS", { ProxyName: proxyName }, PROXY_METRICS);
}
