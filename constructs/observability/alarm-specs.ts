import type { MetricDescriptor } from "../core/metric";
import type { PlatformSignals } from "./signals";

/** The part of the platform an alarm belongs to; each part has a composite "degraded" alarm. */
export const ALARM_LAYERS = ["edge", "compute", "data", "messaging"] as const;
export type AlarmLayer = (typeof ALARM_LAYERS)[number];

/**
 * What CloudWatch does when a period has no data, chosen per signal and stated in each alarm:
 * - `notBreaching`: no data means no traffic or no errors (request, error and lag metrics are only published
 *   when there is something to count);
 * - `breaching`: no data means the resource stopped reporting (node count, replica lag);
 * - `missing`: keep the current state (resource metrics that are always published while the resource runs).
 */
export type MissingData = "notBreaching" | "breaching" | "missing";

export type Comparison = "GreaterThanThreshold" | "LessThanThreshold";

/** One metric, or a metric math expression over named metrics. */
export type AlarmSignal =
  | { readonly metric: MetricDescriptor }
  | {
      readonly expression: string;
      readonly label: string;
      readonly metrics: Readonly<Record<string, MetricDescriptor>>;
    };

/** An alarm as data: what the construct creates and what the tests check. */
export interface AlarmSpec {
  /** Unique, stable name suffix and construct id: `api-5xx-rate`, `acme-prod-db-shard-0-replica-1-lag`. */
  readonly key: string;
  readonly layer: AlarmLayer;
  /** What it means and what to do, shown in the notification. */
  readonly description: string;
  readonly signal: AlarmSignal;
  readonly comparison: Comparison;
  readonly threshold: number;
  readonly missingData: MissingData;
  /**
   * Fire only when every one of this many minutes breaches, instead of the environment's `datapointsToAlarm` of
   * `evaluationPeriods`: for signals that breach briefly in normal operation (instances booting during a scale-out,
   * nodes replaced during an upgrade).
   */
  readonly sustainedMinutes?: number;
}

/** Instances take minutes to boot and pass health checks: a shortfall shorter than this is a scale-out in progress. */
const CAPACITY_SUSTAINED_MINUTES = 10;

/** Thresholds in the units of `observability.alarms.thresholds`. */
export interface AlarmThresholdValues {
  readonly loadBalancer5xxPercent: number;
  readonly api5xxPercent: number;
  readonly apiLatencyP99Ms: number;
  readonly databaseCpuPercent: number;
  readonly databaseConnections: number;
  readonly databaseFreeStorageGiB: number;
  readonly replicaLagSeconds: number;
  readonly cacheMemoryPercent: number;
  readonly cacheEngineCpuPercent: number;
  readonly cacheHitRatePercent: number;
  readonly kafkaConsumerLagMessages: number;
  readonly kafkaDiskPercent: number;
}

const GIB = 1024 ** 3;

/**
 * Every alarm of the platform, from its signals and thresholds: one per signal where an operator must act, and one
 * per replica, shard, cache node, broker and consumer group that exists. Pure, so that tests read the list.
 */
export function alarmSpecs(signals: PlatformSignals, thresholds: AlarmThresholdValues): AlarmSpec[] {
  const specs: AlarmSpec[] = [];
  const { compute, loadBalancer, api, cache, database, kafka } = signals;

  // Edge: error rates and latency where users feel them.
  specs.push(
    {
      key: "api-5xx-rate",
      layer: "edge",
      description: `More than ${thresholds.api5xxPercent}% of API requests fail with 5xx. Check the API's access log and the load balancer's targets.`,
      signal: {
        expression: "IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)",
        label: "API 5xx %",
        metrics: { requests: api.count, errors: api.errors5xx },
      },
      comparison: "GreaterThanThreshold",
      threshold: thresholds.api5xxPercent,
      missingData: "notBreaching",
    },
    {
      key: "api-latency-p99",
      layer: "edge",
      description: `API p99 latency is above ${thresholds.apiLatencyP99Ms} ms. Compare integration latency: the backend or the database is slow.`,
      signal: { metric: api.latencyP99 },
      comparison: "GreaterThanThreshold",
      threshold: thresholds.apiLatencyP99Ms,
      missingData: "notBreaching",
    },
    {
      key: "lb-5xx-rate",
      layer: "edge",
      description: `More than ${thresholds.loadBalancer5xxPercent}% of requests to the internal load balancer end in 5xx (its own or its targets'). Check unhealthy targets and service logs.`,
      signal: {
        expression: "IF(requests > 0, 100 * (FILL(elb5xx, 0) + FILL(target5xx, 0)) / requests, 0)",
        label: "Load balancer 5xx %",
        metrics: {
          requests: loadBalancer.requestCount,
          elb5xx: loadBalancer.elb5xx,
          target5xx: loadBalancer.target5xx,
        },
      },
      comparison: "GreaterThanThreshold",
      threshold: thresholds.loadBalancer5xxPercent,
      missingData: "notBreaching",
    },
  );

  // Compute: capacity that was asked for but is not serving.
  specs.push({
    key: "monolith-capacity",
    layer: "compute",
    description:
      "Fewer monolith instances are in service than desired: launches fail (capacity, quota) or instances fail health checks.",
    signal: {
      expression: "desired - inService",
      label: "Missing instances",
      metrics: { desired: compute.monolith.desiredCapacity, inService: compute.monolith.inServiceInstances },
    },
    comparison: "GreaterThanThreshold",
    threshold: 0,
    missingData: "notBreaching",
    sustainedMinutes: CAPACITY_SUSTAINED_MINUTES,
  });
  for (const group of compute.nodeGroups) {
    specs.push({
      key: `eks-${group.name}-nodes`,
      layer: "compute",
      description: `Fewer than ${group.minSize} nodes of the ${group.name} node group are reporting: nodes fail to launch or to join the cluster.`,
      signal: { metric: group.metrics.nodes },
      comparison: "LessThanThreshold",
      threshold: group.minSize,
      missingData: "breaching",
      sustainedMinutes: CAPACITY_SUSTAINED_MINUTES,
    });
  }

  // Data: every database instance, every replica's lag, every cache node.
  for (const shard of database) {
    for (const instance of [shard.primary, ...shard.replicas]) {
      specs.push(
        {
          key: `${instance.identifier}-cpu`,
          layer: "data",
          description: `CPU of ${instance.identifier} is above ${thresholds.databaseCpuPercent}%. Look at Performance Insights' top queries; add a replica or a larger class.`,
          signal: { metric: instance.metrics.cpuUtilization },
          comparison: "GreaterThanThreshold",
          threshold: thresholds.databaseCpuPercent,
          missingData: "missing",
        },
        {
          key: `${instance.identifier}-connections`,
          layer: "data",
          description: `${instance.identifier} has more than ${thresholds.databaseConnections} connections. Check for connection leaks; route through the proxy.`,
          signal: { metric: instance.metrics.databaseConnections },
          comparison: "GreaterThanThreshold",
          threshold: thresholds.databaseConnections,
          missingData: "missing",
        },
        {
          key: `${instance.identifier}-free-storage`,
          layer: "data",
          description: `${instance.identifier} has less than ${thresholds.databaseFreeStorageGiB} GiB free. Storage auto scaling may be at its maximum; raise it.`,
          signal: { metric: instance.metrics.freeStorageSpace },
          comparison: "LessThanThreshold",
          threshold: thresholds.databaseFreeStorageGiB * GIB,
          missingData: "missing",
        },
      );
    }
    for (const replica of shard.replicas) {
      specs.push({
        key: `${replica.identifier}-lag`,
        layer: "data",
        description: `${replica.identifier} is more than ${thresholds.replicaLagSeconds} s behind its primary, or stopped reporting: reads from it are stale.`,
        signal: { metric: replica.metrics.replicaLag },
        comparison: "GreaterThanThreshold",
        threshold: thresholds.replicaLagSeconds,
        missingData: "breaching",
      });
    }
  }
  for (const node of cache) {
    specs.push(
      {
        key: `${node.cacheClusterId}-memory`,
        layer: "data",
        description: `Cache node ${node.cacheClusterId} uses more than ${thresholds.cacheMemoryPercent}% of its memory: evictions follow. Add shards or a larger node type.`,
        signal: { metric: node.metrics.databaseMemoryUsagePercentage },
        comparison: "GreaterThanThreshold",
        threshold: thresholds.cacheMemoryPercent,
        missingData: "missing",
      },
      {
        key: `${node.cacheClusterId}-engine-cpu`,
        layer: "data",
        description: `Engine CPU of cache node ${node.cacheClusterId} is above ${thresholds.cacheEngineCpuPercent}%: look for hot keys and slow commands (slow log).`,
        signal: { metric: node.metrics.engineCpuUtilization },
        comparison: "GreaterThanThreshold",
        threshold: thresholds.cacheEngineCpuPercent,
        missingData: "missing",
      },
    );
  }
  if (cache.length > 0) {
    const nodes = Object.fromEntries(cache.map((node, index) => [`node${index}`, node.metrics.cacheHitRate]));
    specs.push({
      key: "cache-hit-rate",
      layer: "data",
      description: `The cache's average hit rate is below ${thresholds.cacheHitRatePercent}%: reads go to the database. Check TTLs and key patterns after a deploy.`,
      signal: { expression: `AVG([${Object.keys(nodes).join(", ")}])`, label: "Average hit rate", metrics: nodes },
      comparison: "LessThanThreshold",
      threshold: thresholds.cacheHitRatePercent,
      missingData: "notBreaching",
    });
  }

  // Messaging: consumers falling behind, replication at risk, disks filling.
  for (const consumer of kafka.consumers) {
    specs.push({
      key: `kafka-${consumer.consumerGroup}-${consumer.topic}-lag`,
      layer: "messaging",
      description: `Consumer group ${consumer.consumerGroup} is more than ${thresholds.kafkaConsumerLagMessages} messages behind on ${consumer.topic}: the service scales on lag, so check that it can (max replicas, partitions) and that it is not failing.`,
      signal: { metric: consumer.metrics.maxOffsetLag },
      comparison: "GreaterThanThreshold",
      threshold: thresholds.kafkaConsumerLagMessages,
      missingData: "notBreaching",
    });
  }
  if (kafka.brokers.length > 0) {
    const brokers = Object.fromEntries(
      kafka.brokers.map((broker) => [`broker${broker.brokerId}`, broker.metrics.underReplicatedPartitions]),
    );
    specs.push({
      key: "kafka-under-replicated",
      layer: "messaging",
      description:
        "Partitions are under-replicated: a broker is down or cannot keep up, and another failure could lose acknowledged writes.",
      signal: {
        expression: `SUM([${Object.keys(brokers).join(", ")}])`,
        label: "Under-replicated partitions",
        metrics: brokers,
      },
      comparison: "GreaterThanThreshold",
      threshold: 0,
      missingData: "missing",
    });
  }
  specs.push({
    key: "kafka-offline-partitions",
    layer: "messaging",
    description: "Partitions have no leader: producers and consumers of those partitions are stopped.",
    signal: { metric: kafka.cluster.offlinePartitionsCount },
    comparison: "GreaterThanThreshold",
    threshold: 0,
    missingData: "missing",
  });
  for (const broker of kafka.brokers) {
    specs.push({
      key: `kafka-broker-${broker.brokerId}-disk`,
      layer: "messaging",
      description: `Data disk of broker ${broker.brokerId} is more than ${thresholds.kafkaDiskPercent}% full. Storage auto scaling may be at its maximum; shorten retention or raise it.`,
      signal: { metric: broker.metrics.kafkaDataLogsDiskUsed },
      comparison: "GreaterThanThreshold",
      threshold: thresholds.kafkaDiskPercent,
      missingData: "missing",
    });
  }
  return specs;
}
