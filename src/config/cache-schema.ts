import { z } from "zod";
import { checkInstanceType, ELASTICACHE_NODE_TYPES } from "../../constructs/core/instance-types";
import {
  AUTOSCALING_TARGET_RANGE,
  CACHE_ENGINES,
  CACHE_REPLICAS,
  CACHE_SHARDS,
  CACHE_USER_NAME,
  CACHE_USER_NAME_EXPECTATION,
  CACHE_WINDOW_MINUTES,
  checkAccessString,
  checkAutoscalingNodeType,
  checkEngineVersion,
  checkReplicaScalingFloor,
  checkScalingBounds,
  EVICTION_POLICIES,
  NODE_TYPE_EXPECTATION,
  SHARD_SCALING_METRICS,
  SNAPSHOT_RETENTION_RANGE,
} from "../../constructs/cache/options";
import { checkDailyWindow, checkWeeklyWindow, windowsOverlap } from "../../constructs/core/windows";
import { show } from "../../constructs/core/errors";
import { allowed, checked, oneOf, pattern, section, wholeNumber } from "./schema-helpers";
import { type ConfigContext, logRetentionDays } from "./shared-schema";

/** The cache's part of an environment's config: the ElastiCache replication group, its users and auto scaling. */

/** Bounds and target of one auto-scaled cache dimension. */
function cacheScaling<Shape extends z.ZodRawShape>(limits: { min: number; max: number }, extra: Shape) {
  return section({
    enabled: z.boolean({ error: allowed("true or false") }),
    /** Least capacity the scaler keeps. */
    min: wholeNumber(limits.min, limits.max),
    /** Most capacity the scaler adds. */
    max: wholeNumber(limits.min, limits.max),
    /** Value of the tracked metric the scaler aims for, percent. */
    targetPercent: wholeNumber(AUTOSCALING_TARGET_RANGE.min, AUTOSCALING_TARGET_RANGE.max),
    ...extra,
  });
}

export const cacheSchema = section({
  /** Valkey or Redis OSS. */
  engine: oneOf(CACHE_ENGINES),
  /** Engine version, major.minor; patches arrive through automatic minor upgrades. Checked against the engine. */
  engineVersion: z.string({ error: allowed('a version such as "8.0"') }),
  /** Node type of every node. */
  nodeType: checked(
    (name) => checkInstanceType(ELASTICACHE_NODE_TYPES, "an ElastiCache node type", name),
    NODE_TYPE_EXPECTATION,
  ),
  /**
   * TLS between clients and nodes and between nodes (IAM authentication needs it). Off fails the guardrail
   * CKV_AWS_30 unless the environment suppresses it for the replication group with a justification.
   */
  transitEncryption: z.boolean({ error: allowed("true or false") }),
  /** Shards (node groups), 1 to 500. */
  shards: wholeNumber(CACHE_SHARDS.min, CACHE_SHARDS.max),
  /** Replicas per shard, 0 to 5; with at least one, failover goes to another AZ (required in production). */
  replicasPerShard: wholeNumber(CACHE_REPLICAS.min, CACHE_REPLICAS.max),
  /** maxmemory-policy: what is evicted when memory is full. */
  evictionPolicy: oneOf(EVICTION_POLICIES),
  /** Days of daily snapshots, 0 to 35 (at least 7 in production). */
  snapshotRetentionDays: wholeNumber(SNAPSHOT_RETENTION_RANGE.min, SNAPSHOT_RETENTION_RANGE.max),
  /** Daily snapshot window, UTC, at least 60 minutes. */
  snapshotWindow: checked((window) => checkDailyWindow(window, CACHE_WINDOW_MINUTES), "a daily UTC window hh:mm-hh:mm"),
  /** Weekly maintenance window, UTC, at least 60 minutes; must not overlap the snapshot window. */
  maintenanceWindow: checked(
    (window) => checkWeeklyWindow(window, CACHE_WINDOW_MINUTES),
    "a weekly UTC window ddd:hh:mm-ddd:hh:mm",
  ),
  /** Retention of the slow-log and engine-log groups. */
  logRetentionDays,
  /** Apply changes at once instead of in the maintenance window. */
  applyImmediately: z.boolean({ error: allowed("true or false") }),
  /** Application users, all IAM-authenticated: user name → ACL access string (no passwords). */
  users: z
    .record(
      pattern(CACHE_USER_NAME, CACHE_USER_NAME_EXPECTATION),
      checked(checkAccessString, 'an ACL access string such as "on ~* &* +@all -@dangerous"'),
      { error: allowed("a map of user names to ACL access strings") },
    )
    .refine((users) => Object.keys(users).length > 0, { error: "is empty; expected at least one application user" }),
  /** Target-tracking auto scaling; needs a large to 2xlarge node of the r7g, r6g, r6gd, r5, m7g, m6g, m5 or c7gn family. */
  autoscaling: section({
    /** Shards added and removed on memory or the primaries' engine CPU. */
    shards: cacheScaling(CACHE_SHARDS, { metric: oneOf(SHARD_SCALING_METRICS) }),
    /** Replicas added and removed on the replicas' engine CPU. */
    replicas: cacheScaling(CACHE_REPLICAS, {}),
  }),
});

/** The parts of a parsed environment the cache rules read. */
interface CacheView {
  readonly cache: z.output<typeof cacheSchema>;
}

/** Rules between cache settings. */
export function checkCache(config: CacheView, ctx: ConfigContext): void {
  const cache = config.cache;
  const issue = (path: PropertyKey[], input: unknown, message: string) =>
    ctx.addIssue({ code: "custom", path: ["cache", ...path], input, message: `${show(input)} ${message}` });

  const versionProblem = checkEngineVersion(cache.engine, cache.engineVersion);
  if (versionProblem) {
    issue(["engineVersion"], cache.engineVersion, `${versionProblem} (cache.engine is ${show(cache.engine)})`);
  }
  if (windowsOverlap(cache.snapshotWindow, cache.maintenanceWindow)) {
    issue(
      ["maintenanceWindow"],
      cache.maintenanceWindow,
      `overlaps cache.snapshotWindow ${show(cache.snapshotWindow)}; expected windows that do not overlap`,
    );
  }
  const { shards, replicas } = cache.autoscaling;
  const nodeTypeProblem = Object.hasOwn(ELASTICACHE_NODE_TYPES, cache.nodeType)
    ? checkAutoscalingNodeType(cache.nodeType)
    : undefined;
  if ((shards.enabled || replicas.enabled) && nodeTypeProblem) {
    issue(["nodeType"], cache.nodeType, `${nodeTypeProblem} (cache.autoscaling is on)`);
  }
  for (const [dimension, bounds, configured, setting, limits] of [
    ["shards", shards, cache.shards, "shards", CACHE_SHARDS],
    ["replicas", replicas, cache.replicasPerShard, "replicasPerShard", CACHE_REPLICAS],
  ] as const) {
    // A count outside the service's limits has its own message already.
    if (!bounds.enabled || configured < limits.min || configured > limits.max) {
      continue;
    }
    const boundsProblem = checkScalingBounds(bounds, configured, `cache.autoscaling.${dimension}`);
    if (boundsProblem?.[0] === "bounds") {
      issue(["autoscaling", dimension, "min"], bounds.min, boundsProblem[1]);
    } else if (boundsProblem) {
      issue([setting], configured, boundsProblem[1]);
    }
  }
  const floorProblem = replicas.enabled
    ? checkReplicaScalingFloor(replicas.min, cache.replicasPerShard, "cache.replicasPerShard")
    : undefined;
  if (floorProblem) {
    issue(["autoscaling", "replicas", "min"], replicas.min, floorProblem);
  }
}
