import type { JsonObject } from "../../src/aspects/rule";
import { RULES, findRule } from "../../src/aspects/rules";
import { type Fixtures, findingsOf, ref } from "./fixtures";

/**
 * Every rule against compliant fixtures and against each way it can be broken: the attribute unset where unset means
 * the insecure default, each flag of a multi-flag rule, booleans as `false` and as the string `"false"` (Terraform
 * JSON carries either), a bad element among good ones, both sides of a boundary, and nested blocks synthesized as an
 * object or as a one-element list. Fixtures are plain synthesized bodies (snake_case, as in cdk.tf.json); rules run in
 * a production stack so that production-only rules are evaluated too.
 */

const KEY = ref("aws_kms_key.Key", "arn");
const without = (body: Record<string, unknown>, ...keys: string[]) =>
  Object.fromEntries(Object.entries(body).filter(([key]) => !keys.includes(key)));

// Compliant bodies of each type; failing fixtures change one thing.
const db = {
  engine: "postgres",
  engine_version: "17",
  storage_encrypted: true,
  kms_key_id: KEY,
  performance_insights_enabled: true,
  performance_insights_kms_key_id: KEY,
  publicly_accessible: false,
  multi_az: true,
  deletion_protection: true,
  backup_retention_period: 14,
  skip_final_snapshot: false,
  final_snapshot_identifier: "acme-prod-db-final",
  enabled_cloudwatch_logs_exports: ["postgresql", "upgrade"],
  monitoring_interval: 60,
  iam_database_authentication_enabled: true,
  auto_minor_version_upgrade: true,
  ca_cert_identifier: "rds-ca-rsa2048-g1",
  copy_tags_to_snapshot: true,
  lifecycle: { prevent_destroy: true },
};
const replica = {
  replicate_source_db: ref("aws_db_instance.Db", "identifier"),
  storage_encrypted: true,
  multi_az: false,
  skip_final_snapshot: true,
  deletion_protection: true,
  enabled_cloudwatch_logs_exports: ["postgresql"],
};
const cache = {
  engine: "valkey",
  engine_version: "8.0",
  at_rest_encryption_enabled: "true",
  kms_key_id: KEY,
  transit_encryption_enabled: true,
  transit_encryption_mode: "required",
  user_group_ids: [ref("aws_elasticache_user_group.Users", "user_group_id")],
  multi_az_enabled: true,
  automatic_failover_enabled: true,
  snapshot_retention_limit: 7,
  final_snapshot_identifier: "acme-prod-cache-final",
  log_delivery_configuration: [{ destination: "slow", destination_type: "cloudwatch-logs", log_type: "slow-log" }],
  lifecycle: { prevent_destroy: true },
};
const kafka = {
  kafka_version: "3.9.x.kraft",
  broker_node_group_info: { connectivity_info: { public_access: { type: "DISABLED" } } },
  client_authentication: { sasl: { iam: true }, unauthenticated: false },
  encryption_info: {
    encryption_at_rest_kms_key_arn: KEY,
    encryption_in_transit: { client_broker: "TLS", in_cluster: true },
  },
  logging_info: { broker_logs: { cloudwatch_logs: { enabled: true, log_group: "kafka" } } },
  lifecycle: { prevent_destroy: true },
};
const launchTemplate = {
  block_device_mappings: [{ device_name: "/dev/xvda", ebs: { encrypted: "true", kms_key_id: KEY, volume_size: 50 } }],
  metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
};
const cluster = {
  version: "1.35",
  deletion_protection: true,
  enabled_cluster_log_types: ["api", "audit", "authenticator"],
  encryption_config: { provider: { key_arn: KEY }, resources: ["secrets"] },
  vpc_config: { endpoint_private_access: true, endpoint_public_access: false },
  lifecycle: { prevent_destroy: true },
};
const distribution = {
  web_acl_id: ref("aws_wafv2_web_acl.Acl", "arn"),
  default_cache_behavior: { viewer_protocol_policy: "redirect-to-https", response_headers_policy_id: "headers" },
  ordered_cache_behavior: [
    { path_pattern: "/api/*", viewer_protocol_policy: "https-only", response_headers_policy_id: "headers" },
  ],
  origin: [
    {
      origin_id: "api",
      custom_origin_config: { origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] },
    },
  ],
  viewer_certificate: {
    acm_certificate_arn: "arn:aws:acm:us-east-1:1:certificate/x",
    minimum_protocol_version: "TLSv1.2_2021",
  },
  logging_config: { bucket: "logs.s3.amazonaws.com" },
};
const bucket = { bucket: "acme-prod-site", lifecycle: { prevent_destroy: true } };
const accessBlock = {
  bucket: ref("aws_s3_bucket.Bucket"),
  block_public_acls: true,
  block_public_policy: true,
  ignore_public_acls: true,
  restrict_public_buckets: true,
};
const bucketBaseline: Fixtures = {
  "aws_s3_bucket_public_access_block.Access": accessBlock,
  "aws_s3_bucket_versioning.Versioning": {
    bucket: ref("aws_s3_bucket.Bucket"),
    versioning_configuration: { status: "Enabled" },
  },
  "aws_s3_bucket_server_side_encryption_configuration.Encryption": {
    bucket: ref("aws_s3_bucket.Bucket"),
    rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: KEY } }],
  },
  "aws_s3_bucket_policy.Policy": {
    bucket: ref("aws_s3_bucket.Bucket"),
    policy: ref("data.aws_iam_policy_document.TlsOnly", "json"),
  },
  "data.aws_iam_policy_document.TlsOnly": {
    statement: [
      {
        sid: "DenyInsecureTransport",
        effect: "Deny",
        actions: ["s3:*"],
        resources: ["arn:aws:s3:::acme-prod-site", "arn:aws:s3:::acme-prod-site/*"],
        principals: [{ type: "*", identifiers: ["*"] }],
        condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
      },
    ],
  },
};
const withBucket = (overrides: Fixtures = {}): Fixtures => ({
  "aws_s3_bucket.Bucket": bucket,
  ...bucketBaseline,
  ...overrides,
});
/** The types PLAT_PREVENT_DESTROY protects (listed here, so that dropping one from the rule fails a test). */
const STATEFUL = [
  "aws_db_instance",
  "aws_elasticache_replication_group",
  "aws_msk_cluster",
  "aws_kms_key",
  "aws_s3_bucket",
  "aws_eks_cluster",
  "aws_cognito_user_pool",
];
const stage = {
  stage_name: "v1",
  access_log_settings: { destination_arn: ref("aws_cloudwatch_log_group.Access", "arn"), format: "{}" },
  xray_tracing_enabled: true,
};
const methodSettings = {
  method_path: "*/*",
  settings: { logging_level: "ERROR", data_trace_enabled: false, caching_enabled: true, cache_data_encrypted: true },
};
const kmsKey = {
  enable_key_rotation: true,
  policy: ref("data.aws_iam_policy_document.KeyPolicy", "json"),
  lifecycle: { prevent_destroy: true },
};
const keyPolicy = {
  statement: [
    {
      sid: "EnableIamPolicies",
      effect: "Allow",
      actions: ["kms:*"],
      resources: ["*"],
      principals: [{ type: "AWS", identifiers: ["arn:aws:iam::123456789012:root"] }],
    },
  ],
};
const trustPolicy = (identifiers: string[], type = "Service") => ({
  statement: [{ effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type, identifiers }] }],
});
const adminJson = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" }],
});
const readJson = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::acme/*" }],
});

/** `body` with `changes` applied; a change to `undefined` removes the attribute (leaves it unset). */
const change = (body: JsonObject, changes: Record<string, unknown>): JsonObject =>
  Object.fromEntries(Object.entries({ ...body, ...changes }).filter(([, value]) => value !== undefined));

/** One way to break a rule. */
interface Failure {
  /** What breaks the rule (test name). */
  readonly scenario: string;
  /** Fixtures of which the case's `address` (or this failure's) breaks the rule. */
  readonly fail: Fixtures;
  /** The finding's message (what is wrong). */
  readonly message: string;
  /** The resource that breaks the rule, when not the case's `address`. */
  readonly address?: string;
}

interface RuleCase {
  readonly rule: string;
  /** What complies (test name). */
  readonly scenario: string;
  /** Fixtures that comply; they hold at least one resource the rule checks. */
  readonly pass: Fixtures;
  /** The resource that breaks the rule in `fails`. */
  readonly address: string;
  /** Each way to break the rule: exactly one finding, on `address`, with `message`. */
  readonly fails: readonly Failure[];
}

/**
 * The ways a boolean that must be true is off: `false`, `"false"` and, when `unset` says why unset is off too (the
 * AWS default, or the rule asking for it explicitly), the attribute left out.
 */
function notTrue(address: string, body: JsonObject, attribute: string, message: string, unset?: string): Failure[] {
  const forms: [string, unknown][] = [
    ["false", false],
    ['"false"', "false"],
  ];
  if (unset) {
    forms.push([`unset (${unset})`, undefined]);
  }
  return forms.map(([form, value]) => ({
    scenario: `${attribute} ${form}`,
    fail: { [address]: change(body, { [attribute]: value }) },
    message,
  }));
}

/** The ways a boolean that must not be true is on: `true` and `"true"`. */
function isOn(address: string, body: JsonObject, attribute: string, message: string): Failure[] {
  return [true, "true"].map((value) => ({
    scenario: `${attribute} ${JSON.stringify(value)}`,
    fail: { [address]: change(body, { [attribute]: value }) },
    message,
  }));
}

/** The ways a required string (key, version) is missing: unset and empty. */
function notSet(address: string, body: JsonObject, attribute: string, message: string): Failure[] {
  return [
    { scenario: `${attribute} unset`, fail: { [address]: change(body, { [attribute]: undefined }) }, message },
    { scenario: `${attribute} empty`, fail: { [address]: change(body, { [attribute]: "" }) }, message },
  ];
}

/**
 * The AWS-managed key of `service` given where a customer-managed key belongs, as an alias and as an alias ARN: every
 * API that takes a key id accepts both, and neither can be governed by our key policy.
 */
function awsManaged(service: string, fixture: (key: string) => Fixtures, message: (key: string) => string): Failure[] {
  return [`alias/aws/${service}`, `arn:aws:kms:eu-west-1:123456789012:alias/aws/${service}`].map((key) => ({
    scenario: `the AWS-managed ${key.startsWith("arn:") ? "alias ARN" : "alias"} of ${service}`,
    fail: fixture(key),
    message: message(key),
  }));
}

/** An IAM policy JSON document of these statements. */
const policyJson = (...statements: JsonObject[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

const DB = "aws_db_instance.Db";
const CACHE = "aws_elasticache_replication_group.Cache";
const KAFKA = "aws_msk_cluster.Kafka";
const NODES = "aws_launch_template.Nodes";
const CLUSTER = "aws_eks_cluster.Cluster";
const CDN = "aws_cloudfront_distribution.Cdn";
const BUCKET = "aws_s3_bucket.Bucket";
const SETTINGS = "aws_api_gateway_method_settings.All";
const KMS = "aws_kms_key.Key";
const LOGS = "aws_cloudwatch_log_group.Logs";

/** A launch template whose block device mappings are `mappings`. */
const nodes = (mappings: unknown): Fixtures => ({ [NODES]: { ...launchTemplate, block_device_mappings: mappings } });
/** Method settings whose `settings` block is `settings`. */
const withSettings = (settings: unknown): Fixtures => ({ [SETTINGS]: { ...methodSettings, settings } });

const CASES: readonly RuleCase[] = [
  // Encryption at rest
  {
    rule: "CKV_AWS_16",
    scenario: 'encrypted database storage (true or "true")',
    pass: { [DB]: db, "aws_db_instance.String": { ...db, storage_encrypted: "true" } },
    address: DB,
    fails: notTrue(DB, db, "storage_encrypted", "storage_encrypted is not true", "RDS default: unencrypted"),
  },
  {
    rule: "PLAT_RDS_STORAGE_CMK",
    scenario: "a primary with a customer-managed key (a replica inherits its source's)",
    pass: { [DB]: db, "aws_db_instance.Replica": replica },
    address: DB,
    fails: [
      ...notSet(DB, db, "kms_key_id", "kms_key_id is not set, so storage uses the AWS-managed aws/rds key"),
      ...awsManaged(
        "rds",
        (key) => ({ [DB]: { ...db, kms_key_id: key } }),
        (key) => `kms_key_id is the AWS-managed key "${key}"`,
      ),
    ],
  },
  {
    rule: "CKV_AWS_354",
    scenario: "Performance Insights with a key, or off without one",
    pass: {
      [DB]: db,
      "aws_db_instance.Off": { ...without(db, "performance_insights_kms_key_id"), performance_insights_enabled: false },
      "aws_db_instance.OffString": {
        ...without(db, "performance_insights_kms_key_id"),
        performance_insights_enabled: "false",
      },
      "aws_db_instance.Unset": without(db, "performance_insights_kms_key_id", "performance_insights_enabled"),
    },
    address: DB,
    fails: [
      ...notSet(
        DB,
        db,
        "performance_insights_kms_key_id",
        "Performance Insights is enabled without performance_insights_kms_key_id",
      ),
      {
        scenario: 'enabled as "true" without a key',
        fail: {
          [DB]: change(db, { performance_insights_enabled: "true", performance_insights_kms_key_id: undefined }),
        },
        message: "Performance Insights is enabled without performance_insights_kms_key_id",
      },
      ...awsManaged(
        "rds",
        (key) => ({ [DB]: { ...db, performance_insights_kms_key_id: key } }),
        (key) => `performance_insights_kms_key_id is the AWS-managed key "${key}"`,
      ),
    ],
  },
  {
    rule: "CKV_AWS_29",
    scenario: 'cache at-rest encryption on ("true" string and true both pass)',
    pass: { [CACHE]: cache, "aws_elasticache_replication_group.Bool": { ...cache, at_rest_encryption_enabled: true } },
    address: CACHE,
    fails: [
      {
        scenario: 'at_rest_encryption_enabled "false"',
        fail: { [CACHE]: { ...cache, at_rest_encryption_enabled: "false" } },
        message: 'at_rest_encryption_enabled is "false", not "true"',
      },
      {
        scenario: "at_rest_encryption_enabled false",
        fail: { [CACHE]: { ...cache, at_rest_encryption_enabled: false } },
        message: 'at_rest_encryption_enabled is false, not "true"',
      },
      {
        scenario: "at_rest_encryption_enabled unset (the rule asks for it explicitly)",
        fail: { [CACHE]: without(cache, "at_rest_encryption_enabled") },
        message: 'at_rest_encryption_enabled is nothing, not "true"',
      },
    ],
  },
  {
    rule: "CKV_AWS_191",
    scenario: "a cache with a customer-managed key",
    pass: { [CACHE]: cache },
    address: CACHE,
    fails: [
      ...notSet(CACHE, cache, "kms_key_id", "kms_key_id is not set"),
      ...awsManaged(
        "elasticache",
        (key) => ({ [CACHE]: { ...cache, kms_key_id: key } }),
        (key) => `kms_key_id is the AWS-managed key "${key}"`,
      ),
    ],
  },
  {
    rule: "AVD-AWS-0179",
    scenario: "Kafka storage under a customer-managed key (encryption_info as an object or a list)",
    pass: {
      [KAFKA]: kafka,
      "aws_msk_cluster.List": { ...kafka, encryption_info: [{ encryption_at_rest_kms_key_arn: KEY }] },
    },
    address: KAFKA,
    fails: [
      {
        scenario: "encryption_info without a key (the AWS-managed aws/kafka key)",
        fail: { [KAFKA]: { ...kafka, encryption_info: { encryption_in_transit: { client_broker: "TLS" } } } },
        message: "encryption_info.encryption_at_rest_kms_key_arn is not set",
      },
      {
        scenario: "encryption_info unset",
        fail: { [KAFKA]: without(kafka, "encryption_info") },
        message: "encryption_info.encryption_at_rest_kms_key_arn is not set",
      },
      {
        scenario: "an empty key",
        fail: { [KAFKA]: { ...kafka, encryption_info: { encryption_at_rest_kms_key_arn: "" } } },
        message: "encryption_info.encryption_at_rest_kms_key_arn is not set",
      },
      {
        scenario: "encryption_info as a list, without a key",
        fail: { [KAFKA]: { ...kafka, encryption_info: [{ encryption_in_transit: [{ client_broker: "TLS" }] }] } },
        message: "encryption_info.encryption_at_rest_kms_key_arn is not set",
      },
      ...awsManaged(
        "kafka",
        (key) => ({ [KAFKA]: { ...kafka, encryption_info: { encryption_at_rest_kms_key_arn: key } } }),
        (key) => `encryption_info.encryption_at_rest_kms_key_arn is the AWS-managed key "${key}"`,
      ),
    ],
  },
  {
    rule: "PLAT_LT_EBS_ENCRYPTED",
    scenario: 'encrypted launch-template volumes (true, "true", ebs as a list; mappings without ebs are skipped)',
    pass: {
      [NODES]: launchTemplate,
      "aws_launch_template.Bool": {
        ...launchTemplate,
        block_device_mappings: [
          { device_name: "/dev/xvda", ebs: { encrypted: true, kms_key_id: KEY } },
          { device_name: "/dev/xvdb", ebs: [{ encrypted: "true", kms_key_id: KEY }] },
          { device_name: "/dev/sdc", virtual_name: "ephemeral0" },
        ],
      },
      "aws_launch_template.Object": {
        ...launchTemplate,
        block_device_mappings: { device_name: "/dev/xvda", ebs: { encrypted: "true", kms_key_id: KEY } },
      },
    },
    address: NODES,
    fails: [
      {
        scenario: 'encrypted "false"',
        fail: nodes([{ device_name: "/dev/xvda", ebs: { encrypted: "false", kms_key_id: KEY } }]),
        message: 'the EBS volumes "/dev/xvda" are not encrypted',
      },
      {
        scenario: "encrypted false",
        fail: nodes([{ device_name: "/dev/xvda", ebs: { encrypted: false, kms_key_id: KEY } }]),
        message: 'the EBS volumes "/dev/xvda" are not encrypted',
      },
      {
        scenario: "encrypted unset (the account's EBS default decides)",
        fail: nodes([{ device_name: "/dev/xvda", ebs: { kms_key_id: KEY, volume_size: 50 } }]),
        message: 'the EBS volumes "/dev/xvda" are not encrypted',
      },
      {
        scenario: "one unencrypted volume among encrypted ones",
        fail: nodes([
          { device_name: "/dev/xvda", ebs: { encrypted: "true", kms_key_id: KEY } },
          { device_name: "/dev/xvdb", ebs: { encrypted: "false", kms_key_id: KEY } },
          { device_name: "/dev/xvdc", ebs: { encrypted: true, kms_key_id: KEY } },
        ]),
        message: 'the EBS volumes "/dev/xvdb" are not encrypted',
      },
      {
        scenario: "two unencrypted volumes",
        fail: nodes([
          { device_name: "/dev/xvda", ebs: { encrypted: false, kms_key_id: KEY } },
          { device_name: "/dev/xvdb", ebs: { kms_key_id: KEY } },
        ]),
        message: 'the EBS volumes "/dev/xvda", "/dev/xvdb" are not encrypted',
      },
      {
        scenario: "ebs as a one-element list",
        fail: nodes([{ device_name: "/dev/xvda", ebs: [{ encrypted: "false", kms_key_id: KEY }] }]),
        message: 'the EBS volumes "/dev/xvda" are not encrypted',
      },
      {
        scenario: "block_device_mappings as an object",
        fail: nodes({ device_name: "/dev/xvda", ebs: { encrypted: false, kms_key_id: KEY } }),
        message: 'the EBS volumes "/dev/xvda" are not encrypted',
      },
    ],
  },
  {
    rule: "PLAT_LT_EBS_CMK",
    scenario: "launch-template volumes with a key (ebs as an object or a list)",
    pass: {
      [NODES]: launchTemplate,
      "aws_launch_template.List": {
        ...launchTemplate,
        block_device_mappings: [
          { device_name: "/dev/xvda", ebs: [{ encrypted: true, kms_key_id: KEY }] },
          { device_name: "/dev/sdc", virtual_name: "ephemeral0" },
        ],
      },
    },
    address: NODES,
    fails: [
      {
        scenario: "kms_key_id unset",
        fail: nodes([{ device_name: "/dev/xvdb", ebs: { encrypted: true } }]),
        message: 'the EBS volumes "/dev/xvdb" have no kms_key_id',
      },
      {
        scenario: "kms_key_id empty",
        fail: nodes([{ device_name: "/dev/xvdb", ebs: { encrypted: true, kms_key_id: "" } }]),
        message: 'the EBS volumes "/dev/xvdb" have no kms_key_id',
      },
      {
        scenario: "one volume without a key among keyed ones",
        fail: nodes([
          { device_name: "/dev/xvda", ebs: { encrypted: true, kms_key_id: KEY } },
          { device_name: "/dev/xvdb", ebs: { encrypted: true } },
        ]),
        message: 'the EBS volumes "/dev/xvdb" have no kms_key_id',
      },
      {
        scenario: "ebs as a one-element list",
        fail: nodes([{ device_name: "/dev/xvdb", ebs: [{ encrypted: true }] }]),
        message: 'the EBS volumes "/dev/xvdb" have no kms_key_id',
      },
      {
        scenario: "block_device_mappings as an object",
        fail: nodes({ device_name: "/dev/xvdb", ebs: { encrypted: "true" } }),
        message: 'the EBS volumes "/dev/xvdb" have no kms_key_id',
      },
      ...awsManaged(
        "ebs",
        (key) => nodes([{ device_name: "/dev/xvdb", ebs: { encrypted: true, kms_key_id: key } }]),
        () => 'the EBS volumes "/dev/xvdb" use an AWS-managed key',
      ),
    ],
  },
  {
    rule: "CKV_AWS_158",
    scenario: "an encrypted log group",
    pass: { [LOGS]: { name: "/app", kms_key_id: KEY, retention_in_days: 30 } },
    address: LOGS,
    fails: [
      ...notSet(LOGS, { name: "/app", kms_key_id: KEY, retention_in_days: 30 }, "kms_key_id", "kms_key_id is not set"),
      ...awsManaged(
        "logs",
        (key) => ({ [LOGS]: { name: "/app", kms_key_id: key, retention_in_days: 30 } }),
        (key) => `kms_key_id is the AWS-managed key "${key}"`,
      ),
    ],
  },
  {
    rule: "CKV_AWS_26",
    scenario: "an encrypted topic",
    pass: { "aws_sns_topic.Alarms": { name: "alarms", kms_master_key_id: KEY } },
    address: "aws_sns_topic.Alarms",
    fails: notSet(
      "aws_sns_topic.Alarms",
      { name: "alarms", kms_master_key_id: KEY },
      "kms_master_key_id",
      "kms_master_key_id is not set",
    ),
  },
  {
    rule: "AVD-AWS-0136",
    scenario: "a topic under a customer-managed key (a key reference, or an alias of our own)",
    pass: {
      "aws_sns_topic.Alarms": { name: "alarms", kms_master_key_id: KEY },
      "aws_sns_topic.Alias": { name: "events", kms_master_key_id: "alias/acme-sns" },
    },
    address: "aws_sns_topic.Alarms",
    fails: [
      {
        scenario: "the alias/aws/sns alias",
        fail: { "aws_sns_topic.Alarms": { name: "alarms", kms_master_key_id: "alias/aws/sns" } },
        message: 'kms_master_key_id is the AWS-managed key "alias/aws/sns"',
      },
      {
        scenario: "the alias/aws/sns alias ARN",
        fail: {
          "aws_sns_topic.Alarms": {
            name: "alarms",
            kms_master_key_id: "arn:aws:kms:eu-west-1:123456789012:alias/aws/sns",
          },
        },
        message: 'kms_master_key_id is the AWS-managed key "arn:aws:kms:eu-west-1:123456789012:alias/aws/sns"',
      },
    ],
  },
  {
    rule: "CKV_AWS_145",
    scenario:
      "a bucket encrypted with SSE-KMS under a key (the configuration may name the bucket literally; rule as an object or a list; DSSE counts)",
    pass: withBucket({
      "aws_s3_bucket_server_side_encryption_configuration.Encryption": {
        bucket: "acme-prod-site",
        rule: { apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: KEY } },
      },
      "aws_s3_bucket.Dsse": { bucket: "acme-prod-dsse" },
      "aws_s3_bucket_server_side_encryption_configuration.Dsse": {
        bucket: ref("aws_s3_bucket.Dsse"),
        rule: [
          { apply_server_side_encryption_by_default: [{ sse_algorithm: "aws:kms:dsse", kms_master_key_id: KEY }] },
        ],
      },
    }),
    address: BUCKET,
    fails: [
      {
        scenario: "SSE-S3 (AES256)",
        fail: withBucket({
          "aws_s3_bucket_server_side_encryption_configuration.Encryption": {
            bucket: ref(BUCKET),
            rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
          },
        }),
        message: "the bucket's default encryption is not aws:kms with a customer-managed kms_master_key_id",
      },
      {
        scenario: "aws:kms without a key (the AWS-managed aws/s3 key)",
        fail: withBucket({
          "aws_s3_bucket_server_side_encryption_configuration.Encryption": {
            bucket: ref(BUCKET),
            rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms" } }],
          },
        }),
        message: "the bucket's default encryption is not aws:kms with a customer-managed kms_master_key_id",
      },
      {
        scenario: "SSE-S3 with rule and default as objects",
        fail: withBucket({
          "aws_s3_bucket_server_side_encryption_configuration.Encryption": {
            bucket: "acme-prod-site",
            rule: { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } },
          },
        }),
        message: "the bucket's default encryption is not aws:kms with a customer-managed kms_master_key_id",
      },
      ...awsManaged(
        "s3",
        (key) =>
          withBucket({
            "aws_s3_bucket_server_side_encryption_configuration.Encryption": {
              bucket: ref(BUCKET),
              rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: key } }],
            },
          }),
        () => "the bucket's default encryption is not aws:kms with a customer-managed kms_master_key_id",
      ),
      {
        scenario: "no encryption configuration (another bucket's does not count)",
        fail: {
          [BUCKET]: bucket,
          "aws_s3_bucket_server_side_encryption_configuration.Other": {
            bucket: ref("aws_s3_bucket.BucketTwo"),
            rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: KEY } }],
          },
        },
        message: "no aws_s3_bucket_server_side_encryption_configuration in the stack refers to the bucket",
      },
      {
        scenario: "a configuration naming another bucket literally",
        fail: withBucket({
          "aws_s3_bucket_server_side_encryption_configuration.Encryption": {
            bucket: "acme-prod-other",
            rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: KEY } }],
          },
        }),
        message: "no aws_s3_bucket_server_side_encryption_configuration in the stack refers to the bucket",
      },
    ],
  },
  {
    rule: "CKV_AWS_58",
    scenario: "secrets envelope-encrypted (encryption_config as an object or a list)",
    pass: {
      [CLUSTER]: cluster,
      "aws_eks_cluster.List": {
        ...cluster,
        encryption_config: [{ provider: [{ key_arn: KEY }], resources: ["secrets"] }],
      },
    },
    address: CLUSTER,
    fails: [
      {
        scenario: "encryption_config unset",
        fail: { [CLUSTER]: without(cluster, "encryption_config") },
        message: "encryption_config does not cover secrets",
      },
      {
        scenario: "encryption_config without secrets among its resources",
        fail: { [CLUSTER]: { ...cluster, encryption_config: { provider: { key_arn: KEY }, resources: [] } } },
        message: "encryption_config does not cover secrets",
      },
      {
        scenario: "encryption_config as a list, without secrets",
        fail: {
          [CLUSTER]: { ...cluster, encryption_config: [{ provider: [{ key_arn: KEY }], resources: ["other"] }] },
        },
        message: "encryption_config does not cover secrets",
      },
      {
        scenario: "a provider without key_arn",
        fail: { [CLUSTER]: { ...cluster, encryption_config: { provider: {}, resources: ["secrets"] } } },
        message: "encryption_config.provider.key_arn is not set",
      },
      {
        scenario: "no provider",
        fail: { [CLUSTER]: { ...cluster, encryption_config: [{ resources: ["secrets"] }] } },
        message: "encryption_config.provider.key_arn is not set",
      },
      ...awsManaged(
        "eks",
        (key) => ({
          [CLUSTER]: { ...cluster, encryption_config: { provider: { key_arn: key }, resources: ["secrets"] } },
        }),
        (key) => `encryption_config.provider.key_arn is the AWS-managed key "${key}"`,
      ),
    ],
  },
  {
    rule: "CKV_AWS_149",
    scenario: "a secret under a customer-managed key",
    pass: { "aws_secretsmanager_secret.Secret": { name: "db/master", kms_key_id: KEY } },
    address: "aws_secretsmanager_secret.Secret",
    fails: [
      ...notSet(
        "aws_secretsmanager_secret.Secret",
        { name: "db/master", kms_key_id: KEY },
        "kms_key_id",
        "kms_key_id is not set, so the secret uses the AWS-managed aws/secretsmanager key",
      ),
      {
        scenario: "the alias/aws/secretsmanager alias",
        fail: { "aws_secretsmanager_secret.Secret": { name: "db/master", kms_key_id: "alias/aws/secretsmanager" } },
        message: 'kms_key_id is the AWS-managed key "alias/aws/secretsmanager"',
      },
      {
        scenario: "the alias/aws/secretsmanager alias ARN",
        fail: {
          "aws_secretsmanager_secret.Secret": {
            name: "db/master",
            kms_key_id: "arn:aws:kms:eu-west-1:123456789012:alias/aws/secretsmanager",
          },
        },
        message: 'kms_key_id is the AWS-managed key "arn:aws:kms:eu-west-1:123456789012:alias/aws/secretsmanager"',
      },
    ],
  },
  {
    rule: "CKV_AWS_308",
    scenario: "an encrypted API cache (settings as an object or a list), or no cache",
    pass: {
      [SETTINGS]: methodSettings,
      "aws_api_gateway_method_settings.List": { ...methodSettings, settings: [methodSettings.settings] },
      "aws_api_gateway_method_settings.NoCache": {
        ...methodSettings,
        settings: { logging_level: "ERROR", caching_enabled: "false" },
      },
    },
    address: SETTINGS,
    fails: [
      {
        scenario: "cache_data_encrypted false",
        fail: withSettings({ ...methodSettings.settings, cache_data_encrypted: false }),
        message: "caching is enabled without cache_data_encrypted",
      },
      {
        scenario: 'cache_data_encrypted "false"',
        fail: withSettings({ ...methodSettings.settings, cache_data_encrypted: "false" }),
        message: "caching is enabled without cache_data_encrypted",
      },
      {
        scenario: "cache_data_encrypted unset (API Gateway default: unencrypted)",
        fail: withSettings({ logging_level: "ERROR", caching_enabled: true }),
        message: "caching is enabled without cache_data_encrypted",
      },
      {
        scenario: 'caching_enabled "true" without encryption',
        fail: withSettings({ logging_level: "ERROR", caching_enabled: "true", cache_data_encrypted: false }),
        message: "caching is enabled without cache_data_encrypted",
      },
      {
        scenario: "settings as a one-element list",
        fail: withSettings([{ caching_enabled: true, cache_data_encrypted: false }]),
        message: "caching is enabled without cache_data_encrypted",
      },
    ],
  },

  // Encryption in transit
  {
    rule: "CKV2_AWS_69",
    scenario: 'PostgreSQL parameter groups with rds.force_ssl = "1" or 1 (other engines are not checked)',
    pass: {
      "aws_db_parameter_group.Params": { family: "postgres17", parameter: [{ name: "rds.force_ssl", value: "1" }] },
      "aws_db_parameter_group.Number": {
        family: "postgres16",
        parameter: { name: "rds.force_ssl", value: 1 },
      },
      "aws_db_parameter_group.Mysql": { family: "mysql8.0", parameter: [] },
    },
    address: "aws_db_parameter_group.Params",
    fails: [
      {
        scenario: 'rds.force_ssl "0"',
        fail: {
          "aws_db_parameter_group.Params": { family: "postgres17", parameter: [{ name: "rds.force_ssl", value: "0" }] },
        },
        message: 'rds.force_ssl is "0", not "1"',
      },
      {
        scenario: "rds.force_ssl 0",
        fail: {
          "aws_db_parameter_group.Params": { family: "postgres17", parameter: [{ name: "rds.force_ssl", value: 0 }] },
        },
        message: 'rds.force_ssl is 0, not "1"',
      },
      {
        scenario: "rds.force_ssl absent among other parameters",
        fail: {
          "aws_db_parameter_group.Params": {
            family: "postgres17",
            parameter: [
              { name: "log_min_duration_statement", value: "500" },
              { name: "rds.log_retention_period", value: "1440" },
            ],
          },
        },
        message: 'rds.force_ssl is not set, not "1"',
      },
      {
        scenario: "no parameters",
        fail: { "aws_db_parameter_group.Params": { family: "postgres17" } },
        message: 'rds.force_ssl is not set, not "1"',
      },
      {
        scenario: "parameter as an object",
        fail: {
          "aws_db_parameter_group.Params": { family: "postgres17", parameter: { name: "rds.force_ssl", value: "0" } },
        },
        message: 'rds.force_ssl is "0", not "1"',
      },
    ],
  },
  {
    rule: "PLAT_RDS_PROXY_TLS",
    scenario: 'a proxy requiring TLS (true or "true")',
    pass: {
      "aws_db_proxy.Proxy": { engine_family: "POSTGRESQL", require_tls: true },
      "aws_db_proxy.String": { engine_family: "POSTGRESQL", require_tls: "true" },
    },
    address: "aws_db_proxy.Proxy",
    fails: notTrue(
      "aws_db_proxy.Proxy",
      { engine_family: "POSTGRESQL", require_tls: true },
      "require_tls",
      "require_tls is not true",
      "AWS default: plain connections accepted",
    ),
  },
  {
    rule: "CKV_AWS_30",
    scenario: 'cache TLS required (true or "true"; an unset mode defaults to required)',
    pass: {
      [CACHE]: cache,
      "aws_elasticache_replication_group.String": { ...cache, transit_encryption_enabled: "true" },
      "aws_elasticache_replication_group.DefaultMode": without(cache, "transit_encryption_mode"),
    },
    address: CACHE,
    fails: [
      {
        scenario: "transit_encryption_enabled false",
        fail: { [CACHE]: { ...cache, transit_encryption_enabled: false } },
        message: "transit_encryption_enabled is false, not true",
      },
      {
        scenario: 'transit_encryption_enabled "false"',
        fail: { [CACHE]: { ...cache, transit_encryption_enabled: "false" } },
        message: 'transit_encryption_enabled is "false", not true',
      },
      {
        scenario: "transit_encryption_enabled unset (AWS default: off)",
        fail: { [CACHE]: without(cache, "transit_encryption_enabled", "transit_encryption_mode") },
        message: "transit_encryption_enabled is nothing, not true",
      },
      {
        scenario: 'transit_encryption_mode "preferred" (plaintext clients still accepted)',
        fail: { [CACHE]: { ...cache, transit_encryption_mode: "preferred" } },
        message: 'transit_encryption_mode is "preferred", not "required"',
      },
    ],
  },
  {
    rule: "CKV_AWS_31",
    scenario: "a cache with RBAC user groups or an AUTH token",
    pass: {
      [CACHE]: cache,
      "aws_elasticache_replication_group.Token": {
        ...without(cache, "user_group_ids"),
        auth_token: ref("random_password.Token", "result"),
      },
    },
    address: CACHE,
    fails: [
      {
        scenario: "neither set",
        fail: { [CACHE]: without(cache, "user_group_ids") },
        message: "neither auth_token nor user_group_ids is set",
      },
      {
        scenario: "user_group_ids empty",
        fail: { [CACHE]: { ...cache, user_group_ids: [] } },
        message: "neither auth_token nor user_group_ids is set",
      },
      {
        scenario: "auth_token empty",
        fail: { [CACHE]: { ...without(cache, "user_group_ids"), auth_token: "" } },
        message: "neither auth_token nor user_group_ids is set",
      },
    ],
  },
  {
    rule: "CKV_AWS_81",
    scenario: "Kafka TLS everywhere (an unset block keeps the TLS default; blocks as objects or lists)",
    pass: {
      [KAFKA]: kafka,
      "aws_msk_cluster.Defaults": { ...kafka, encryption_info: { encryption_at_rest_kms_key_arn: KEY } },
      "aws_msk_cluster.List": {
        ...kafka,
        encryption_info: [{ encryption_in_transit: [{ client_broker: "TLS", in_cluster: "true" }] }],
      },
    },
    address: KAFKA,
    fails: [
      {
        scenario: "clients in TLS_PLAINTEXT",
        fail: {
          [KAFKA]: {
            ...kafka,
            encryption_info: { encryption_in_transit: { client_broker: "TLS_PLAINTEXT", in_cluster: true } },
          },
        },
        message: 'encryption_in_transit.client_broker is "TLS_PLAINTEXT", not "TLS"',
      },
      {
        scenario: "clients in PLAINTEXT",
        fail: { [KAFKA]: { ...kafka, encryption_info: { encryption_in_transit: { client_broker: "PLAINTEXT" } } } },
        message: 'encryption_in_transit.client_broker is "PLAINTEXT", not "TLS"',
      },
      {
        scenario: "plaintext between brokers (in_cluster false)",
        fail: {
          [KAFKA]: {
            ...kafka,
            encryption_info: { encryption_in_transit: { client_broker: "TLS", in_cluster: false } },
          },
        },
        message: "encryption_in_transit.in_cluster is false",
      },
      {
        scenario: 'plaintext between brokers (in_cluster "false")',
        fail: { [KAFKA]: { ...kafka, encryption_info: { encryption_in_transit: { in_cluster: "false" } } } },
        message: "encryption_in_transit.in_cluster is false",
      },
      {
        scenario: "blocks as one-element lists",
        fail: { [KAFKA]: { ...kafka, encryption_info: [{ encryption_in_transit: [{ client_broker: "PLAINTEXT" }] }] } },
        message: 'encryption_in_transit.client_broker is "PLAINTEXT", not "TLS"',
      },
    ],
  },
  {
    rule: "CKV_AWS_34",
    scenario: "every behaviour HTTPS-only or redirecting (behaviours as objects or lists)",
    pass: {
      [CDN]: distribution,
      "aws_cloudfront_distribution.Lists": {
        ...distribution,
        default_cache_behavior: [{ viewer_protocol_policy: "https-only" }],
        ordered_cache_behavior: { path_pattern: "/api/*", viewer_protocol_policy: "redirect-to-https" },
      },
    },
    address: CDN,
    fails: [
      {
        scenario: "an ordered behaviour allowing HTTP",
        fail: {
          [CDN]: {
            ...distribution,
            ordered_cache_behavior: [{ path_pattern: "/static/*", viewer_protocol_policy: "allow-all" }],
          },
        },
        message: 'behaviours allow plain HTTP: "/static/*" ("allow-all")',
      },
      {
        scenario: "one ordered behaviour allowing HTTP among HTTPS ones",
        fail: {
          [CDN]: {
            ...distribution,
            ordered_cache_behavior: [
              { path_pattern: "/api/*", viewer_protocol_policy: "https-only" },
              { path_pattern: "/static/*", viewer_protocol_policy: "allow-all" },
              { path_pattern: "/img/*", viewer_protocol_policy: "redirect-to-https" },
            ],
          },
        },
        message: 'behaviours allow plain HTTP: "/static/*" ("allow-all")',
      },
      {
        scenario: "the default behaviour allowing HTTP",
        fail: { [CDN]: { ...distribution, default_cache_behavior: { viewer_protocol_policy: "allow-all" } } },
        message: 'behaviours allow plain HTTP: default ("allow-all")',
      },
      {
        scenario: "the default behaviour as a list",
        fail: { [CDN]: { ...distribution, default_cache_behavior: [{ viewer_protocol_policy: "allow-all" }] } },
        message: 'behaviours allow plain HTTP: default ("allow-all")',
      },
      {
        scenario: "an ordered behaviour as an object, without a policy",
        fail: { [CDN]: { ...distribution, ordered_cache_behavior: { path_pattern: "/static/*" } } },
        message: 'behaviours allow plain HTTP: "/static/*" (nothing)',
      },
    ],
  },
  {
    rule: "CKV_AWS_174",
    scenario: "a custom certificate with TLS 1.2+ (ACM or IAM; viewer_certificate as an object or a list)",
    pass: {
      [CDN]: distribution,
      "aws_cloudfront_distribution.Iam": {
        ...distribution,
        viewer_certificate: { iam_certificate_id: "ASCA1", minimum_protocol_version: "TLSv1.2_2025" },
      },
      "aws_cloudfront_distribution.List": {
        ...distribution,
        viewer_certificate: [
          { acm_certificate_arn: "arn:aws:acm:us-east-1:1:certificate/x", minimum_protocol_version: "TLSv1.3_2025" },
        ],
      },
    },
    address: CDN,
    fails: [
      {
        scenario: "a custom certificate with an old TLS policy",
        fail: {
          [CDN]: {
            ...distribution,
            viewer_certificate: {
              acm_certificate_arn: "arn:aws:acm:us-east-1:1:certificate/x",
              minimum_protocol_version: "TLSv1_2016",
            },
          },
        },
        message: 'viewer_certificate.minimum_protocol_version is "TLSv1_2016", not TLSv1.2_2021 or newer',
      },
      {
        scenario: "TLSv1.2_2019, just below the TLSv1.2_2021 minimum",
        fail: {
          [CDN]: {
            ...distribution,
            viewer_certificate: { iam_certificate_id: "ASCA1", minimum_protocol_version: "TLSv1.2_2019" },
          },
        },
        message: 'viewer_certificate.minimum_protocol_version is "TLSv1.2_2019", not TLSv1.2_2021 or newer',
      },
      {
        scenario: "a custom certificate without a policy (CloudFront default: TLSv1)",
        fail: {
          [CDN]: {
            ...distribution,
            viewer_certificate: { acm_certificate_arn: "arn:aws:acm:us-east-1:1:certificate/x" },
          },
        },
        message: "viewer_certificate.minimum_protocol_version is nothing, not TLSv1.2_2021 or newer",
      },
      {
        scenario: "viewer_certificate as a list, with an old policy",
        fail: {
          [CDN]: {
            ...distribution,
            viewer_certificate: [
              {
                acm_certificate_arn: "arn:aws:acm:us-east-1:1:certificate/x",
                minimum_protocol_version: "TLSv1.1_2016",
              },
            ],
          },
        },
        message: 'viewer_certificate.minimum_protocol_version is "TLSv1.1_2016", not TLSv1.2_2021 or newer',
      },
      {
        scenario: "the default *.cloudfront.net certificate (CloudFront then accepts TLS 1.0)",
        fail: {
          [CDN]: {
            ...distribution,
            viewer_certificate: { cloudfront_default_certificate: true, minimum_protocol_version: "TLSv1.2_2021" },
          },
        },
        message:
          "viewer_certificate is the default *.cloudfront.net certificate, with which CloudFront accepts TLS 1.0",
      },
      {
        scenario: "viewer_certificate unset",
        fail: { [CDN]: without(distribution, "viewer_certificate") },
        message:
          "viewer_certificate is the default *.cloudfront.net certificate, with which CloudFront accepts TLS 1.0",
      },
    ],
  },
  {
    rule: "PLAT_CLOUDFRONT_ORIGIN_TLS",
    scenario: "custom origins over HTTPS with TLS 1.2 only (S3 origins are not checked; blocks as objects or lists)",
    pass: {
      [CDN]: distribution,
      "aws_cloudfront_distribution.Object": {
        ...distribution,
        origin: {
          origin_id: "api",
          custom_origin_config: [{ origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] }],
        },
      },
      "aws_cloudfront_distribution.S3": {
        ...distribution,
        origin: [{ origin_id: "site", s3_origin_config: { origin_access_identity: "" } }],
      },
    },
    address: CDN,
    fails: [
      {
        scenario: "match-viewer with TLSv1 allowed",
        fail: {
          [CDN]: {
            ...distribution,
            origin: [
              {
                origin_id: "api",
                custom_origin_config: {
                  origin_protocol_policy: "match-viewer",
                  origin_ssl_protocols: ["TLSv1", "TLSv1.2"],
                },
              },
            ],
          },
        },
        message: 'origin "api" uses origin_protocol_policy "match-viewer"; origin "api" allows TLSv1',
      },
      {
        scenario: "http-only",
        fail: {
          [CDN]: {
            ...distribution,
            origin: [
              {
                origin_id: "api",
                custom_origin_config: { origin_protocol_policy: "http-only", origin_ssl_protocols: ["TLSv1.2"] },
              },
            ],
          },
        },
        message: 'origin "api" uses origin_protocol_policy "http-only"',
      },
      {
        scenario: "old protocols among TLSv1.2",
        fail: {
          [CDN]: {
            ...distribution,
            origin: [
              {
                origin_id: "api",
                custom_origin_config: {
                  origin_protocol_policy: "https-only",
                  origin_ssl_protocols: ["SSLv3", "TLSv1.2", "TLSv1.1"],
                },
              },
            ],
          },
        },
        message: 'origin "api" allows SSLv3, TLSv1.1',
      },
      {
        scenario: "one bad custom origin among good and S3 origins",
        fail: {
          [CDN]: {
            ...distribution,
            origin: [
              { origin_id: "site", s3_origin_config: { origin_access_identity: "" } },
              {
                origin_id: "api",
                custom_origin_config: { origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] },
              },
              {
                origin_id: "legacy",
                custom_origin_config: { origin_protocol_policy: "http-only", origin_ssl_protocols: ["TLSv1.2"] },
              },
            ],
          },
        },
        message: 'origin "legacy" uses origin_protocol_policy "http-only"',
      },
      {
        scenario: "origin as an object, custom_origin_config as a list",
        fail: {
          [CDN]: {
            ...distribution,
            origin: {
              origin_id: "api",
              custom_origin_config: [{ origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.1"] }],
            },
          },
        },
        message: 'origin "api" allows TLSv1.1',
      },
    ],
  },
  {
    rule: "CKV_AWS_206",
    scenario: "API domains with TLS 1.2 policies (REST, and HTTP/WebSocket with the block as an object or a list)",
    pass: {
      "aws_api_gateway_domain_name.Domain": { domain_name: "api.example.com", security_policy: "TLS_1_2" },
      "aws_apigatewayv2_domain_name.V2": {
        domain_name: "ws.example.com",
        domain_name_configuration: { security_policy: "SecurityPolicy_TLS13_1_2_2021_06" },
      },
      "aws_apigatewayv2_domain_name.List": {
        domain_name: "ws2.example.com",
        domain_name_configuration: [{ security_policy: "TLS_1_2" }],
      },
    },
    address: "aws_api_gateway_domain_name.Domain",
    fails: [
      {
        scenario: "a REST domain allowing TLS 1.0",
        fail: { "aws_api_gateway_domain_name.Domain": { domain_name: "api.example.com", security_policy: "TLS_1_0" } },
        message: 'security_policy is "TLS_1_0", not TLS_1_2 or newer',
      },
      {
        scenario: "a REST domain without a policy (the rule asks for it explicitly)",
        fail: { "aws_api_gateway_domain_name.Domain": { domain_name: "api.example.com" } },
        message: "security_policy is nothing, not TLS_1_2 or newer",
      },
      {
        scenario: "an HTTP/WebSocket domain allowing TLS 1.0 (block as a list)",
        address: "aws_apigatewayv2_domain_name.V2",
        fail: {
          "aws_apigatewayv2_domain_name.V2": {
            domain_name: "ws.example.com",
            domain_name_configuration: [{ security_policy: "TLS_1_0" }],
          },
        },
        message: 'security_policy is "TLS_1_0", not TLS_1_2 or newer',
      },
      {
        scenario: "an HTTP/WebSocket domain whose security_policy sits outside domain_name_configuration",
        address: "aws_apigatewayv2_domain_name.V2",
        fail: { "aws_apigatewayv2_domain_name.V2": { domain_name: "ws.example.com", security_policy: "TLS_1_2" } },
        message: "security_policy is nothing, not TLS_1_2 or newer",
      },
    ],
  },
  {
    rule: "CKV_AWS_103",
    scenario: "HTTPS and TLS listeners with TLS 1.2+ policies (HTTP listeners are not checked)",
    pass: {
      "aws_lb_listener.Https": { protocol: "HTTPS", ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06" },
      "aws_lb_listener.Tls": { protocol: "TLS", ssl_policy: "ELBSecurityPolicy-TLS-1-2-Ext-2018-06" },
      "aws_alb_listener.Fs": { protocol: "HTTPS", ssl_policy: "ELBSecurityPolicy-FS-1-2-Res-2020-10" },
      "aws_lb_listener.Ref": { protocol: "HTTPS", ssl_policy: "${var.ssl_policy}" },
      "aws_lb_listener.Http": { protocol: "HTTP", port: 80 },
    },
    address: "aws_lb_listener.Https",
    fails: [
      {
        scenario: "an HTTPS listener with a TLS 1.0 policy",
        fail: { "aws_lb_listener.Https": { protocol: "HTTPS", ssl_policy: "ELBSecurityPolicy-2016-08" } },
        message: 'the HTTPS listener\'s ssl_policy is "ELBSecurityPolicy-2016-08", which allows TLS older than 1.2',
      },
      {
        scenario: "TLS13-1-1, just below the TLS13-1-2 minimum",
        fail: { "aws_lb_listener.Https": { protocol: "HTTPS", ssl_policy: "ELBSecurityPolicy-TLS13-1-1-2021-06" } },
        message:
          'the HTTPS listener\'s ssl_policy is "ELBSecurityPolicy-TLS13-1-1-2021-06", which allows TLS older than 1.2',
      },
      {
        scenario: "an HTTPS listener without a policy (AWS default: ELBSecurityPolicy-2016-08)",
        fail: { "aws_lb_listener.Https": { protocol: "HTTPS", port: 443 } },
        message: "the HTTPS listener's ssl_policy is nothing, which allows TLS older than 1.2",
      },
      {
        scenario: "a TLS listener with a TLS 1.1 policy",
        address: "aws_lb_listener.Tls",
        fail: { "aws_lb_listener.Tls": { protocol: "TLS", ssl_policy: "ELBSecurityPolicy-TLS-1-1-2017-01" } },
        message:
          'the TLS listener\'s ssl_policy is "ELBSecurityPolicy-TLS-1-1-2017-01", which allows TLS older than 1.2',
      },
      {
        scenario: "an aws_alb_listener with a TLS 1.0 policy",
        address: "aws_alb_listener.Https",
        fail: { "aws_alb_listener.Https": { protocol: "HTTPS", ssl_policy: "ELBSecurityPolicy-2016-08" } },
        message: 'the HTTPS listener\'s ssl_policy is "ELBSecurityPolicy-2016-08", which allows TLS older than 1.2',
      },
    ],
  },
  {
    rule: "PLAT_S3_TLS_ONLY",
    scenario: "a bucket policy denying aws:SecureTransport = false (a document, or JSON with a string or a boolean)",
    pass: withBucket({
      "aws_s3_bucket.Json": { bucket: "acme-prod-json" },
      "aws_s3_bucket_policy.Json": {
        bucket: ref("aws_s3_bucket.Json"),
        policy: policyJson({
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: ["arn:aws:s3:::acme-prod-json", "arn:aws:s3:::acme-prod-json/*"],
          Condition: { Bool: { "aws:SecureTransport": false } },
        }),
      },
      "aws_s3_bucket.String": { bucket: "acme-prod-string" },
      "aws_s3_bucket_policy.String": {
        bucket: ref("aws_s3_bucket.String"),
        policy: policyJson({
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: "arn:aws:s3:::acme-prod-string/*",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        }),
      },
    }),
    address: BUCKET,
    fails: [
      {
        scenario: "a bucket policy without the TLS-only deny",
        fail: withBucket({ "aws_s3_bucket_policy.Policy": { bucket: ref(BUCKET), policy: readJson } }),
        message: "the bucket policy does not deny aws:SecureTransport = false",
      },
      {
        scenario: "no bucket policy (another bucket's does not count)",
        fail: {
          ...withBucket(),
          "aws_s3_bucket_policy.Policy": {
            bucket: ref("aws_s3_bucket.Other"),
            policy: ref("data.aws_iam_policy_document.TlsOnly", "json"),
          },
        },
        message: "no aws_s3_bucket_policy in the stack refers to the bucket",
      },
      {
        scenario: "the condition in an Allow statement",
        fail: withBucket({
          "data.aws_iam_policy_document.TlsOnly": {
            statement: [
              {
                effect: "Allow",
                actions: ["s3:GetObject"],
                resources: ["arn:aws:s3:::acme-prod-site/*"],
                principals: { type: "*", identifiers: ["*"] },
                condition: { test: "Bool", variable: "aws:SecureTransport", values: ["false"] },
              },
            ],
          },
        }),
        message: "the bucket policy does not deny aws:SecureTransport = false",
      },
      {
        scenario: "a deny of aws:SecureTransport = true",
        fail: withBucket({
          "aws_s3_bucket_policy.Policy": {
            bucket: ref(BUCKET),
            policy: policyJson({
              Effect: "Deny",
              Principal: "*",
              Action: "s3:*",
              Resource: "arn:aws:s3:::acme-prod-site/*",
              Condition: { Bool: { "aws:SecureTransport": true } },
            }),
          },
        }),
        message: "the bucket policy does not deny aws:SecureTransport = false",
      },
      {
        scenario: "a deny on another condition key",
        fail: withBucket({
          "data.aws_iam_policy_document.TlsOnly": {
            statement: {
              effect: "Deny",
              actions: ["s3:*"],
              resources: ["arn:aws:s3:::acme-prod-site/*"],
              principals: [{ type: "*", identifiers: ["*"] }],
              condition: [{ test: "Bool", variable: "aws:ViaAWSService", values: ["false"] }],
            },
          },
        }),
        message: "the bucket policy does not deny aws:SecureTransport = false",
      },
    ],
  },

  // Network exposure
  {
    rule: "CKV_AWS_17",
    scenario: 'a private database (false, "false", or unset: the default)',
    pass: {
      [DB]: db,
      "aws_db_instance.String": { ...db, publicly_accessible: "false" },
      "aws_db_instance.Unset": without(db, "publicly_accessible"),
    },
    address: DB,
    fails: isOn(DB, db, "publicly_accessible", "publicly_accessible is true"),
  },
  {
    rule: "CKV_AWS_291",
    scenario: "Kafka brokers without public IPs (blocks as objects or lists)",
    pass: {
      [KAFKA]: kafka,
      "aws_msk_cluster.Unset": without(kafka, "broker_node_group_info"),
      "aws_msk_cluster.List": {
        ...kafka,
        broker_node_group_info: [{ connectivity_info: [{ public_access: [{ type: "DISABLED" }] }] }],
      },
    },
    address: KAFKA,
    fails: [
      {
        scenario: "SERVICE_PROVIDED_EIPS",
        fail: {
          [KAFKA]: {
            ...kafka,
            broker_node_group_info: { connectivity_info: { public_access: { type: "SERVICE_PROVIDED_EIPS" } } },
          },
        },
        message: "brokers have public access (SERVICE_PROVIDED_EIPS)",
      },
      {
        scenario: "SERVICE_PROVIDED_EIPS with the blocks as one-element lists",
        fail: {
          [KAFKA]: {
            ...kafka,
            broker_node_group_info: [{ connectivity_info: [{ public_access: [{ type: "SERVICE_PROVIDED_EIPS" }] }] }],
          },
        },
        message: "brokers have public access (SERVICE_PROVIDED_EIPS)",
      },
    ],
  },
  {
    rule: "PLAT_MSK_CLIENT_AUTH",
    scenario: "authenticated Kafka clients (IAM, SCRAM or TLS; blocks as objects or lists)",
    pass: {
      [KAFKA]: kafka,
      "aws_msk_cluster.Tls": { ...kafka, client_authentication: { tls: { certificate_authority_arns: ["arn"] } } },
      "aws_msk_cluster.Scram": {
        ...kafka,
        client_authentication: [{ sasl: [{ scram: "true" }], unauthenticated: "false" }],
      },
    },
    address: KAFKA,
    fails: [
      ...[true, "true"].map((value) => ({
        scenario: `unauthenticated ${JSON.stringify(value)} next to IAM`,
        fail: { [KAFKA]: { ...kafka, client_authentication: { sasl: { iam: true }, unauthenticated: value } } },
        message: "client_authentication.unauthenticated is true",
      })),
      {
        scenario: "unauthenticated true with the block as a list",
        fail: { [KAFKA]: { ...kafka, client_authentication: [{ sasl: [{ iam: true }], unauthenticated: true }] } },
        message: "client_authentication.unauthenticated is true",
      },
      {
        scenario: "no client authentication at all",
        fail: { [KAFKA]: without(kafka, "client_authentication") },
        message: "no client_authentication, so clients connect unauthenticated",
      },
      {
        scenario: "a client_authentication block that enables nothing",
        fail: { [KAFKA]: { ...kafka, client_authentication: { sasl: { iam: false, scram: "false" } } } },
        message: "client_authentication enables neither SASL (IAM, SCRAM) nor TLS",
      },
      {
        scenario: 'IAM "false" as the only mechanism',
        fail: { [KAFKA]: { ...kafka, client_authentication: [{ sasl: [{ iam: "false" }], unauthenticated: false }] } },
        message: "client_authentication enables neither SASL (IAM, SCRAM) nor TLS",
      },
    ],
  },
  {
    rule: "CKV_AWS_38",
    scenario: 'a private API endpoint (false or "false"), or a public one limited to listed CIDRs',
    pass: {
      [CLUSTER]: cluster,
      "aws_eks_cluster.String": {
        ...cluster,
        vpc_config: [{ endpoint_private_access: true, endpoint_public_access: "false" }],
      },
      "aws_eks_cluster.Listed": {
        ...cluster,
        vpc_config: { endpoint_public_access: true, public_access_cidrs: ["203.0.113.0/24", "198.51.100.7/32"] },
      },
      "aws_eks_cluster.Ref": {
        ...cluster,
        vpc_config: { endpoint_public_access: true, public_access_cidrs: "${var.cidrs}" },
      },
    },
    address: CLUSTER,
    fails: [
      {
        scenario: "a public endpoint open to 0.0.0.0/0",
        fail: {
          [CLUSTER]: { ...cluster, vpc_config: { endpoint_public_access: true, public_access_cidrs: ["0.0.0.0/0"] } },
        },
        message: "the public endpoint is open to 0.0.0.0/0",
      },
      {
        scenario: "0.0.0.0/0 among listed CIDRs",
        fail: {
          [CLUSTER]: {
            ...cluster,
            vpc_config: { endpoint_public_access: "true", public_access_cidrs: ["203.0.113.0/24", "0.0.0.0/0"] },
          },
        },
        message: "the public endpoint is open to 0.0.0.0/0",
      },
      {
        scenario: "vpc_config as a list, open to 0.0.0.0/0",
        fail: {
          [CLUSTER]: { ...cluster, vpc_config: [{ endpoint_public_access: true, public_access_cidrs: ["0.0.0.0/0"] }] },
        },
        message: "the public endpoint is open to 0.0.0.0/0",
      },
      {
        scenario: "a public endpoint by default (no vpc_config settings)",
        fail: { [CLUSTER]: { ...cluster, vpc_config: { subnet_ids: ["subnet-1"] } } },
        message: "the public endpoint is on without public_access_cidrs, which defaults to 0.0.0.0/0",
      },
      {
        scenario: 'endpoint_public_access "true" without CIDRs',
        fail: { [CLUSTER]: { ...cluster, vpc_config: { endpoint_public_access: "true" } } },
        message: "the public endpoint is on without public_access_cidrs, which defaults to 0.0.0.0/0",
      },
      {
        scenario: "an empty CIDR list",
        fail: { [CLUSTER]: { ...cluster, vpc_config: { endpoint_public_access: true, public_access_cidrs: [] } } },
        message: "the public endpoint is on without public_access_cidrs, which defaults to 0.0.0.0/0",
      },
    ],
  },
  {
    rule: "CKV_AWS_39",
    scenario: 'a private endpoint only (false or "false"; vpc_config as an object or a list)',
    pass: {
      [CLUSTER]: cluster,
      "aws_eks_cluster.List": { ...cluster, vpc_config: [{ endpoint_public_access: "false" }] },
    },
    address: CLUSTER,
    fails: [
      ...[true, "true"].map((value) => ({
        scenario: `endpoint_public_access ${JSON.stringify(value)}, even CIDR-limited`,
        fail: {
          [CLUSTER]: {
            ...cluster,
            vpc_config: { endpoint_public_access: value, public_access_cidrs: ["203.0.113.0/24"] },
          },
        },
        message: "vpc_config.endpoint_public_access is not false",
      })),
      {
        scenario: "endpoint_public_access unset (EKS default: public)",
        fail: { [CLUSTER]: { ...cluster, vpc_config: { endpoint_private_access: true } } },
        message: "vpc_config.endpoint_public_access is not false",
      },
      {
        scenario: "vpc_config as a list, public",
        fail: { [CLUSTER]: { ...cluster, vpc_config: [{ endpoint_public_access: true }] } },
        message: "vpc_config.endpoint_public_access is not false",
      },
    ],
  },
  {
    rule: "PLAT_SG_NO_WORLD_INGRESS",
    scenario: "inline ingress from private CIDRs, or from 0.0.0.0/0 on a PublicEdge group",
    pass: {
      "aws_security_group.Edge": {
        tags: { PublicEdge: "true" },
        ingress: [{ protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["0.0.0.0/0"] }],
      },
      "aws_security_group.Internal": {
        ingress: [{ protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["10.0.0.0/16"] }],
        egress: [{ protocol: "-1", from_port: 0, to_port: 0, cidr_blocks: ["0.0.0.0/0"] }],
      },
      "aws_security_group.Object": {
        ingress: { protocol: "tcp", from_port: 5432, to_port: 5432, ipv6_cidr_blocks: ["fd00::/8"] },
      },
    },
    address: "aws_security_group.Internal",
    fails: [
      {
        scenario: "0.0.0.0/0 among private CIDRs",
        fail: {
          "aws_security_group.Internal": {
            ingress: [{ protocol: "tcp", from_port: 22, to_port: 22, cidr_blocks: ["10.0.0.0/8", "0.0.0.0/0"] }],
          },
        },
        message: "inline ingress allows tcp 22 from 0.0.0.0/0",
      },
      {
        scenario: "::/0 in ipv6_cidr_blocks",
        fail: {
          "aws_security_group.Internal": {
            ingress: [{ protocol: "tcp", from_port: 443, to_port: 443, ipv6_cidr_blocks: ["::/0"] }],
          },
        },
        message: "inline ingress allows tcp 443 from ::/0",
      },
      {
        scenario: "both whole-internet CIDRs, all traffic",
        fail: {
          "aws_security_group.Internal": {
            ingress: [
              { protocol: "-1", from_port: 0, to_port: 0, cidr_blocks: ["0.0.0.0/0"], ipv6_cidr_blocks: ["::/0"] },
            ],
          },
        },
        message: "inline ingress allows all traffic from 0.0.0.0/0, ::/0",
      },
      {
        scenario: "one open rule among private ones, over a port range",
        fail: {
          "aws_security_group.Internal": {
            ingress: [
              { protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["10.0.0.0/16"] },
              { protocol: "tcp", from_port: 1024, to_port: 65535, cidr_blocks: ["0.0.0.0/0"] },
              { protocol: "udp", from_port: 53, to_port: 53, ipv6_cidr_blocks: ["::/0"] },
            ],
          },
        },
        message: "inline ingress allows tcp 1024-65535 from 0.0.0.0/0; udp 53 from ::/0",
      },
      {
        scenario: "ingress as an object",
        fail: {
          "aws_security_group.Internal": {
            ingress: { protocol: "tcp", from_port: 80, to_port: 80, cidr_blocks: ["0.0.0.0/0"] },
          },
        },
        message: "inline ingress allows tcp 80 from 0.0.0.0/0",
      },
      {
        scenario: 'a group tagged PublicEdge = "false"',
        fail: {
          "aws_security_group.Internal": {
            tags: { PublicEdge: "false" },
            ingress: [{ protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["0.0.0.0/0"] }],
          },
        },
        message: "inline ingress allows tcp 443 from 0.0.0.0/0",
      },
    ],
  },
  {
    rule: "PLAT_SG_NO_WORLD_INGRESS",
    scenario: "an ingress rule resource from ::/0 or 0.0.0.0/0 into a PublicEdge group of the stack",
    pass: {
      "aws_security_group.Edge": { tags: { PublicEdge: "true" } },
      "aws_vpc_security_group_ingress_rule.Https": {
        security_group_id: ref("aws_security_group.Edge"),
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        cidr_ipv6: "::/0",
      },
      "aws_vpc_security_group_ingress_rule.Http": {
        security_group_id: ref("aws_security_group.Edge"),
        ip_protocol: "tcp",
        from_port: 80,
        to_port: 80,
        cidr_ipv4: "0.0.0.0/0",
      },
      "aws_vpc_security_group_ingress_rule.Private": {
        security_group_id: ref("aws_security_group.App"),
        ip_protocol: "tcp",
        from_port: 8080,
        to_port: 8080,
        cidr_ipv4: "10.0.0.0/16",
      },
    },
    address: "aws_vpc_security_group_ingress_rule.Https",
    fails: [
      {
        scenario: "::/0 into an untagged group",
        fail: {
          "aws_security_group.App": { tags: { Name: "app" } },
          "aws_vpc_security_group_ingress_rule.Https": {
            security_group_id: ref("aws_security_group.App"),
            ip_protocol: "tcp",
            from_port: 443,
            to_port: 443,
            cidr_ipv6: "::/0",
          },
        },
        message: "ingress allows tcp 443 from ::/0 to aws_security_group.App",
      },
      {
        scenario: "0.0.0.0/0, all traffic (a PublicEdge group elsewhere in the stack does not count)",
        fail: {
          "aws_security_group.Edge": { tags: { PublicEdge: "true" } },
          "aws_security_group.App": { tags: { Name: "app" } },
          "aws_vpc_security_group_ingress_rule.Https": {
            security_group_id: ref("aws_security_group.App"),
            ip_protocol: "-1",
            cidr_ipv4: "0.0.0.0/0",
          },
        },
        message: "ingress allows all traffic from 0.0.0.0/0 to aws_security_group.App",
      },
      {
        scenario: "the whole port range, into a group of another stack",
        fail: {
          "aws_vpc_security_group_ingress_rule.Https": {
            security_group_id: "sg-0123456789abcdef0",
            ip_protocol: "tcp",
            from_port: 0,
            to_port: 65535,
            cidr_ipv4: "0.0.0.0/0",
          },
        },
        message: 'ingress allows tcp 0-65535 from 0.0.0.0/0 to "sg-0123456789abcdef0"',
      },
    ],
  },
  {
    rule: "PLAT_SG_NO_WORLD_INGRESS",
    scenario: "security group rules: egress, and ingress into a PublicEdge group, pass",
    pass: {
      "aws_security_group.Edge": { tags: { PublicEdge: "true" } },
      "aws_security_group_rule.Out": {
        type: "egress",
        security_group_id: ref("aws_security_group.App"),
        protocol: "-1",
        from_port: 0,
        to_port: 0,
        cidr_blocks: ["0.0.0.0/0"],
      },
      "aws_security_group_rule.EdgeIn": {
        type: "ingress",
        security_group_id: ref("aws_security_group.Edge"),
        protocol: "tcp",
        from_port: 443,
        to_port: 443,
        cidr_blocks: ["0.0.0.0/0"],
        ipv6_cidr_blocks: ["::/0"],
      },
    },
    address: "aws_security_group_rule.In",
    fails: [
      {
        scenario: "ingress from 0.0.0.0/0",
        fail: {
          "aws_security_group_rule.In": {
            type: "ingress",
            security_group_id: ref("aws_security_group.App"),
            protocol: "-1",
            from_port: 0,
            to_port: 0,
            cidr_blocks: ["0.0.0.0/0"],
          },
        },
        message: "ingress allows all traffic from 0.0.0.0/0 to aws_security_group.App",
      },
      {
        scenario: "ingress from ::/0",
        fail: {
          "aws_security_group_rule.In": {
            type: "ingress",
            security_group_id: ref("aws_security_group.App"),
            protocol: "tcp",
            from_port: 22,
            to_port: 22,
            ipv6_cidr_blocks: ["::/0"],
          },
        },
        message: "ingress allows tcp 22 from ::/0 to aws_security_group.App",
      },
      {
        scenario: "0.0.0.0/0 among private CIDRs, over a port range",
        fail: {
          "aws_security_group_rule.In": {
            type: "ingress",
            security_group_id: ref("aws_security_group.App"),
            protocol: "tcp",
            from_port: 8080,
            to_port: 8090,
            cidr_blocks: ["10.0.0.0/8", "0.0.0.0/0"],
          },
        },
        message: "ingress allows tcp 8080-8090 from 0.0.0.0/0 to aws_security_group.App",
      },
    ],
  },
  {
    rule: "CKV2_AWS_12",
    scenario: "a VPC whose default security group is locked down",
    pass: {
      "aws_vpc.Vpc": { cidr_block: "10.0.0.0/16" },
      "aws_default_security_group.Default": { vpc_id: ref("aws_vpc.Vpc") },
      "aws_vpc.Empty": { cidr_block: "10.1.0.0/16" },
      "aws_default_security_group.Empty": { vpc_id: ref("aws_vpc.Empty"), ingress: [], egress: [] },
    },
    address: "aws_vpc.Vpc",
    fails: [
      {
        scenario: "the default group with ingress",
        fail: {
          "aws_vpc.Vpc": { cidr_block: "10.0.0.0/16" },
          "aws_default_security_group.Default": {
            vpc_id: ref("aws_vpc.Vpc"),
            ingress: [{ protocol: "-1", self: true, from_port: 0, to_port: 0 }],
          },
        },
        message: "the default security group has rules",
      },
      {
        scenario: "the default group with egress as an object",
        fail: {
          "aws_vpc.Vpc": { cidr_block: "10.0.0.0/16" },
          "aws_default_security_group.Default": {
            vpc_id: ref("aws_vpc.Vpc"),
            egress: { protocol: "-1", from_port: 0, to_port: 0, cidr_blocks: ["0.0.0.0/0"] },
          },
        },
        message: "the default security group has rules",
      },
      {
        scenario: "the default group unmanaged (another VPC's does not count)",
        fail: {
          "aws_vpc.Vpc": { cidr_block: "10.0.0.0/16" },
          "aws_default_security_group.Default": { vpc_id: ref("aws_vpc.Other") },
        },
        message: "no aws_default_security_group in the stack manages the VPC's default group",
      },
    ],
  },
  {
    rule: "CKV_AWS_59",
    scenario: 'API methods with an authorizer or an API key (true or "true"; OPTIONS is exempt)',
    pass: {
      "aws_api_gateway_method.Get": { http_method: "GET", authorization: "COGNITO_USER_POOLS" },
      "aws_api_gateway_method.Keyed": { http_method: "ANY", authorization: "NONE", api_key_required: true },
      "aws_api_gateway_method.KeyedString": { http_method: "POST", authorization: "NONE", api_key_required: "true" },
      "aws_api_gateway_method.Preflight": { http_method: "OPTIONS", authorization: "NONE" },
    },
    address: "aws_api_gateway_method.Get",
    fails: [
      {
        scenario: "no authorizer and no API key",
        fail: { "aws_api_gateway_method.Get": { http_method: "GET", authorization: "NONE" } },
        message: '"GET" has authorization NONE and no API key',
      },
      ...notTrue(
        "aws_api_gateway_method.Get",
        { http_method: "GET", authorization: "NONE" },
        "api_key_required",
        '"GET" has authorization NONE and no API key',
      ),
      {
        scenario: "ANY without authorizer",
        fail: { "aws_api_gateway_method.Get": { http_method: "ANY", authorization: "NONE", api_key_required: false } },
        message: '"ANY" has authorization NONE and no API key',
      },
    ],
  },
  {
    rule: "CKV_AWS_131",
    scenario: 'ALBs dropping invalid headers (true or "true"; network load balancers are not checked)',
    pass: {
      "aws_lb.Alb": { load_balancer_type: "application", drop_invalid_header_fields: true },
      "aws_alb.String": { drop_invalid_header_fields: "true" },
      "aws_lb.Nlb": { load_balancer_type: "network" },
    },
    address: "aws_lb.Alb",
    fails: [
      ...notTrue(
        "aws_lb.Alb",
        { load_balancer_type: "application", drop_invalid_header_fields: true },
        "drop_invalid_header_fields",
        "drop_invalid_header_fields is not true",
        "AWS default: invalid headers passed on",
      ),
      {
        scenario: "an ALB by default type",
        fail: { "aws_lb.Alb": { internal: true } },
        message: "drop_invalid_header_fields is not true",
      },
      {
        scenario: "an aws_alb",
        address: "aws_alb.Alb",
        fail: { "aws_alb.Alb": { drop_invalid_header_fields: "false" } },
        message: "drop_invalid_header_fields is not true",
      },
    ],
  },

  // Compute
  {
    rule: "CKV_AWS_79",
    scenario: "IMDSv2 required (metadata_options as an object or a list), or the metadata service off",
    pass: {
      [NODES]: launchTemplate,
      "aws_launch_template.List": { ...launchTemplate, metadata_options: [{ http_tokens: "required" }] },
      "aws_launch_template.Off": { ...launchTemplate, metadata_options: { http_endpoint: "disabled" } },
    },
    address: NODES,
    fails: [
      {
        scenario: 'http_tokens "optional"',
        fail: { [NODES]: { ...launchTemplate, metadata_options: { http_tokens: "optional" } } },
        message: 'metadata_options.http_tokens is "optional", not "required"',
      },
      {
        scenario: "http_tokens unset (EC2 default: optional)",
        fail: {
          [NODES]: {
            ...launchTemplate,
            metadata_options: { http_endpoint: "enabled", http_put_response_hop_limit: 1 },
          },
        },
        message: 'metadata_options.http_tokens is nothing, not "required"',
      },
      {
        scenario: "metadata_options unset",
        fail: { [NODES]: without(launchTemplate, "metadata_options") },
        message: 'metadata_options.http_tokens is nothing, not "required"',
      },
      {
        scenario: "metadata_options as a list",
        fail: {
          [NODES]: { ...launchTemplate, metadata_options: [{ http_endpoint: "enabled", http_tokens: "optional" }] },
        },
        message: 'metadata_options.http_tokens is "optional", not "required"',
      },
    ],
  },
  {
    rule: "CKV_AWS_341",
    scenario: 'a metadata hop limit of 1 or "1" (metadata_options as an object or a list), or the metadata service off',
    pass: {
      [NODES]: launchTemplate,
      "aws_launch_template.String": {
        ...launchTemplate,
        metadata_options: [{ http_tokens: "required", http_put_response_hop_limit: "1" }],
      },
      "aws_launch_template.Off": { ...launchTemplate, metadata_options: { http_endpoint: "disabled" } },
    },
    address: NODES,
    fails: [
      {
        scenario: "a hop limit of 2, one above the limit",
        fail: {
          [NODES]: { ...launchTemplate, metadata_options: { http_tokens: "required", http_put_response_hop_limit: 2 } },
        },
        message: "metadata_options.http_put_response_hop_limit is 2, not 1",
      },
      {
        scenario: 'a hop limit of "2"',
        fail: {
          [NODES]: {
            ...launchTemplate,
            metadata_options: { http_tokens: "required", http_put_response_hop_limit: "2" },
          },
        },
        message: 'metadata_options.http_put_response_hop_limit is "2", not 1',
      },
      {
        scenario: "the hop limit unset (the rule asks for it explicitly)",
        fail: { [NODES]: { ...launchTemplate, metadata_options: { http_tokens: "required" } } },
        message: "metadata_options.http_put_response_hop_limit is nothing, not 1",
      },
      {
        scenario: "metadata_options unset",
        fail: { [NODES]: without(launchTemplate, "metadata_options") },
        message: "metadata_options.http_put_response_hop_limit is nothing, not 1",
      },
      {
        scenario: "metadata_options as a list",
        fail: {
          [NODES]: {
            ...launchTemplate,
            metadata_options: [{ http_tokens: "required", http_put_response_hop_limit: 3 }],
          },
        },
        message: "metadata_options.http_put_response_hop_limit is 3, not 1",
      },
    ],
  },
  {
    rule: "CKV_AWS_88",
    scenario: 'instances without public IPs (false, "false" or unset)',
    pass: {
      [NODES]: { ...launchTemplate, network_interfaces: [{ associate_public_ip_address: "false" }] },
      "aws_launch_template.Bool": { ...launchTemplate, network_interfaces: { associate_public_ip_address: false } },
      "aws_launch_template.Unset": { ...launchTemplate, network_interfaces: [{ device_index: 0 }] },
    },
    address: NODES,
    fails: [
      ...[true, "true"].map((value) => ({
        scenario: `associate_public_ip_address ${JSON.stringify(value)}`,
        fail: { [NODES]: { ...launchTemplate, network_interfaces: [{ associate_public_ip_address: value }] } },
        message: "a network interface sets associate_public_ip_address",
      })),
      {
        scenario: "one public interface among private ones",
        fail: {
          [NODES]: {
            ...launchTemplate,
            network_interfaces: [
              { device_index: 0, associate_public_ip_address: false },
              { device_index: 1, associate_public_ip_address: "true" },
            ],
          },
        },
        message: "a network interface sets associate_public_ip_address",
      },
      {
        scenario: "network_interfaces as an object",
        fail: { [NODES]: { ...launchTemplate, network_interfaces: { associate_public_ip_address: true } } },
        message: "a network interface sets associate_public_ip_address",
      },
    ],
  },
  {
    rule: "CKV_AWS_100",
    scenario: "node SSH limited to source groups (remote_access as an object or a list), or no SSH",
    pass: {
      "aws_eks_node_group.Nodes": { remote_access: { ec2_ssh_key: "ops", source_security_group_ids: ["sg-1"] } },
      "aws_eks_node_group.List": { remote_access: [{ ec2_ssh_key: "ops", source_security_group_ids: ["sg-1"] }] },
      "aws_eks_node_group.None": { node_group_name: "general" },
    },
    address: "aws_eks_node_group.Nodes",
    fails: [
      {
        scenario: "source_security_group_ids unset",
        fail: { "aws_eks_node_group.Nodes": { remote_access: { ec2_ssh_key: "ops" } } },
        message: "remote_access sets ec2_ssh_key without source_security_group_ids, so SSH is open to 0.0.0.0/0",
      },
      {
        scenario: "source_security_group_ids empty",
        fail: { "aws_eks_node_group.Nodes": { remote_access: { ec2_ssh_key: "ops", source_security_group_ids: [] } } },
        message: "remote_access sets ec2_ssh_key without source_security_group_ids, so SSH is open to 0.0.0.0/0",
      },
      {
        scenario: "remote_access as a list",
        fail: { "aws_eks_node_group.Nodes": { remote_access: [{ ec2_ssh_key: "ops" }] } },
        message: "remote_access sets ec2_ssh_key without source_security_group_ids, so SSH is open to 0.0.0.0/0",
      },
    ],
  },

  // S3
  {
    rule: "CKV2_AWS_6",
    scenario: 'a public access block with all four settings on (true or "true"; the block may name the bucket)',
    pass: withBucket({
      "aws_s3_bucket_public_access_block.Access": {
        bucket: "acme-prod-site",
        block_public_acls: "true",
        block_public_policy: true,
        ignore_public_acls: "true",
        restrict_public_buckets: true,
      },
    }),
    address: BUCKET,
    fails: [
      ...["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"].flatMap((flag) =>
        notTrue(
          "aws_s3_bucket_public_access_block.Access",
          accessBlock,
          flag,
          `the public access block leaves ${flag} off`,
          "S3 default: off",
        ).map((failure) => ({ ...failure, fail: withBucket(failure.fail) })),
      ),
      {
        scenario: "two settings off",
        fail: withBucket({
          "aws_s3_bucket_public_access_block.Access": {
            ...accessBlock,
            block_public_acls: false,
            ignore_public_acls: "false",
          },
        }),
        message: "the public access block leaves block_public_acls, ignore_public_acls off",
      },
      {
        scenario: "no public access block (another bucket's does not count)",
        fail: withBucket({
          "aws_s3_bucket_public_access_block.Access": { ...accessBlock, bucket: ref("aws_s3_bucket.Other") },
        }),
        message: "no aws_s3_bucket_public_access_block in the stack refers to the bucket",
      },
    ],
  },
  {
    rule: "CKV_AWS_21",
    scenario: "a bucket with versioning enabled (versioning_configuration as an object or a list)",
    pass: withBucket({
      "aws_s3_bucket_versioning.Versioning": {
        bucket: ref(BUCKET),
        versioning_configuration: [{ status: "Enabled" }],
      },
    }),
    address: BUCKET,
    fails: [
      ...["Suspended", "Disabled"].map((status) => ({
        scenario: `versioning ${status}`,
        fail: withBucket({
          "aws_s3_bucket_versioning.Versioning": { bucket: ref(BUCKET), versioning_configuration: { status } },
        }),
        message: `versioning status is "${status}", not "Enabled"`,
      })),
      {
        scenario: "versioning_configuration as a list, suspended",
        fail: withBucket({
          "aws_s3_bucket_versioning.Versioning": {
            bucket: ref(BUCKET),
            versioning_configuration: [{ status: "Suspended" }],
          },
        }),
        message: 'versioning status is "Suspended", not "Enabled"',
      },
      {
        scenario: "no versioning resource (another bucket's does not count)",
        fail: withBucket({
          "aws_s3_bucket_versioning.Versioning": {
            bucket: "acme-prod-other",
            versioning_configuration: { status: "Enabled" },
          },
        }),
        message: "no aws_s3_bucket_versioning in the stack refers to the bucket",
      },
    ],
  },

  // Protection (production only)
  {
    rule: "CKV_AWS_157",
    scenario: 'a Multi-AZ primary (true or "true"; replicas are exempt)',
    pass: { [DB]: db, "aws_db_instance.String": { ...db, multi_az: "true" }, "aws_db_instance.Replica": replica },
    address: DB,
    fails: notTrue(DB, db, "multi_az", "multi_az is not true", "RDS default: single-AZ"),
  },
  {
    rule: "CKV2_AWS_50",
    scenario: 'a cache with Multi-AZ and automatic failover (true or "true")',
    pass: {
      [CACHE]: cache,
      "aws_elasticache_replication_group.String": {
        ...cache,
        multi_az_enabled: "true",
        automatic_failover_enabled: "true",
      },
    },
    address: CACHE,
    fails: [
      {
        scenario: "both off",
        fail: { [CACHE]: { ...cache, multi_az_enabled: false, automatic_failover_enabled: false } },
        message: "multi_az_enabled and automatic_failover_enabled are not true",
      },
      {
        scenario: "both unset (ElastiCache default: off)",
        fail: { [CACHE]: without(cache, "multi_az_enabled", "automatic_failover_enabled") },
        message: "multi_az_enabled and automatic_failover_enabled are not true",
      },
      ...notTrue(CACHE, cache, "multi_az_enabled", "multi_az_enabled is not true", "ElastiCache default: off"),
      ...notTrue(
        CACHE,
        cache,
        "automatic_failover_enabled",
        "automatic_failover_enabled is not true",
        "ElastiCache default: off",
      ),
    ],
  },
  {
    rule: "CKV_AWS_293",
    scenario: 'a database with deletion protection (true or "true")',
    pass: { [DB]: db, "aws_db_instance.String": { ...db, deletion_protection: "true" } },
    address: DB,
    fails: notTrue(DB, db, "deletion_protection", "deletion_protection is not true", "RDS default: off"),
  },
  {
    rule: "CKV_AWS_150",
    scenario: 'load balancers with deletion protection (true or "true"; aws_lb and aws_alb)',
    pass: { "aws_lb.Alb": { enable_deletion_protection: true }, "aws_alb.Alb": { enable_deletion_protection: "true" } },
    address: "aws_lb.Alb",
    fails: [
      ...notTrue(
        "aws_lb.Alb",
        { enable_deletion_protection: true },
        "enable_deletion_protection",
        "enable_deletion_protection is not true",
        "ELB default: off",
      ),
      {
        scenario: "an aws_alb without deletion protection",
        address: "aws_alb.Alb",
        fail: { "aws_alb.Alb": { enable_deletion_protection: false } },
        message: "enable_deletion_protection is not true",
      },
    ],
  },
  {
    rule: "PLAT_COGNITO_DELETION_PROTECTION",
    scenario: "a user pool with deletion protection ACTIVE",
    pass: { "aws_cognito_user_pool.Users": { deletion_protection: "ACTIVE" } },
    address: "aws_cognito_user_pool.Users",
    fails: [
      {
        scenario: "INACTIVE",
        fail: { "aws_cognito_user_pool.Users": { deletion_protection: "INACTIVE" } },
        message: 'deletion_protection is "INACTIVE", not "ACTIVE"',
      },
      {
        scenario: "unset (Cognito default: INACTIVE)",
        fail: { "aws_cognito_user_pool.Users": { name: "users" } },
        message: 'deletion_protection is nothing, not "ACTIVE"',
      },
    ],
  },
  {
    rule: "PLAT_EKS_DELETION_PROTECTION",
    scenario: 'a cluster with deletion protection (true or "true")',
    pass: { [CLUSTER]: cluster, "aws_eks_cluster.String": { ...cluster, deletion_protection: "true" } },
    address: CLUSTER,
    fails: notTrue(CLUSTER, cluster, "deletion_protection", "deletion_protection is not true", "EKS default: off"),
  },
  {
    rule: "PLAT_PREVENT_DESTROY",
    scenario: "every stateful type with prevent_destroy (lifecycle as an object or a list; read replicas are exempt)",
    pass: {
      ...Object.fromEntries(STATEFUL.map((type) => [`${type}.Stateful`, { lifecycle: { prevent_destroy: true } }])),
      [KMS]: { ...kmsKey, lifecycle: [{ prevent_destroy: "true" }] },
      "aws_db_instance.Replica": replica,
    },
    address: KMS,
    fails: [
      {
        scenario: "a KMS key with a lifecycle block but no prevent_destroy",
        fail: { [KMS]: { ...kmsKey, lifecycle: { create_before_destroy: true } } },
        message: "lifecycle.prevent_destroy is not true",
      },
      {
        scenario: "prevent_destroy false",
        fail: { [KMS]: { ...kmsKey, lifecycle: { prevent_destroy: false } } },
        message: "lifecycle.prevent_destroy is not true",
      },
      {
        scenario: 'prevent_destroy "false"',
        fail: { [KMS]: { ...kmsKey, lifecycle: { prevent_destroy: "false" } } },
        message: "lifecycle.prevent_destroy is not true",
      },
      {
        scenario: "no lifecycle block (Terraform default: destroyable)",
        fail: { [KMS]: without(kmsKey, "lifecycle") },
        message: "lifecycle.prevent_destroy is not true",
      },
      {
        scenario: "lifecycle as a list without prevent_destroy",
        fail: { [KMS]: { ...kmsKey, lifecycle: [{ ignore_changes: ["tags"] }] } },
        message: "lifecycle.prevent_destroy is not true",
      },
      ...STATEFUL.map((type) => ({
        scenario: `an ${type} without prevent_destroy`,
        address: `${type}.Stateful`,
        fail: { [`${type}.Stateful`]: { lifecycle: { prevent_destroy: false } } },
        message: "lifecycle.prevent_destroy is not true",
      })),
    ],
  },
  {
    rule: "CKV_AWS_133",
    scenario: 'a primary with backups (1 day is enough; "1" too; replicas are exempt)',
    pass: {
      [DB]: { ...db, backup_retention_period: 1 },
      "aws_db_instance.String": { ...db, backup_retention_period: "1" },
      "aws_db_instance.Replica": replica,
    },
    address: DB,
    fails: [
      {
        scenario: "0 days",
        fail: { [DB]: { ...db, backup_retention_period: 0 } },
        message: "backup_retention_period is 0, so there are no automated backups",
      },
      {
        scenario: '"0" days',
        fail: { [DB]: { ...db, backup_retention_period: "0" } },
        message: 'backup_retention_period is "0", so there are no automated backups',
      },
      {
        scenario: "unset (the rule asks for it explicitly)",
        fail: { [DB]: without(db, "backup_retention_period") },
        message: "backup_retention_period is nothing, so there are no automated backups",
      },
    ],
  },
  {
    rule: "PLAT_RDS_BACKUP_RETENTION",
    scenario: 'exactly a week of backups in production (7 or "7"; replicas are exempt)',
    pass: {
      [DB]: { ...db, backup_retention_period: 7 },
      "aws_db_instance.String": { ...db, backup_retention_period: "7" },
      "aws_db_instance.Replica": replica,
    },
    address: DB,
    fails: [
      {
        scenario: "3 days",
        fail: { [DB]: { ...db, backup_retention_period: 3 } },
        message: "backup_retention_period is 3, below 7",
      },
      {
        scenario: "6 days, one below the minimum",
        fail: { [DB]: { ...db, backup_retention_period: 6 } },
        message: "backup_retention_period is 6, below 7",
      },
      {
        scenario: '"6" days',
        fail: { [DB]: { ...db, backup_retention_period: "6" } },
        message: 'backup_retention_period is "6", below 7',
      },
      {
        scenario: "unset",
        fail: { [DB]: without(db, "backup_retention_period") },
        message: "backup_retention_period is nothing, below 7",
      },
    ],
  },
  {
    rule: "PLAT_RDS_FINAL_SNAPSHOT",
    scenario: "a primary that leaves a final snapshot (replicas are exempt)",
    pass: {
      [DB]: db,
      "aws_db_instance.String": { ...db, skip_final_snapshot: "false" },
      "aws_db_instance.Default": without(db, "skip_final_snapshot"),
      "aws_db_instance.Replica": replica,
    },
    address: DB,
    fails: [
      ...isOn(DB, db, "skip_final_snapshot", "skip_final_snapshot is true"),
      ...notSet(DB, db, "final_snapshot_identifier", "final_snapshot_identifier is not set"),
    ],
  },
  {
    rule: "AVD-AWS-0050",
    scenario: 'a cache keeping snapshots (1 day is enough; "1" too)',
    pass: {
      [CACHE]: { ...cache, snapshot_retention_limit: 1 },
      "aws_elasticache_replication_group.String": { ...cache, snapshot_retention_limit: "1" },
    },
    address: CACHE,
    fails: [
      {
        scenario: "0 days",
        fail: { [CACHE]: { ...cache, snapshot_retention_limit: 0 } },
        message: "snapshot_retention_limit is 0, so no snapshots are kept",
      },
      {
        scenario: '"0" days',
        fail: { [CACHE]: { ...cache, snapshot_retention_limit: "0" } },
        message: 'snapshot_retention_limit is "0", so no snapshots are kept',
      },
      {
        scenario: "unset (ElastiCache default: 0)",
        fail: { [CACHE]: without(cache, "snapshot_retention_limit") },
        message: "snapshot_retention_limit is nothing, so no snapshots are kept",
      },
    ],
  },
  {
    rule: "PLAT_ELASTICACHE_FINAL_SNAPSHOT",
    scenario: "a cache that leaves a final snapshot",
    pass: { [CACHE]: cache },
    address: CACHE,
    fails: notSet(CACHE, cache, "final_snapshot_identifier", "final_snapshot_identifier is not set"),
  },
  {
    rule: "CKV_AWS_7",
    scenario: 'a symmetric key with rotation (true or "true"; asymmetric keys cannot rotate)',
    pass: {
      [KMS]: kmsKey,
      "aws_kms_key.String": { ...kmsKey, customer_master_key_spec: "SYMMETRIC_DEFAULT", enable_key_rotation: "true" },
      "aws_kms_key.Signing": { customer_master_key_spec: "RSA_2048", key_usage: "SIGN_VERIFY" },
    },
    address: KMS,
    fails: [
      ...notTrue(KMS, kmsKey, "enable_key_rotation", "enable_key_rotation is not true", "KMS default: off"),
      {
        scenario: "an explicit SYMMETRIC_DEFAULT key without rotation",
        fail: { [KMS]: { ...kmsKey, customer_master_key_spec: "SYMMETRIC_DEFAULT", enable_key_rotation: false } },
        message: "enable_key_rotation is not true",
      },
    ],
  },
  {
    rule: "CKV_AWS_227",
    scenario: 'an enabled key (true, "true" or unset)',
    pass: {
      [KMS]: kmsKey,
      "aws_kms_key.String": { ...kmsKey, is_enabled: "true" },
      "aws_kms_key.Bool": { ...kmsKey, is_enabled: true },
    },
    address: KMS,
    fails: notTrue(KMS, kmsKey, "is_enabled", "is_enabled is false"),
  },
  {
    rule: "CKV2_AWS_64",
    scenario: "a key with an explicit key policy",
    pass: { [KMS]: kmsKey },
    address: KMS,
    fails: notSet(KMS, kmsKey, "policy", "policy is not set"),
  },
  {
    rule: "CKV2_AWS_60",
    scenario: 'snapshots with the database\'s tags (true or "true"; replicas are exempt)',
    pass: {
      [DB]: db,
      "aws_db_instance.String": { ...db, copy_tags_to_snapshot: "true" },
      "aws_db_instance.Replica": replica,
    },
    address: DB,
    fails: notTrue(DB, db, "copy_tags_to_snapshot", "copy_tags_to_snapshot is not true", "RDS default: off"),
  },

  // Logging
  {
    rule: "CKV2_AWS_11",
    scenario: "a VPC with a flow log",
    pass: { "aws_vpc.Vpc": { cidr_block: "10.0.0.0/16" }, "aws_flow_log.Flow": { vpc_id: ref("aws_vpc.Vpc") } },
    address: "aws_vpc.Vpc",
    fails: [
      {
        scenario: "a flow log of another VPC",
        fail: { "aws_vpc.Vpc": { cidr_block: "10.0.0.0/16" }, "aws_flow_log.Flow": { vpc_id: ref("aws_vpc.Other") } },
        message: "no aws_flow_log in the stack refers to the VPC",
      },
      {
        scenario: "no flow log",
        fail: { "aws_vpc.Vpc": { cidr_block: "10.0.0.0/16" } },
        message: "no aws_flow_log in the stack refers to the VPC",
      },
    ],
  },
  {
    rule: "CKV_AWS_37",
    scenario: "a cluster sending api, audit and authenticator logs",
    pass: {
      [CLUSTER]: cluster,
      "aws_eks_cluster.More": {
        ...cluster,
        enabled_cluster_log_types: ["scheduler", "authenticator", "api", "controllerManager", "audit"],
      },
    },
    address: CLUSTER,
    fails: [
      {
        scenario: "api only",
        fail: { [CLUSTER]: { ...cluster, enabled_cluster_log_types: ["api"] } },
        message: "enabled_cluster_log_types lacks audit, authenticator",
      },
      ...["api", "audit", "authenticator"].map((type) => ({
        scenario: `all but ${type}`,
        fail: {
          [CLUSTER]: {
            ...cluster,
            enabled_cluster_log_types: ["api", "audit", "authenticator", "scheduler"].filter((item) => item !== type),
          },
        },
        message: `enabled_cluster_log_types lacks ${type}`,
      })),
      {
        scenario: "no log types (EKS default: none)",
        fail: { [CLUSTER]: without(cluster, "enabled_cluster_log_types") },
        message: "enabled_cluster_log_types lacks api, audit, authenticator",
      },
    ],
  },
  {
    rule: "CKV_AWS_76",
    scenario: "stages with access logs (REST and HTTP/WebSocket; access_log_settings as an object or a list)",
    pass: {
      "aws_api_gateway_stage.Stage": stage,
      "aws_apigatewayv2_stage.Ws": { access_log_settings: { destination_arn: "arn" } },
      "aws_apigatewayv2_stage.List": { access_log_settings: [{ destination_arn: "arn", format: "{}" }] },
    },
    address: "aws_apigatewayv2_stage.Ws",
    fails: [
      {
        scenario: "an HTTP/WebSocket stage without access_log_settings",
        fail: { "aws_apigatewayv2_stage.Ws": { name: "$default" } },
        message: "access_log_settings.destination_arn is not set",
      },
      {
        scenario: "a REST stage without access_log_settings",
        address: "aws_api_gateway_stage.Stage",
        fail: { "aws_api_gateway_stage.Stage": without(stage, "access_log_settings") },
        message: "access_log_settings.destination_arn is not set",
      },
      {
        scenario: "access_log_settings without a destination",
        fail: { "aws_apigatewayv2_stage.Ws": { access_log_settings: { format: "{}" } } },
        message: "access_log_settings.destination_arn is not set",
      },
      {
        scenario: "access_log_settings as a list, with an empty destination",
        fail: { "aws_apigatewayv2_stage.Ws": { access_log_settings: [{ destination_arn: "", format: "{}" }] } },
        message: "access_log_settings.destination_arn is not set",
      },
    ],
  },
  {
    rule: "CKV_AWS_73",
    scenario: 'stages with tracing (true or "true")',
    pass: {
      "aws_api_gateway_stage.Stage": stage,
      "aws_api_gateway_stage.String": { ...stage, xray_tracing_enabled: "true" },
    },
    address: "aws_api_gateway_stage.Stage",
    fails: notTrue(
      "aws_api_gateway_stage.Stage",
      stage,
      "xray_tracing_enabled",
      "xray_tracing_enabled is not true",
      "API Gateway default: off",
    ),
  },
  {
    rule: "CKV2_AWS_4",
    scenario: "execution logging at ERROR or INFO (settings as an object or a list)",
    pass: {
      [SETTINGS]: methodSettings,
      "aws_api_gateway_method_settings.Info": { ...methodSettings, settings: [{ logging_level: "INFO" }] },
    },
    address: SETTINGS,
    fails: [
      {
        scenario: "logging OFF",
        fail: withSettings({ logging_level: "OFF" }),
        message: 'settings.logging_level is "OFF", not ERROR or INFO',
      },
      {
        scenario: "logging_level unset (API Gateway default: OFF)",
        fail: withSettings({ metrics_enabled: true }),
        message: "settings.logging_level is nothing, not ERROR or INFO",
      },
      {
        scenario: "settings unset",
        fail: { [SETTINGS]: without(methodSettings, "settings") },
        message: "settings.logging_level is nothing, not ERROR or INFO",
      },
      {
        scenario: "settings as a list, logging OFF",
        fail: withSettings([{ logging_level: "OFF" }]),
        message: 'settings.logging_level is "OFF", not ERROR or INFO',
      },
    ],
  },
  {
    rule: "CKV_AWS_276",
    scenario: 'execution logs without bodies (false, "false" or unset)',
    pass: {
      [SETTINGS]: methodSettings,
      "aws_api_gateway_method_settings.String": { ...methodSettings, settings: [{ data_trace_enabled: "false" }] },
      "aws_api_gateway_method_settings.Unset": { ...methodSettings, settings: { logging_level: "INFO" } },
    },
    address: SETTINGS,
    fails: [
      ...[true, "true"].map((value) => ({
        scenario: `data_trace_enabled ${JSON.stringify(value)}`,
        fail: withSettings({ logging_level: "INFO", data_trace_enabled: value }),
        message: "settings.data_trace_enabled is true",
      })),
      {
        scenario: "settings as a list",
        fail: withSettings([{ logging_level: "INFO", data_trace_enabled: true }]),
        message: "settings.data_trace_enabled is true",
      },
    ],
  },
  {
    rule: "CKV_AWS_86",
    scenario: "distributions with access logs: logging_config, or a log delivery source for the distribution",
    pass: {
      [CDN]: without(distribution, "logging_config"),
      "aws_cloudwatch_log_delivery_source.Access": {
        log_type: "ACCESS_LOGS",
        resource_arn: ref(CDN, "arn"),
      },
      "aws_cloudfront_distribution.Legacy": { ...distribution, logging_config: [{ bucket: "logs.s3.amazonaws.com" }] },
    },
    address: CDN,
    fails: [
      {
        scenario: "neither",
        fail: { [CDN]: without(distribution, "logging_config") },
        message: "no logging_config and no aws_cloudwatch_log_delivery_source in the stack refers to the distribution",
      },
      {
        scenario: "a log delivery source for another distribution",
        fail: {
          [CDN]: without(distribution, "logging_config"),
          "aws_cloudwatch_log_delivery_source.Access": {
            log_type: "ACCESS_LOGS",
            resource_arn: ref("aws_cloudfront_distribution.Other", "arn"),
          },
        },
        message: "no logging_config and no aws_cloudwatch_log_delivery_source in the stack refers to the distribution",
      },
      {
        scenario: "logging_config without a bucket",
        fail: { [CDN]: { ...distribution, logging_config: [{ include_cookies: false }] } },
        message: "no logging_config and no aws_cloudwatch_log_delivery_source in the stack refers to the distribution",
      },
    ],
  },
  {
    rule: "CKV2_AWS_31",
    scenario: "a web ACL with logging",
    pass: {
      "aws_wafv2_web_acl.Acl": { scope: "REGIONAL" },
      "aws_wafv2_web_acl_logging_configuration.Logs": {
        resource_arn: ref("aws_wafv2_web_acl.Acl", "arn"),
        log_destination_configs: ["arn"],
      },
    },
    address: "aws_wafv2_web_acl.Acl",
    fails: [
      {
        scenario: "no logging configuration",
        fail: { "aws_wafv2_web_acl.Acl": { scope: "REGIONAL" } },
        message: "no aws_wafv2_web_acl_logging_configuration in the stack refers to the web ACL",
      },
      {
        scenario: "a logging configuration of another web ACL",
        fail: {
          "aws_wafv2_web_acl.Acl": { scope: "REGIONAL" },
          "aws_wafv2_web_acl_logging_configuration.Logs": {
            resource_arn: ref("aws_wafv2_web_acl.Other", "arn"),
            log_destination_configs: ["arn"],
          },
        },
        message: "no aws_wafv2_web_acl_logging_configuration in the stack refers to the web ACL",
      },
    ],
  },
  {
    rule: "CKV_AWS_80",
    scenario: 'Kafka broker logs to CloudWatch, Firehose or S3 (true or "true"; blocks as objects or lists)',
    pass: {
      [KAFKA]: kafka,
      "aws_msk_cluster.Firehose": {
        ...kafka,
        logging_info: [{ broker_logs: [{ firehose: [{ enabled: "true", delivery_stream: "logs" }] }] }],
      },
      "aws_msk_cluster.S3": {
        ...kafka,
        logging_info: { broker_logs: { cloudwatch_logs: { enabled: false }, s3: { enabled: true, bucket: "logs" } } },
      },
    },
    address: KAFKA,
    fails: [
      ...[false, "false"].map((value) => ({
        scenario: `cloudwatch_logs enabled ${JSON.stringify(value)}`,
        fail: { [KAFKA]: { ...kafka, logging_info: { broker_logs: { cloudwatch_logs: { enabled: value } } } } },
        message: "logging_info.broker_logs enables no destination",
      })),
      {
        scenario: "every destination off",
        fail: {
          [KAFKA]: {
            ...kafka,
            logging_info: {
              broker_logs: {
                cloudwatch_logs: { enabled: false },
                firehose: { enabled: "false" },
                s3: { enabled: false },
              },
            },
          },
        },
        message: "logging_info.broker_logs enables no destination",
      },
      {
        scenario: "logging_info unset",
        fail: { [KAFKA]: without(kafka, "logging_info") },
        message: "logging_info.broker_logs enables no destination",
      },
      {
        scenario: "blocks as lists, destination off",
        fail: { [KAFKA]: { ...kafka, logging_info: [{ broker_logs: [{ cloudwatch_logs: [{ enabled: false }] }] }] } },
        message: "logging_info.broker_logs enables no destination",
      },
    ],
  },
  {
    rule: "PLAT_ELASTICACHE_LOGS",
    scenario: "a cache with log delivery (a list or a single object)",
    pass: {
      [CACHE]: cache,
      "aws_elasticache_replication_group.Object": {
        ...cache,
        log_delivery_configuration: {
          destination: "engine",
          destination_type: "cloudwatch-logs",
          log_type: "engine-log",
        },
      },
    },
    address: CACHE,
    fails: [
      {
        scenario: "log_delivery_configuration unset",
        fail: { [CACHE]: without(cache, "log_delivery_configuration") },
        message: "log_delivery_configuration is empty",
      },
      {
        scenario: "log_delivery_configuration empty",
        fail: { [CACHE]: { ...cache, log_delivery_configuration: [] } },
        message: "log_delivery_configuration is empty",
      },
    ],
  },
  {
    rule: "CKV_AWS_129",
    scenario: "a database exporting logs",
    pass: { [DB]: db },
    address: DB,
    fails: [
      {
        scenario: "an empty export list",
        fail: { [DB]: { ...db, enabled_cloudwatch_logs_exports: [] } },
        message: "enabled_cloudwatch_logs_exports is empty",
      },
      {
        scenario: "exports unset",
        fail: { [DB]: without(db, "enabled_cloudwatch_logs_exports") },
        message: "enabled_cloudwatch_logs_exports is empty",
      },
    ],
  },
  {
    rule: "CKV_AWS_66",
    scenario: 'log groups that expire events (1 day, the shortest period, and "30" pass)',
    pass: {
      [LOGS]: { name: "/app", kms_key_id: KEY, retention_in_days: 30 },
      "aws_cloudwatch_log_group.Short": { name: "/short", kms_key_id: KEY, retention_in_days: 1 },
      "aws_cloudwatch_log_group.String": { name: "/string", kms_key_id: KEY, retention_in_days: "30" },
    },
    address: LOGS,
    fails: [
      {
        scenario: "retention unset",
        fail: { [LOGS]: { name: "/app", kms_key_id: KEY } },
        message: "retention_in_days is not set, so events never expire",
      },
      {
        scenario: "retention 0 (never expire)",
        fail: { [LOGS]: { name: "/app", kms_key_id: KEY, retention_in_days: 0 } },
        message: "retention_in_days is 0, so events never expire",
      },
      {
        scenario: 'retention "0"',
        fail: { [LOGS]: { name: "/app", kms_key_id: KEY, retention_in_days: "0" } },
        message: 'retention_in_days is "0", so events never expire',
      },
    ],
  },
  {
    rule: "CKV_AWS_118",
    scenario: 'Enhanced Monitoring on (1 second, the shortest interval, and "60" pass)',
    pass: {
      [DB]: db,
      "aws_db_instance.Short": { ...db, monitoring_interval: 1 },
      "aws_db_instance.String": { ...db, monitoring_interval: "60" },
    },
    address: DB,
    fails: [
      {
        scenario: "interval 0",
        fail: { [DB]: { ...db, monitoring_interval: 0 } },
        message: "monitoring_interval is 0, so Enhanced Monitoring is off",
      },
      {
        scenario: 'interval "0"',
        fail: { [DB]: { ...db, monitoring_interval: "0" } },
        message: 'monitoring_interval is "0", so Enhanced Monitoring is off',
      },
      {
        scenario: "interval unset (RDS default: 0)",
        fail: { [DB]: without(db, "monitoring_interval") },
        message: "monitoring_interval is nothing, so Enhanced Monitoring is off",
      },
    ],
  },
  {
    rule: "CKV_AWS_353",
    scenario: 'Performance Insights on (true or "true")',
    pass: { [DB]: db, "aws_db_instance.String": { ...db, performance_insights_enabled: "true" } },
    address: DB,
    fails: notTrue(
      DB,
      db,
      "performance_insights_enabled",
      "performance_insights_enabled is not true",
      "RDS default: off",
    ),
  },

  // Edge
  {
    rule: "CKV_AWS_68",
    scenario: "a distribution behind a WAF",
    pass: { [CDN]: distribution },
    address: CDN,
    fails: notSet(CDN, distribution, "web_acl_id", "web_acl_id is not set"),
  },
  {
    rule: "CKV2_AWS_29",
    scenario: "a stage with a WAF association",
    pass: {
      "aws_api_gateway_stage.Stage": stage,
      "aws_wafv2_web_acl_association.Stage": {
        resource_arn: ref("aws_api_gateway_stage.Stage", "arn"),
        web_acl_arn: ref("aws_wafv2_web_acl.Acl", "arn"),
      },
    },
    address: "aws_api_gateway_stage.Stage",
    fails: [
      {
        scenario: "no association",
        fail: { "aws_api_gateway_stage.Stage": stage },
        message: "no aws_wafv2_web_acl_association in the stack refers to the stage",
      },
      {
        scenario: "an association of another stage",
        fail: {
          "aws_api_gateway_stage.Stage": stage,
          "aws_wafv2_web_acl_association.Stage": {
            resource_arn: ref("aws_api_gateway_stage.Other", "arn"),
            web_acl_arn: ref("aws_wafv2_web_acl.Acl", "arn"),
          },
        },
        message: "no aws_wafv2_web_acl_association in the stack refers to the stage",
      },
    ],
  },
  {
    rule: "CKV2_AWS_32",
    scenario: "every behaviour with security headers (behaviours as objects or lists)",
    pass: {
      [CDN]: distribution,
      "aws_cloudfront_distribution.Lists": {
        ...distribution,
        default_cache_behavior: [{ viewer_protocol_policy: "https-only", response_headers_policy_id: "headers" }],
        ordered_cache_behavior: { path_pattern: "/api/*", response_headers_policy_id: "headers" },
      },
    },
    address: CDN,
    fails: [
      {
        scenario: "the default behaviour without headers",
        fail: { [CDN]: { ...distribution, default_cache_behavior: { viewer_protocol_policy: "redirect-to-https" } } },
        message: "behaviours without response_headers_policy_id: default",
      },
      {
        scenario: "the default behaviour as a list, with an empty policy id",
        fail: {
          [CDN]: {
            ...distribution,
            default_cache_behavior: [{ viewer_protocol_policy: "redirect-to-https", response_headers_policy_id: "" }],
          },
        },
        message: "behaviours without response_headers_policy_id: default",
      },
      {
        scenario: "one ordered behaviour without headers among others",
        fail: {
          [CDN]: {
            ...distribution,
            ordered_cache_behavior: [
              { path_pattern: "/api/*", response_headers_policy_id: "headers" },
              { path_pattern: "/static/*" },
            ],
          },
        },
        message: 'behaviours without response_headers_policy_id: "/static/*"',
      },
      {
        scenario: "the default and an ordered behaviour (as an object) without headers",
        fail: {
          [CDN]: {
            ...distribution,
            default_cache_behavior: { viewer_protocol_policy: "https-only" },
            ordered_cache_behavior: { path_pattern: "/api/*" },
          },
        },
        message: 'behaviours without response_headers_policy_id: default, "/api/*"',
      },
    ],
  },

  // IAM
  {
    rule: "CKV_AWS_62",
    scenario: "identity policies granting named actions, or denying everything (each identity policy type)",
    pass: {
      "aws_iam_role_policy.Read": { policy: readJson },
      "aws_iam_policy.Deny": { policy: policyJson({ Effect: "Deny", Action: "*", Resource: "*" }) },
      "aws_iam_user_policy.Scoped": {
        policy: policyJson({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::acme/*" }),
      },
    },
    address: "aws_iam_policy.Admin",
    fails: [
      {
        scenario: "* on *",
        fail: { "aws_iam_policy.Admin": { policy: adminJson } },
        message: 'statement "Admin" allows every action on every resource',
      },
      {
        scenario: "*:* on *",
        fail: { "aws_iam_policy.Admin": { policy: policyJson({ Effect: "Allow", Action: "*:*", Resource: "*" }) } },
        message: "statement 1 allows every action on every resource",
      },
      {
        scenario: "* among named actions",
        fail: {
          "aws_iam_policy.Admin": {
            policy: policyJson({ Effect: "Allow", Action: ["s3:GetObject", "*"], Resource: "*" }),
          },
        },
        message: "statement 1 allows every action on every resource",
      },
      {
        scenario: "* among named resources",
        fail: {
          "aws_iam_policy.Admin": {
            policy: policyJson({ Effect: "Allow", Action: "*", Resource: ["arn:aws:s3:::acme/*", "*"] }),
          },
        },
        message: "statement 1 allows every action on every resource",
      },
      {
        scenario: "the second of two statements",
        fail: {
          "aws_iam_policy.Admin": {
            policy: policyJson(
              { Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::acme/*" },
              { Effect: "Allow", Action: "*", Resource: "*" },
            ),
          },
        },
        message: "statement 2 allows every action on every resource",
      },
      {
        scenario: "Statement as a single object",
        fail: {
          "aws_iam_policy.Admin": {
            policy: JSON.stringify({
              Version: "2012-10-17",
              Statement: { Effect: "Allow", Action: "*", Resource: "*" },
            }),
          },
        },
        message: "statement 1 allows every action on every resource",
      },
      ...["aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"].map((type) => ({
        scenario: `an ${type}`,
        address: `${type}.Admin`,
        fail: { [`${type}.Admin`]: { policy: adminJson } },
        message: 'statement "Admin" allows every action on every resource',
      })),
    ],
  },
  {
    rule: "CKV_AWS_1",
    scenario: "policy documents granting named actions (kms:* on * is not every action; a Deny of * passes)",
    pass: {
      "data.aws_iam_policy_document.KeyPolicy": keyPolicy,
      "data.aws_iam_policy_document.Deny": { statement: { effect: "Deny", actions: ["*"], resources: ["*"] } },
    },
    address: "data.aws_iam_policy_document.Admin",
    fails: [
      {
        scenario: "*:* on *",
        fail: {
          "data.aws_iam_policy_document.Admin": {
            statement: [{ effect: "Allow", actions: ["*:*"], resources: ["*"] }],
          },
        },
        message: "statement 1 allows every action on every resource",
      },
      {
        scenario: "* among named actions and resources",
        fail: {
          "data.aws_iam_policy_document.Admin": {
            statement: [
              {
                sid: "Mixed",
                effect: "Allow",
                actions: ["s3:GetObject", "*"],
                resources: ["arn:aws:s3:::acme/*", "*"],
              },
            ],
          },
        },
        message: 'statement "Mixed" allows every action on every resource',
      },
      {
        scenario: "effect unset (a policy document defaults to Allow)",
        fail: { "data.aws_iam_policy_document.Admin": { statement: [{ actions: ["*"], resources: ["*"] }] } },
        message: "statement 1 allows every action on every resource",
      },
      {
        scenario: "statement as an object",
        fail: {
          "data.aws_iam_policy_document.Admin": { statement: { effect: "Allow", actions: ["*"], resources: ["*"] } },
        },
        message: "statement 1 allows every action on every resource",
      },
      {
        scenario: "the second of two statements",
        fail: {
          "data.aws_iam_policy_document.Admin": {
            statement: [...keyPolicy.statement, { effect: "Allow", actions: ["*"], resources: ["*"] }],
          },
        },
        message: "statement 2 allows every action on every resource",
      },
    ],
  },
  {
    rule: "CKV_AWS_60",
    scenario: "a role only named principals can assume (a policy document of the stack)",
    pass: {
      "aws_iam_role.Role": { assume_role_policy: ref("data.aws_iam_policy_document.Trust", "json") },
      "data.aws_iam_policy_document.Trust": trustPolicy(["ec2.amazonaws.com"]),
      "aws_iam_role.Account": { assume_role_policy: ref("data.aws_iam_policy_document.Account", "json") },
      "data.aws_iam_policy_document.Account": trustPolicy(["arn:aws:iam::123456789012:root"], "AWS"),
    },
    address: "aws_iam_role.Role",
    fails: [
      {
        scenario: "an AWS * principal",
        fail: {
          "aws_iam_role.Role": { assume_role_policy: ref("data.aws_iam_policy_document.Trust", "json") },
          "data.aws_iam_policy_document.Trust": trustPolicy(["*"], "AWS"),
        },
        message: "the trust policy lets any AWS principal assume the role (statement 1)",
      },
      {
        scenario: "* among named AWS principals",
        fail: {
          "aws_iam_role.Role": { assume_role_policy: ref("data.aws_iam_policy_document.Trust", "json") },
          "data.aws_iam_policy_document.Trust": trustPolicy(["arn:aws:iam::123456789012:root", "*"], "AWS"),
        },
        message: "the trust policy lets any AWS principal assume the role (statement 1)",
      },
      {
        scenario: "a * principal type",
        fail: {
          "aws_iam_role.Role": { assume_role_policy: ref("data.aws_iam_policy_document.Trust", "json") },
          "data.aws_iam_policy_document.Trust": trustPolicy(["*"], "*"),
        },
        message: "the trust policy lets any AWS principal assume the role (statement 1)",
      },
      {
        scenario: "an open principals block next to a service one, statement and principals as objects",
        fail: {
          "aws_iam_role.Role": { assume_role_policy: ref("data.aws_iam_policy_document.Trust", "json") },
          "data.aws_iam_policy_document.Trust": {
            statement: {
              sid: "Open",
              actions: ["sts:AssumeRole"],
              principals: [
                { type: "Service", identifiers: ["ec2.amazonaws.com"] },
                { type: "AWS", identifiers: ["*"] },
              ],
            },
          },
        },
        message: 'the trust policy lets any AWS principal assume the role (statement "Open")',
      },
    ],
  },
  {
    rule: "CKV_AWS_60",
    scenario: "a role only named principals can assume (JSON trust policy; a Deny of * passes)",
    pass: {
      "aws_iam_role.Role": {
        assume_role_policy: policyJson(
          { Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } },
          {
            Effect: "Deny",
            Action: "sts:AssumeRole",
            Principal: "*",
            Condition: { Bool: { "aws:SecureTransport": false } },
          },
        ),
      },
      "aws_iam_role.TagOnly": {
        assume_role_policy: policyJson({ Effect: "Allow", Action: "sts:TagSession", Principal: { AWS: "*" } }),
      },
    },
    address: "aws_iam_role.Role",
    fails: [
      {
        scenario: "AWS *",
        fail: {
          "aws_iam_role.Role": {
            assume_role_policy: policyJson({
              Sid: "Anyone",
              Effect: "Allow",
              Action: "sts:AssumeRole",
              Principal: { AWS: "*" },
            }),
          },
        },
        message: 'the trust policy lets any AWS principal assume the role (statement "Anyone")',
      },
      {
        scenario: 'Principal "*"',
        fail: {
          "aws_iam_role.Role": {
            assume_role_policy: policyJson({ Effect: "Allow", Action: "sts:AssumeRole", Principal: "*" }),
          },
        },
        message: "the trust policy lets any AWS principal assume the role (statement 1)",
      },
      {
        scenario: "* among named AWS principals (JSON)",
        fail: {
          "aws_iam_role.Role": {
            assume_role_policy: policyJson({
              Effect: "Allow",
              Action: ["sts:AssumeRole", "sts:TagSession"],
              Principal: { AWS: ["arn:aws:iam::123456789012:root", "*"] },
            }),
          },
        },
        message: "the trust policy lets any AWS principal assume the role (statement 1)",
      },
      {
        scenario: "the second of two statements, assuming with a web identity",
        fail: {
          "aws_iam_role.Role": {
            assume_role_policy: policyJson(
              { Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } },
              { Effect: "Allow", Action: ["sts:AssumeRoleWithWebIdentity"], Principal: { AWS: "*" } },
            ),
          },
        },
        message: "the trust policy lets any AWS principal assume the role (statement 2)",
      },
      ...["*", "sts:*", "sts:Assume*", "sts:AssumeRol?", "STS:assumerole"].map((action) => ({
        scenario: `Action ${JSON.stringify(action)}`,
        fail: {
          "aws_iam_role.Role": {
            assume_role_policy: policyJson({ Effect: "Allow", Action: action, Principal: { AWS: "*" } }),
          },
        },
        message: "the trust policy lets any AWS principal assume the role (statement 1)",
      })),
      {
        scenario: "Statement as a single object",
        fail: {
          "aws_iam_role.Role": {
            assume_role_policy: JSON.stringify({
              Statement: { Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "*" } },
            }),
          },
        },
        message: "the trust policy lets any AWS principal assume the role (statement 1)",
      },
    ],
  },
  {
    rule: "CKV_AWS_33",
    scenario: "key policies naming principals, or open to * only under a condition",
    pass: {
      [KMS]: kmsKey,
      "data.aws_iam_policy_document.KeyPolicy": keyPolicy,
      "aws_kms_key.Conditional": {
        ...kmsKey,
        policy: policyJson({
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: "kms:Decrypt",
          Resource: "*",
          Condition: { StringEquals: { "kms:CallerAccount": "123456789012" } },
        }),
      },
      "aws_kms_key.Deny": {
        ...kmsKey,
        policy: policyJson({ Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" }),
      },
    },
    address: KMS,
    fails: [
      {
        scenario: 'Principal "*"',
        fail: {
          [KMS]: {
            ...kmsKey,
            policy: policyJson({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }),
          },
        },
        message: "the key policy allows any principal without a condition (statement 1)",
      },
      {
        scenario: "* among named AWS principals",
        fail: {
          [KMS]: {
            ...kmsKey,
            policy: policyJson(
              {
                Sid: "Root",
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::123456789012:root" },
                Action: "kms:*",
                Resource: "*",
              },
              {
                Sid: "Use",
                Effect: "Allow",
                Principal: { AWS: ["arn:aws:iam::123456789012:role/app", "*"] },
                Action: "kms:Decrypt",
                Resource: "*",
              },
            ),
          },
        },
        message: 'the key policy allows any principal without a condition (statement "Use")',
      },
      {
        scenario: "a policy document with an open statement among named ones",
        fail: {
          [KMS]: kmsKey,
          "data.aws_iam_policy_document.KeyPolicy": {
            statement: [
              ...keyPolicy.statement,
              {
                effect: "Allow",
                actions: ["kms:Decrypt"],
                resources: ["*"],
                principals: { type: "AWS", identifiers: ["*"] },
              },
            ],
          },
        },
        message: "the key policy allows any principal without a condition (statement 2)",
      },
    ],
  },
  {
    rule: "CKV_AWS_161",
    scenario: 'IAM database authentication (true or "true"; engines without it are not checked)',
    pass: {
      [DB]: db,
      "aws_db_instance.String": { ...db, iam_database_authentication_enabled: "true" },
      "aws_db_instance.SqlServer": { ...without(db, "iam_database_authentication_enabled"), engine: "sqlserver-se" },
    },
    address: DB,
    fails: [
      ...notTrue(
        DB,
        db,
        "iam_database_authentication_enabled",
        "iam_database_authentication_enabled is not true",
        "RDS default: off",
      ),
      ...["mysql", "mariadb", "aurora-postgresql"].map((engine) => ({
        scenario: `a ${engine} database without it`,
        fail: { [DB]: { ...db, engine, iam_database_authentication_enabled: false } },
        message: "iam_database_authentication_enabled is not true",
      })),
    ],
  },

  // Versions
  {
    rule: "PLAT_HELM_CHART_PINNED",
    scenario: "exact chart versions (x.y.z, vx.y.z, pre-releases; a version only known at apply time)",
    pass: {
      "helm_release.Keda": { chart: "keda", version: "2.21.1" },
      "helm_release.Prefixed": { chart: "keda", version: "v2.21.1" },
      "helm_release.Pre": { chart: "keda", version: "1.2.3-rc.1" },
      "helm_release.Variable": { chart: "keda", version: "${var.chart_version}" },
    },
    address: "helm_release.Keda",
    fails: [
      ...["^2.21", "~2.21.1", ">=2.21.0", "2.21.*", "2.x", "2.21", "latest", ""].map((version) => ({
        scenario: `the range or tag ${JSON.stringify(version)}`,
        fail: { "helm_release.Keda": { chart: "keda", version } },
        message: `version is ${JSON.stringify(version)}, not an exact x.y.z chart version`,
      })),
      {
        scenario: "a chart without a version",
        fail: { "helm_release.Keda": { chart: "keda" } },
        message: "version is not set, so every plan may install the chart's latest release",
      },
    ],
  },
  {
    rule: "PLAT_EKS_VERSION_PINNED",
    scenario: "a cluster on a pinned Kubernetes version",
    pass: { [CLUSTER]: cluster },
    address: CLUSTER,
    fails: notSet(CLUSTER, cluster, "version", "version is not set"),
  },
  {
    rule: "PLAT_EKS_ADDON_VERSION_PINNED",
    scenario: "an add-on on a pinned version",
    pass: { "aws_eks_addon.Cni": { addon_name: "vpc-cni", addon_version: "v1.20.0-eksbuild.1" } },
    address: "aws_eks_addon.Cni",
    fails: notSet(
      "aws_eks_addon.Cni",
      { addon_name: "vpc-cni", addon_version: "v1.20.0-eksbuild.1" },
      "addon_version",
      "addon_version is not set",
    ),
  },
  {
    rule: "PLAT_EKS_NODE_GROUP_VERSION",
    scenario: "node groups following the cluster's version, or a pinned AMI release",
    pass: {
      "aws_eks_node_group.Nodes": { version: ref(CLUSTER, "version") },
      "aws_eks_node_group.Release": { release_version: "1.35.0-20250101" },
    },
    address: "aws_eks_node_group.Nodes",
    fails: [
      {
        scenario: "neither set",
        fail: { "aws_eks_node_group.Nodes": { node_group_name: "general" } },
        message: "neither version nor release_version is set",
      },
      {
        scenario: "both empty",
        fail: { "aws_eks_node_group.Nodes": { node_group_name: "general", version: "", release_version: "" } },
        message: "neither version nor release_version is set",
      },
    ],
  },
  {
    rule: "PLAT_RDS_ENGINE_VERSION_PINNED",
    scenario: "a primary on a pinned engine version (replicas follow their source)",
    pass: { [DB]: db, "aws_db_instance.Replica": replica },
    address: DB,
    fails: notSet(DB, db, "engine_version", "engine_version is not set"),
  },
  {
    rule: "PLAT_ELASTICACHE_ENGINE_VERSION_PINNED",
    scenario: "a cache on a pinned engine version",
    pass: { [CACHE]: cache },
    address: CACHE,
    fails: notSet(CACHE, cache, "engine_version", "engine_version is not set"),
  },
  {
    rule: "PLAT_MSK_KAFKA_VERSION_PINNED",
    scenario: "a Kafka cluster on a pinned version",
    pass: { [KAFKA]: kafka },
    address: KAFKA,
    fails: notSet(KAFKA, kafka, "kafka_version", "kafka_version is not set"),
  },
  {
    rule: "CKV_AWS_226",
    scenario: 'minor upgrades on (true, "true" or unset: the default)',
    pass: {
      [DB]: db,
      "aws_db_instance.String": { ...db, auto_minor_version_upgrade: "true" },
      "aws_db_instance.Unset": without(db, "auto_minor_version_upgrade"),
    },
    address: DB,
    fails: notTrue(DB, db, "auto_minor_version_upgrade", "auto_minor_version_upgrade is false"),
  },
  {
    rule: "CKV_AWS_211",
    scenario: "current certificate authorities (or the default)",
    pass: {
      [DB]: db,
      "aws_db_instance.Rsa4096": { ...db, ca_cert_identifier: "rds-ca-rsa4096-g1" },
      "aws_db_instance.Ecc": { ...db, ca_cert_identifier: "rds-ca-ecc384-g1" },
      "aws_db_instance.Default": without(db, "ca_cert_identifier"),
    },
    address: DB,
    fails: ["rds-ca-2019", "rds-ca-2015"].map((ca) => ({
      scenario: `the expiring ${ca}`,
      fail: { [DB]: { ...db, ca_cert_identifier: ca } },
      message: `ca_cert_identifier is "${ca}"`,
    })),
  },
];

/** Every way to break every rule, as one list. */
const FAILURES = CASES.flatMap(({ rule, address, fails }) =>
  fails.map((failure) => ({ rule, ...failure, address: failure.address ?? address })),
);

/** `aws_db_instance` of `aws_db_instance.Db`, `data.aws_iam_policy_document` of `data.aws_iam_policy_document.Doc`. */
const typeOf = (address: string) => address.slice(0, address.lastIndexOf("."));

describe("every rule", () => {
  test("has a passing case and at least two ways to fail", () => {
    const failures = (id: string) => FAILURES.filter((failure) => failure.rule === id).length;
    const passes = new Set(CASES.map((testCase) => testCase.rule));
    expect(RULES.filter((rule) => !passes.has(rule.id) || failures(rule.id) < 2).map((rule) => rule.id)).toEqual([]);
  });

  test.each(CASES)("$rule: passing fixtures hold a resource the rule checks ($scenario)", ({ rule, pass }) => {
    const types = findRule(rule)?.resourceTypes ?? [];
    expect(Object.keys(pass).filter((address) => types.includes(typeOf(address)))).not.toEqual([]);
  });

  test.each(CASES)("$rule passes: $scenario", ({ rule, pass }) => {
    expect(findingsOf(rule, pass)).toEqual([]);
  });

  test.each(FAILURES)("$rule fails: $scenario", ({ rule, fail, address, message }) => {
    expect(
      findingsOf(rule, fail).map(({ ruleId, address: at, message: text }) => ({ ruleId, address: at, message: text })),
    ).toEqual([{ ruleId: rule, address, message }]);
  });
});

describe("reading synthesized values", () => {
  test.each([
    ["a KMS key reference", { kms_key_id: ref("aws_kms_key.Key", "arn") }],
    ["a key from another stack's remote state", { kms_key_id: "${data.terraform_remote_state.net.outputs.key}" }],
    ["a literal key ARN", { kms_key_id: "arn:aws:kms:eu-west-1:123456789012:key/1" }],
  ])("%s counts as a customer-managed key", (_name, settings) => {
    expect(findingsOf("CKV_AWS_191", { "aws_elasticache_replication_group.Cache": { ...cache, ...settings } })).toEqual(
      [],
    );
  });

  test("a Helm version only known at apply time does not fire", () => {
    expect(findingsOf("PLAT_HELM_CHART_PINNED", { "helm_release.Chart": { version: "${var.chart_version}" } })).toEqual(
      [],
    );
  });

  test("a bucket policy the stack cannot read (another stack's document) does not fire", () => {
    const fixtures = withBucket({
      "aws_s3_bucket_policy.Policy": {
        bucket: ref("aws_s3_bucket.Bucket"),
        policy: "${data.terraform_remote_state.x.outputs.policy}",
      },
    });
    expect(findingsOf("PLAT_S3_TLS_ONLY", fixtures)).toEqual([]);
  });

  test("a reference to data.aws_x.Y is not a reference to aws_x.Y", () => {
    const fixtures = {
      "aws_vpc.Vpc": { cidr_block: "10.0.0.0/16" },
      "aws_flow_log.Flow": { vpc_id: ref("data.aws_vpc.Vpc") },
    };
    expect(findingsOf("CKV2_AWS_11", fixtures).map((finding) => finding.address)).toEqual(["aws_vpc.Vpc"]);
  });
});
