/**
 * The limits and choices of the cache tier, in one place: the cache constructs validate their props against them
 * and the config schema validates settings against them, so both say the same thing.
 */

/**
 * Engines and the versions the platform supports (IAM authentication needs Valkey 7.2+ or Redis OSS 7+). Each is
 * listed in the ElastiCache User Guide ("Supported engines and versions", ParameterGroups.Engine), and their
 * parameter group families valkey7, valkey8 and redis7 in the CreateCacheParameterGroup API reference.
 */
export const CACHE_ENGINE_VERSIONS = {
  valkey: ["7.2", "8.0", "8.1"],
  redis: ["7.0", "7.1"],
} as const;
export type CacheEngine = keyof typeof CACHE_ENGINE_VERSIONS;
export const CACHE_ENGINES = Object.keys(CACHE_ENGINE_VERSIONS) as [CacheEngine, ...CacheEngine[]];

/** Why `version` is not a supported version of `engine`, or undefined when it is. */
export function checkEngineVersion(engine: CacheEngine, version: string): string | undefined {
  const versions: readonly string[] = CACHE_ENGINE_VERSIONS[engine];
  return versions.includes(version)
    ? undefined
    : `is not a supported ${engine} version; expected one of ${versions.map((v) => `"${v}"`).join(", ")}`;
}

/** The parameter group family of an engine version: `valkey8`, `redis7`. */
export function parameterGroupFamily(engine: CacheEngine, version: string): string {
  return `${engine}${version.split(".")[0]}`;
}

/** Shards (node groups) ElastiCache allows in one cluster-mode replication group. */
export const CACHE_SHARDS = { min: 1, max: 500 } as const;

/** Replicas per shard ElastiCache allows. */
export const CACHE_REPLICAS = { min: 0, max: 5 } as const;

/** Days of automatic snapshots ElastiCache keeps; 0 turns them off. */
export const SNAPSHOT_RETENTION_RANGE = { min: 0, max: 35 } as const;

/** The least snapshot retention a production environment may have. */
export const MIN_PRODUCTION_SNAPSHOT_RETENTION_DAYS = 7;

/** ElastiCache's shortest snapshot and maintenance windows, in minutes. */
export const CACHE_WINDOW_MINUTES = 60;

/** `cache.<family>.<size>`, e.g. cache.r7g.large. */
export const NODE_TYPE = /^cache\.[a-z][a-z0-9-]*\.[a-z0-9]+$/;
export const NODE_TYPE_EXPECTATION =
  "an ElastiCache node type of the form cache.<family>.<size>, such as cache.r7g.large";

/** What happens when memory is full (`maxmemory-policy`). A cache in front of a database evicts any key, LRU first. */
export const EVICTION_POLICIES = [
  "allkeys-lru",
  "allkeys-lfu",
  "allkeys-random",
  "volatile-lru",
  "volatile-lfu",
  "volatile-random",
  "volatile-ttl",
  "noeviction",
] as const;
export type EvictionPolicy = (typeof EVICTION_POLICIES)[number];

/** Node families and sizes ElastiCache auto scaling works with. */
export const AUTOSCALING_NODE_FAMILIES = ["r7g", "r6g", "r6gd", "r5", "m7g", "m6g", "m5", "c7gn"] as const;
export const AUTOSCALING_NODE_SIZES = ["large", "xlarge", "2xlarge"] as const;

/** Why auto scaling cannot work with `nodeType`, or undefined when it can. */
export function checkAutoscalingNodeType(nodeType: string): string | undefined {
  const [, family, size] = nodeType.split(".");
  const supported =
    (AUTOSCALING_NODE_FAMILIES as readonly string[]).includes(family) &&
    (AUTOSCALING_NODE_SIZES as readonly string[]).includes(size);
  return supported
    ? undefined
    : `does not support ElastiCache auto scaling; expected a ${AUTOSCALING_NODE_SIZES.join(", ")} node of the ${AUTOSCALING_NODE_FAMILIES.join(", ")} families, or auto scaling turned off`;
}

/**
 * What is wrong with one auto-scaled dimension, as `[which setting, problem]`: `bounds` when min is above max,
 * `start` when the configured count lies outside the bounds; undefined when nothing is. `name` is how messages call
 * the bounds, e.g. `cache.autoscaling.shards`.
 */
export function checkScalingBounds(
  bounds: { readonly min: number; readonly max: number },
  configured: number,
  name: string,
): readonly ["bounds" | "start", string] | undefined {
  if (bounds.min > bounds.max) {
    return ["bounds", `is above ${name}.max (${bounds.max}); expected min <= max`];
  }
  if (configured < bounds.min || configured > bounds.max) {
    return [
      "start",
      `is outside ${name} ${bounds.min} to ${bounds.max}; expected the starting size within the scaling bounds`,
    ];
  }
  return undefined;
}

/**
 * Why replica auto scaling may not go down to `min` replicas, or undefined when it may: with replicas configured,
 * the group is Multi-AZ, and no replica would turn failover off. `replicasName` is how messages call the setting.
 */
export function checkReplicaScalingFloor(
  min: number,
  replicasPerShard: number,
  replicasName: string,
): string | undefined {
  return replicasPerShard > 0 && min === 0
    ? `would turn Multi-AZ failover off (${replicasName} is ${replicasPerShard}); expected at least 1`
    : undefined;
}

/** Target values ElastiCache accepts for target tracking, percent. */
export const AUTOSCALING_TARGET_RANGE = { min: 35, max: 70 } as const;

/** What shard auto scaling tracks: the primaries' engine CPU, or the memory counted for eviction. */
export const SHARD_SCALING_METRICS = ["engine-cpu", "memory"] as const;
export type ShardScalingMetric = (typeof SHARD_SCALING_METRICS)[number];

/**
 * Cache user names (the part after `<replication group id>-`): lower-case words joined by single hyphens, other than
 * `default` and `users` (the ids of the switched-off default user and of the user group). With IAM authentication
 * the user id and the user name are the same.
 */
export const CACHE_USER_NAME = /^(?!(default|users)$)[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const CACHE_USER_NAME_EXPECTATION =
  'a user name of lower-case words joined by single hyphens, other than "default" and "users"';

/** Longest ElastiCache user id. */
export const MAX_USER_ID_LENGTH = 40;

/** Why an access string is not allowed for an IAM user, or undefined when it is. */
export function checkAccessString(access: string): string | undefined {
  if (!/^on( \S+)+$/.test(access)) {
    return 'is not allowed; expected an access string that starts with "on" followed by ACL rules, such as "on ~* &* +@all -@dangerous"';
  }
  if (/(^| )([<>#!]|nopass\b|resetpass\b)/.test(access)) {
    return "sets a password; expected ACL rules only (users authenticate with IAM, so no password belongs in an access string)";
  }
  return undefined;
}

/** Application users when config lists none: one application user that may run everything but admin commands. */
export const DEFAULT_CACHE_USERS: Readonly<Record<string, string>> = { app: "on ~* &* +@all -@dangerous" };
