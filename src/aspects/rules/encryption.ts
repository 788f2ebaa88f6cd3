import { show } from "../../../constructs/core/errors";
import type { Rule } from "../rule";
import { block, blocks, isReadReplica, isSet, isTrue, ofType, strings, targetsBucket } from "./helpers";

/** The AWS-managed keys, which cannot be governed by our key policies or audited as ours. */
const AWS_MANAGED_ALIAS = /^(arn:[^:]+:kms:[^:]*:[^:]*:)?alias\/aws\//;

/**
 * What is wrong with `key` as a customer-managed key setting named `attribute`: unset, or an AWS-managed alias
 * (`alias/aws/rds` or its ARN), which every API taking a key id also accepts; undefined for anything else.
 */
function customerManagedKeyProblem(attribute: string, key: unknown): string | undefined {
  if (!isSet(key)) {
    return `${attribute} is not set`;
  }
  return typeof key === "string" && AWS_MANAGED_ALIAS.test(key)
    ? `${attribute} is the AWS-managed key ${show(key)}`
    : undefined;
}

/** Encryption at rest, with customer-managed KMS keys wherever the service allows one. */
export const ENCRYPTION_RULES: readonly Rule[] = [
  {
    id: "CKV_AWS_16",
    rationale: "Database storage, snapshots and backups must be encrypted at rest.",
    severity: "error",
    resourceTypes: ["aws_db_instance"],
    fix: "set storageEncrypted: true",
    check: (db) => (isTrue(db.config.storage_encrypted) ? undefined : "storage_encrypted is not true"),
  },
  {
    id: "PLAT_RDS_STORAGE_CMK",
    rationale:
      "Database storage is encrypted with a customer-managed KMS key (replicas in the region inherit their source's key).",
    severity: "error",
    resourceTypes: ["aws_db_instance"],
    fix: "set kmsKeyId to the ARN of a customer-managed aws_kms_key",
    check: (db) => {
      if (isReadReplica(db)) {
        return undefined;
      }
      const problem = customerManagedKeyProblem("kms_key_id", db.config.kms_key_id);
      return problem === "kms_key_id is not set" ? `${problem}, so storage uses the AWS-managed aws/rds key` : problem;
    },
  },
  {
    id: "CKV_AWS_354",
    rationale: "Performance Insights data holds query text and is encrypted with a customer-managed KMS key.",
    severity: "error",
    resourceTypes: ["aws_db_instance"],
    fix: "set performanceInsightsKmsKeyId to the ARN of a customer-managed aws_kms_key",
    check: (db) => {
      if (!isTrue(db.config.performance_insights_enabled)) {
        return undefined;
      }
      const key = db.config.performance_insights_kms_key_id;
      return isSet(key)
        ? customerManagedKeyProblem("performance_insights_kms_key_id", key)
        : "Performance Insights is enabled without performance_insights_kms_key_id";
    },
  },
  {
    id: "CKV_AWS_29",
    rationale: "Cache data, snapshots and swap must be encrypted at rest.",
    severity: "error",
    resourceTypes: ["aws_elasticache_replication_group"],
    fix: 'set atRestEncryptionEnabled: "true"',
    check: (cache) =>
      isTrue(cache.config.at_rest_encryption_enabled)
        ? undefined
        : `at_rest_encryption_enabled is ${show(cache.config.at_rest_encryption_enabled)}, not "true"`,
  },
  {
    id: "CKV_AWS_191",
    rationale: "Cache data at rest is encrypted with a customer-managed KMS key.",
    severity: "error",
    resourceTypes: ["aws_elasticache_replication_group"],
    fix: "set kmsKeyId to the ARN of a customer-managed aws_kms_key",
    check: (cache) => customerManagedKeyProblem("kms_key_id", cache.config.kms_key_id),
  },
  {
    id: "AVD-AWS-0179",
    rationale: "Kafka broker storage is encrypted with a customer-managed KMS key, not the AWS-managed aws/kafka key.",
    severity: "error",
    resourceTypes: ["aws_msk_cluster"],
    fix: "set encryptionInfo.encryptionAtRestKmsKeyArn to the ARN of a customer-managed aws_kms_key",
    check: (kafka) =>
      customerManagedKeyProblem(
        "encryption_info.encryption_at_rest_kms_key_arn",
        block(kafka.config.encryption_info)?.encryption_at_rest_kms_key_arn,
      ),
  },
  {
    id: "PLAT_LT_EBS_ENCRYPTED",
    rationale: "Node and instance volumes must be encrypted (checkov's CKV_AWS_8 covers launch configurations only).",
    severity: "error",
    resourceTypes: ["aws_launch_template"],
    fix: 'set encrypted: "true" on the ebs block of every blockDeviceMappings entry',
    check: (template) => {
      const unencrypted = blocks(template.config.block_device_mappings)
        .filter((mapping) => block(mapping.ebs) && !isTrue(block(mapping.ebs)?.encrypted))
        .map((mapping) => show(mapping.device_name));
      return unencrypted.length > 0 ? `the EBS volumes ${unencrypted.join(", ")} are not encrypted` : undefined;
    },
  },
  {
    id: "PLAT_LT_EBS_CMK",
    rationale:
      "Node and instance volumes are encrypted with a customer-managed KMS key, not the account's EBS default.",
    severity: "error",
    resourceTypes: ["aws_launch_template"],
    fix: "set kmsKeyId on the ebs block of every blockDeviceMappings entry to a customer-managed aws_kms_key",
    check: (template) => {
      const keys = blocks(template.config.block_device_mappings)
        .filter((mapping) => block(mapping.ebs))
        .map((mapping) => ({ device: show(mapping.device_name), key: block(mapping.ebs)?.kms_key_id }));
      const withoutKey = keys.filter(({ key }) => !isSet(key)).map(({ device }) => device);
      if (withoutKey.length > 0) {
        return `the EBS volumes ${withoutKey.join(", ")} have no kms_key_id`;
      }
      const awsManaged = keys
        .filter(({ key }) => customerManagedKeyProblem("kms_key_id", key) !== undefined)
        .map(({ device }) => device);
      return awsManaged.length > 0 ? `the EBS volumes ${awsManaged.join(", ")} use an AWS-managed key` : undefined;
    },
  },
  {
    id: "CKV_AWS_158",
    rationale: "Logs can hold personal data and secrets; log groups are encrypted with a customer-managed KMS key.",
    severity: "error",
    resourceTypes: ["aws_cloudwatch_log_group"],
    fix: "set kmsKeyId to a customer-managed key whose policy grants CloudWatch Logs this group",
    check: (group) => customerManagedKeyProblem("kms_key_id", group.config.kms_key_id),
  },
  {
    id: "CKV_AWS_26",
    rationale: "Notifications can carry alarm and event details; topics are encrypted at rest.",
    severity: "error",
    resourceTypes: ["aws_sns_topic"],
    fix: "set kmsMasterKeyId to a customer-managed aws_kms_key",
    check: (topic) => (isSet(topic.config.kms_master_key_id) ? undefined : "kms_master_key_id is not set"),
  },
  {
    id: "AVD-AWS-0136",
    rationale:
      "Topics use a customer-managed key: the AWS-managed alias/aws/sns key cannot grant CloudWatch alarms or other accounts.",
    severity: "error",
    resourceTypes: ["aws_sns_topic"],
    fix: "set kmsMasterKeyId to a customer-managed aws_kms_key instead of alias/aws/sns",
    check: (topic) => {
      const key = topic.config.kms_master_key_id;
      return typeof key === "string" && AWS_MANAGED_ALIAS.test(key)
        ? `kms_master_key_id is the AWS-managed key ${show(key)}`
        : undefined;
    },
  },
  {
    id: "CKV_AWS_145",
    rationale: "Bucket objects are encrypted with SSE-KMS under a customer-managed key, not SSE-S3.",
    severity: "error",
    resourceTypes: ["aws_s3_bucket"],
    fix: 'add an aws_s3_bucket_server_side_encryption_configuration for the bucket with sseAlgorithm "aws:kms" and kmsMasterKeyId',
    check: (bucket, stack) => {
      const configurations = ofType(stack, "aws_s3_bucket_server_side_encryption_configuration").filter((sse) =>
        targetsBucket(sse.config.bucket, bucket),
      );
      if (configurations.length === 0) {
        return "no aws_s3_bucket_server_side_encryption_configuration in the stack refers to the bucket";
      }
      const defaults = configurations.flatMap((sse) =>
        blocks(sse.config.rule).flatMap((rule) => blocks(rule.apply_server_side_encryption_by_default)),
      );
      const withKey = defaults.some(
        (settings) =>
          typeof settings.sse_algorithm === "string" &&
          settings.sse_algorithm.startsWith("aws:kms") &&
          customerManagedKeyProblem("kms_master_key_id", settings.kms_master_key_id) === undefined,
      );
      return withKey
        ? undefined
        : "the bucket's default encryption is not aws:kms with a customer-managed kms_master_key_id";
    },
  },
  {
    id: "CKV_AWS_58",
    rationale: "Kubernetes secrets are envelope-encrypted in etcd with a customer-managed KMS key.",
    severity: "error",
    resourceTypes: ["aws_eks_cluster"],
    fix: 'set encryptionConfig: { resources: ["secrets"], provider: { keyArn } } with a customer-managed key',
    check: (cluster) => {
      const encryption = block(cluster.config.encryption_config);
      if (!encryption || !strings(encryption.resources).includes("secrets")) {
        return "encryption_config does not cover secrets";
      }
      return customerManagedKeyProblem("encryption_config.provider.key_arn", block(encryption.provider)?.key_arn);
    },
  },
  {
    id: "CKV_AWS_149",
    rationale:
      "Secrets are encrypted with a customer-managed KMS key, so that key policy and grants govern who reads them.",
    severity: "error",
    resourceTypes: ["aws_secretsmanager_secret"],
    fix: "set kmsKeyId to a customer-managed aws_kms_key",
    check: (secret) => {
      const problem = customerManagedKeyProblem("kms_key_id", secret.config.kms_key_id);
      return problem === "kms_key_id is not set"
        ? `${problem}, so the secret uses the AWS-managed aws/secretsmanager key`
        : problem;
    },
  },
  {
    id: "CKV_AWS_308",
    rationale: "Cached API responses are encrypted at rest.",
    severity: "error",
    resourceTypes: ["aws_api_gateway_method_settings"],
    fix: "set settings.cacheDataEncrypted: true wherever settings.cachingEnabled is true",
    check: (settings) => {
      const values = block(settings.config.settings);
      return isTrue(values?.caching_enabled) && !isTrue(values?.cache_data_encrypted)
        ? "caching is enabled without cache_data_encrypted"
        : undefined;
    },
  },
];
