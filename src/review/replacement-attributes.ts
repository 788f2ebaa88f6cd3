import { EDGE } from "./replacement/aws-edge";
import { DATA } from "./replacement/aws-data";
import { NETWORK } from "./replacement/aws-network";
import { COMPUTE } from "./replacement/aws-compute";
import { OBSERVABILITY } from "./replacement/aws-observability";
import { PROVIDER_VERSIONS, type ReplacementAttribute, type TypeReplacement } from "./replacement/entry";
import { KUBERNETES } from "./replacement/kubernetes";

export { PROVIDER_VERSIONS, type ReplacementAttribute } from "./replacement/entry";

/**
 * What the plan preview (`npm run review`) knows about replacing resources: which resource types hold state that a
 * destroy loses, and, for every type the platform synthesizes, which of its arguments force Terraform to replace it
 * ("# forces replacement" in a plan) when they change. The per-type data lives in ./replacement/ (one file per
 * area, with where each type was read: see ./replacement/entry.ts).
 *
 * A ForceNew on a nested block (`block: true`, as on `aws_msk_cluster.broker_node_group_info`) replaces the resource
 * only when the block is added or removed; its ForceNew children are listed one by one. Any other entry covers
 * every change at or below its path (a map such as `triggers`, a list such as `subnet_ids`).
 */

export const STATEFUL_RESOURCE_TYPES = {
  aws_db_instance:
    "The database's data, and (unless retained) its automated backups and point-in-time recovery window; a new instance has a new endpoint.",
  aws_elasticache_replication_group:
    "The cached data set (sessions, counters, anything not re-derivable) and, without a final snapshot, its backups.",
  aws_msk_cluster:
    "Every topic's messages and the consumer groups' committed offsets; the bootstrap broker addresses change.",
  aws_kms_key:
    "The key material: everything encrypted under it (RDS, MSK, EBS, S3, secrets, logs) becomes unreadable when the deletion window ends.",
  aws_eks_cluster:
    "etcd: every Kubernetes object, including those Terraform does not manage; a new OIDC issuer breaks every IRSA trust policy.",
  aws_s3_bucket: "Every object and object version; a deleted bucket's name can be taken by anyone.",
  aws_cloudwatch_log_group: "The retained log history (audit, slow-query, control-plane and access logs).",
  aws_cognito_user_pool:
    "Every user account with its password and MFA enrolment; passwords cannot be exported, so users cannot be moved to a new pool.",
  aws_secretsmanager_secret:
    "The secret's values and version history (generated passwords exist nowhere else); the ARN changes and the name stays blocked for the recovery window.",
  aws_eip:
    "The public IPv4 address (the NAT gateways' egress IPs, which partners may allowlist); a released address cannot be reclaimed.",
  aws_api_gateway_api_key:
    "The key value API Gateway generated and the API's clients hold; a new key has a new value they do not know.",
  kubernetes_namespace_v1:
    "Deleting a namespace deletes everything in it, including objects Terraform does not manage and PersistentVolumeClaims (Prometheus, Alertmanager and Grafana data, whose volumes the gp3 class deletes with them).",
} as const satisfies Readonly<Record<string, string>>;

export type StatefulResourceType = keyof typeof STATEFUL_RESOURCE_TYPES;

/**
 * Types we create that were considered and judged not stateful, with why: kept so that the decision is not made
 * again from scratch. Replacing some of them is still disruptive; the review treats them as ordinary resources.
 */
export const NOT_STATEFUL: Readonly<Record<string, string>> = {
  aws_db_proxy: "Holds no data: connections drop and its endpoint changes, nothing is lost.",
  aws_msk_configuration: "Broker properties, entirely from configuration (a new one starts at revision 1).",
  aws_ssm_parameter:
    "The shard map is rendered from the shards' endpoints on every apply; readers only miss it while it is replaced.",
  aws_secretsmanager_secret_version:
    "Destroying it cannot remove the AWSCURRENT value, and replacing it (secret_string_wo_version) is how passwords rotate.",
  aws_kms_alias: "A name pointing at a key; the key is what holds state.",
  aws_elasticache_user: "Users without passwords (IAM or no-password-required), entirely from configuration.",
  aws_eks_node_group: "Nodes are replaceable; their root volumes hold nothing that outlives the pods.",
  aws_sns_topic: "Messages are transient. Replacing the topic drops its email subscriptions' confirmations, though.",
  aws_sns_topic_subscription: "Configuration only, but a replaced email subscription waits for a human to confirm it.",
  helm_release:
    "Releases are configuration; the data of kube-prometheus-stack lives on PVCs, which its namespace (stateful) holds.",
  kubernetes_secret_v1: "Copies of values held elsewhere (Secrets Manager) or rendered from configuration.",
  kubernetes_storage_class_v1: "A provisioning template; existing volumes keep their own reclaim policy.",
};

/** Arguments of every synthesized type whose change forces replacement in the pinned providers. */
export const REPLACEMENT: Readonly<Record<string, TypeReplacement>> = {
  ...EDGE,
  ...OBSERVABILITY,
  ...NETWORK,
  ...DATA,
  ...COMPUTE,
  ...KUBERNETES,
};

/** Whether a destroy of this resource type loses state (see `STATEFUL_RESOURCE_TYPES`). */
export function isStateful(type: string): type is StatefulResourceType {
  return Object.hasOwn(STATEFUL_RESOURCE_TYPES, type);
}

/** What a destroy of this resource type loses, or `undefined` if it is not stateful. */
export function statefulReason(type: string): string | undefined {
  return isStateful(type) ? STATEFUL_RESOURCE_TYPES[type] : undefined;
}

interface IndexedAttribute {
  readonly segments: readonly string[];
  readonly entry: ReplacementAttribute & { readonly block?: boolean };
}

const INDEX: ReadonlyMap<string, readonly IndexedAttribute[]> = new Map(
  Object.entries(REPLACEMENT).map(([type, replacement]) => [
    type,
    replacement.attributes
      .map((entry) => ({ segments: entry.attribute.split("."), entry }))
      // Most specific first, so that a listed child wins over a listed block.
      .sort((a, b) => b.segments.length - a.segments.length),
  ]),
);

function startsWith(segments: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= segments.length && prefix.every((segment, index) => segments[index] === segment);
}

/**
 * The listed attribute that a change at `segments` (attribute names, list positions and item keys left out, e.g.
 * `["broker_node_group_info", "client_subnets"]`) forces replacement through, or `undefined`. Check `conditional`
 * before calling it certain.
 */
export function forcesReplacement(type: string, segments: readonly string[]): ReplacementAttribute | undefined {
  return INDEX.get(type)?.find(
    (indexed) =>
      startsWith(segments, indexed.segments) && (!indexed.entry.block || segments.length === indexed.segments.length),
  )?.entry;
}

/**
 * The listed attributes at or below `segments`: for a change that adds or removes a whole block (the diff reports
 * the block's path), the attributes that change with it and may force replacement.
 */
export function replacementAttributesUnder(type: string, segments: readonly string[]): readonly ReplacementAttribute[] {
  return (INDEX.get(type) ?? [])
    .filter((indexed) => startsWith(indexed.segments, segments))
    .map((indexed) => indexed.entry);
}

/**
 * Arguments that rename the real resource in place: nothing is replaced, but everything that finds it by name
 * breaks. The review flags them with the destroys and replacements.
 */
export const RENAME_ATTRIBUTES: Readonly<Partial<Record<StatefulResourceType, readonly ReplacementAttribute[]>>> = {
  aws_db_instance: [
    {
      attribute: "identifier",
      note: "renamed in place since aws 5.0 (hashicorp/terraform-provider-aws#31232): the endpoint changes, every client's host name breaks and the instance reboots",
      source: `https://registry.terraform.io/providers/hashicorp/aws/${PROVIDER_VERSIONS.aws}/docs/resources/db_instance#identifier-1`,
    },
  ],
};

/** The listed rename argument a change at `segments` falls on, or `undefined`. */
export function renamesInPlace(type: string, segments: readonly string[]): ReplacementAttribute | undefined {
  const entries: readonly ReplacementAttribute[] = isStateful(type) ? (RENAME_ATTRIBUTES[type] ?? []) : [];
  return entries.find((entry) => startsWith(segments, entry.attribute.split(".")));
}
