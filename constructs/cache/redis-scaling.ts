import type { Construct } from "constructs";
import { TargetTrackingScaling } from "../core/target-tracking";
import type { CacheAutoscaling } from "./redis-props";

/** Cooldowns of the cache's scaling policies: resharding moves data, so scale in slowly. */
const SCALE_OUT_COOLDOWN_SECONDS = 600;
const SCALE_IN_COOLDOWN_SECONDS = 1800;

/** The scalers of a cache's replication group, when its shards or replicas auto scale. */
export interface CacheScalers {
  /** The shard scaler, when shards auto scale. */
  readonly shardScaling?: TargetTrackingScaling;
  /** The replica scaler, when replicas auto scale. */
  readonly replicaScaling?: TargetTrackingScaling;
}

/**
 * Target-tracking scalers of the replication group `replicationGroupId` of the cache `scope`, whose names start with
 * `identifier`: shards on memory or engine CPU, replicas on the replicas' engine CPU.
 */
export function cacheScaling(
  scope: Construct,
  identifier: string,
  replicationGroupId: string,
  autoscaling: CacheAutoscaling,
): CacheScalers {
  let shardScaling: TargetTrackingScaling | undefined;
  let replicaScaling: TargetTrackingScaling | undefined;
  const resourceId = `replication-group/${replicationGroupId}`;
  if (autoscaling.shards) {
    const metric = autoscaling.shards.metric ?? "memory";
    shardScaling = new TargetTrackingScaling(scope, "ShardScaling", {
      serviceNamespace: "elasticache",
      resourceId,
      scalableDimension: "elasticache:replication-group:NodeGroups",
      minCapacity: autoscaling.shards.min,
      maxCapacity: autoscaling.shards.max,
      policyName: `${identifier}-shards-${metric}`,
      predefinedMetric:
        metric === "memory"
          ? "ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage"
          : "ElastiCachePrimaryEngineCPUUtilization",
      targetValue: autoscaling.shards.targetPercent,
      scaleInCooldownSeconds: SCALE_IN_COOLDOWN_SECONDS,
      scaleOutCooldownSeconds: SCALE_OUT_COOLDOWN_SECONDS,
    });
  }
  if (autoscaling.replicas) {
    replicaScaling = new TargetTrackingScaling(scope, "ReplicaScaling", {
      serviceNamespace: "elasticache",
      resourceId,
      scalableDimension: "elasticache:replication-group:Replicas",
      minCapacity: autoscaling.replicas.min,
      maxCapacity: autoscaling.replicas.max,
      policyName: `${identifier}-replicas-engine-cpu`,
      predefinedMetric: "ElastiCacheReplicaEngineCPUUtilization",
      targetValue: autoscaling.replicas.targetPercent,
      scaleInCooldownSeconds: SCALE_IN_COOLDOWN_SECONDS,
      scaleOutCooldownSeconds: SCALE_OUT_COOLDOWN_SECONDS,
      // ElastiCache modifies a replication group one request at a time: register the scalers one after the other.
      dependsOn: shardScaling ? [shardScaling.policy] : undefined,
    });
  }
  return { shardScaling, replicaScaling };
}
