import { ElasticacheGlobalReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-global-replication-group";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";

/**
 * Node families and sizes a global datastore runs on (ElastiCache User Guide, "Prerequisites and limitations" of
 * global datastores: "supported on the following instance families in size large and above: M5, M6g, M7g, R5, R6g,
 * R6gd, R7g, and C7gn. Previous generation instance types (such as M4 and R4) are not supported.").
 */
export const GLOBAL_DATASTORE_NODE_FAMILIES = ["m5", "m6g", "m7g", "r5", "r6g", "r6gd", "r7g", "c7gn"] as const;

/** `large`, `xlarge`, `2xlarge`, `12xlarge`, ...: large and above. */
const LARGE_OR_BIGGER = /^(large|(\d+)?xlarge)$/;

/**
 * Why `nodeType` cannot be a member of a global datastore, or undefined when it can: the message names the value and
 * what is allowed. The primary and every secondary share one node type.
 */
export function checkGlobalDatastoreNodeType(nodeType: string): string | undefined {
  const [prefix, family, size] = nodeType.split(".");
  const supported =
    prefix === "cache" &&
    (GLOBAL_DATASTORE_NODE_FAMILIES as readonly string[]).includes(family) &&
    LARGE_OR_BIGGER.test(size ?? "");
  return supported
    ? undefined
    : `${show(nodeType)} cannot be in a global datastore; expected a node of the ${GLOBAL_DATASTORE_NODE_FAMILIES.join(", ")} families of size large or bigger, such as "cache.r7g.large"`;
}

/**
 * The length of the region prefix ElastiCache puts before the suffix, with its hyphen: `gxeiz-` in eu-west-1
 * (ElastiCache User Guide, "Using global datastores (CLI)", which lists one five-letter prefix per region).
 */
const REGION_PREFIX_LENGTH = "gxeiz-".length;

/** Longest ElastiCache replication group identifier (CreateReplicationGroup, ReplicationGroupId constraints). */
const MAX_IDENTIFIER_LENGTH = 40;

/** The longest suffix whose global datastore id still fits the identifier limit. */
export const MAX_GLOBAL_DATASTORE_SUFFIX_LENGTH = MAX_IDENTIFIER_LENGTH - REGION_PREFIX_LENGTH;

/**
 * Why `suffix` cannot be a global datastore id suffix, or undefined when it can. The ElastiCache API documents no
 * constraint of its own for GlobalReplicationGroupIdSuffix (nor does the provider validate it), so the suffix is held
 * to the rules of the identifiers it stands with: the resulting id `<region prefix>-<suffix>` follows the replication
 * group identifier rules (1 to 40 letters, digits or hyphens, starting with a letter, no two consecutive hyphens, no
 * hyphen at the end), in lower case as ElastiCache stores identifiers. Stricter than AWS may be, never looser.
 */
export function checkGlobalDatastoreSuffix(suffix: string): string | undefined {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(suffix)) {
    return `${show(suffix)} is not allowed; expected lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen`;
  }
  if (suffix.length > MAX_GLOBAL_DATASTORE_SUFFIX_LENGTH) {
    return `${show(suffix)} has ${suffix.length} characters; expected at most ${MAX_GLOBAL_DATASTORE_SUFFIX_LENGTH}, so that the global datastore id (a ${REGION_PREFIX_LENGTH}-character region prefix and the suffix) fits ElastiCache's ${MAX_IDENTIFIER_LENGTH}-character identifiers`;
  }
  return undefined;
}

export interface GlobalDatastoreProps {
  /**
   * The global datastore's name: ElastiCache prefixes it with a code of the primary's region (`gxeiz-<suffix>` in
   * eu-west-1). Lower-case words joined by hyphens, at most 34 characters. Replaces the datastore when changed.
   */
  readonly idSuffix: string;
  /**
   * Replication group id of the primary (`RedisCluster.replicationGroup.replicationGroupId`: the attribute, not the
   * plain `replicationGroupId` string, so that Terraform creates the primary first).
   */
  readonly primaryReplicationGroupId: string;
  /**
   * The primary's node type, checked against the node types a global datastore supports
   * (`checkGlobalDatastoreNodeType`).
   *
   * @default - not checked
   */
  readonly nodeType?: string;
  /**
   * What the datastore is for.
   *
   * @default `Cross-region replication of <primary replication group id>`
   */
  readonly description?: string;
  /**
   * Shards (node groups) of every member: a member cannot be resharded on its own, the global datastore reshards
   * them all (IncreaseNodeGroupsInGlobalReplicationGroup / Decrease...).
   *
   * @default - the primary's, unmanaged
   */
  readonly shards?: number;
}

/**
 * An ElastiCache global datastore around an existing primary cache (lives in the PRIMARY region's stack): the
 * primary replicates asynchronously to the secondaries (`CacheSecondary`) that join it in up to two other regions.
 *
 * - Once the primary is a member, the global datastore manages its engine, engine version, parameter group, node
 *   type and shard count: the provider suppresses engine, version and parameter group changes on the member, and
 *   ElastiCache rejects direct modifications of a member ("is part of a global cluster ... Request rejected").
 * - ElastiCache Auto Scaling does not support clusters in a global datastore (ElastiCache User Guide, "Auto Scaling
 *   Valkey and Redis OSS clusters", prerequisites): the primary must not auto scale.
 * - There is no automatic cross-region failover: a secondary is promoted by hand (the failover runbook).
 * - Members must have the same node type, engine version and shard count; the node type must be one of
 *   `checkGlobalDatastoreNodeType`'s.
 */
export class GlobalDatastore extends Construct {
  public readonly resource: ElasticacheGlobalReplicationGroup;
  /** The full id, `<region prefix>-<suffix>`, known after apply: what a secondary joins. */
  public readonly globalReplicationGroupId: string;
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: GlobalDatastoreProps) {
    super(scope, id);

    const suffixProblem = checkGlobalDatastoreSuffix(props.idSuffix);
    if (suffixProblem) {
      throw new ValidationError(`idSuffix: ${suffixProblem}`, this);
    }
    const nodeTypeProblem = props.nodeType === undefined ? undefined : checkGlobalDatastoreNodeType(props.nodeType);
    if (nodeTypeProblem) {
      throw new ValidationError(`nodeType: ${nodeTypeProblem}`, this);
    }

    this.resource = new ElasticacheGlobalReplicationGroup(this, "Resource", {
      globalReplicationGroupIdSuffix: props.idSuffix,
      primaryReplicationGroupId: props.primaryReplicationGroupId,
      globalReplicationGroupDescription:
        props.description ?? `Cross-region replication of ${props.primaryReplicationGroupId}`,
      // A failover (`aws elasticache failover-global-replication-group`, npm run failover) makes the standby's member
      // the primary outside Terraform; the attribute is ForceNew, so without this the next plan would replace the
      // whole global datastore (hashicorp/terraform-provider-aws#46121).
      numNodeGroups: props.shards,
      lifecycle: { ignoreChanges: ["primary_replication_group_id"] },
    });
    this.globalReplicationGroupId = this.resource.globalReplicationGroupId;
    this.arn = this.resource.arn;
  }
}
