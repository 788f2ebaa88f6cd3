import type { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { requireLogRetentionDays, requireOneOf, requireWholeNumber } from "../core/validation";
import { checkDailyWindow, checkWeeklyWindow, windowsOverlap } from "../core/windows";
import {
  AUTOSCALING_TARGET_RANGE,
  CACHE_ENGINES,
  CACHE_REPLICAS,
  CACHE_SHARDS,
  CACHE_USER_NAME,
  CACHE_USER_NAME_EXPECTATION,
  CACHE_WINDOW_MINUTES,
  type CacheEngine,
  checkAccessString,
  checkAutoscalingNodeType,
  checkEngineVersion,
  checkReplicaScalingFloor,
  checkScalingBounds,
  EVICTION_POLICIES,
  MAX_USER_ID_LENGTH,
  NODE_TYPE,
  NODE_TYPE_EXPECTATION,
  SHARD_SCALING_METRICS,
  SNAPSHOT_RETENTION_RANGE,
} from "./options";
import type { CacheScalingBounds, RedisClusterProps } from "./redis-props";

/** The longest replication group id that leaves room for the user ids within ElastiCache's 40 characters. */
const MAX_REPLICATION_GROUP_ID_LENGTH = MAX_USER_ID_LENGTH - "-default".length;

/** The settings of a cache with their defaults resolved, as `validateRedisCluster` checks them. */
export interface ResolvedRedisSettings {
  identifier: string;
  engine: string;
  engineVersion: string;
  nodeType: string;
  shards: number;
  replicasPerShard: number;
  port: number;
  evictionPolicy: string;
  snapshotRetentionDays: number;
  snapshotWindow: string;
  maintenanceWindow: string;
  logRetentionDays: number;
  users: Readonly<Record<string, string>>;
}

/** Checks the props of the cache `scope`, with their defaults resolved, before any resource exists. */
export function validateRedisCluster(
  scope: Construct,
  props: RedisClusterProps,
  settings: ResolvedRedisSettings,
): void {
  const fail = (message: string): never => {
    throw new ValidationError(message, scope);
  };
  const whole = (setting: string, value: number, min: number, max: number) =>
    requireWholeNumber(scope, setting, value, min, max);

  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(settings.identifier)) {
    fail(`namePrefix: ${show(props.namePrefix)} is not allowed; expected lower-case words joined by hyphens`);
  }
  if (settings.identifier.length > MAX_REPLICATION_GROUP_ID_LENGTH) {
    fail(
      `namePrefix: the replication group id ${show(settings.identifier)} has ${settings.identifier.length} characters; expected at most ${MAX_REPLICATION_GROUP_ID_LENGTH} (room for the user ids)`,
    );
  }
  requireOneOf(scope, "engine", settings.engine, CACHE_ENGINES);
  const versionProblem = checkEngineVersion(settings.engine as CacheEngine, settings.engineVersion);
  if (versionProblem) {
    fail(`engineVersion: ${show(settings.engineVersion)} ${versionProblem}`);
  }
  if (!NODE_TYPE.test(settings.nodeType)) {
    fail(`nodeType: ${show(settings.nodeType)} is not allowed; expected ${NODE_TYPE_EXPECTATION}`);
  }
  whole("shards", settings.shards, CACHE_SHARDS.min, CACHE_SHARDS.max);
  whole("replicasPerShard", settings.replicasPerShard, CACHE_REPLICAS.min, CACHE_REPLICAS.max);
  whole("port", settings.port, 1024, 65535);
  requireOneOf(scope, "evictionPolicy", settings.evictionPolicy, EVICTION_POLICIES);
  whole(
    "snapshotRetentionDays",
    settings.snapshotRetentionDays,
    SNAPSHOT_RETENTION_RANGE.min,
    SNAPSHOT_RETENTION_RANGE.max,
  );
  const snapshotProblem = checkDailyWindow(settings.snapshotWindow, CACHE_WINDOW_MINUTES);
  if (snapshotProblem) {
    fail(`snapshotWindow: ${show(settings.snapshotWindow)} ${snapshotProblem}`);
  }
  const maintenanceProblem = checkWeeklyWindow(settings.maintenanceWindow, CACHE_WINDOW_MINUTES);
  if (maintenanceProblem) {
    fail(`maintenanceWindow: ${show(settings.maintenanceWindow)} ${maintenanceProblem}`);
  }
  if (windowsOverlap(settings.snapshotWindow, settings.maintenanceWindow)) {
    fail(
      `maintenanceWindow: ${show(settings.maintenanceWindow)} overlaps the snapshot window ${show(settings.snapshotWindow)}; expected windows that do not overlap`,
    );
  }
  requireLogRetentionDays(scope, "logRetentionDays", settings.logRetentionDays);
  if (Object.keys(settings.users).length === 0) {
    fail("users: none given; expected at least one application user");
  }
  for (const [name, access] of Object.entries(settings.users)) {
    if (!CACHE_USER_NAME.test(name)) {
      fail(`users: ${show(name)} is not allowed; expected ${CACHE_USER_NAME_EXPECTATION}`);
    }
    const userId = `${settings.identifier}-${name}`;
    if (userId.length > MAX_USER_ID_LENGTH) {
      fail(
        `users: the user id ${show(userId)} has ${userId.length} characters; expected at most ${MAX_USER_ID_LENGTH}, so a shorter name than ${show(name)}`,
      );
    }
    const accessProblem = checkAccessString(access);
    if (accessProblem) {
      fail(`users.${name}: ${show(access)} ${accessProblem}`);
    }
  }
  if (props.subnetIds.length < 2) {
    fail(`subnetIds: ${props.subnetIds.length} subnets; expected at least 2 in different availability zones`);
  }
  validateAutoscaling(scope, props, settings.nodeType, settings.shards, settings.replicasPerShard);
}

/** Checks `autoscaling` against the node type and the configured shard and replica counts. */
function validateAutoscaling(
  scope: Construct,
  props: RedisClusterProps,
  nodeType: string,
  shards: number,
  replicasPerShard: number,
): void {
  const autoscaling = props.autoscaling ?? {};
  const fail = (message: string): never => {
    throw new ValidationError(message, scope);
  };
  if ((autoscaling.shards || autoscaling.replicas) && checkAutoscalingNodeType(nodeType)) {
    fail(`nodeType: ${show(nodeType)} ${checkAutoscalingNodeType(nodeType)}`);
  }
  const checkBounds = (
    dimension: "shards" | "replicas",
    bounds: CacheScalingBounds,
    limits: { min: number; max: number },
    configured: number,
    configuredSetting: string,
  ) => {
    const setting = `autoscaling.${dimension}`;
    requireWholeNumber(scope, `${setting}.min`, bounds.min, limits.min, limits.max);
    requireWholeNumber(scope, `${setting}.max`, bounds.max, limits.min, limits.max);
    const boundsProblem = checkScalingBounds(bounds, configured, setting);
    if (boundsProblem?.[0] === "bounds") {
      fail(`${setting}.min: ${bounds.min} ${boundsProblem[1]}`);
    } else if (boundsProblem) {
      fail(`${configuredSetting}: ${configured} ${boundsProblem[1]}`);
    }
    requireWholeNumber(
      scope,
      `${setting}.targetPercent`,
      bounds.targetPercent,
      AUTOSCALING_TARGET_RANGE.min,
      AUTOSCALING_TARGET_RANGE.max,
    );
  };
  if (autoscaling.shards) {
    checkBounds("shards", autoscaling.shards, CACHE_SHARDS, shards, "shards");
    requireOneOf(scope, "autoscaling.shards.metric", autoscaling.shards.metric ?? "memory", SHARD_SCALING_METRICS);
  }
  if (autoscaling.replicas) {
    checkBounds("replicas", autoscaling.replicas, CACHE_REPLICAS, replicasPerShard, "replicasPerShard");
    const floorProblem = checkReplicaScalingFloor(autoscaling.replicas.min, replicasPerShard, "replicasPerShard");
    if (floorProblem) {
      fail(`autoscaling.replicas.min: ${autoscaling.replicas.min} ${floorProblem}`);
    }
  }
}
