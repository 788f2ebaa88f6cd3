import type { DataProtection } from "../core/protection";
import type { StoreKeys } from "../kms/store-keys";
import type { EnhancedMonitoringLevel, KafkaVersion } from "./options";

/** Broker storage auto scaling: MSK grows each broker's volume to keep utilisation at the target. */
export interface StorageAutoscaling {
  /** Largest volume per broker the scaler may reach, GiB (up to 16384). */
  readonly maxVolumeSizeGiB: number;
  /**
   * Disk utilisation the scaler aims for, percent (10 to 80).
   *
   * @default 60
   */
  readonly targetPercent?: number;
}

export interface KafkaClusterProps {
  /** Prefix of every name, `<project>-<environment>`; the cluster is `<namePrefix>-kafka`. */
  readonly namePrefix: string;
  /** Region of the stack's provider. */
  readonly region: string;
  readonly vpcId: string;
  /** Subnets of the brokers, one per availability zone (2 or 3); brokers are spread evenly over them. */
  readonly subnetIds: readonly string[];
  /**
   * Kafka version; `.x` versions get patches from MSK. `.kraft` versions run without ZooKeeper.
   *
   * @default "3.9.x.kraft"
   */
  readonly kafkaVersion?: KafkaVersion;
  /**
   * Broker instance type (Standard brokers).
   *
   * @default "kafka.m7g.large"
   */
  readonly brokerInstanceType?: string;
  /**
   * Number of brokers, a multiple of the number of subnets so that every zone holds as many.
   *
   * @default 3
   */
  readonly brokerCount?: number;
  /**
   * EBS storage per broker at creation, GiB.
   *
   * @default 100
   */
  readonly volumeSizeGiB?: number;
  /**
   * Storage auto scaling, or `false` for a fixed volume size.
   *
   * @default { maxVolumeSizeGiB: 1000, targetPercent: 60 }
   */
  readonly storageAutoscaling?: StorageAutoscaling | false;
  /**
   * Replication factor of new topics and of the internal topics.
   *
   * @default - 3, or the broker count when it is smaller
   */
  readonly replicationFactor?: number;
  /**
   * `min.insync.replicas`; below the replication factor.
   *
   * @default - one less than the replication factor, at least 1
   */
  readonly minInsyncReplicas?: number;
  /**
   * Partitions of a topic created without a count.
   *
   * @default 6
   */
  readonly defaultPartitions?: number;
  /**
   * Hours messages are kept unless a topic says otherwise.
   *
   * @default 168
   */
  readonly messageRetentionHours?: number;
  /**
   * CloudWatch metric level (all but DEFAULT are charged).
   *
   * @default "PER_BROKER"
   */
  readonly enhancedMonitoring?: EnhancedMonitoringLevel;
  /**
   * Retention of the broker log group, in days.
   *
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * `deletionProtection` applies to the broker log group (MSK has no deletion protection), `preventDestroy` guards
   * the cluster and its keys; MSK takes no snapshots, so `finalSnapshot` does not apply.
   *
   * @default - all protections on
   */
  readonly protection?: DataProtection;
  /**
   * Keys to encrypt with.
   *
   * @default - the cluster's own storage and logs keys
   */
  readonly keys?: StoreKeys;
  /**
   * Multi-VPC private connectivity (AWS PrivateLink) for SASL/IAM clients
   * (`broker_node_group_info.connectivity_info.vpc_connectivity`): what a cross-region MSK Replicator reading from
   * this cluster needs ("Prepare the Amazon MSK source cluster"). MSK supports it from Apache Kafka 2.7.1 on, not
   * on kafka.t3.small brokers, and not with unauthenticated access, which this cluster never allows. The connections
   * it admits are governed by the cluster policy (`KafkaReplicationSourcePolicy`).
   *
   * @default false
   */
  readonly multiVpcConnectivity?: boolean;
}

/** The resolved settings of a cluster. */
export interface KafkaSettings {
  readonly clusterName: string;
  readonly kafkaVersion: KafkaVersion;
  readonly brokerCount: number;
  readonly replicationFactor: number;
  readonly minInsyncReplicas: number;
  readonly defaultPartitions: number;
  readonly messageRetentionHours: number;
}
