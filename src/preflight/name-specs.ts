/**
 * What the AWS APIs require of the physical names the platform creates, per resource type: the argument that holds
 * the name (and its generated-prefix form), length and characters, how far the name must be unique, and which other
 * arguments force replacement (for the create-before-destroy check).
 *
 * Sources, hashicorp/terraform-provider-aws at the 6.x line the bindings are generated from (6.25.0), read file by
 * file (`internal/service/<service>/<file>.go`), and the AWS API references where the provider does not validate.
 * A generated name is the prefix plus 26 characters (`id.UniqueIDSuffixLength`, terraform-plugin-sdk
 * helper/id/id.go), so a prefix limit is the name limit minus 26.
 */

/** How far a name must be unique. */
export type NameScope =
  /** Every AWS account in the partition (S3 buckets). */
  | "global"
  /** The account, in every region (IAM). */
  | "account"
  /** The account and region. */
  | "region"
  /** Within the resource another argument names (a VPC, a cluster), as that argument's value. */
  | { readonly within: string };

export interface NameSpec {
  /** The argument holding a fixed name. */
  readonly attribute: string;
  /** The argument holding a prefix Terraform completes with 26 unique characters. */
  readonly prefixAttribute?: string;
  readonly minLength?: number;
  readonly maxLength: number;
  readonly prefixMaxLength?: number;
  /** Allowed characters and shape of a literal name. */
  readonly pattern?: RegExp;
  /** Shapes the API refuses although the pattern allows them (a trailing hyphen, `--`, a reserved start). */
  readonly forbidden?: readonly { readonly pattern: RegExp; readonly reason: string }[];
  readonly expectation: string;
  readonly scope: NameScope;
  /** The other arguments whose change replaces the resource (the name's own change always does). */
  readonly replacing: readonly string[];
  readonly source: string;
}

const PROVIDER = "https://github.com/hashicorp/terraform-provider-aws/blob/v6.25.0/internal";

const NO_DOUBLE_OR_TRAILING_HYPHEN = [
  { pattern: /--/, reason: "has two hyphens in a row" },
  { pattern: /-$/, reason: "ends with a hyphen" },
];

export const NAME_SPECS: Readonly<Record<string, NameSpec>> = {
  aws_lb: {
    attribute: "name",
    prefixAttribute: "name_prefix",
    maxLength: 32,
    prefixMaxLength: 6,
    pattern: /^[0-9A-Za-z-]+$/,
    forbidden: [
      { pattern: /^-|-$/, reason: "begins or ends with a hyphen" },
      { pattern: /^internal-/, reason: "begins with internal-" },
    ],
    expectation: "at most 32 letters, digits and hyphens",
    scope: "region",
    replacing: ["internal", "load_balancer_type"],
    source: `${PROVIDER}/service/elbv2/validate.go (validName, validNamePrefix)`,
  },
  aws_lb_target_group: {
    attribute: "name",
    prefixAttribute: "name_prefix",
    maxLength: 32,
    prefixMaxLength: 6,
    pattern: /^[0-9A-Za-z-]+$/,
    forbidden: [{ pattern: /^-|-$/, reason: "begins or ends with a hyphen" }],
    expectation: "at most 32 letters, digits and hyphens",
    scope: "region",
    replacing: ["port", "protocol", "protocol_version", "target_type", "vpc_id", "ip_address_type"],
    source: `${PROVIDER}/service/elbv2/target_group.go, validate.go (validTargetGroupName, validTargetGroupNamePrefix)`,
  },
  aws_iam_role: {
    attribute: "name",
    prefixAttribute: "name_prefix",
    maxLength: 64,
    prefixMaxLength: 38,
    pattern: /^[\w+=,.@-]+$/,
    expectation: "at most 64 letters, digits and _+=,.@-",
    scope: "account",
    replacing: ["path"],
    source: `${PROVIDER}/service/iam/role.go (roleNameMaxLen, roleNamePrefixMaxLen), validate.go (validResourceName)`,
  },
  aws_iam_policy: {
    attribute: "name",
    prefixAttribute: "name_prefix",
    maxLength: 128,
    prefixMaxLength: 102,
    pattern: /^[\w+=,.@-]+$/,
    expectation: "at most 128 letters, digits and _+=,.@-",
    scope: "account",
    replacing: ["path", "description"],
    source: `${PROVIDER}/service/iam/policy.go (policyNameMaxLen)`,
  },
  aws_iam_instance_profile: {
    attribute: "name",
    prefixAttribute: "name_prefix",
    maxLength: 128,
    prefixMaxLength: 102,
    pattern: /^[\w+=,.@-]+$/,
    expectation: "at most 128 letters, digits and _+=,.@-",
    scope: "account",
    replacing: ["path"],
    source: `${PROVIDER}/service/iam/instance_profile.go (instanceProfileNameMaxLen)`,
  },
  aws_db_instance: {
    attribute: "identifier",
    prefixAttribute: "identifier_prefix",
    maxLength: 63,
    prefixMaxLength: 37,
    pattern: /^[a-z][0-9a-z-]*$/,
    forbidden: NO_DOUBLE_OR_TRAILING_HYPHEN,
    expectation: "1 to 63 lower-case letters, digits and hyphens, starting with a letter",
    scope: "region",
    replacing: [],
    source: `${PROVIDER}/service/rds/validate.go (validIdentifier); length: RDS API CreateDBInstance, DBInstanceIdentifier`,
  },
  aws_db_parameter_group: {
    attribute: "name",
    prefixAttribute: "name_prefix",
    maxLength: 255,
    prefixMaxLength: 229,
    pattern: /^[a-z][0-9a-z.-]*$/,
    forbidden: NO_DOUBLE_OR_TRAILING_HYPHEN,
    expectation: "lower-case letters, digits, dots and hyphens, starting with a letter",
    scope: "region",
    replacing: ["family", "description"],
    source: `${PROVIDER}/service/rds/parameter_group.go, validate.go (validParamGroupName)`,
  },
  aws_db_subnet_group: {
    attribute: "name",
    prefixAttribute: "name_prefix",
    maxLength: 255,
    prefixMaxLength: 229,
    pattern: /^[0-9a-z_ .-]+$/,
    forbidden: [{ pattern: /^default$/, reason: "is the reserved name default" }],
    expectation: "lower-case letters, digits, spaces and _.-",
    scope: "region",
    replacing: [],
    source: `${PROVIDER}/service/rds/validate.go (validSubnetGroupName)`,
  },
  aws_db_proxy: {
    attribute: "name",
    maxLength: 63,
    pattern: /^[a-z][0-9a-z-]*$/,
    forbidden: NO_DOUBLE_OR_TRAILING_HYPHEN,
    expectation: "1 to 63 lower-case letters, digits and hyphens, starting with a letter",
    scope: "region",
    replacing: ["engine_family"],
    source: `${PROVIDER}/service/rds/proxy.go (validIdentifier; renamed in place)`,
  },
  aws_elasticache_replication_group: {
    attribute: "replication_group_id",
    maxLength: 40,
    pattern: /^[a-z][0-9a-z-]*$/,
    forbidden: NO_DOUBLE_OR_TRAILING_HYPHEN,
    expectation: "1 to 40 lower-case letters, digits and hyphens, starting with a letter",
    scope: "region",
    replacing: ["at_rest_encryption_enabled", "kms_key_id", "subnet_group_name", "port"],
    source: `${PROVIDER}/service/elasticache/replication_group.go (validateReplicationGroupID)`,
  },
  aws_elasticache_parameter_group: {
    attribute: "name",
    maxLength: 255,
    pattern: /^[a-z][0-9a-z-]*$/,
    forbidden: NO_DOUBLE_OR_TRAILING_HYPHEN,
    expectation: "lower-case letters, digits and hyphens, starting with a letter",
    scope: "region",
    replacing: ["family", "description"],
    source: `${PROVIDER}/service/elasticache/parameter_group.go (name, family and description are ForceNew)`,
  },
  aws_elasticache_subnet_group: {
    attribute: "name",
    maxLength: 255,
    pattern: /^[a-z][0-9a-z-]*$/,
    expectation: "lower-case letters, digits and hyphens, starting with a letter",
    scope: "region",
    replacing: [],
    source: `${PROVIDER}/service/elasticache/subnet_group.go`,
  },
  aws_elasticache_user: {
    attribute: "user_id",
    maxLength: 40,
    pattern: /^[a-z][0-9a-z-]*$/,
    expectation:
      "lower-case letters, digits and hyphens, starting with a letter (ElastiCache stores user ids in lower case)",
    scope: "region",
    replacing: ["user_name", "engine"],
    source: `${PROVIDER}/service/elasticache/user.go; ElastiCache API CreateUser (UserId)`,
  },
  aws_elasticache_user_group: {
    attribute: "user_group_id",
    maxLength: 40,
    pattern: /^[a-z][0-9a-z-]*$/,
    forbidden: NO_DOUBLE_OR_TRAILING_HYPHEN,
    expectation: "1 to 40 lower-case letters, digits and hyphens, starting with a letter",
    scope: "region",
    replacing: ["engine"],
    source: `${PROVIDER}/service/elasticache/user_group.go`,
  },
  aws_msk_cluster: {
    attribute: "cluster_name",
    maxLength: 64,
    pattern: /^[0-9A-Za-z][0-9A-Za-z-]*$/,
    expectation: "1 to 64 letters, digits and hyphens",
    scope: "region",
    replacing: [],
    source: `${PROVIDER}/service/kafka/cluster.go (StringLenBetween(1, 64))`,
  },
  aws_msk_configuration: {
    attribute: "name",
    maxLength: 64,
    pattern: /^[0-9A-Za-z][0-9A-Za-z-]*$/,
    expectation: "letters, digits and hyphens",
    scope: "region",
    replacing: ["kafka_versions"],
    source: `${PROVIDER}/service/kafka/configuration.go (name and kafka_versions are ForceNew)`,
  },
  aws_eks_cluster: {
    attribute: "name",
    maxLength: 100,
    pattern: /^[0-9A-Za-z][0-9A-Za-z_-]*$/,
    expectation: "1 to 100 letters, digits, hyphens and underscores, starting with a letter or digit",
    scope: "region",
    replacing: ["role_arn"],
    source: `${PROVIDER}/service/eks/validate.go (validClusterName)`,
  },
  aws_eks_node_group: {
    attribute: "node_group_name",
    prefixAttribute: "node_group_name_prefix",
    maxLength: 63,
    prefixMaxLength: 37,
    pattern: /^[0-9A-Za-z][0-9A-Za-z_-]*$/,
    expectation: "at most 63 letters, digits, hyphens and underscores",
    scope: { within: "cluster_name" },
    replacing: ["ami_type", "capacity_type", "disk_size", "instance_types", "node_role_arn", "subnet_ids"],
    source: `${PROVIDER}/service/eks/node_group.go (StringLenBetween(0, 63), 63-UniqueIDSuffixLength)`,
  },
  aws_launch_template: {
    attribute: "name",
    prefixAttribute: "name_prefix",
    minLength: 3,
    maxLength: 125,
    prefixMaxLength: 99,
    pattern: /^[0-9A-Za-z()./_-]+$/,
    expectation: "3 to 125 letters, digits and ()./_-",
    scope: "region",
    replacing: [],
    source: `${PROVIDER}/verify/validate.go (ValidLaunchTemplateName)`,
  },
  aws_autoscaling_group: {
    attribute: "name",
    prefixAttribute: "name_prefix",
    maxLength: 255,
    prefixMaxLength: 229,
    expectation: "at most 255 characters",
    scope: "region",
    replacing: [],
    source: `${PROVIDER}/service/autoscaling/group.go (StringLenBetween(0, 255))`,
  },
  aws_s3_bucket: {
    attribute: "bucket",
    prefixAttribute: "bucket_prefix",
    minLength: 3,
    maxLength: 63,
    prefixMaxLength: 37,
    pattern: /^[0-9a-z][0-9a-z.-]*[0-9a-z]$/,
    forbidden: [
      { pattern: /\.\./, reason: "has two dots in a row" },
      { pattern: /^\d+\.\d+\.\d+\.\d+$/, reason: "is shaped like an IP address" },
    ],
    expectation: "3 to 63 lower-case letters, digits, dots and hyphens",
    scope: "global",
    replacing: ["object_lock_enabled"],
    source: `${PROVIDER}/service/s3/bucket.go (validBucketName)`,
  },
  aws_kms_alias: {
    attribute: "name",
    prefixAttribute: "name_prefix",
    maxLength: 256,
    pattern: /^alias\/[0-9A-Za-z_/-]+$/,
    forbidden: [{ pattern: /^alias\/aws\//, reason: "begins with the reserved alias/aws/" }],
    expectation: "alias/ then letters, digits and _/-, at most 256 characters",
    scope: "region",
    replacing: [],
    source: `${PROVIDER}/service/kms/validate.go (validNameForResource); KMS API CreateAlias`,
  },
  aws_cloudwatch_log_group: {
    attribute: "name",
    prefixAttribute: "name_prefix",
    maxLength: 512,
    prefixMaxLength: 483,
    pattern: /^[0-9A-Za-z_./#-]+$/,
    expectation: "at most 512 letters, digits and _./#-",
    scope: "region",
    replacing: ["log_group_class"],
    source: `${PROVIDER}/service/logs/validate.go`,
  },
  aws_security_group: {
    attribute: "name",
    prefixAttribute: "name_prefix",
    maxLength: 255,
    prefixMaxLength: 229,
    forbidden: [{ pattern: /^sg-/, reason: "begins with sg-" }],
    expectation: "at most 255 characters, not starting with sg-",
    scope: { within: "vpc_id" },
    replacing: ["description", "vpc_id"],
    source: `${PROVIDER}/service/ec2/vpc_security_group.go`,
  },
  aws_sns_topic: {
    attribute: "name",
    prefixAttribute: "name_prefix",
    maxLength: 256,
    pattern: /^[0-9A-Za-z_-]+$/,
    expectation: "at most 256 letters, digits, hyphens and underscores",
    scope: "region",
    replacing: ["fifo_topic"],
    source: `${PROVIDER}/service/sns/topic.go`,
  },
  aws_secretsmanager_secret: {
    attribute: "name",
    prefixAttribute: "name_prefix",
    maxLength: 512,
    prefixMaxLength: 486,
    pattern: /^[0-9A-Za-z/_+=.@-]+$/,
    expectation: "at most 512 letters, digits and /_+=.@-",
    scope: "region",
    replacing: [],
    source: `${PROVIDER}/service/secretsmanager/validate.go`,
  },
  aws_ssm_parameter: {
    attribute: "name",
    maxLength: 1011,
    pattern: /^[0-9A-Za-z_./-]+$/,
    expectation: "letters, digits and _./- (2048 less the 1037 characters AWS reserves)",
    scope: "region",
    replacing: [],
    source: `${PROVIDER}/service/ssm/parameter.go; SSM API PutParameter (Name)`,
  },
  aws_cloudwatch_metric_alarm: {
    attribute: "alarm_name",
    maxLength: 255,
    expectation: "at most 255 characters",
    scope: "region",
    replacing: [],
    source: `${PROVIDER}/service/cloudwatch/metric_alarm.go; CloudWatch API PutMetricAlarm (AlarmName)`,
  },
  aws_cloudwatch_composite_alarm: {
    attribute: "alarm_name",
    maxLength: 255,
    expectation: "at most 255 characters",
    scope: "region",
    replacing: [],
    source: `${PROVIDER}/service/cloudwatch/composite_alarm.go; CloudWatch API PutCompositeAlarm (AlarmName)`,
  },
  aws_wafv2_web_acl: {
    attribute: "name",
    prefixAttribute: "name_prefix",
    maxLength: 128,
    pattern: /^[\w-]+$/,
    expectation: "1 to 128 letters, digits, hyphens and underscores",
    scope: "region",
    replacing: ["scope"],
    source: `${PROVIDER}/service/wafv2/web_acl.go; WAFV2 API CreateWebACL (EntityName)`,
  },
};
