import { type MetricDescriptor, type MetricTemplate, metricsFor, perMinute } from "../core/metric";

/** The CloudWatch metrics of one cache node that dashboards and alarms need. */
const NODE_METRICS = {
  cacheHitRate: perMinute("CacheHitRate", "Average", "Percent", "Cache hit rate"),
  engineCpuUtilization: perMinute("EngineCPUUtilization", "Average", "Percent", "Engine CPU"),
  databaseMemoryUsagePercentage: perMinute("DatabaseMemoryUsagePercentage", "Maximum", "Percent", "Memory used"),
  currConnections: perMinute("CurrConnections", "Maximum", "Count", "Connections"),
  evictions: perMinute("Evictions", "Sum", "Count", "Evictions"),
  replicationLag: perMinute("ReplicationLag", "Maximum", "Seconds", "Replication lag"),
} as const satisfies Record<string, MetricTemplate>;

export type CacheNodeMetricSet = Record<keyof typeof NODE_METRICS, MetricDescriptor>;

/** The metrics of one node of a cluster-mode replication group. */
export interface CacheNodeMetrics {
  /** The node's cache cluster id, `<replication group id>-<shard, 4 digits>-<node, 3 digits>`. */
  readonly cacheClusterId: string;
  /** Shard number, from 1. */
  readonly shard: number;
  /** Node number within the shard, from 1; node 1 is the primary at creation (roles move on failover). */
  readonly node: number;
  readonly metrics: CacheNodeMetricSet;
}

/**
 * Metrics of every node of the configured topology: ElastiCache publishes per node (dimension `CacheClusterId`),
 * and in cluster mode the node ids follow from the replication group id, shard and node number. Nodes that auto
 * scaling adds later follow the same pattern. ReplicationLag is published by replicas only.
 */
export function cacheNodeMetrics(
  replicationGroupId: string,
  shards: number,
  replicasPerShard: number,
): CacheNodeMetrics[] {
  const nodes: CacheNodeMetrics[] = [];
  for (let shard = 1; shard <= shards; shard++) {
    for (let node = 1; node <= replicasPerShard + 1; node++) {
      const cacheClusterId = `${replicationGroupId}-${String(shard).padStart(4, "0")}-${String(node).padStart(3, "0")}`;
      nodes.push({
        cacheClusterId,
        shard,
        node,
        metrics: metricsFor("AWS/ElastiCache", { CacheClusterId: cacheClusterId }, NODE_METRICS),
      });
    }
  }
  return nodes;
}
