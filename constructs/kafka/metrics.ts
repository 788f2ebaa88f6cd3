import { type MetricDescriptor, type MetricTemplate, metricsFor } from "../core/metric";

const MINUTE = 60;
const NAMESPACE = "AWS/Kafka";

/** Cluster-wide metrics (dimension `Cluster Name`), published at the DEFAULT monitoring level. */
const CLUSTER_METRICS = {
  activeControllerCount: {
    metricName: "ActiveControllerCount",
    statistic: "Sum",
    unit: "Count",
    periodSeconds: MINUTE,
    label: "Active controllers",
  },
  offlinePartitionsCount: {
    metricName: "OfflinePartitionsCount",
    statistic: "Sum",
    unit: "Count",
    periodSeconds: MINUTE,
    label: "Offline partitions",
  },
} as const satisfies Record<string, MetricTemplate>;

/** Per-broker metrics (dimensions `Cluster Name`, `Broker ID`), published at the DEFAULT monitoring level. */
const BROKER_METRICS = {
  cpuUser: {
    metricName: "CpuUser",
    statistic: "Average",
    unit: "Percent",
    periodSeconds: MINUTE,
    label: "CPU (user)",
  },
  kafkaDataLogsDiskUsed: {
    metricName: "KafkaDataLogsDiskUsed",
    statistic: "Maximum",
    unit: "Percent",
    periodSeconds: MINUTE,
    label: "Data disk used",
  },
  underReplicatedPartitions: {
    metricName: "UnderReplicatedPartitions",
    statistic: "Maximum",
    unit: "Count",
    periodSeconds: MINUTE,
    label: "Under-replicated partitions",
  },
  underMinIsrPartitionCount: {
    metricName: "UnderMinIsrPartitionCount",
    statistic: "Maximum",
    unit: "Count",
    periodSeconds: MINUTE,
    label: "Partitions under min ISR",
  },
} as const satisfies Record<string, MetricTemplate>;

/** Consumer-lag metrics (dimensions `Cluster Name`, `Consumer Group`, `Topic`), published at the DEFAULT level. */
const CONSUMER_LAG_METRICS = {
  maxOffsetLag: {
    metricName: "MaxOffsetLag",
    statistic: "Maximum",
    unit: "Count",
    periodSeconds: MINUTE,
    label: "Max offset lag",
  },
  sumOffsetLag: {
    metricName: "SumOffsetLag",
    statistic: "Maximum",
    unit: "Count",
    periodSeconds: MINUTE,
    label: "Total offset lag",
  },
  estimatedMaxTimeLag: {
    metricName: "EstimatedMaxTimeLag",
    statistic: "Maximum",
    unit: "Seconds",
    periodSeconds: MINUTE,
    label: "Estimated time lag",
  },
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
