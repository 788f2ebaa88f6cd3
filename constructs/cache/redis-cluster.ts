import { ElasticacheParameterGroup } from "@cdktf/provider-aws/lib/elasticache-parameter-group";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { joinName } from "../core/naming";
import { resolveProtection } from "../core/protection";
import { replacementName } from "../core/replacement-name";
import type { IngressPoint } from "../core/security-group-rules";
import type { TargetTrackingScaling } from "../core/target-tracking";
import { StoreKeys } from "../kms/store-keys";
import { allowCacheFrom, cacheIngressPoints, cacheLogGroupNames, cacheLogs, cacheNetwork } from "./cache-placement";
import { CacheUsers } from "./cache-users";
import { type CacheNodeMetrics, cacheNodeMetrics } from "./metrics";
import { DEFAULT_CACHE_USERS, parameterGroupFamily } from "./options";
import type { RedisClusterProps } from "./redis-props";
import { cacheScaling } from "./redis-scaling";
import { validateRedisCluster } from "./redis-validation";

export type { CacheAutoscaling, CacheScalingBounds, RedisClusterProps, ShardScaling } from "./redis-props";

/** The logs ElastiCache delivers, by log type. */

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

  constructor(scope: Construct, id: string, props: RedisClusterProps) {
    super(scope, id);

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
    validateRedisCluster(this, props, {
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
    const logGroupNames = cacheLogGroupNames(identifier);
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

    const { subnetGroup, securityGroup } = cacheNetwork(this, {
      identifier,
      vpcId: props.vpcId,
      subnetIds: props.subnetIds,
      port,
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

    const { logGroups, logDeliveryConfiguration } = cacheLogs(this, {
      identifier,
      kmsKeyArn: this.keys.logs.keyArn,
      retentionDays: logRetentionDays,
      deletionProtection: protection.deletionProtection,
    });

    const autoscaling = props.autoscaling ?? {};
    if (props.globalDatastorePrimary && (autoscaling.shards || autoscaling.replicas)) {
      throw new ValidationError(
        "autoscaling: is set on the primary of a global datastore (globalDatastorePrimary); expected none: ElastiCache does not auto scale a global datastore's members",
        this,
      );
    }
    const ignoreChanges = [
      ...(autoscaling.shards || props.globalDatastorePrimary ? ["num_node_groups"] : []),
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
      logDeliveryConfiguration,
      lifecycle: Object.keys(lifecycle).length > 0 ? lifecycle : undefined,
      tags: { Name: identifier },
      dependsOn: logGroups,
    });
    this.arn = this.replicationGroup.arn;
    this.configurationEndpoint = this.replicationGroup.configurationEndpointAddress;
    this.nodeMetrics = cacheNodeMetrics(identifier, shards, replicasPerShard);

    const scalers = cacheScaling(this, identifier, this.replicationGroup.replicationGroupId, autoscaling);
    this.shardScaling = scalers.shardScaling;
    this.replicaScaling = scalers.replicaScaling;
  }

  /**
   * Lets a security group connect on the cache port. `id` names the grant (its rule's construct id), e.g.
   * `EksNodes`.
   */
  public allowFrom(id: string, securityGroupId: string, description = `Cache from ${id}`): void {
    allowCacheFrom(this, this, id, securityGroupId, description);
  }

  /** Where clients connect: the nodes' security group on the cache port. */
  public get ingressPoints(): IngressPoint[] {
    return cacheIngressPoints(this);
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
}
