import { show } from "../../../constructs/core/errors";
import type { Rule } from "../rule";
import { isFalse, isReadReplica, isReference, isSet, isTrue, preventsDestroy } from "./helpers";

/** Resource types that hold state a `terraform destroy` would lose for good. */
export const STATEFUL_TYPES = [
  "aws_db_instance",
  "aws_elasticache_replication_group",
  "aws_msk_cluster",
  "aws_kms_key",
  "aws_s3_bucket",
  "aws_eks_cluster",
  "aws_cognito_user_pool",
] as const;

/** Least days of database backups in production. */
export const MIN_PRODUCTION_BACKUP_DAYS = 7;

/** A number attribute, or `undefined` when unset or only known at apply time. */
function numberOf(value: unknown): number | undefined {
  if (typeof value === "number") {
    return value;
  }
  return typeof value === "string" && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Availability, deletion safety and backups: production data survives a zone outage and a mistaken destroy. */
export const PROTECTION_RULES: readonly Rule[] = [
  {
    id: "CKV_AWS_157",
    rationale:
      "Production databases keep a synchronous standby in another zone (replicas are covered by their source).",
    severity: "error",
    productionOnly: true,
    resourceTypes: ["aws_db_instance"],
    fix: "set multiAz: true (database.multiAz in config)",
    check: (db) => (isReadReplica(db) || isTrue(db.config.multi_az) ? undefined : "multi_az is not true"),
  },
  {
    id: "CKV2_AWS_50",
    rationale: "Production caches fail over automatically to a replica in another zone.",
    severity: "error",
    productionOnly: true,
    resourceTypes: ["aws_elasticache_replication_group"],
    fix: "set multiAzEnabled: true and automaticFailoverEnabled: true with at least one replica per shard",
    check: (cache) => {
      const missing = ["multi_az_enabled", "automatic_failover_enabled"].filter((key) => !isTrue(cache.config[key]));
      return missing.length > 0 ? `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not true` : undefined;
    },
  },
  {
    id: "CKV_AWS_293",
    rationale: "The RDS API refuses to delete production databases while deletion protection is on.",
    severity: "error",
    productionOnly: true,
    resourceTypes: ["aws_db_instance"],
    fix: "set deletionProtection: true (protection.deletionProtection in config)",
    check: (db) => (isTrue(db.config.deletion_protection) ? undefined : "deletion_protection is not true"),
  },
  {
    id: "CKV_AWS_150",
    rationale: "Production load balancers cannot be deleted by API while deletion protection is on.",
    severity: "error",
    productionOnly: true,
    resourceTypes: ["aws_lb", "aws_alb"],
    fix: "set enableDeletionProtection: true",
    check: (balancer) =>
      isTrue(balancer.config.enable_deletion_protection) ? undefined : "enable_deletion_protection is not true",
  },
  {
    id: "PLAT_COGNITO_DELETION_PROTECTION",
    rationale: "Production user pools (every user's account) cannot be deleted while deletion protection is ACTIVE.",
    severity: "error",
    productionOnly: true,
    resourceTypes: ["aws_cognito_user_pool"],
    fix: 'set deletionProtection: "ACTIVE"',
    check: (pool) =>
      pool.config.deletion_protection === "ACTIVE"
        ? undefined
        : `deletion_protection is ${show(pool.config.deletion_protection)}, not "ACTIVE"`,
  },
  {
    id: "PLAT_EKS_DELETION_PROTECTION",
    rationale: "Production clusters cannot be deleted by API while deletion protection is on.",
    severity: "error",
    productionOnly: true,
    resourceTypes: ["aws_eks_cluster"],
    fix: "set deletionProtection: true",
    check: (cluster) => (isTrue(cluster.config.deletion_protection) ? undefined : "deletion_protection is not true"),
  },
  {
    id: "PLAT_PREVENT_DESTROY",
    rationale:
      "In production, a plan that would destroy stateful resources (data stores, keys, buckets, clusters, user pools) fails; read replicas are rebuilt from their source and exempt.",
    severity: "error",
    productionOnly: true,
    resourceTypes: [...STATEFUL_TYPES],
    fix: "set lifecycle: { preventDestroy: true } (protection.preventDestroy in config)",
    check: (resource) =>
      preventsDestroy(resource) || (resource.type === "aws_db_instance" && isReadReplica(resource))
        ? undefined
        : "lifecycle.prevent_destroy is not true",
  },
  {
    id: "CKV_AWS_133",
    rationale: "Databases keep automated backups (point-in-time recovery); replicas are covered by their source.",
    severity: "error",
    resourceTypes: ["aws_db_instance"],
    fix: "set backupRetentionPeriod to at least 1 day (database.backupRetentionDays in config)",
    check: (db) => {
      if (isReadReplica(db) || isReference(db.config.backup_retention_period)) {
        return undefined;
      }
      const days = numberOf(db.config.backup_retention_period);
      return days !== undefined && days >= 1
        ? undefined
        : `backup_retention_period is ${show(db.config.backup_retention_period)}, so there are no automated backups`;
    },
  },
  {
    id: "PLAT_RDS_BACKUP_RETENTION",
    rationale: `Production databases keep at least ${MIN_PRODUCTION_BACKUP_DAYS} days of backups, so a problem found after a weekend can still be rolled back.`,
    severity: "error",
    productionOnly: true,
    resourceTypes: ["aws_db_instance"],
    fix: `set backupRetentionPeriod to ${MIN_PRODUCTION_BACKUP_DAYS} or more (database.backupRetentionDays in config)`,
    check: (db) => {
      if (isReadReplica(db) || isReference(db.config.backup_retention_period)) {
        return undefined;
      }
      const days = numberOf(db.config.backup_retention_period);
      return days !== undefined && days >= MIN_PRODUCTION_BACKUP_DAYS
        ? undefined
        : `backup_retention_period is ${show(db.config.backup_retention_period)}, below ${MIN_PRODUCTION_BACKUP_DAYS}`;
    },
  },
  {
    id: "PLAT_RDS_FINAL_SNAPSHOT",
    rationale: "Deleting a production database leaves a final snapshot (replicas have none and are exempt).",
    severity: "error",
    productionOnly: true,
    resourceTypes: ["aws_db_instance"],
    fix: "set skipFinalSnapshot: false and a finalSnapshotIdentifier (protection.finalSnapshot in config)",
    check: (db) => {
      if (isReadReplica(db)) {
        return undefined;
      }
      if (isTrue(db.config.skip_final_snapshot)) {
        return "skip_final_snapshot is true";
      }
      return isSet(db.config.final_snapshot_identifier) ? undefined : "final_snapshot_identifier is not set";
    },
  },
  {
    id: "AVD-AWS-0050",
    rationale: "Production caches keep daily snapshots to restore from.",
    severity: "error",
    productionOnly: true,
    resourceTypes: ["aws_elasticache_replication_group"],
    fix: "set snapshotRetentionLimit to 1 or more (cache.snapshotRetentionDays in config)",
    check: (cache) => {
      const limit = cache.config.snapshot_retention_limit;
      if (isReference(limit)) {
        return undefined;
      }
      const days = numberOf(limit);
      return days !== undefined && days > 0
        ? undefined
        : `snapshot_retention_limit is ${show(limit)}, so no snapshots are kept`;
    },
  },
  {
    id: "PLAT_ELASTICACHE_FINAL_SNAPSHOT",
    rationale: "Deleting a production cache leaves a final snapshot.",
    severity: "error",
    productionOnly: true,
    resourceTypes: ["aws_elasticache_replication_group"],
    fix: "set finalSnapshotIdentifier (protection.finalSnapshot in config)",
    check: (cache) =>
      isSet(cache.config.final_snapshot_identifier) ? undefined : "final_snapshot_identifier is not set",
  },
  {
    id: "CKV_AWS_7",
    rationale: "Symmetric KMS keys rotate their key material yearly (or more often).",
    severity: "error",
    resourceTypes: ["aws_kms_key"],
    fix: "set enableKeyRotation: true",
    check: (key) => {
      const spec = key.config.customer_master_key_spec;
      const symmetric = spec === undefined || spec === "SYMMETRIC_DEFAULT";
      return !symmetric || isTrue(key.config.enable_key_rotation) ? undefined : "enable_key_rotation is not true";
    },
  },
  {
    id: "CKV_AWS_227",
    rationale: "A disabled key makes everything encrypted with it unreadable; keys are disabled on purpose only.",
    severity: "warning",
    resourceTypes: ["aws_kms_key"],
    fix: "remove isEnabled: false, or suppress with the reason the key is retired",
    check: (key) => (isFalse(key.config.is_enabled) ? "is_enabled is false" : undefined),
  },
  {
    id: "CKV2_AWS_64",
    rationale: "Every key has an explicit key policy instead of the permissive default.",
    severity: "warning",
    resourceTypes: ["aws_kms_key"],
    fix: "set policy from an aws_iam_policy_document that delegates to IAM and grants services narrowly",
    check: (key) => (isSet(key.config.policy) ? undefined : "policy is not set"),
  },
  {
    id: "CKV2_AWS_60",
    rationale: "Snapshots carry the database's tags (owner, cost centre, data class).",
    severity: "warning",
    resourceTypes: ["aws_db_instance"],
    fix: "set copyTagsToSnapshot: true",
    check: (db) =>
      isReadReplica(db) || isTrue(db.config.copy_tags_to_snapshot) ? undefined : "copy_tags_to_snapshot is not true",
  },
];
