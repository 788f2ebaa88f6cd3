import { literalAt } from "./references";
import type { NodeShape, ResourceConfig } from "./types";

/**
 * What the diagram shows: the key resource types (one table, in display order), the connector resources that join
 * two key resources without either referring to the other, the security-group rules that become network edges, and
 * the labels of reference edges. Everything else (subnets, routes, security groups, IAM, KMS keys, log groups...)
 * is walked through, never drawn.
 */

/** A key resource type: drawn as a node. */
export interface KeyResourceType {
  /** Terraform resource type. */
  readonly type: string;
  /** Short human label: what it is (`RDS instance`). */
  readonly label: string;
  /**
   * Attribute paths whose literal value names the resource; the first one set wins, then the `Name` tag.
   *
   * @default ["name"]
   */
  readonly name?: readonly string[];
  /** A short fact from literal attributes shown under the name (`10.30.0.0/16`, `db.r7g.large`). */
  readonly detail?: (config: ResourceConfig) => string | undefined;
  /**
   * More than this many resources of the group in one stack are drawn as one node `<label> ×N`.
   *
   * @default 4
   */
  readonly collapseAbove?: number;
  /**
   * Types with the same group collapse together (metric and composite alarms).
   *
   * @default - the type
   */
  readonly group?: string;
  /**
   * A collapsed node lists the names of its resources.
   *
   * @default false
   */
  readonly listNames?: boolean;
  /** @default "box" */
  readonly shape?: NodeShape;
  /**
   * No reference edge points at it: everything refers to the VPC, and an arrow from each would hide the rest.
   *
   * @default false
   */
  readonly noIncomingReferences?: boolean;
  /**
   * An attribute of this resource that is a security group AWS creates for it (EKS: the cluster security group, on
   * the control plane and every managed node). Key resources of the `carriedBy` types that refer to this resource
   * carry that group too and stand for it in network edges: the nodes, not the control plane, open connections
   * to the database and receive the load balancer's traffic. Without such resources the owner stands for it.
   */
  readonly ownSecurityGroup?: { readonly attribute: RegExp; readonly carriedBy: readonly string[] };
}

/** A literal at the first of several paths that holds one. */
function firstLiteral(config: ResourceConfig, paths: readonly string[]): string | undefined {
  return paths.map((path) => literalAt(config, path)).find((value) => value !== undefined);
}

/** Literal facts joined with ` · `, or undefined when none is a literal. */
function facts(...values: (string | undefined)[]): string | undefined {
  const present = values.filter((value): value is string => value !== undefined);
  return present.length > 0 ? present.join(" · ") : undefined;
}

/** The key resource types, in the order nodes appear inside a stack's box. */
export const KEY_RESOURCE_TYPES: readonly KeyResourceType[] = [
  {
    type: "aws_vpc",
    label: "VPC",
    detail: (config) => literalAt(config, "cidr_block"),
    noIncomingReferences: true,
  },
  { type: "aws_nat_gateway", label: "NAT gateway", collapseAbove: 1 },
  {
    type: "aws_db_instance",
    label: "RDS instance",
    name: ["identifier", "identifier_prefix"],
    detail: (config) =>
      config.replicate_source_db === undefined
        ? facts("primary", literalAt(config, "engine"), literalAt(config, "instance_class"))
        : facts("read replica", literalAt(config, "instance_class")),
    shape: "store",
  },
  { type: "aws_db_proxy", label: "RDS Proxy" },
  {
    type: "aws_elasticache_replication_group",
    label: "ElastiCache replication group",
    name: ["replication_group_id"],
    detail: (config) => facts(literalAt(config, "engine"), literalAt(config, "node_type")),
    shape: "store",
  },
  {
    type: "aws_msk_cluster",
    label: "MSK Kafka cluster",
    name: ["cluster_name"],
    detail: (config) => {
      const brokers = literalAt(config, "number_of_broker_nodes");
      return facts(brokers === undefined ? undefined : `${brokers} brokers`, literalAt(config, "kafka_version"));
    },
    shape: "store",
  },
  {
    type: "aws_eks_cluster",
    label: "EKS cluster",
    detail: (config) => {
      const version = literalAt(config, "version");
      return version === undefined ? undefined : `Kubernetes ${version}`;
    },
    ownSecurityGroup: { attribute: /(^|\.)cluster_security_group_id$/, carriedBy: ["aws_eks_node_group"] },
  },
  {
    type: "aws_eks_node_group",
    label: "EKS node group",
    name: ["node_group_name", "node_group_name_prefix"],
    collapseAbove: 1,
    listNames: true,
  },
  { type: "helm_release", label: "Helm release", collapseAbove: 1, listNames: true },
  {
    type: "kubernetes_deployment_v1",
    label: "Kubernetes deployment",
    name: ["metadata.name"],
    group: "kubernetes_deployment",
  },
  {
    type: "kubernetes_deployment",
    label: "Kubernetes deployment",
    name: ["metadata.name"],
    group: "kubernetes_deployment",
  },
  {
    type: "aws_lb",
    label: "Load balancer",
    name: ["name", "name_prefix"],
    detail: (config) =>
      facts(
        literalAt(config, "internal") === "true" ? "internal" : undefined,
        literalAt(config, "load_balancer_type") ?? "application",
      ),
  },
  { type: "aws_autoscaling_group", label: "Auto-scaling group", name: ["name", "name_prefix"] },
  { type: "aws_api_gateway_rest_api", label: "API Gateway REST API" },
  { type: "aws_apigatewayv2_vpc_link", label: "VPC link" },
  { type: "aws_api_gateway_vpc_link", label: "VPC link" },
  { type: "aws_cognito_user_pool", label: "Cognito user pool" },
  { type: "aws_cloudfront_distribution", label: "CloudFront distribution", name: ["comment"] },
  {
    type: "aws_s3_bucket",
    label: "S3 bucket",
    name: ["bucket", "bucket_prefix"],
    shape: "store",
  },
  {
    type: "aws_wafv2_web_acl",
    label: "WAF web ACL",
    detail: (config) => literalAt(config, "scope"),
  },
  { type: "aws_cloudwatch_dashboard", label: "CloudWatch dashboard", name: ["dashboard_name"] },
  { type: "aws_sns_topic", label: "SNS topic", name: ["name", "name_prefix"] },
  {
    type: "aws_cloudwatch_metric_alarm",
    label: "CloudWatch alarm",
    name: ["alarm_name"],
    group: "alarm",
    collapseAbove: 1,
  },
  {
    type: "aws_cloudwatch_composite_alarm",
    label: "CloudWatch alarm",
    name: ["alarm_name"],
    group: "alarm",
    collapseAbove: 1,
  },
];

/** Collapse threshold when a key type sets none. */
export const DEFAULT_COLLAPSE_ABOVE = 4;

const BY_TYPE = new Map(KEY_RESOURCE_TYPES.map((keyType) => [keyType.type, keyType]));

/** The key type of a resource type, if it is one. */
export function keyResourceType(type: string): KeyResourceType | undefined {
  return BY_TYPE.get(type);
}

/** Where a key type comes in the table: the order of nodes inside a stack's box. */
export function keyTypeRank(type: string): number {
  return KEY_RESOURCE_TYPES.findIndex((keyType) => keyType.type === type);
}

/** The name of a key resource from its literal attributes, or undefined. */
export function resourceName(keyType: KeyResourceType, config: ResourceConfig): string | undefined {
  const name = firstLiteral(config, [...(keyType.name ?? ["name"]), "tags.Name"]);
  // A name prefix ends with the separator AWS appends the random suffix after.
  return name?.replace(/[-_]$/, "");
}

/**
 * Non-key types the reference walk never goes through. Security groups are recorded (which key resources use
 * them) but relations between their users come from their rules, not from references; KMS keys and aliases are
 * shared by unrelated resources and would connect everything to everything.
 */
export const OPAQUE_TYPES: ReadonlySet<string> = new Set(["aws_security_group", "aws_kms_key", "aws_kms_alias"]);

/** How many non-key resources the reference walk goes through before giving up. */
export const MAX_WALK_DEPTH = 4;

/**
 * A non-key resource that joins key resources that do not refer to each other (an API Gateway integration joins
 * the API to its VPC link and backend). Each step lists top-level attributes; the key resources each step reaches
 * (through non-key resources) are joined, step to next non-empty step, by reference edges.
 */
export interface Connector {
  readonly type: string;
  readonly steps: readonly (readonly string[])[];
  /** Edge label. */
  readonly label?: string;
}

/**
 * How many non-key resources deep a connector's step goes: one, so that a WAF association reaches the API through
 * its stage, but not everything the stage's deployment depends on.
 */
export const CONNECTOR_WALK_DEPTH = 1;

export const CONNECTORS: readonly Connector[] = [
  {
    type: "aws_api_gateway_integration",
    steps: [["rest_api_id"], ["connection_id"], ["integration_target", "uri"]],
  },
  { type: "aws_api_gateway_authorizer", steps: [["rest_api_id"], ["provider_arns", "authorizer_uri"]] },
  { type: "aws_wafv2_web_acl_association", steps: [["resource_arn"], ["web_acl_arn"]] },
];

/**
 * Security-group rules that allow traffic into a group: the users of the source group reach the users of the
 * target group. Egress rules are not drawn: every pairing here has its ingress rule.
 */
export interface IngressRuleType {
  readonly type: string;
  /** The group the rule belongs to. */
  readonly target: string;
  /** The group traffic may come from. */
  readonly source: string;
  /** Only rules whose `type` attribute has this value (aws_security_group_rule holds both directions). */
  readonly onlyType?: string;
}

export const INGRESS_RULE_TYPES: readonly IngressRuleType[] = [
  {
    type: "aws_vpc_security_group_ingress_rule",
    target: "security_group_id",
    source: "referenced_security_group_id",
  },
  {
    type: "aws_security_group_rule",
    target: "security_group_id",
    source: "source_security_group_id",
    onlyType: "ingress",
  },
];

/**
 * Labels of reference edges by the top-level attribute of the referring resource: only where the arrow alone
 * would not say what the relation is.
 */
export const REFERENCE_LABELS: Readonly<Record<string, string>> = {
  replicate_source_db: "replica of",
  alarm_actions: "notifies",
  ok_actions: "notifies",
  insufficient_data_actions: "notifies",
  dimensions: "monitors",
  metric_query: "monitors",
  origin: "origin",
  web_acl_id: "WAF",
  web_acl_arn: "WAF",
};
