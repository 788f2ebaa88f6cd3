import type { ApiStageMetrics } from "../api-gateway/metrics";
import type { CacheNodeMetrics } from "../cache/metrics";
import type { AutoScalingGroupMetrics } from "../compute/auto-scaling-group";
import type { InstanceMetrics, ProxyMetrics, ReplicaMetrics } from "../database/metrics";
import type { NodeGroupMetrics } from "../eks/metrics";
import type { ConsumerLagMetricSet, KafkaBrokerMetrics, KafkaClusterMetricSet } from "../kafka/metrics";
import type { LoadBalancerMetrics } from "../load-balancer/metrics";
import type { MeshServiceSignals } from "./mesh-panels";

/**
 * The platform's scalability signals as typed data: every metric the dashboard, the alarms and the Grafana dashboard
 * show, taken from the constructs that own the resources (no metric name or dimension is typed here). One entry per
 * replica, shard, node, broker and consumer group that exists, so the views grow with the platform.
 */
export interface PlatformSignals {
  /** Instances: the monolith's auto-scaling group and each EKS node group. */
  readonly compute: {
    readonly monolith: AutoScalingGroupMetrics;
    readonly nodeGroups: readonly NodeGroupSignals[];
  };
  /** The internal load balancer in front of services and monolith. */
  readonly loadBalancer: LoadBalancerMetrics;
  /** The public API's stage. */
  readonly api: ApiStageMetrics;
  /** Every cache node (shard × node). */
  readonly cache: readonly CacheNodeMetrics[];
  /** Every database shard: its primary, its read replicas and its proxy. */
  readonly database: readonly DatabaseShardSignals[];
  readonly kafka: KafkaSignals;
  /**
   * The services in the mesh, for the breaker, timeout and retry panels.
   *
   * @default - no mesh: no resilience panels
   */
  readonly mesh?: readonly MeshServiceSignals[];
}

export interface NodeGroupSignals {
  readonly name: string;
  /** The group's minimum size: fewer nodes reporting means nodes are failing to join or to launch. */
  readonly minSize: number;
  readonly metrics: NodeGroupMetrics;
}

export interface DatabaseShardSignals {
  /** `shard-0`, ... (the only shard of an unsharded database is `shard-0`). */
  readonly name: string;
  readonly primary: { readonly identifier: string; readonly metrics: InstanceMetrics };
  readonly replicas: readonly { readonly identifier: string; readonly metrics: ReplicaMetrics }[];
  readonly proxy?: ProxyMetrics;
}

export interface KafkaSignals {
  readonly clusterName: string;
  readonly cluster: KafkaClusterMetricSet;
  readonly brokers: readonly KafkaBrokerMetrics[];
  /** One entry per consumer group and topic it reads. */
  readonly consumers: readonly ConsumerSignals[];
}

export interface ConsumerSignals {
  readonly consumerGroup: string;
  readonly topic: string;
  readonly metrics: ConsumerLagMetricSet;
}
