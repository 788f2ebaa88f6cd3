/**
 * Changes that apply without replacing anything but lose protection, capacity or data, and changes AWS refuses
 * outright. Each rule looks at one attribute of one resource type, before and after:
 *
 * - dangerous: protections removed (deletion protection, `prevent_destroy`, final snapshots, backups, encryption,
 *   public access blocks, versioning), counts decreased (brokers, shards, replicas), subnets removed, and version
 *   downgrades the provider carries out by replacing the resource;
 * - impossible: what the AWS API refuses, so that the apply would stop half-way: an RDS engine or EKS Kubernetes
 *   version downgrade, RDS storage or MSK broker volume shrink.
 *
 * Replacements of stateful resources are judged separately (`replacement-attributes.ts`).
 */

export type Severity = "dangerous" | "impossible";

export interface DangerRule {
  readonly types: readonly string[];
  /** Attribute path in Terraform JSON, blocks dotted, no list indices (`lifecycle.prevent_destroy`). */
  readonly attribute: string;
  /** The verdict for this change, or undefined when the change is harmless (e.g. an upgrade). */
  readonly judge: (before: unknown, after: unknown) => { severity: Severity; reason: string } | undefined;
}

/** `17.4` > `16`; `1.35` > `1.34`; `3.9.x.kraft` compares on its numbers. Undefined when either is not a version. */
export function compareVersions(a: unknown, b: unknown): number | undefined {
  const numbers = (value: unknown) =>
    typeof value === "string" && /^\d+(\.\d+)*/.test(value) ? value.match(/\d+/g)!.map(Number) : undefined;
  const left = numbers(a);
  const right = numbers(b);
  if (!left || !right) {
    return undefined;
  }
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    if (left[index] !== right[index]) {
      return left[index] - right[index];
    }
  }
  return 0;
}

const asNumber = (value: unknown) => (typeof value === "number" ? value : Number.NaN);

/** On before, off after: `true → false`, `ACTIVE → INACTIVE`, set → removed. */
function turnedOff(on: unknown, reason: string): DangerRule["judge"] {
  return (before, after) => (before === on && after !== on ? { severity: "dangerous", reason } : undefined);
}

function decreased(severity: Severity, reason: string): DangerRule["judge"] {
  return (before, after) =>
    asNumber(after) < asNumber(before) ? { severity, reason: `${before} → ${after ?? "unset"}: ${reason}` } : undefined;
}

function downgraded(severity: Severity, reason: string): DangerRule["judge"] {
  return (before, after) => {
    const order = compareVersions(after, before);
    return order !== undefined && order < 0 ? { severity, reason: `${before} → ${after}: ${reason}` } : undefined;
  };
}

const shown = (value: unknown) => (value === undefined ? "unset" : JSON.stringify(value));

/** Any change of a value that was or becomes set. */
function changed(reason: string): DangerRule["judge"] {
  return (before, after) =>
    JSON.stringify(before) !== JSON.stringify(after)
      ? { severity: "dangerous", reason: `${shown(before)} → ${shown(after)}: ${reason}` }
      : undefined;
}

function listShrank(reason: string): DangerRule["judge"] {
  return (before, after) => {
    const removed = Array.isArray(before)
      ? before.filter((item) => !(Array.isArray(after) && after.includes(item)))
      : [];
    return removed.length > 0 ? { severity: "dangerous", reason: `${removed.length} removed: ${reason}` } : undefined;
  };
}

export const DANGER_RULES: readonly DangerRule[] = [
  // Protections
  {
    types: ["*"],
    attribute: "lifecycle.prevent_destroy",
    judge: turnedOff(true, "prevent_destroy removed: Terraform may now destroy it"),
  },
  {
    types: ["aws_db_instance"],
    attribute: "deletion_protection",
    judge: turnedOff(true, "deletion protection turned off"),
  },
  {
    types: ["aws_db_instance"],
    attribute: "skip_final_snapshot",
    judge: (before, after) =>
      before !== true && after === true
        ? { severity: "dangerous", reason: "no final snapshot when the instance is deleted" }
        : undefined,
  },
  {
    types: ["aws_db_instance"],
    attribute: "backup_retention_period",
    judge: decreased("dangerous", "fewer days of backups and point-in-time recovery (0 turns backups off)"),
  },
  {
    types: ["aws_elasticache_replication_group"],
    attribute: "snapshot_retention_limit",
    judge: decreased("dangerous", "fewer days of snapshots (0 turns them off)"),
  },
  {
    types: ["aws_elasticache_replication_group"],
    attribute: "final_snapshot_identifier",
    judge: (before, after) =>
      typeof before === "string" && after === undefined
        ? { severity: "dangerous", reason: "no final snapshot when the cache is deleted" }
        : undefined,
  },
  {
    types: ["aws_elasticache_replication_group"],
    attribute: "transit_encryption_enabled",
    judge: turnedOff(true, "TLS between clients and nodes turned off"),
  },
  {
    types: ["aws_msk_cluster"],
    attribute: "encryption_info.encryption_in_transit.client_broker",
    judge: (before, after) =>
      before === "TLS" && after !== "TLS"
        ? { severity: "dangerous", reason: `clients may now connect in plaintext (${String(after)})` }
        : undefined,
  },
  {
    types: ["aws_cognito_user_pool"],
    attribute: "deletion_protection",
    judge: turnedOff("ACTIVE", "deletion protection turned off: the pool (every user account) can be deleted"),
  },
  {
    types: ["aws_cloudwatch_log_group"],
    attribute: "deletion_protection_enabled",
    judge: turnedOff(true, "deletion protection of the log group turned off"),
  },
  {
    types: ["aws_lb"],
    attribute: "enable_deletion_protection",
    judge: turnedOff(true, "deletion protection of the load balancer turned off"),
  },
  {
    types: ["aws_s3_bucket"],
    attribute: "force_destroy",
    judge: (before, after) =>
      before !== true && after === true
        ? { severity: "dangerous", reason: "destroying the bucket now deletes every object in it" }
        : undefined,
  },
  {
    types: ["aws_s3_bucket_versioning"],
    attribute: "versioning_configuration.status",
    judge: turnedOff("Enabled", "versioning suspended: overwritten and deleted objects are no longer kept"),
  },
  {
    types: ["aws_kms_key"],
    attribute: "enable_key_rotation",
    judge: turnedOff(true, "automatic key rotation turned off"),
  },
  {
    types: ["aws_secretsmanager_secret"],
    attribute: "recovery_window_in_days",
    judge: decreased("dangerous", "a deleted secret can be recovered for fewer days (0: not at all)"),
  },
  // Capacity
  {
    types: ["aws_msk_cluster"],
    attribute: "number_of_broker_nodes",
    judge: decreased("dangerous", "removing brokers needs their partitions moved off first, or MSK refuses it"),
  },
  {
    types: ["aws_elasticache_replication_group"],
    attribute: "num_node_groups",
    judge: decreased("dangerous", "fewer shards: their slots and keys move to the others, which need the memory"),
  },
  {
    types: ["aws_elasticache_replication_group"],
    attribute: "replicas_per_node_group",
    judge: decreased("dangerous", "fewer replicas per shard: less read capacity and redundancy"),
  },
  {
    types: ["aws_eks_node_group", "aws_db_subnet_group", "aws_elasticache_subnet_group"],
    attribute: "subnet_ids",
    judge: listShrank("what runs in those subnets must move (an availability zone may be left)"),
  },
  {
    types: ["aws_lb"],
    attribute: "subnets",
    judge: listShrank("the load balancer leaves those subnets' zones"),
  },
  // Versions and storage
  {
    types: ["aws_db_instance"],
    attribute: "engine_version",
    judge: downgraded("impossible", "RDS does not downgrade an engine; restore a snapshot into a new instance instead"),
  },
  {
    types: ["aws_eks_cluster", "aws_eks_node_group"],
    attribute: "version",
    judge: downgraded("impossible", "EKS does not downgrade Kubernetes; build a new cluster instead"),
  },
  {
    types: ["aws_eks_addon"],
    attribute: "addon_version",
    judge: downgraded("dangerous", "an add-on downgrade may be refused or break what relies on the newer version"),
  },
  {
    types: ["aws_elasticache_replication_group"],
    attribute: "engine_version",
    judge: downgraded("dangerous", "the provider replaces the cache to downgrade it: every key is lost"),
  },
  {
    types: ["aws_msk_cluster"],
    attribute: "kafka_version",
    judge: downgraded("dangerous", "the provider replaces the cluster to downgrade it: every message is lost"),
  },
  {
    types: ["aws_db_instance"],
    attribute: "allocated_storage",
    judge: decreased("impossible", "RDS storage cannot shrink; migrate to a new instance instead"),
  },
  {
    types: ["aws_msk_cluster"],
    attribute: "broker_node_group_info.storage_info.ebs_storage_info.volume_size",
    judge: decreased("impossible", "MSK broker storage cannot shrink"),
  },
  {
    types: ["helm_release"],
    attribute: "version",
    judge: downgraded("dangerous", "a chart downgrade may not undo the newer chart's CRD and state changes"),
  },
  // Failover (dr): what promotes a standby or decides which region answers
  {
    types: ["aws_db_instance"],
    attribute: "replicate_source_db",
    judge: (before, after) =>
      before !== undefined && after === undefined
        ? {
            severity: "dangerous",
            reason:
              "removed: the provider promotes the replica, which stops following its source for good (a failover; failing back needs a new replica)",
          }
        : undefined,
  },
  {
    types: ["aws_route53_record"],
    attribute: "failover_routing_policy.type",
    judge: changed("the record's failover role decides which region answers the domain"),
  },
  {
    types: ["aws_route53_record"],
    attribute: "health_check_id",
    judge: changed("the health check decides when the record answers: with it the domain fails over or stops doing so"),
  },
];

/** Resource types whose removal takes a protection away even though the resource holds no data itself. */
export const PROTECTIVE_RESOURCES: Readonly<Record<string, string>> = {
  aws_s3_bucket_public_access_block:
    "the bucket's public access block is removed: a policy or ACL could now make it public",
  aws_s3_bucket_server_side_encryption_configuration:
    "the bucket's encryption configuration is removed: new objects fall back to S3's default key, not the bucket's",
  aws_s3_bucket_versioning: "the bucket's versioning configuration is removed",
  aws_subnet: "a subnet is removed: what runs in it must move, and its availability zone may be left",
};

/**
 * Types holding no data whose replacement still takes down what runs in or behind them: flagged dangerous when
 * replaced (with why), not merely "replaced".
 */
export const DISRUPTIVE_REPLACEMENTS: Readonly<Record<string, string>> = {
  aws_vpc: "every subnet, interface, endpoint, load balancer, cluster and database in it goes with it",
  aws_subnet: "every interface in it (nodes, databases, caches, brokers, load balancer nodes) must leave it first",
  aws_lb: "a new load balancer has a new DNS name: every client and alias pointing at the old one breaks",
  aws_security_group:
    "EC2 refuses to delete a group that network interfaces still use (DependencyViolation), so the apply waits and fails unless the new group is created first",
};

/** The rules that apply to `type` at `attribute`. */
export function dangerRulesFor(type: string, attribute: string): DangerRule[] {
  return DANGER_RULES.filter(
    (rule) => rule.attribute === attribute && (rule.types.includes(type) || rule.types.includes("*")),
  );
}

/**
 * What carries a standby's data or traffic (`dr`): any change to one, in place or not, and its removal are dangerous,
 * since they move the recovery point or the recovery path, which no test before a real failover shows.
 */
export const FAILOVER_RESOURCES: Readonly<Record<string, string>> = {
  aws_msk_replicator:
    "MSK Replicator keeps the standby's topics and consumer offsets: a new replicator copies from its starting position again, and the starting position and topic names cannot change in place",
  aws_msk_cluster_policy: "the primary cluster's policy lets MSK Replicator read it: without it, replication stops",
  aws_elasticache_global_replication_group:
    "the global datastore replicates the cache to the standby: a secondary joins only when it is created",
  aws_s3_bucket_replication_configuration:
    "S3 replication copies the static site to the standby region; objects written while it is off are not copied later",
  aws_route53_health_check: "a health check decides when the API's DNS fails over",
};
