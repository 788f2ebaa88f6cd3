import { type MetricDescriptor, type MetricTemplate, metricsFor, perMinute } from "../core/metric";

/** The CloudWatch metrics of one RDS instance that dashboards and alarms need. */
const INSTANCE_METRICS = {
  cpuUtilization: perMinute("CPUUtilization", "Average", "Percent", "CPU"),
  databaseConnections: perMinute("DatabaseConnections", "Maximum", "Count", "Connections"),
  freeStorageSpace: perMinute("FreeStorageSpace", "Minimum", "Bytes", "Free storage"),
  freeableMemory: perMinute("FreeableMemory", "Minimum", "Bytes", "Freeable memory"),
  readLatency: perMinute("ReadLatency", "Average", "Seconds", "Read latency"),
  writeLatency: perMinute("WriteLatency", "Average", "Seconds", "Write latency"),
} as const satisfies Record<string, MetricTemplate>;

const REPLICA_LAG = {
  replicaLag: perMinute("ReplicaLag", "Maximum", "Seconds", "Replica lag"),
} as const satisfies Record<string, MetricTemplate>;

const PROXY_METRICS = {
  clientConnections: perMinute("ClientConnections", "Sum", "Count", "Proxy client connections"),
  databaseConnections: perMinute("DatabaseConnections", "Sum", "Count", "Proxy database connections"),
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
