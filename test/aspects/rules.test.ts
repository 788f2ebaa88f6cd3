import { RULES } from "../../src/aspects/rules";
import { type Fixtures, findingsOf, ref } from "./fixtures";

/**
 * Every rule against a compliant and a non-compliant fixture. Fixtures are plain synthesized bodies (snake_case, as
 * in cdk.tf.json); rules run in a production stack so that production-only rules are evaluated too.
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
const bucketBaseline: Fixtures = {
  "aws_s3_bucket_public_access_block.Access": {
    bucket: ref("aws_s3_bucket.Bucket"),
    block_public_acls: true,
    block_public_policy: true,
    ignore_public_acls: true,
    restrict_public_buckets: true,
  },
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

interface RuleCase {
  readonly rule: string;
  /** What the case shows (test name). */
  readonly scenario: string;
  /** Fixtures that comply. */
  readonly pass: Fixtures;
  /** Fixtures of which `address` breaks the rule. */
  readonly fail: Fixtures;
  readonly address: string;
  /** The finding's message (what is wrong). */
  readonly message: string;
}

const CASES: readonly RuleCase[] = [
  // Encryption at rest
  {
    rule: "CKV_AWS_16",
    scenario: "unencrypted database storage",
    pass: { "aws_db_instance.Db": db },
    fail: { "aws_db_instance.Db": { ...db, storage_encrypted: false } },
    address: "aws_db_instance.Db",
    message: "storage_encrypted is not true",
  },
  {
    rule: "PLAT_RDS_STORAGE_CMK",
    scenario: "a primary without a customer-managed key (a replica inherits its source's)",
    pass: { "aws_db_instance.Db": db, "aws_db_instance.Replica": replica },
    fail: { "aws_db_instance.Db": without(db, "kms_key_id") },
    address: "aws_db_instance.Db",
    message: "kms_key_id is not set, so storage uses the AWS-managed aws/rds key",
  },
  {
    rule: "CKV_AWS_354",
    scenario: "Performance Insights without a key",
    pass: {
      "aws_db_instance.Db": db,
      "aws_db_instance.Off": { ...without(db, "performance_insights_kms_key_id"), performance_insights_enabled: false },
    },
    fail: { "aws_db_instance.Db": without(db, "performance_insights_kms_key_id") },
    address: "aws_db_instance.Db",
    message: "Performance Insights is enabled without performance_insights_kms_key_id",
  },
  {
    rule: "CKV_AWS_29",
    scenario: 'cache at-rest encryption off ("true" string and true both pass)',
    pass: {
      "aws_elasticache_replication_group.Cache": cache,
      "aws_elasticache_replication_group.Bool": { ...cache, at_rest_encryption_enabled: true },
    },
    fail: { "aws_elasticache_replication_group.Cache": { ...cache, at_rest_encryption_enabled: "false" } },
    address: "aws_elasticache_replication_group.Cache",
    message: 'at_rest_encryption_enabled is "false", not "true"',
  },
  {
    rule: "CKV_AWS_191",
    scenario: "a cache without a customer-managed key",
    pass: { "aws_elasticache_replication_group.Cache": cache },
    fail: { "aws_elasticache_replication_group.Cache": without(cache, "kms_key_id") },
    address: "aws_elasticache_replication_group.Cache",
    message: "kms_key_id is not set",
  },
  {
    rule: "AVD-AWS-0179",
    scenario: "Kafka storage under the AWS-managed key",
    pass: { "aws_msk_cluster.Kafka": kafka },
    fail: {
      "aws_msk_cluster.Kafka": { ...kafka, encryption_info: { encryption_in_transit: { client_broker: "TLS" } } },
    },
    address: "aws_msk_cluster.Kafka",
    message: "encryption_info.encryption_at_rest_kms_key_arn is not set",
  },
  {
    rule: "PLAT_LT_EBS_ENCRYPTED",
    scenario: "an unencrypted launch-template volume",
    pass: { "aws_launch_template.Nodes": launchTemplate },
    fail: {
      "aws_launch_template.Nodes": {
        ...launchTemplate,
        block_device_mappings: [{ device_name: "/dev/xvda", ebs: { encrypted: "false", kms_key_id: KEY } }],
      },
    },
    address: "aws_launch_template.Nodes",
    message: 'the EBS volumes "/dev/xvda" are not encrypted',
  },
  {
    rule: "PLAT_LT_EBS_CMK",
    scenario: "a launch-template volume without a key",
    pass: { "aws_launch_template.Nodes": launchTemplate },
    fail: {
      "aws_launch_template.Nodes": {
        ...launchTemplate,
        block_device_mappings: [{ device_name: "/dev/xvdb", ebs: { encrypted: true } }],
      },
    },
    address: "aws_launch_template.Nodes",
    message: 'the EBS volumes "/dev/xvdb" have no kms_key_id',
  },
  {
    rule: "CKV_AWS_158",
    scenario: "an unencrypted log group",
    pass: { "aws_cloudwatch_log_group.Logs": { name: "/app", kms_key_id: KEY, retention_in_days: 30 } },
    fail: { "aws_cloudwatch_log_group.Logs": { name: "/app", retention_in_days: 30 } },
    address: "aws_cloudwatch_log_group.Logs",
    message: "kms_key_id is not set",
  },
  {
    rule: "CKV_AWS_26",
    scenario: "an unencrypted topic",
    pass: { "aws_sns_topic.Alarms": { name: "alarms", kms_master_key_id: KEY } },
    fail: { "aws_sns_topic.Alarms": { name: "alarms" } },
    address: "aws_sns_topic.Alarms",
    message: "kms_master_key_id is not set",
  },
  {
    rule: "AVD-AWS-0136",
    scenario: "a topic under the AWS-managed alias/aws/sns key",
    pass: { "aws_sns_topic.Alarms": { name: "alarms", kms_master_key_id: KEY } },
    fail: { "aws_sns_topic.Alarms": { name: "alarms", kms_master_key_id: "alias/aws/sns" } },
    address: "aws_sns_topic.Alarms",
    message: 'kms_master_key_id is the AWS-managed key "alias/aws/sns"',
  },
  {
    rule: "CKV_AWS_145",
    scenario: "a bucket encrypted with SSE-S3 (the configuration may name the bucket literally)",
    pass: withBucket({
      "aws_s3_bucket_server_side_encryption_configuration.Encryption": {
        bucket: "acme-prod-site",
        rule: { apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: KEY } },
      },
    }),
    fail: withBucket({
      "aws_s3_bucket_server_side_encryption_configuration.Encryption": {
        bucket: ref("aws_s3_bucket.Bucket"),
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
      },
    }),
    address: "aws_s3_bucket.Bucket",
    message: "the bucket's default encryption is not aws:kms with a kms_master_key_id",
  },
  {
    rule: "CKV_AWS_145",
    scenario: "a bucket without an encryption configuration (another bucket's does not count)",
    pass: withBucket(),
    fail: {
      "aws_s3_bucket.Bucket": bucket,
      "aws_s3_bucket_server_side_encryption_configuration.Other": {
        bucket: ref("aws_s3_bucket.BucketTwo"),
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: KEY } }],
      },
    },
    address: "aws_s3_bucket.Bucket",
    message: "no aws_s3_bucket_server_side_encryption_configuration in the stack refers to the bucket",
  },
  {
    rule: "CKV_AWS_58",
    scenario: "secrets not envelope-encrypted",
    pass: { "aws_eks_cluster.Cluster": cluster },
    fail: { "aws_eks_cluster.Cluster": without(cluster, "encryption_config") },
    address: "aws_eks_cluster.Cluster",
    message: "encryption_config does not cover secrets",
  },
  {
    rule: "CKV_AWS_149",
    scenario: "a secret under the AWS-managed key",
    pass: { "aws_secretsmanager_secret.Secret": { name: "db/master", kms_key_id: KEY } },
    fail: { "aws_secretsmanager_secret.Secret": { name: "db/master" } },
    address: "aws_secretsmanager_secret.Secret",
    message: "kms_key_id is not set, so the secret uses the AWS-managed aws/secretsmanager key",
  },
  {
    rule: "CKV_AWS_308",
    scenario: "an unencrypted API cache",
    pass: { "aws_api_gateway_method_settings.All": methodSettings },
    fail: {
      "aws_api_gateway_method_settings.All": {
        ...methodSettings,
        settings: { ...methodSettings.settings, cache_data_encrypted: false },
      },
    },
    address: "aws_api_gateway_method_settings.All",
    message: "caching is enabled without cache_data_encrypted",
  },

  // Encryption in transit
  {
    rule: "CKV2_AWS_69",
    scenario: "a PostgreSQL parameter group without rds.force_ssl (other engines are not checked)",
    pass: {
      "aws_db_parameter_group.Params": { family: "postgres17", parameter: [{ name: "rds.force_ssl", value: "1" }] },
      "aws_db_parameter_group.Mysql": { family: "mysql8.0", parameter: [] },
    },
    fail: {
      "aws_db_parameter_group.Params": { family: "postgres17", parameter: [{ name: "rds.force_ssl", value: "0" }] },
    },
    address: "aws_db_parameter_group.Params",
    message: 'rds.force_ssl is "0", not "1"',
  },
  {
    rule: "PLAT_RDS_PROXY_TLS",
    scenario: "a proxy accepting plain connections",
    pass: { "aws_db_proxy.Proxy": { engine_family: "POSTGRESQL", require_tls: true } },
    fail: { "aws_db_proxy.Proxy": { engine_family: "POSTGRESQL", require_tls: false } },
    address: "aws_db_proxy.Proxy",
    message: "require_tls is not true",
  },
  {
    rule: "CKV_AWS_30",
    scenario: "cache TLS off",
    pass: { "aws_elasticache_replication_group.Cache": cache },
    fail: { "aws_elasticache_replication_group.Cache": { ...cache, transit_encryption_enabled: false } },
    address: "aws_elasticache_replication_group.Cache",
    message: "transit_encryption_enabled is false, not true",
  },
  {
    rule: "CKV_AWS_31",
    scenario: "a cache without authentication",
    pass: { "aws_elasticache_replication_group.Cache": cache },
    fail: { "aws_elasticache_replication_group.Cache": without(cache, "user_group_ids") },
    address: "aws_elasticache_replication_group.Cache",
    message: "neither auth_token nor user_group_ids is set",
  },
  {
    rule: "CKV_AWS_81",
    scenario: "Kafka clients in plaintext (an unset block keeps the TLS default)",
    pass: {
      "aws_msk_cluster.Kafka": kafka,
      "aws_msk_cluster.Defaults": { ...kafka, encryption_info: { encryption_at_rest_kms_key_arn: KEY } },
    },
    fail: {
      "aws_msk_cluster.Kafka": {
        ...kafka,
        encryption_info: { encryption_in_transit: { client_broker: "TLS_PLAINTEXT", in_cluster: true } },
      },
    },
    address: "aws_msk_cluster.Kafka",
    message: 'encryption_in_transit.client_broker is "TLS_PLAINTEXT", not "TLS"',
  },
  {
    rule: "CKV_AWS_81",
    scenario: "plaintext between brokers",
    pass: { "aws_msk_cluster.Kafka": kafka },
    fail: {
      "aws_msk_cluster.Kafka": {
        ...kafka,
        encryption_info: { encryption_in_transit: { client_broker: "TLS", in_cluster: false } },
      },
    },
    address: "aws_msk_cluster.Kafka",
    message: "encryption_in_transit.in_cluster is false",
  },
  {
    rule: "CKV_AWS_34",
    scenario: "an ordered behaviour allowing HTTP",
    pass: { "aws_cloudfront_distribution.Cdn": distribution },
    fail: {
      "aws_cloudfront_distribution.Cdn": {
        ...distribution,
        ordered_cache_behavior: [{ path_pattern: "/static/*", viewer_protocol_policy: "allow-all" }],
      },
    },
    address: "aws_cloudfront_distribution.Cdn",
    message: 'behaviours allow plain HTTP: "/static/*" ("allow-all")',
  },
  {
    rule: "CKV_AWS_174",
    scenario: "a custom certificate with an old TLS policy",
    pass: { "aws_cloudfront_distribution.Cdn": distribution },
    fail: {
      "aws_cloudfront_distribution.Cdn": {
        ...distribution,
        viewer_certificate: {
          acm_certificate_arn: "arn:aws:acm:us-east-1:1:certificate/x",
          minimum_protocol_version: "TLSv1_2016",
        },
      },
    },
    address: "aws_cloudfront_distribution.Cdn",
    message: 'viewer_certificate.minimum_protocol_version is "TLSv1_2016", not TLSv1.2_2021 or newer',
  },
  {
    rule: "CKV_AWS_174",
    scenario: "the default *.cloudfront.net certificate (CloudFront then accepts TLS 1.0)",
    pass: { "aws_cloudfront_distribution.Cdn": distribution },
    fail: {
      "aws_cloudfront_distribution.Cdn": {
        ...distribution,
        viewer_certificate: { cloudfront_default_certificate: true, minimum_protocol_version: "TLSv1.2_2021" },
      },
    },
    address: "aws_cloudfront_distribution.Cdn",
    message: "viewer_certificate is the default *.cloudfront.net certificate, with which CloudFront accepts TLS 1.0",
  },
  {
    rule: "PLAT_CLOUDFRONT_ORIGIN_TLS",
    scenario: "a custom origin reached over HTTP with old TLS",
    pass: { "aws_cloudfront_distribution.Cdn": distribution },
    fail: {
      "aws_cloudfront_distribution.Cdn": {
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
    address: "aws_cloudfront_distribution.Cdn",
    message: 'origin "api" uses origin_protocol_policy "match-viewer"; origin "api" allows TLSv1',
  },
  {
    rule: "CKV_AWS_206",
    scenario: "an API domain allowing TLS 1.0",
    pass: {
      "aws_api_gateway_domain_name.Domain": { domain_name: "api.example.com", security_policy: "TLS_1_2" },
      "aws_apigatewayv2_domain_name.V2": {
        domain_name: "ws.example.com",
        domain_name_configuration: { security_policy: "SecurityPolicy_TLS13_1_2_2021_06" },
      },
    },
    fail: { "aws_api_gateway_domain_name.Domain": { domain_name: "api.example.com", security_policy: "TLS_1_0" } },
    address: "aws_api_gateway_domain_name.Domain",
    message: 'security_policy is "TLS_1_0", not TLS_1_2 or newer',
  },
  {
    rule: "CKV_AWS_103",
    scenario: "an HTTPS listener with a TLS 1.0 policy (HTTP listeners are not checked)",
    pass: {
      "aws_lb_listener.Https": { protocol: "HTTPS", ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06" },
      "aws_lb_listener.Http": { protocol: "HTTP", port: 80 },
    },
    fail: { "aws_lb_listener.Https": { protocol: "HTTPS", ssl_policy: "ELBSecurityPolicy-2016-08" } },
    address: "aws_lb_listener.Https",
    message: 'the HTTPS listener\'s ssl_policy is "ELBSecurityPolicy-2016-08", which allows TLS older than 1.2',
  },
  {
    rule: "PLAT_S3_TLS_ONLY",
    scenario: "a bucket policy without the TLS-only deny",
    pass: withBucket(),
    fail: withBucket({ "aws_s3_bucket_policy.Policy": { bucket: ref("aws_s3_bucket.Bucket"), policy: readJson } }),
    address: "aws_s3_bucket.Bucket",
    message: "the bucket policy does not deny aws:SecureTransport = false",
  },

  // Network exposure
  {
    rule: "CKV_AWS_17",
    scenario: "a public database",
    pass: { "aws_db_instance.Db": db },
    fail: { "aws_db_instance.Db": { ...db, publicly_accessible: true } },
    address: "aws_db_instance.Db",
    message: "publicly_accessible is true",
  },
  {
    rule: "CKV_AWS_291",
    scenario: "Kafka brokers with public IPs",
    pass: { "aws_msk_cluster.Kafka": kafka },
    fail: {
      "aws_msk_cluster.Kafka": {
        ...kafka,
        broker_node_group_info: { connectivity_info: { public_access: { type: "SERVICE_PROVIDED_EIPS" } } },
      },
    },
    address: "aws_msk_cluster.Kafka",
    message: "brokers have public access (SERVICE_PROVIDED_EIPS)",
  },
  {
    rule: "PLAT_MSK_CLIENT_AUTH",
    scenario: "unauthenticated Kafka clients",
    pass: { "aws_msk_cluster.Kafka": kafka },
    fail: {
      "aws_msk_cluster.Kafka": { ...kafka, client_authentication: { sasl: { iam: true }, unauthenticated: true } },
    },
    address: "aws_msk_cluster.Kafka",
    message: "client_authentication.unauthenticated is true",
  },
  {
    rule: "PLAT_MSK_CLIENT_AUTH",
    scenario: "no client authentication at all",
    pass: {
      "aws_msk_cluster.Kafka": { ...kafka, client_authentication: { tls: { certificate_authority_arns: ["arn"] } } },
    },
    fail: { "aws_msk_cluster.Kafka": without(kafka, "client_authentication") },
    address: "aws_msk_cluster.Kafka",
    message: "no client_authentication, so clients connect unauthenticated",
  },
  {
    rule: "CKV_AWS_38",
    scenario: "a public API endpoint open to the internet (listed CIDRs pass)",
    pass: {
      "aws_eks_cluster.Cluster": cluster,
      "aws_eks_cluster.Listed": {
        ...cluster,
        vpc_config: { endpoint_public_access: true, public_access_cidrs: ["203.0.113.0/24"] },
      },
    },
    fail: {
      "aws_eks_cluster.Cluster": {
        ...cluster,
        vpc_config: { endpoint_public_access: true, public_access_cidrs: ["0.0.0.0/0"] },
      },
    },
    address: "aws_eks_cluster.Cluster",
    message: "the public endpoint is open to 0.0.0.0/0",
  },
  {
    rule: "CKV_AWS_38",
    scenario: "a public endpoint by default (no vpc_config settings)",
    pass: { "aws_eks_cluster.Cluster": cluster },
    fail: { "aws_eks_cluster.Cluster": { ...cluster, vpc_config: { subnet_ids: ["subnet-1"] } } },
    address: "aws_eks_cluster.Cluster",
    message: "the public endpoint is on without public_access_cidrs, which defaults to 0.0.0.0/0",
  },
  {
    rule: "CKV_AWS_39",
    scenario: "a public endpoint, even CIDR-limited",
    pass: { "aws_eks_cluster.Cluster": cluster },
    fail: {
      "aws_eks_cluster.Cluster": {
        ...cluster,
        vpc_config: { endpoint_public_access: true, public_access_cidrs: ["203.0.113.0/24"] },
      },
    },
    address: "aws_eks_cluster.Cluster",
    message: "vpc_config.endpoint_public_access is not false",
  },
  {
    rule: "PLAT_SG_NO_WORLD_INGRESS",
    scenario: "inline ingress from 0.0.0.0/0 (allowed on a PublicEdge group)",
    pass: {
      "aws_security_group.Edge": {
        tags: { PublicEdge: "true" },
        ingress: [{ protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["0.0.0.0/0"] }],
      },
      "aws_security_group.Internal": {
        ingress: [{ protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["10.0.0.0/16"] }],
      },
    },
    fail: {
      "aws_security_group.Internal": {
        ingress: [{ protocol: "tcp", from_port: 22, to_port: 22, cidr_blocks: ["10.0.0.0/8", "0.0.0.0/0"] }],
      },
    },
    address: "aws_security_group.Internal",
    message: "inline ingress allows tcp 22 from 0.0.0.0/0",
  },
  {
    rule: "PLAT_SG_NO_WORLD_INGRESS",
    scenario: "an ingress rule resource from ::/0 (allowed into a PublicEdge group of the stack)",
    pass: {
      "aws_security_group.Edge": { tags: { PublicEdge: "true" } },
      "aws_vpc_security_group_ingress_rule.Https": {
        security_group_id: ref("aws_security_group.Edge"),
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        cidr_ipv6: "::/0",
      },
    },
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
    address: "aws_vpc_security_group_ingress_rule.Https",
    message: "ingress allows tcp 443 from ::/0 to aws_security_group.App",
  },
  {
    rule: "PLAT_SG_NO_WORLD_INGRESS",
    scenario: "a security group rule of type ingress from 0.0.0.0/0 (egress is not checked)",
    pass: {
      "aws_security_group_rule.Out": {
        type: "egress",
        security_group_id: ref("aws_security_group.App"),
        protocol: "-1",
        from_port: 0,
        to_port: 0,
        cidr_blocks: ["0.0.0.0/0"],
      },
    },
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
    address: "aws_security_group_rule.In",
    message: "ingress allows all traffic from 0.0.0.0/0 to aws_security_group.App",
  },
  {
    rule: "CKV2_AWS_12",
    scenario: "a VPC whose default security group is not locked down",
    pass: {
      "aws_vpc.Vpc": { cidr_block: "10.0.0.0/16" },
      "aws_default_security_group.Default": { vpc_id: ref("aws_vpc.Vpc") },
    },
    fail: {
      "aws_vpc.Vpc": { cidr_block: "10.0.0.0/16" },
      "aws_default_security_group.Default": {
        vpc_id: ref("aws_vpc.Vpc"),
        ingress: [{ protocol: "-1", self: true, from_port: 0, to_port: 0 }],
      },
    },
    address: "aws_vpc.Vpc",
    message: "the default security group has rules",
  },
  {
    rule: "CKV_AWS_59",
    scenario: "an API method open without authorizer or API key (OPTIONS and key-protected methods pass)",
    pass: {
      "aws_api_gateway_method.Get": { http_method: "GET", authorization: "COGNITO_USER_POOLS" },
      "aws_api_gateway_method.Keyed": { http_method: "ANY", authorization: "NONE", api_key_required: true },
      "aws_api_gateway_method.Preflight": { http_method: "OPTIONS", authorization: "NONE" },
    },
    fail: { "aws_api_gateway_method.Get": { http_method: "GET", authorization: "NONE" } },
    address: "aws_api_gateway_method.Get",
    message: '"GET" has authorization NONE and no API key',
  },
  {
    rule: "CKV_AWS_131",
    scenario: "an ALB passing invalid headers (network load balancers are not checked)",
    pass: {
      "aws_lb.Alb": { load_balancer_type: "application", drop_invalid_header_fields: true },
      "aws_lb.Nlb": { load_balancer_type: "network" },
    },
    fail: { "aws_lb.Alb": { internal: true } },
    address: "aws_lb.Alb",
    message: "drop_invalid_header_fields is not true",
  },

  // Compute
  {
    rule: "CKV_AWS_79",
    scenario: "IMDSv1 allowed",
    pass: { "aws_launch_template.Nodes": launchTemplate },
    fail: { "aws_launch_template.Nodes": { ...launchTemplate, metadata_options: { http_tokens: "optional" } } },
    address: "aws_launch_template.Nodes",
    message: 'metadata_options.http_tokens is "optional", not "required"',
  },
  {
    rule: "CKV_AWS_341",
    scenario: "a metadata hop limit of 2",
    pass: { "aws_launch_template.Nodes": launchTemplate },
    fail: {
      "aws_launch_template.Nodes": {
        ...launchTemplate,
        metadata_options: { http_tokens: "required", http_put_response_hop_limit: 2 },
      },
    },
    address: "aws_launch_template.Nodes",
    message: "metadata_options.http_put_response_hop_limit is 2, not 1",
  },
  {
    rule: "CKV_AWS_88",
    scenario: "instances with public IPs",
    pass: {
      "aws_launch_template.Nodes": {
        ...launchTemplate,
        network_interfaces: [{ associate_public_ip_address: "false" }],
      },
    },
    fail: {
      "aws_launch_template.Nodes": { ...launchTemplate, network_interfaces: [{ associate_public_ip_address: "true" }] },
    },
    address: "aws_launch_template.Nodes",
    message: "a network interface sets associate_public_ip_address",
  },
  {
    rule: "CKV_AWS_100",
    scenario: "node SSH open to the world",
    pass: {
      "aws_eks_node_group.Nodes": { remote_access: { ec2_ssh_key: "ops", source_security_group_ids: ["sg-1"] } },
    },
    fail: { "aws_eks_node_group.Nodes": { remote_access: { ec2_ssh_key: "ops" } } },
    address: "aws_eks_node_group.Nodes",
    message: "remote_access sets ec2_ssh_key without source_security_group_ids, so SSH is open to 0.0.0.0/0",
  },

  // S3
  {
    rule: "CKV2_AWS_6",
    scenario: "a public access block with a setting off",
    pass: withBucket(),
    fail: withBucket({
      "aws_s3_bucket_public_access_block.Access": {
        bucket: ref("aws_s3_bucket.Bucket"),
        block_public_acls: true,
        block_public_policy: false,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      },
    }),
    address: "aws_s3_bucket.Bucket",
    message: "the public access block leaves block_public_policy off",
  },
  {
    rule: "CKV_AWS_21",
    scenario: "a bucket with suspended versioning",
    pass: withBucket(),
    fail: withBucket({
      "aws_s3_bucket_versioning.Versioning": {
        bucket: ref("aws_s3_bucket.Bucket"),
        versioning_configuration: { status: "Suspended" },
      },
    }),
    address: "aws_s3_bucket.Bucket",
    message: 'versioning status is "Suspended", not "Enabled"',
  },

  // Protection (production only)
  {
    rule: "CKV_AWS_157",
    scenario: "a single-AZ primary (replicas are exempt)",
    pass: { "aws_db_instance.Db": db, "aws_db_instance.Replica": replica },
    fail: { "aws_db_instance.Db": { ...db, multi_az: false } },
    address: "aws_db_instance.Db",
    message: "multi_az is not true",
  },
  {
    rule: "CKV2_AWS_50",
    scenario: "a cache without automatic failover",
    pass: { "aws_elasticache_replication_group.Cache": cache },
    fail: {
      "aws_elasticache_replication_group.Cache": {
        ...cache,
        multi_az_enabled: false,
        automatic_failover_enabled: false,
      },
    },
    address: "aws_elasticache_replication_group.Cache",
    message: "multi_az_enabled and automatic_failover_enabled are not true",
  },
  {
    rule: "CKV_AWS_293",
    scenario: "a database without deletion protection",
    pass: { "aws_db_instance.Db": db },
    fail: { "aws_db_instance.Db": { ...db, deletion_protection: false } },
    address: "aws_db_instance.Db",
    message: "deletion_protection is not true",
  },
  {
    rule: "CKV_AWS_150",
    scenario: "a load balancer without deletion protection",
    pass: { "aws_lb.Alb": { enable_deletion_protection: true } },
    fail: { "aws_lb.Alb": { enable_deletion_protection: false } },
    address: "aws_lb.Alb",
    message: "enable_deletion_protection is not true",
  },
  {
    rule: "PLAT_COGNITO_DELETION_PROTECTION",
    scenario: "a user pool without deletion protection",
    pass: { "aws_cognito_user_pool.Users": { deletion_protection: "ACTIVE" } },
    fail: { "aws_cognito_user_pool.Users": { deletion_protection: "INACTIVE" } },
    address: "aws_cognito_user_pool.Users",
    message: 'deletion_protection is "INACTIVE", not "ACTIVE"',
  },
  {
    rule: "PLAT_EKS_DELETION_PROTECTION",
    scenario: "a cluster without deletion protection",
    pass: { "aws_eks_cluster.Cluster": cluster },
    fail: { "aws_eks_cluster.Cluster": without(cluster, "deletion_protection") },
    address: "aws_eks_cluster.Cluster",
    message: "deletion_protection is not true",
  },
  {
    rule: "PLAT_PREVENT_DESTROY",
    scenario: "a KMS key without prevent_destroy (read replicas are exempt)",
    pass: { "aws_kms_key.Key": kmsKey, "aws_db_instance.Replica": replica },
    fail: { "aws_kms_key.Key": { ...kmsKey, lifecycle: { create_before_destroy: true } } },
    address: "aws_kms_key.Key",
    message: "lifecycle.prevent_destroy is not true",
  },
  {
    rule: "PLAT_PREVENT_DESTROY",
    scenario: "a primary database without prevent_destroy",
    pass: { "aws_db_instance.Db": db },
    fail: { "aws_db_instance.Db": without(db, "lifecycle") },
    address: "aws_db_instance.Db",
    message: "lifecycle.prevent_destroy is not true",
  },
  {
    rule: "CKV_AWS_133",
    scenario: "a primary without backups (replicas are exempt)",
    pass: { "aws_db_instance.Db": { ...db, backup_retention_period: 1 }, "aws_db_instance.Replica": replica },
    fail: { "aws_db_instance.Db": { ...db, backup_retention_period: 0 } },
    address: "aws_db_instance.Db",
    message: "backup_retention_period is 0, so there are no automated backups",
  },
  {
    rule: "PLAT_RDS_BACKUP_RETENTION",
    scenario: "less than a week of backups in production",
    pass: { "aws_db_instance.Db": { ...db, backup_retention_period: 7 }, "aws_db_instance.Replica": replica },
    fail: { "aws_db_instance.Db": { ...db, backup_retention_period: 3 } },
    address: "aws_db_instance.Db",
    message: "backup_retention_period is 3, below 7",
  },
  {
    rule: "PLAT_RDS_FINAL_SNAPSHOT",
    scenario: "a primary deleted without a final snapshot (replicas are exempt)",
    pass: { "aws_db_instance.Db": db, "aws_db_instance.Replica": replica },
    fail: { "aws_db_instance.Db": { ...db, skip_final_snapshot: true } },
    address: "aws_db_instance.Db",
    message: "skip_final_snapshot is true",
  },
  {
    rule: "AVD-AWS-0050",
    scenario: "a cache without snapshots",
    pass: { "aws_elasticache_replication_group.Cache": cache },
    fail: { "aws_elasticache_replication_group.Cache": { ...cache, snapshot_retention_limit: 0 } },
    address: "aws_elasticache_replication_group.Cache",
    message: "snapshot_retention_limit is 0, so no snapshots are kept",
  },
  {
    rule: "PLAT_ELASTICACHE_FINAL_SNAPSHOT",
    scenario: "a cache deleted without a final snapshot",
    pass: { "aws_elasticache_replication_group.Cache": cache },
    fail: { "aws_elasticache_replication_group.Cache": without(cache, "final_snapshot_identifier") },
    address: "aws_elasticache_replication_group.Cache",
    message: "final_snapshot_identifier is not set",
  },
  {
    rule: "CKV_AWS_7",
    scenario: "a symmetric key without rotation (asymmetric keys cannot rotate)",
    pass: {
      "aws_kms_key.Key": kmsKey,
      "aws_kms_key.Signing": { customer_master_key_spec: "RSA_2048", key_usage: "SIGN_VERIFY" },
    },
    fail: { "aws_kms_key.Key": { ...kmsKey, enable_key_rotation: false } },
    address: "aws_kms_key.Key",
    message: "enable_key_rotation is not true",
  },
  {
    rule: "CKV_AWS_227",
    scenario: "a disabled key",
    pass: { "aws_kms_key.Key": kmsKey },
    fail: { "aws_kms_key.Key": { ...kmsKey, is_enabled: false } },
    address: "aws_kms_key.Key",
    message: "is_enabled is false",
  },
  {
    rule: "CKV2_AWS_64",
    scenario: "a key with the default key policy",
    pass: { "aws_kms_key.Key": kmsKey },
    fail: { "aws_kms_key.Key": without(kmsKey, "policy") },
    address: "aws_kms_key.Key",
    message: "policy is not set",
  },
  {
    rule: "CKV2_AWS_60",
    scenario: "snapshots without the database's tags",
    pass: { "aws_db_instance.Db": db, "aws_db_instance.Replica": replica },
    fail: { "aws_db_instance.Db": without(db, "copy_tags_to_snapshot") },
    address: "aws_db_instance.Db",
    message: "copy_tags_to_snapshot is not true",
  },

  // Logging
  {
    rule: "CKV2_AWS_11",
    scenario: "a VPC without flow logs",
    pass: { "aws_vpc.Vpc": { cidr_block: "10.0.0.0/16" }, "aws_flow_log.Flow": { vpc_id: ref("aws_vpc.Vpc") } },
    fail: { "aws_vpc.Vpc": { cidr_block: "10.0.0.0/16" }, "aws_flow_log.Flow": { vpc_id: ref("aws_vpc.Other") } },
    address: "aws_vpc.Vpc",
    message: "no aws_flow_log in the stack refers to the VPC",
  },
  {
    rule: "CKV_AWS_37",
    scenario: "a cluster without audit logs",
    pass: { "aws_eks_cluster.Cluster": cluster },
    fail: { "aws_eks_cluster.Cluster": { ...cluster, enabled_cluster_log_types: ["api"] } },
    address: "aws_eks_cluster.Cluster",
    message: "enabled_cluster_log_types lacks audit, authenticator",
  },
  {
    rule: "CKV_AWS_76",
    scenario: "a stage without access logs",
    pass: {
      "aws_api_gateway_stage.Stage": stage,
      "aws_apigatewayv2_stage.Ws": { access_log_settings: { destination_arn: "arn" } },
    },
    fail: { "aws_apigatewayv2_stage.Ws": { name: "$default" } },
    address: "aws_apigatewayv2_stage.Ws",
    message: "access_log_settings.destination_arn is not set",
  },
  {
    rule: "CKV_AWS_73",
    scenario: "a stage without tracing",
    pass: { "aws_api_gateway_stage.Stage": stage },
    fail: { "aws_api_gateway_stage.Stage": { ...stage, xray_tracing_enabled: false } },
    address: "aws_api_gateway_stage.Stage",
    message: "xray_tracing_enabled is not true",
  },
  {
    rule: "CKV2_AWS_4",
    scenario: "execution logging off",
    pass: { "aws_api_gateway_method_settings.All": methodSettings },
    fail: { "aws_api_gateway_method_settings.All": { ...methodSettings, settings: { logging_level: "OFF" } } },
    address: "aws_api_gateway_method_settings.All",
    message: 'settings.logging_level is "OFF", not ERROR or INFO',
  },
  {
    rule: "CKV_AWS_276",
    scenario: "full request bodies in the logs",
    pass: { "aws_api_gateway_method_settings.All": methodSettings },
    fail: {
      "aws_api_gateway_method_settings.All": {
        ...methodSettings,
        settings: { logging_level: "INFO", data_trace_enabled: true },
      },
    },
    address: "aws_api_gateway_method_settings.All",
    message: "settings.data_trace_enabled is true",
  },
  {
    rule: "CKV_AWS_86",
    scenario: "a distribution without access logs (a log delivery source for it counts)",
    pass: {
      "aws_cloudfront_distribution.Cdn": without(distribution, "logging_config"),
      "aws_cloudwatch_log_delivery_source.Access": {
        log_type: "ACCESS_LOGS",
        resource_arn: ref("aws_cloudfront_distribution.Cdn", "arn"),
      },
    },
    fail: { "aws_cloudfront_distribution.Cdn": without(distribution, "logging_config") },
    address: "aws_cloudfront_distribution.Cdn",
    message: "no logging_config and no aws_cloudwatch_log_delivery_source in the stack refers to the distribution",
  },
  {
    rule: "CKV2_AWS_31",
    scenario: "a web ACL without logging",
    pass: {
      "aws_wafv2_web_acl.Acl": { scope: "REGIONAL" },
      "aws_wafv2_web_acl_logging_configuration.Logs": {
        resource_arn: ref("aws_wafv2_web_acl.Acl", "arn"),
        log_destination_configs: ["arn"],
      },
    },
    fail: { "aws_wafv2_web_acl.Acl": { scope: "REGIONAL" } },
    address: "aws_wafv2_web_acl.Acl",
    message: "no aws_wafv2_web_acl_logging_configuration in the stack refers to the web ACL",
  },
  {
    rule: "CKV_AWS_80",
    scenario: "Kafka broker logs off",
    pass: { "aws_msk_cluster.Kafka": kafka },
    fail: {
      "aws_msk_cluster.Kafka": { ...kafka, logging_info: { broker_logs: { cloudwatch_logs: { enabled: false } } } },
    },
    address: "aws_msk_cluster.Kafka",
    message: "logging_info.broker_logs enables no destination",
  },
  {
    rule: "PLAT_ELASTICACHE_LOGS",
    scenario: "a cache without log delivery",
    pass: { "aws_elasticache_replication_group.Cache": cache },
    fail: { "aws_elasticache_replication_group.Cache": without(cache, "log_delivery_configuration") },
    address: "aws_elasticache_replication_group.Cache",
    message: "log_delivery_configuration is empty",
  },
  {
    rule: "CKV_AWS_129",
    scenario: "a database exporting no logs",
    pass: { "aws_db_instance.Db": db },
    fail: { "aws_db_instance.Db": { ...db, enabled_cloudwatch_logs_exports: [] } },
    address: "aws_db_instance.Db",
    message: "enabled_cloudwatch_logs_exports is empty",
  },
  {
    rule: "CKV_AWS_66",
    scenario: "a log group kept forever",
    pass: { "aws_cloudwatch_log_group.Logs": { name: "/app", kms_key_id: KEY, retention_in_days: 30 } },
    fail: { "aws_cloudwatch_log_group.Logs": { name: "/app", kms_key_id: KEY } },
    address: "aws_cloudwatch_log_group.Logs",
    message: "retention_in_days is not set, so events never expire",
  },
  {
    rule: "CKV_AWS_118",
    scenario: "Enhanced Monitoring off",
    pass: { "aws_db_instance.Db": db },
    fail: { "aws_db_instance.Db": { ...db, monitoring_interval: 0 } },
    address: "aws_db_instance.Db",
    message: "monitoring_interval is 0, so Enhanced Monitoring is off",
  },
  {
    rule: "CKV_AWS_353",
    scenario: "Performance Insights off",
    pass: { "aws_db_instance.Db": db },
    fail: { "aws_db_instance.Db": { ...db, performance_insights_enabled: false } },
    address: "aws_db_instance.Db",
    message: "performance_insights_enabled is not true",
  },

  // Edge
  {
    rule: "CKV_AWS_68",
    scenario: "a distribution without a WAF",
    pass: { "aws_cloudfront_distribution.Cdn": distribution },
    fail: { "aws_cloudfront_distribution.Cdn": without(distribution, "web_acl_id") },
    address: "aws_cloudfront_distribution.Cdn",
    message: "web_acl_id is not set",
  },
  {
    rule: "CKV2_AWS_29",
    scenario: "a stage without a WAF association",
    pass: {
      "aws_api_gateway_stage.Stage": stage,
      "aws_wafv2_web_acl_association.Stage": {
        resource_arn: ref("aws_api_gateway_stage.Stage", "arn"),
        web_acl_arn: ref("aws_wafv2_web_acl.Acl", "arn"),
      },
    },
    fail: { "aws_api_gateway_stage.Stage": stage },
    address: "aws_api_gateway_stage.Stage",
    message: "no aws_wafv2_web_acl_association in the stack refers to the stage",
  },
  {
    rule: "CKV2_AWS_32",
    scenario: "a behaviour without security headers",
    pass: { "aws_cloudfront_distribution.Cdn": distribution },
    fail: {
      "aws_cloudfront_distribution.Cdn": {
        ...distribution,
        default_cache_behavior: { viewer_protocol_policy: "redirect-to-https" },
      },
    },
    address: "aws_cloudfront_distribution.Cdn",
    message: "behaviours without response_headers_policy_id: default",
  },

  // IAM
  {
    rule: "CKV_AWS_62",
    scenario: "a policy granting * on *",
    pass: { "aws_iam_role_policy.Read": { policy: readJson } },
    fail: { "aws_iam_policy.Admin": { policy: adminJson } },
    address: "aws_iam_policy.Admin",
    message: 'statement "Admin" allows every action on every resource',
  },
  {
    rule: "CKV_AWS_1",
    scenario: "a policy document granting *:* on * (kms:* on * is not every action)",
    pass: { "data.aws_iam_policy_document.KeyPolicy": keyPolicy },
    fail: {
      "data.aws_iam_policy_document.Admin": { statement: [{ effect: "Allow", actions: ["*:*"], resources: ["*"] }] },
    },
    address: "data.aws_iam_policy_document.Admin",
    message: "statement 1 allows every action on every resource",
  },
  {
    rule: "CKV_AWS_60",
    scenario: "a role anyone can assume (through a policy document of the stack)",
    pass: {
      "aws_iam_role.Role": { assume_role_policy: ref("data.aws_iam_policy_document.Trust", "json") },
      "data.aws_iam_policy_document.Trust": trustPolicy(["ec2.amazonaws.com"]),
    },
    fail: {
      "aws_iam_role.Role": { assume_role_policy: ref("data.aws_iam_policy_document.Trust", "json") },
      "data.aws_iam_policy_document.Trust": trustPolicy(["*"], "AWS"),
    },
    address: "aws_iam_role.Role",
    message: "the trust policy lets any AWS principal assume the role (statement 1)",
  },
  {
    rule: "CKV_AWS_60",
    scenario: "a role anyone can assume (JSON trust policy)",
    pass: {
      "aws_iam_role.Role": {
        assume_role_policy: JSON.stringify({
          Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } }],
        }),
      },
    },
    fail: {
      "aws_iam_role.Role": {
        assume_role_policy: JSON.stringify({
          Statement: [{ Sid: "Anyone", Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "*" } }],
        }),
      },
    },
    address: "aws_iam_role.Role",
    message: 'the trust policy lets any AWS principal assume the role (statement "Anyone")',
  },
  {
    rule: "CKV_AWS_33",
    scenario: "a key policy open to anyone without a condition",
    pass: { "aws_kms_key.Key": kmsKey, "data.aws_iam_policy_document.KeyPolicy": keyPolicy },
    fail: {
      "aws_kms_key.Key": {
        ...kmsKey,
        policy: JSON.stringify({
          Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }],
        }),
      },
    },
    address: "aws_kms_key.Key",
    message: "the key policy allows any principal without a condition (statement 1)",
  },
  {
    rule: "CKV_AWS_161",
    scenario: "password-only database logins",
    pass: { "aws_db_instance.Db": db },
    fail: { "aws_db_instance.Db": { ...db, iam_database_authentication_enabled: false } },
    address: "aws_db_instance.Db",
    message: "iam_database_authentication_enabled is not true",
  },

  // Versions
  {
    rule: "PLAT_HELM_CHART_PINNED",
    scenario: "a chart version range",
    pass: { "helm_release.Keda": { chart: "keda", version: "2.21.1" } },
    fail: { "helm_release.Keda": { chart: "keda", version: "^2.21" } },
    address: "helm_release.Keda",
    message: 'version is "^2.21", not an exact x.y.z chart version',
  },
  {
    rule: "PLAT_HELM_CHART_PINNED",
    scenario: "a chart without a version",
    pass: { "helm_release.Keda": { chart: "keda", version: "v2.21.1" } },
    fail: { "helm_release.Keda": { chart: "keda" } },
    address: "helm_release.Keda",
    message: "version is not set, so every plan may install the chart's latest release",
  },
  {
    rule: "PLAT_EKS_VERSION_PINNED",
    scenario: "a cluster on the default Kubernetes version",
    pass: { "aws_eks_cluster.Cluster": cluster },
    fail: { "aws_eks_cluster.Cluster": without(cluster, "version") },
    address: "aws_eks_cluster.Cluster",
    message: "version is not set",
  },
  {
    rule: "PLAT_EKS_ADDON_VERSION_PINNED",
    scenario: "an add-on on the default version",
    pass: { "aws_eks_addon.Cni": { addon_name: "vpc-cni", addon_version: "v1.20.0-eksbuild.1" } },
    fail: { "aws_eks_addon.Cni": { addon_name: "vpc-cni" } },
    address: "aws_eks_addon.Cni",
    message: "addon_version is not set",
  },
  {
    rule: "PLAT_EKS_NODE_GROUP_VERSION",
    scenario: "a node group on the default version (following the cluster's version passes)",
    pass: { "aws_eks_node_group.Nodes": { version: ref("aws_eks_cluster.Cluster", "version") } },
    fail: { "aws_eks_node_group.Nodes": { node_group_name: "general" } },
    address: "aws_eks_node_group.Nodes",
    message: "neither version nor release_version is set",
  },
  {
    rule: "PLAT_RDS_ENGINE_VERSION_PINNED",
    scenario: "a primary on the default engine version (replicas follow their source)",
    pass: { "aws_db_instance.Db": db, "aws_db_instance.Replica": replica },
    fail: { "aws_db_instance.Db": without(db, "engine_version") },
    address: "aws_db_instance.Db",
    message: "engine_version is not set",
  },
  {
    rule: "PLAT_ELASTICACHE_ENGINE_VERSION_PINNED",
    scenario: "a cache on the default engine version",
    pass: { "aws_elasticache_replication_group.Cache": cache },
    fail: { "aws_elasticache_replication_group.Cache": without(cache, "engine_version") },
    address: "aws_elasticache_replication_group.Cache",
    message: "engine_version is not set",
  },
  {
    rule: "PLAT_MSK_KAFKA_VERSION_PINNED",
    scenario: "a Kafka cluster without a version",
    pass: { "aws_msk_cluster.Kafka": kafka },
    fail: { "aws_msk_cluster.Kafka": without(kafka, "kafka_version") },
    address: "aws_msk_cluster.Kafka",
    message: "kafka_version is not set",
  },
  {
    rule: "CKV_AWS_226",
    scenario: "minor upgrades off",
    pass: { "aws_db_instance.Db": db },
    fail: { "aws_db_instance.Db": { ...db, auto_minor_version_upgrade: false } },
    address: "aws_db_instance.Db",
    message: "auto_minor_version_upgrade is false",
  },
  {
    rule: "CKV_AWS_211",
    scenario: "an expiring certificate authority",
    pass: { "aws_db_instance.Db": db },
    fail: { "aws_db_instance.Db": { ...db, ca_cert_identifier: "rds-ca-2019" } },
    address: "aws_db_instance.Db",
    message: 'ca_cert_identifier is "rds-ca-2019"',
  },
];

describe("every rule", () => {
  test("has a passing and a failing case", () => {
    const covered = new Set(CASES.map((testCase) => testCase.rule));
    expect(RULES.map((rule) => rule.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  test.each(CASES)("$rule passes: $scenario", ({ rule, pass }) => {
    expect(findingsOf(rule, pass)).toEqual([]);
  });

  test.each(CASES)("$rule fails: $scenario", ({ rule, fail, address, message }) => {
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
