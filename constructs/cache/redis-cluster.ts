import { ElasticacheParameterGroup } from "@cdktf/provider-aws/lib/elasticache-parameter-group";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { joinName } from "../core/naming";
import { encryptedLogGroup } from "../core/log-group";
import { type DataProtection, resolveProtection } from "../core/protection";
import { replacementName } from "../core/replacement-name";
import { allowTcpFrom, type IngressPoint } from "../core/security-group-rules";
import { TargetTrackingScaling } from "../core/target-tracking";
import { requireLogRetentionDays, requireOneOf, requireWholeNumber } from "../core/validation";
import { checkDailyWindow, checkWeeklyWindow, windowsOverlap } from "../core/windows";
import { StoreKeys } from "../kms/store-keys";
import { CacheUsers } from "./cache-users";
import { type CacheNodeMetrics, cacheNodeMetrics } from "./metrics";
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
  DEFAULT_CACHE_USERS,
  EVICTION_POLICIES,
  type EvictionPolicy,
  MAX_USER_ID_LENGTH,
  NODE_TYPE,
  NODE_TYPE_EXPECTATION,
  parameterGroupFamily,
  SHARD_SCALING_METRICS,
  type ShardScalingMetric,
  SNAPSHOT_RETENTION_RANGE,
} from "./options";

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

/** The longest replication group id that leaves room for the user ids within ElastiCache's 40 characters. */
const MAX_REPLICATION_GROUP_ID_LENGTH = MAX_USER_ID_LENGTH - "-default".length;

/** The logs ElastiCache delivers, by log type. */
const LOG_TYPES = ["slow-log", "engine-log"] as const;

/** Cooldowns of the cache's scaling policies: resharding moves data, so scale in slowly. */
const SCALE_OUT_COOLDOWN_SECONDS = 600;
const SCALE_IN_COOLDOWN_SECONDS = 1800;

/**
 * A Valkey or Redis OSS cache in cluster mode: an ElastiCache replication group of shards with replicas.
 *
 * - Network: a subnet group on the data subnets and a security group with no rules until `allowFrom` grants a
 *   security group (no CIDR rules).
 * - Parameters: a group of the engine's family with `cluster-enabled yes` and the eviction policy, named after the
 *   family and replaced before destroy, so that a major upgrade works.
 * - Availability: automatic failover (which cluster mode requires) and Multi-AZ whenever shards have a replica.
 * - Encryption: at rest with a customer-managed key, in transit with TLS required.
 * - Authentication: IAM users in a user group; the default user is switched off and no user has a password.
 * - Operations: daily snapshots, maintenance window, automatic minor upgrades, slow and engine logs as JSON to
 *   encrypted log groups, a final snapshot and `prevent_destroy` when protected, and optional target-tracking
 *   auto scaling of shards and replicas (the shard and replica counts are then left to the scaler).
 * - Typed outputs: configuration endpoint, port, security group, user ids and the CloudWatch metrics of every node.
 */
export class RedisCluster extends Construct {
  public readonly replicationGroup: ElasticacheReplicationGroup;
  public readonly replicationGroupId: string;
  public readonly arn: string;
  /** The cluster-mode configuration endpoint clients discover the shards through. */
  public readonly configurationEndpoint: string;
  public readonly port: number;
  public readonly securityGroupId: string;
  public readonly keys: StoreKeys;
  public readonly users: CacheUsers;
  /** Metrics of each node of the configured topology, shard by shard. */
  public readonly nodeMetrics: readonly CacheNodeMetrics[];
  /** The shard scaler, when shards auto scale. */
  public readonly shardScaling?: TargetTrackingScaling;
  /** The replica scaler, when replicas auto scale. */
  public readonly replicaScaling?: TargetTrackingScaling;
  private readonly props: RedisClusterProps;

  constructor(scope: Construct, id: string, props: RedisClusterProps) {
    super(scope, id);
    this.props = props;

    // Defaults: the production shape. Valkey 8 on memory-optimised Graviton, two shards with a replica each in
    // another zone, a week of snapshots, a year of logs, every protection on. Dev relaxes these in config.
    const engine = props.engine ?? "valkey";
    const engineVersion = props.engineVersion ?? "8.0";
    const nodeType = props.nodeType ?? "cache.r7g.large";
    const transitEncryption = props.transitEncryption ?? true;
    const shards = props.shards ?? 2;
    const replicasPerShard = props.replicasPerShard ?? 1;
    const port = props.port ?? 6379;
    const evictionPolicy = props.evictionPolicy ?? "allkeys-lru";
    const snapshotRetentionDays = props.snapshotRetentionDays ?? 7;
    const snapshotWindow = props.snapshotWindow ?? "04:00-05:00";
    const maintenanceWindow = props.maintenanceWindow ?? "sun:05:30-sun:06:30";
    const logRetentionDays = props.logRetentionDays ?? 365;
    const applyImmediately = props.applyImmediately ?? false;
    const users = props.users ?? DEFAULT_CACHE_USERS;
    const protection = resolveProtection(props.protection);

    const identifier = joinName(props.namePrefix, "cache");
    this.validate({
      identifier,
      engine,
      engineVersion,
      nodeType,
      shards,
      replicasPerShard,
      port,
      evictionPolicy,
      snapshotRetentionDays,
      snapshotWindow,
      maintenanceWindow,
      logRetentionDays,
      users,
    });

    this.replicationGroupId = identifier;
    this.port = port;
    const logGroupNames = LOG_TYPES.map((type) => `/aws/elasticache/${identifier}/${type}`);
    this.keys =
      props.keys ??
      new StoreKeys(this, "Keys", {
        aliasPrefix: identifier,
        region: props.region,
        logGroupNames,
        storageDescription: `Encrypts the data and snapshots of the ${identifier} cache`,
        logsDescription: `Encrypts the slow-log and engine-log groups of the ${identifier} cache`,
        preventDestroy: protection.preventDestroy,
      });

    const subnetGroup = new ElasticacheSubnetGroup(this, "SubnetGroup", {
      name: identifier,
      description: `Data subnets of the ${identifier} cache`,
      subnetIds: [...props.subnetIds],
      tags: { Name: identifier },
    });
    const securityGroup = new SecurityGroup(this, "SecurityGroup", {
      name: identifier,
      description: `Cache ${identifier}: port ${port} from granted security groups only`,
      vpcId: props.vpcId,
      tags: { Name: identifier },
    });
    this.securityGroupId = securityGroup.id;

    // Replaced (create before destroy) when the family changes, e.g. on a major upgrade: name, family and description
    // all force replacement, so the name ends in a hash of the other two and the new group never collides with the
    // old one. The description names the family, not the version: a minor upgrade keeps the group.
    const family = parameterGroupFamily(engine, engineVersion);
    const parameterGroupDescription = `Cluster-mode ${family} parameters of ${identifier}`;
    const parameterGroup = new ElasticacheParameterGroup(this, "ParameterGroup", {
      name: replacementName(`${identifier}-${family}`, { family, description: parameterGroupDescription }),
      family,
      description: parameterGroupDescription,
      parameter: [
        { name: "cluster-enabled", value: "yes" },
        { name: "maxmemory-policy", value: evictionPolicy },
      ],
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: identifier },
    });

    this.users = new CacheUsers(this, "Users", { idPrefix: identifier, engine, users });

    const logGroups = LOG_TYPES.map((type, index) =>
      encryptedLogGroup(this, type === "slow-log" ? "SlowLogGroup" : "EngineLogGroup", {
        name: logGroupNames[index],
        kmsKeyArn: this.keys.logs.keyArn,
        retentionDays: logRetentionDays,
        deletionProtection: protection.deletionProtection,
      }),
    );

    const autoscaling = props.autoscaling ?? {};
    const ignoreChanges = [
      ...(autoscaling.shards ? ["num_node_groups"] : []),
      ...(autoscaling.replicas ? ["replicas_per_node_group"] : []),
    ];
    const lifecycle = {
      ...(protection.preventDestroy ? { preventDestroy: true } : {}),
      ...(ignoreChanges.length > 0 ? { ignoreChanges } : {}),
    };

    this.replicationGroup = new ElasticacheReplicationGroup(this, "Resource", {
      replicationGroupId: identifier,
      description: `${engine} cache of ${props.namePrefix} (cluster mode)`,
      engine,
      engineVersion,
      autoMinorVersionUpgrade: "true",
      nodeType,
      port,
      clusterMode: "enabled",
      numNodeGroups: shards,
      replicasPerNodeGroup: replicasPerShard,
      // Cluster mode requires automatic failover; Multi-AZ needs a replica to fail over to.
      automaticFailoverEnabled: true,
      multiAzEnabled: replicasPerShard > 0,
      parameterGroupName: parameterGroup.name,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [securityGroup.id],
      atRestEncryptionEnabled: "true",
      kmsKeyId: this.keys.storage.keyArn,
      transitEncryptionEnabled: transitEncryption,
      transitEncryptionMode: transitEncryption ? "required" : undefined,
      userGroupIds: [this.users.userGroupId],
      snapshotRetentionLimit: snapshotRetentionDays,
      snapshotWindow,
      maintenanceWindow,
      finalSnapshotIdentifier: protection.finalSnapshot ? `${identifier}-final` : undefined,
      applyImmediately,
      logDeliveryConfiguration: LOG_TYPES.map((type, index) => ({
        destination: logGroups[index].name,
        destinationType: "cloudwatch-logs",
        logFormat: "json",
        logType: type,
      })),
      lifecycle: Object.keys(lifecycle).length > 0 ? lifecycle : undefined,
      tags: { Name: identifier },
      dependsOn: logGroups,
    });
    this.arn = this.replicationGroup.arn;
    this.configurationEndpoint = this.replicationGroup.configurationEndpointAddress;
    this.nodeMetrics = cacheNodeMetrics(identifier, shards, replicasPerShard);

    const resourceId = `replication-group/${this.replicationGroup.replicationGroupId}`;
    if (autoscaling.shards) {
      const metric = autoscaling.shards.metric ?? "memory";
      this.shardScaling = new TargetTrackingScaling(this, "ShardScaling", {
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
      this.replicaScaling = new TargetTrackingScaling(this, "ReplicaScaling", {
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
        dependsOn: this.shardScaling ? [this.shardScaling.policy] : undefined,
      });
    }
  }

  /**
   * Lets a security group connect on the cache port. `id` names the grant (its rule's construct id), e.g.
   * `EksNodes`.
   */
  public allowFrom(id: string, securityGroupId: string, description = `Cache from ${id}`): void {
    allowTcpFrom(this, `${id}Ingress`, {
      securityGroupId: this.securityGroupId,
      sourceSecurityGroupId: securityGroupId,
      port: this.port,
      description,
    });
  }

  /** Where clients connect: the nodes' security group on the cache port. */
  public get ingressPoints(): IngressPoint[] {
    return [{ name: "Cache", securityGroupId: this.securityGroupId, port: this.port }];
  }

  /**
   * The resources of `elasticache:Connect` for cache user `user`: the replication group and the user. What a
   * service's role needs to sign its IAM authentication token.
   */
  public connectArns(user: string): string[] {
    const cacheUser = this.users.users[user];
    if (!cacheUser) {
      throw new ValidationError(
        `connectArns: ${show(user)} is not a user of this cache; expected one of ${Object.keys(this.users.users)
          .map((name) => show(name))
          .join(", ")}`,
        this,
      );
    }
    return [this.arn, cacheUser.arn];
  }

  private validate(settings: {
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
  }): void {
    const fail = (message: string): never => {
      throw new ValidationError(message, this);
    };
    const whole = (setting: string, value: number, min: number, max: number) =>
      requireWholeNumber(this, setting, value, min, max);

    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(settings.identifier)) {
      fail(`namePrefix: ${show(this.props.namePrefix)} is not allowed; expected lower-case words joined by hyphens`);
    }
    if (settings.identifier.length > MAX_REPLICATION_GROUP_ID_LENGTH) {
      fail(
        `namePrefix: the replication group id ${show(settings.identifier)} has ${settings.identifier.length} characters; expected at most ${MAX_REPLICATION_GROUP_ID_LENGTH} (room for the user ids)`,
      );
    }
    requireOneOf(this, "engine", settings.engine, CACHE_ENGINES);
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
    requireOneOf(this, "evictionPolicy", settings.evictionPolicy, EVICTION_POLICIES);
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
    requireLogRetentionDays(this, "logRetentionDays", settings.logRetentionDays);
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
    if (this.props.subnetIds.length < 2) {
      fail(`subnetIds: ${this.props.subnetIds.length} subnets; expected at least 2 in different availability zones`);
    }
    this.validateAutoscaling(settings.nodeType, settings.shards, settings.replicasPerShard);
  }

  private validateAutoscaling(nodeType: string, shards: number, replicasPerShard: number): void {
    const autoscaling = this.props.autoscaling ?? {};
    const fail = (message: string): never => {
      throw new ValidationError(message, this);
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
      requireWholeNumber(this, `${setting}.min`, bounds.min, limits.min, limits.max);
      requireWholeNumber(this, `${setting}.max`, bounds.max, limits.min, limits.max);
      const boundsProblem = checkScalingBounds(bounds, configured, setting);
      if (boundsProblem?.[0] === "bounds") {
        fail(`${setting}.min: ${bounds.min} ${boundsProblem[1]}`);
      } else if (boundsProblem) {
        fail(`${configuredSetting}: ${configured} ${boundsProblem[1]}`);
      }
      requireWholeNumber(
        this,
        `${setting}.targetPercent`,
        bounds.targetPercent,
        AUTOSCALING_TARGET_RANGE.min,
        AUTOSCALING_TARGET_RANGE.max,
      );
    };
    if (autoscaling.shards) {
      checkBounds("shards", autoscaling.shards, CACHE_SHARDS, shards, "shards");
      requireOneOf(this, "autoscaling.shards.metric", autoscaling.shards.metric ?? "memory", SHARD_SCALING_METRICS);
    }
    if (autoscaling.replicas) {
      checkBounds("replicas", autoscaling.replicas, CACHE_REPLICAS, replicasPerShard, "replicasPerShard");
      const floorProblem = checkReplicaScalingFloor(autoscaling.replicas.min, replicasPerShard, "replicasPerShard");
      if (floorProblem) {
        fail(`autoscaling.replicas.min: ${autoscaling.replicas.min} ${floorProblem}`);
      }
    }
  }
}
