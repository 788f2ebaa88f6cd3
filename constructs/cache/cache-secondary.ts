import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { joinName } from "../core/naming";
import type { DataProtection } from "../core/protection";
import { resolveProtection } from "../core/protection";
import type { IngressPoint } from "../core/security-group-rules";
import { suppressRule } from "../core/suppress";
import { requireLogRetentionDays, requireWholeNumber } from "../core/validation";
import { StoreKeys } from "../kms/store-keys";
import { allowCacheFrom, cacheIngressPoints, cacheLogGroupNames, cacheLogs, cacheNetwork } from "./cache-placement";
import { type CacheNodeMetrics, cacheNodeMetrics } from "./metrics";
import { CACHE_REPLICAS } from "./options";

/** The logs ElastiCache delivers, by log type (as `RedisCluster` delivers them). */

/** ElastiCache's default port for Valkey and Redis OSS. */
const DEFAULT_PORT = 6379;

/** Longest ElastiCache replication group identifier. */
const MAX_REPLICATION_GROUP_ID_LENGTH = 40;

/**
 * Arguments the provider refuses next to `global_replication_group_id` (ConflictsWith in
 * `internal/service/elasticache/replication_group.go`): the global datastore decides them for every member.
 */
export const GLOBAL_MEMBER_CONFLICTING_ARGUMENTS = [
  "num_node_groups",
  "parameter_group_name",
  "engine",
  "engine_version",
  "node_type",
  "security_group_names",
  "transit_encryption_enabled",
  "transit_encryption_mode",
  "at_rest_encryption_enabled",
  "snapshot_arns",
  "snapshot_name",
] as const;

export interface CacheSecondaryProps {
  /** Prefix of every name, `<project>-<environment>` of the standby; the replication group id is `<namePrefix>-cache`. */
  readonly namePrefix: string;
  /** Region of the stack's provider (the standby region). */
  readonly region: string;
  /** The standby VPC. */
  readonly vpcId: string;
  /** The standby's data subnets, in different availability zones (at least two). */
  readonly subnetIds: readonly string[];
  /** The global datastore to join (`GlobalDatastore.globalReplicationGroupId`, from the primary region's stack). */
  readonly globalReplicationGroupId: string;
  /**
   * Replicas in each shard, 0 to 5; may differ from the primary's. With Multi-AZ, at least 1.
   *
   * @default 1
   */
  readonly replicasPerShard?: number;
  /**
   * The primary's Multi-AZ setting, which the secondary inherits (ElastiCache User Guide, global datastores,
   * "Prerequisites and limitations"): stating it keeps the plan from showing a change. `RedisCluster` turns Multi-AZ on
   * whenever its shards have replicas.
   *
   * @default true
   */
  readonly multiAz?: boolean;
  /**
   * The primary's port: the port the security group opens.
   *
   * @default 6379
   */
  readonly port?: number;
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
   * `deletionProtection` applies to the log groups, `preventDestroy` guards the replication group and its keys;
   * `finalSnapshot` does not apply (the primary keeps the snapshots).
   *
   * @default - all protections on
   */
  readonly protection?: DataProtection;
  /**
   * Keys to encrypt with, in the standby region.
   *
   * @default - the secondary's own storage and logs keys
   */
  readonly keys?: StoreKeys;
}

/**
 * The secondary of an ElastiCache global datastore (lives in the STANDBY region's stack): a read-only replication
 * group in the standby region that the primary replicates to, promoted to primary by hand in a failover.
 *
 * - Inherited from the global datastore, and refused by the provider next to `global_replication_group_id`
 *   (`GLOBAL_MEMBER_CONFLICTING_ARGUMENTS`): engine and version, node type, shard count, parameter group,
 *   encryption in transit and at rest. They are not set here; in-transit and at-rest encryption follow the primary's
 *   (TLS required, encrypted at rest).
 * - Availability: automatic failover and Multi-AZ are inherited from the primary; they are stated with the primary's
 *   values (on, and `multiAz`) so that the plan shows no change.
 * - Its own: security group (no rules until `allowFrom`), subnet group on the standby's data subnets, storage key
 *   in the standby region (`kms_key_id`; KMS keys are regional), replicas per shard, slow and engine logs as JSON to
 *   encrypted log groups.
 * - Not set: `user_group_ids`. We found no AWS documentation that ElastiCache accepts a user group on a global
 *   datastore secondary (nor one that it refuses it), so the secondary has none: the standby's clients reach it
 *   through its security group only until that is verified. Snapshot settings are not set either (the primary keeps
 *   the snapshots; not verified on a secondary); after a promotion, set users and snapshots on the new primary.
 * - Not supported on a member: ElastiCache Auto Scaling (ElastiCache User Guide, "Auto Scaling Valkey and Redis OSS
 *   clusters": "not supported for clusters running in Global datastores").
 */
export class CacheSecondary extends Construct {
  public readonly replicationGroup: ElasticacheReplicationGroup;
  public readonly replicationGroupId: string;
  public readonly arn: string;
  /** The cluster-mode configuration endpoint clients in the standby region discover the shards through. */
  public readonly configurationEndpoint: string;
  public readonly port: number;
  public readonly securityGroupId: string;
  public readonly keys: StoreKeys;
  public readonly replicasPerShard: number;

  constructor(scope: Construct, id: string, props: CacheSecondaryProps) {
    super(scope, id);

    const replicasPerShard = props.replicasPerShard ?? 1;
    const multiAz = props.multiAz ?? true;
    const port = props.port ?? DEFAULT_PORT;
    const logRetentionDays = props.logRetentionDays ?? 365;
    const applyImmediately = props.applyImmediately ?? false;
    const protection = resolveProtection(props.protection);
    const identifier = joinName(props.namePrefix, "cache");
    validateSecondary(this, props, { identifier, replicasPerShard, multiAz, port, logRetentionDays });

    this.replicationGroupId = identifier;
    this.replicasPerShard = replicasPerShard;
    this.port = port;
    const logGroupNames = cacheLogGroupNames(identifier);
    this.keys =
      props.keys ??
      new StoreKeys(this, "Keys", {
        aliasPrefix: identifier,
        region: props.region,
        logGroupNames,
        storageDescription: `Encrypts the data of the ${identifier} cache, secondary of a global datastore`,
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

    const { logGroups, logDeliveryConfiguration } = cacheLogs(this, {
      identifier,
      kmsKeyArn: this.keys.logs.keyArn,
      retentionDays: logRetentionDays,
      deletionProtection: protection.deletionProtection,
    });

    this.replicationGroup = new ElasticacheReplicationGroup(this, "Resource", {
      replicationGroupId: identifier,
      description: `Global datastore secondary of ${props.namePrefix}`,
      globalReplicationGroupId: props.globalReplicationGroupId,
      replicasPerNodeGroup: replicasPerShard,
      // Inherited from the primary; stated with its values so that the plan shows no change.
      automaticFailoverEnabled: true,
      multiAzEnabled: multiAz,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [securityGroup.id],
      // Stated only when it is not ElastiCache's default, which the provider keeps from showing as a change when
      // unset (the documented secondary sets no port; whether the API takes one on a secondary is not verified).
      port: port === DEFAULT_PORT ? undefined : port,
      kmsKeyId: this.keys.storage.keyArn,
      applyImmediately,
      logDeliveryConfiguration,
      lifecycle: protection.preventDestroy ? { preventDestroy: true } : undefined,
      tags: { Name: identifier },
      dependsOn: logGroups,
    });
    suppressRule(
      this.replicationGroup,
      "CKV_AWS_29",
      "A global datastore secondary inherits encryption at rest from the primary; the provider refuses at_rest_encryption_enabled next to global_replication_group_id",
    );
    suppressRule(
      this.replicationGroup,
      "CKV_AWS_30",
      "A global datastore secondary inherits encryption in transit from the primary; the provider refuses transit_encryption_enabled and transit_encryption_mode next to global_replication_group_id",
    );
    suppressRule(
      this.replicationGroup,
      "PLAT_ELASTICACHE_ENGINE_VERSION_PINNED",
      "A global datastore member runs the global datastore's engine version; the provider refuses engine_version next to global_replication_group_id",
    );
    suppressRule(
      this.replicationGroup,
      "CKV_AWS_31",
      "AWS documents only AUTH, not user groups, among a global datastore's security features, so no user group is set on the secondary until that is verified; its security group admits no client until a failover grants the standby's workloads",
    );
    for (const rule of ["AVD-AWS-0050", "PLAT_ELASTICACHE_FINAL_SNAPSHOT"]) {
      suppressRule(
        this.replicationGroup,
        rule,
        "The primary's snapshots back up the global datastore's data; AWS documents no snapshot settings for a secondary, so none are set until that is verified (a failover turns them on with the promotion)",
      );
    }
    this.arn = this.replicationGroup.arn;
    this.configurationEndpoint = this.replicationGroup.configurationEndpointAddress;
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
   * The CloudWatch metrics of each node, for the global datastore's `shards` (which the secondary inherits, so it
   * does not know them itself) and its own replicas per shard.
   */
  public nodeMetrics(shards: number): CacheNodeMetrics[] {
    return cacheNodeMetrics(this.replicationGroupId, shards, this.replicasPerShard);
  }
}

/** Checks the props of the secondary `scope`, with their defaults resolved, before any resource exists. */
function validateSecondary(
  scope: Construct,
  props: CacheSecondaryProps,
  settings: { identifier: string; replicasPerShard: number; multiAz: boolean; port: number; logRetentionDays: number },
): void {
  const fail = (message: string): never => {
    throw new ValidationError(message, scope);
  };
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(settings.identifier)) {
    fail(`namePrefix: ${show(props.namePrefix)} is not allowed; expected lower-case words joined by hyphens`);
  }
  if (settings.identifier.length > MAX_REPLICATION_GROUP_ID_LENGTH) {
    fail(
      `namePrefix: the replication group id ${show(settings.identifier)} has ${settings.identifier.length} characters; expected at most ${MAX_REPLICATION_GROUP_ID_LENGTH}`,
    );
  }
  requireWholeNumber(scope, "replicasPerShard", settings.replicasPerShard, CACHE_REPLICAS.min, CACHE_REPLICAS.max);
  if (settings.multiAz && settings.replicasPerShard === 0) {
    fail(
      "replicasPerShard: 0 leaves Multi-AZ (inherited from the primary) no replica to fail over to; expected at least 1, or multiAz false when the primary has no Multi-AZ",
    );
  }
  requireWholeNumber(scope, "port", settings.port, 1024, 65535);
  requireLogRetentionDays(scope, "logRetentionDays", settings.logRetentionDays);
  if (props.subnetIds.length < 2) {
    fail(`subnetIds: ${props.subnetIds.length} subnets; expected at least 2 in different availability zones`);
  }
}
