/**
 * What the plan preview (`npm run review`) knows about replacing resources: which resource types hold state that a
 * destroy loses, and which of their arguments force Terraform to replace them ("# forces replacement" in a plan,
 * `ForceNew` / `RequiresReplace` in the provider) when they change.
 *
 * The data mirrors the provider versions the bindings are generated from: hashicorp/aws 6.25.0
 * (@cdktf/provider-aws 21.22.1) and hashicorp/kubernetes 2.38.0 (@cdktf/provider-kubernetes 12.1.1). Bump
 * `PROVIDER_VERSIONS` and the `source` links with the providers, and re-check each entry against the new version's
 * changelog: providers do make arguments updatable in place (aws 5.0.0 did it for `aws_db_instance.identifier`).
 *
 * How to add an entry:
 * 1. A new type: add it to `STATEFUL_RESOURCE_TYPES` with what its destroy loses (data, not mere downtime), or to
 *    `NOT_STATEFUL` with why not. `REPLACEMENT_ATTRIBUTES` must then have the type (the compiler insists).
 * 2. An attribute: find where it is marked `ForceNew: true` (SDKv2) or `RequiresReplace()` (plugin framework) in the
 *    provider source at the pinned tag, or where the registry page says "Forces new resource". Write the path in
 *    Terraform JSON snake_case, nested blocks dotted (`encryption_info.encryption_at_rest_kms_key_arn`), and link the
 *    page or file you read as `source`. A `ForceNew` that only applies in some cases (a `CustomizeDiff` such as
 *    "downgrades only") gets `conditional: true` and a note saying when.
 * 3. `test/review/replacement-attributes.test.ts` checks every path segment against the generated bindings, so a typo
 *    or an argument the pinned provider lacks fails there.
 *
 * A `ForceNew` on a nested block (as on `aws_msk_cluster.broker_node_group_info`) only replaces the resource when the
 * block is added or removed; its children are listed one by one instead.
 */

export const PROVIDER_VERSIONS = { aws: "6.25.0", kubernetes: "2.38.0" } as const;

const AWS_DOCS = `https://registry.terraform.io/providers/hashicorp/aws/${PROVIDER_VERSIONS.aws}/docs`;
const AWS_SOURCE = `https://github.com/hashicorp/terraform-provider-aws/blob/v${PROVIDER_VERSIONS.aws}/internal/service`;
const KUBERNETES_SOURCE = `https://github.com/hashicorp/terraform-provider-kubernetes/blob/v${PROVIDER_VERSIONS.kubernetes}/kubernetes`;

/** An argument whose change makes Terraform destroy the resource and create a new one. */
export interface ReplacementAttribute {
  /** Path in Terraform JSON: snake_case, nested blocks joined with dots, no list indices. */
  readonly attribute: string;
  /** Short context: what else to know, or when a conditional replacement happens. */
  readonly note?: string;
  /**
   * Replacement only in some cases (see `note`) that a diff of the configuration alone cannot always tell:
   * report it as "may force replacement".
   */
  readonly conditional?: boolean;
  /** Where the replacement is stated: the provider's registry page, or the source file that marks it. */
  readonly source: string;
}

/** Resource types we create whose destroy loses something that re-applying the configuration cannot bring back. */
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

const REGION_GUIDE = `${AWS_DOCS}/guides/enhanced-region-support`;

/** `region` (new in aws 6.0): changing it replaces every Region-aware resource. */
const REGION: ReplacementAttribute = {
  attribute: "region",
  note: "Region-aware resources are replaced in the new Region.",
  source: REGION_GUIDE,
};

type Entry = string | Omit<ReplacementAttribute, "source">;

/** Entries that share a source, plus `region` for AWS resources. */
function attributes(source: string, entries: readonly Entry[], options: { region: boolean }): ReplacementAttribute[] {
  const list = entries.map((entry) =>
    typeof entry === "string" ? { attribute: entry, source } : { ...entry, source },
  );
  return options.region ? [...list, REGION] : list;
}

const aws = (source: string, entries: readonly Entry[]) => attributes(source, entries, { region: true });

/** Arguments of each stateful type whose change forces replacement in the pinned providers. */
export const REPLACEMENT_ATTRIBUTES: Readonly<Record<StatefulResourceType, readonly ReplacementAttribute[]>> = {
  // `identifier` is NOT here: since aws 5.0.0 (PR #31232) renaming an instance is an in-place ModifyDBInstance
  // (the resource ID is the immutable `dbi-…` resource id). It still changes the endpoint and reboots the instance.
  aws_db_instance: aws(`${AWS_SOURCE}/rds/instance.go`, [
    "engine",
    { attribute: "storage_encrypted", note: "An instance cannot be encrypted in place; restore an encrypted copy." },
    { attribute: "kms_key_id", note: "The storage key cannot change; restore a copy re-encrypted with the new key." },
    { attribute: "username", note: "The master user name." },
    { attribute: "db_name", note: "The database created with the instance." },
    "availability_zone",
    "character_set_name",
    "nchar_character_set_name",
    "timezone",
    "snapshot_identifier",
    {
      attribute: "restore_to_point_in_time",
      conditional: true,
      note: "Adding or removing the block; a change inside it is not sent anywhere.",
    },
    { attribute: "s3_import", note: "Every argument of the block forces replacement." },
    "backup_target",
    "custom_iam_instance_profile",
  ]),
  aws_elasticache_replication_group: aws(`${AWS_SOURCE}/elasticache/replication_group.go`, [
    "replication_group_id",
    "at_rest_encryption_enabled",
    "kms_key_id",
    "subnet_group_name",
    "port",
    "network_type",
    "data_tiering_enabled",
    "global_replication_group_id",
    "snapshot_name",
    "snapshot_arns",
    "security_group_names",
    {
      attribute: "engine",
      conditional: true,
      note: "Only a change from valkey back to redis (customizeDiffEngineForceNewOnDowngrade).",
    },
    {
      attribute: "engine_version",
      conditional: true,
      note: "Only a downgrade (customizeDiffEngineVersionForceNewOnDowngrade).",
    },
  ]),
  aws_msk_cluster: aws(`${AWS_SOURCE}/kafka/cluster.go`, [
    "cluster_name",
    "encryption_info.encryption_at_rest_kms_key_arn",
    { attribute: "encryption_info.encryption_in_transit.in_cluster", note: "`client_broker` is updatable." },
    "broker_node_group_info.client_subnets",
    "broker_node_group_info.security_groups",
    "broker_node_group_info.az_distribution",
    { attribute: "kafka_version", conditional: true, note: "Only a downgrade (ForceNewIfChange)." },
  ]),
  aws_kms_key: aws(`${AWS_SOURCE}/kms/key.go`, [
    "key_usage",
    "customer_master_key_spec",
    "multi_region",
    "custom_key_store_id",
    "xks_key_id",
  ]),
  aws_eks_cluster: aws(`${AWS_SOURCE}/eks/cluster.go`, [
    "name",
    "role_arn",
    "bootstrap_self_managed_addons",
    { attribute: "access_config.bootstrap_cluster_creator_admin_permissions", note: "Read at creation only." },
    "kubernetes_network_config.service_ipv4_cidr",
    "kubernetes_network_config.ip_family",
    "remote_network_config",
    "outpost_config.control_plane_instance_type",
    "outpost_config.control_plane_placement.group_name",
    {
      attribute: "encryption_config",
      conditional: true,
      note: "Only removing it: secrets encryption can be added in place, never turned off (ForceNewIfChange).",
    },
    {
      attribute: "compute_config.node_role_arn",
      conditional: true,
      note: "Only changing a role that was set; setting one for the first time is in place.",
    },
  ]),
  aws_s3_bucket: aws(`${AWS_DOCS}/resources/s3_bucket`, [
    "bucket",
    "bucket_prefix",
    {
      attribute: "object_lock_enabled",
      note: "Object Lock on an existing bucket goes through aws_s3_bucket_object_lock_configuration instead.",
    },
  ]),
  aws_cloudwatch_log_group: aws(`${AWS_SOURCE}/logs/group.go`, ["name", "name_prefix", "log_group_class"]),
  aws_cognito_user_pool: aws(`${AWS_SOURCE}/cognitoidp/user_pool.go`, [
    "username_attributes",
    "alias_attributes",
    "username_configuration.case_sensitive",
  ]),
  aws_secretsmanager_secret: aws(`${AWS_SOURCE}/secretsmanager/secret.go`, ["name", "name_prefix"]),
  aws_eip: aws(`${AWS_SOURCE}/ec2/ec2_eip.go`, [
    "address",
    "domain",
    "public_ipv4_pool",
    "ipam_pool_id",
    "network_border_group",
  ]),
  aws_api_gateway_api_key: aws(`${AWS_SOURCE}/apigateway/api_key.go`, [
    { attribute: "value", note: "`name` is updatable in place since aws 5.x." },
  ]),
  kubernetes_namespace_v1: attributes(
    `${KUBERNETES_SOURCE}/schema_metadata.go`,
    ["metadata.name", "metadata.generate_name"],
    { region: false },
  ),
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
  readonly entry: ReplacementAttribute;
}

const INDEX: ReadonlyMap<string, readonly IndexedAttribute[]> = new Map(
  Object.entries(REPLACEMENT_ATTRIBUTES).map(([type, entries]) => [
    type,
    entries
      .map((entry) => ({ segments: entry.attribute.split("."), entry }))
      // Most specific first, so that a listed child wins over a listed block.
      .sort((a, b) => b.segments.length - a.segments.length),
  ]),
);

/**
 * The attribute names of a path from a JSON diff: list indices dropped (a block is an object or a one-element
 * array in synthesized JSON, and Terraform attribute names are never all digits).
 */
function attributeSegments(path: readonly (string | number)[]): string[] {
  return path.filter((segment): segment is string => typeof segment === "string" && !/^\d+$/.test(segment));
}

function startsWith(segments: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= segments.length && prefix.every((segment, index) => segments[index] === segment);
}

/**
 * The listed attribute that a change at `path` (as a JSON diff of the synthesized resource reports it, e.g.
 * `["broker_node_group_info", 0, "client_subnets", 1]`) falls on or under, or `undefined` if the change does not
 * force replacement (or the type is not stateful). Check `conditional` before calling it certain.
 */
export function forcesReplacement(type: string, path: readonly (string | number)[]): ReplacementAttribute | undefined {
  const segments = attributeSegments(path);
  return INDEX.get(type)?.find((indexed) => startsWith(segments, indexed.segments))?.entry;
}

/**
 * The listed attributes at or below `path`: for a change that adds or removes a whole block (the diff reports the
 * block's path), the attributes that change with it and may force replacement.
 */
export function replacementAttributesUnder(
  type: string,
  path: readonly (string | number)[],
): readonly ReplacementAttribute[] {
  const segments = attributeSegments(path);
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
      source: `${AWS_DOCS}/resources/db_instance#identifier-1`,
    },
  ],
};

/** The listed rename argument a change at `path` falls on, or `undefined`. */
export function renamesInPlace(type: string, path: readonly (string | number)[]): ReplacementAttribute | undefined {
  const segments = attributeSegments(path);
  const entries: readonly ReplacementAttribute[] = isStateful(type) ? (RENAME_ATTRIBUTES[type] ?? []) : [];
  return entries.find((entry) => startsWith(segments, entry.attribute.split(".")));
}
