import type { DataProtection } from "../core/protection";
import type { StoreKeys } from "../kms/store-keys";
import type { CacheEngine, EvictionPolicy, ShardScalingMetric } from "./options";

/** Bounds and target of one auto-scaled dimension. */
export interface CacheScalingBounds {
  /** Least capacity the scaler keeps. */
  readonly min: number;
  /** Most capacity the scaler adds. */
  readonly max: number;
  /** Value of the tracked metric the scaler aims for, percent (35 to 70). */
  readonly targetPercent: number;
}

export interface ShardScaling extends CacheScalingBounds {
  /**
   * What is tracked: `memory` (memory counted for eviction, the usual reason to add shards) or `engine-cpu` (the
   * primaries' engine CPU).
   *
   * @default "memory"
   */
  readonly metric?: ShardScalingMetric;
}

/** Auto scaling of the replication group (Application Auto Scaling target tracking). */
export interface CacheAutoscaling {
  /**
   * Adds and removes shards (online resharding).
   *
   * @default - the shard count stays as configured
   */
  readonly shards?: ShardScaling;
  /**
   * Adds and removes replicas in every shard on the replicas' engine CPU.
   *
   * @default - the replica count stays as configured
   */
  readonly replicas?: CacheScalingBounds;
}

export interface RedisClusterProps {
  /** Prefix of every name, `<project>-<environment>`; the replication group id is `<namePrefix>-cache`. */
  readonly namePrefix: string;
  /** Region of the stack's provider. */
  readonly region: string;
  readonly vpcId: string;
  /** Data subnets, in different availability zones (at least two). */
  readonly subnetIds: readonly string[];
  /**
   * Valkey or Redis OSS.
   *
   * @default "valkey"
   */
  readonly engine?: CacheEngine;
  /**
   * Engine version (major.minor); patches arrive through automatic minor version upgrades.
   *
   * @default "8.0"
   */
  readonly engineVersion?: string;
  /**
   * Node type of every node.
   *
   * @default "cache.r7g.large"
   */
  readonly nodeType?: string;
  /**
   * TLS between clients and nodes, required (IAM authentication needs it). Turning it off is for an explicit,
   * justified exception only: the guardrail CKV_AWS_30 fails synth on a replication group without it.
   *
   * @default true
   */
  readonly transitEncryption?: boolean;
  /**
   * Shards (node groups), 1 to 500; keys are spread over them by hash slot.
   *
   * @default 2
   */
  readonly shards?: number;
  /**
   * Replicas in each shard, 0 to 5. With at least one, a failed primary fails over to a replica in another zone
   * (Multi-AZ).
   *
   * @default 1
   */
  readonly replicasPerShard?: number;
  /**
   * Port the nodes listen on.
   *
   * @default 6379
   */
  readonly port?: number;
  /**
   * `maxmemory-policy`: what is evicted when memory is full.
   *
   * @default "allkeys-lru"
   */
  readonly evictionPolicy?: EvictionPolicy;
  /**
   * Days of daily snapshots kept, 0 to 35 (0: none).
   *
   * @default 7
   */
  readonly snapshotRetentionDays?: number;
  /**
   * Daily snapshot window, UTC, at least 60 minutes.
   *
   * @default "04:00-05:00"
   */
  readonly snapshotWindow?: string;
  /**
   * Weekly maintenance window, UTC, at least 60 minutes; must not overlap the snapshot window.
   *
   * @default "sun:05:30-sun:06:30"
   */
  readonly maintenanceWindow?: string;
  /**
   * Retention of the slow-log and engine-log groups, in days.
   *
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Apply modifications at once instead of in the next maintenance window.
   *
   * @default false
   */
  readonly applyImmediately?: boolean;
  /**
   * Application users, all authenticated with IAM: user name → ACL access string. A user's id and name are
   * `<replication group id>-<name>`.
   *
   * @default - one user `app` with `on ~* &* +@all -@dangerous`
   */
  readonly users?: Readonly<Record<string, string>>;
  /** @default - no auto scaling */
  readonly autoscaling?: CacheAutoscaling;
  /**
   * The cluster is the primary of a global datastore (`GlobalDatastore`), which then owns its shard count: ElastiCache
   * refuses to reshard a member directly (hashicorp/terraform-provider-aws#27875), so `num_node_groups` is left to
   * the global datastore's `shards`, and auto scaling is not allowed ("Auto Scaling in ElastiCache is not supported
   * for clusters running in Global datastores", ElastiCache User Guide, Auto Scaling prerequisites).
   *
   * @default false
   */
  readonly globalDatastorePrimary?: boolean;
  /**
   * `deletionProtection` applies to the log groups (ElastiCache has no deletion protection), `finalSnapshot` takes
   * `<id>-final` on deletion, `preventDestroy` guards the replication group and its keys.
   *
   * @default - all protections on
   */
  readonly protection?: DataProtection;
  /**
   * Keys to encrypt with.
   *
   * @default - the cache's own storage and logs keys
   */
  readonly keys?: StoreKeys;
}
