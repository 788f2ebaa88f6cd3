import { type MetricDescriptor, type MetricTemplate, metricsFor, perMinute } from "../core/metric";

const NAMESPACE = "AWS/Kafka";

/** Cluster-wide metrics (dimension `Cluster Name`), published at the DEFAULT monitoring level. */
const CLUSTER_METRICS = {
  activeControllerCount: perMinute("ActiveControllerCount", "Sum", "Count", "Active controllers"),
  offlinePartitionsCount: perMinute("OfflinePartitionsCount", "Sum", "Count", "Offline partitions"),
} as const satisfies Record<string, MetricTemplate>;

/** Per-broker metrics (dimensions `Cluster Name`, `Broker ID`), published at the DEFAULT monitoring level. */
const BROKER_METRICS = {
  cpuUser: perMinute("CpuUser", "Average", "Percent", "CPU (user)"),
  kafkaDataLogsDiskUsed: perMinute("KafkaDataLogsDiskUsed", "Maximum", "Percent", "Data disk used"),
  underReplicatedPartitions: perMinute("UnderReplicatedPartitions", "Maximum", "Count", "Under-replicated partitions"),
  underMinIsrPartitionCount: perMinute("UnderMinIsrPartitionCount", "Maximum", "Count", "Partitions under min ISR"),
} as const satisfies Record<string, MetricTemplate>;

/** Consumer-lag metrics (dimensions `Cluster Name`, `Consumer Group`, `Topic`), published at the DEFAULT level. */
const CONSUMER_LAG_METRICS = {
  maxOffsetLag: perMinute("MaxOffsetLag", "Maximum", "Count", "Max offset lag"),
  sumOffsetLag: perMinute("SumOffsetLag", "Maximum", "Count", "Total offset lag"),
  estimatedMaxTimeLag: perMinute("EstimatedMaxTimeLag", "Maximum", "Seconds", "Estimated time lag"),
} as const satisfies Record<string, MetricTemplate>;

export type KafkaClusterMetricSet = Record<keyof typeof CLUSTER_METRICS, MetricDescriptor>;
export type KafkaBrokerMetricSet = Record<keyof typeof BROKER_METRICS, MetricDescriptor>;
export type ConsumerLagMetricSet = Record<keyof typeof CONSUMER_LAG_METRICS, MetricDescriptor>;

/** The metrics of one broker; MSK numbers brokers from 1. */
export interface KafkaBrokerMetrics {
  readonly brokerId: number;
  readonly metrics: KafkaBrokerMetricSet;
}

export function kafkaClusterMetrics(clusterName: string): KafkaClusterMetricSet {
  return metricsFor(NAMESPACE, { "Cluster Name": clusterName }, CLUSTER_METRICS);
}

export function kafkaBrokerMetrics(clusterName: string, brokerCount: number): KafkaBrokerMetrics[] {
  return Array.from({ length: brokerCount }, (_, index) => ({
    brokerId: index + 1,
    metrics: metricsFor(NAMESPACE, { "Cluster Name": clusterName, "Broker ID": String(index + 1) }, BROKER_METRICS),
  }));
}

export function consumerLagMetrics(clusterName: string, consumerGroup: string, topic: string): ConsumerLagMetricSet {
  return metricsFor(
    NAMESPACE,
    { "Cluster Name": clusterName, "Consumer Group": consumerGroup, Topic: topic },
    CONSUMER_LAG_METRICS,
  );
}
