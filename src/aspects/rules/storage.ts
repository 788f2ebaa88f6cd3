import { show } from "../../../constructs/core/errors";
import type { Rule } from "../rule";
import { block, isTrue, ofType, targetsBucket } from "./helpers";

/** The four settings of an S3 public access block. */
const PUBLIC_ACCESS_FLAGS = [
  "block_public_acls",
  "block_public_policy",
  "ignore_public_acls",
  "restrict_public_buckets",
];

/** S3 buckets: private and recoverable. */
export const STORAGE_RULES: readonly Rule[] = [
  {
    id: "CKV2_AWS_6",
    rationale: "Every bucket has a public access block with all four settings on, whatever its policy or ACLs say.",
    severity: "error",
    resourceTypes: ["aws_s3_bucket"],
    fix: "add an aws_s3_bucket_public_access_block for the bucket with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true",
    check: (bucket, stack) => {
      const blocks = ofType(stack, "aws_s3_bucket_public_access_block").filter((access) =>
        targetsBucket(access.config.bucket, bucket),
      );
      if (blocks.length === 0) {
        return "no aws_s3_bucket_public_access_block in the stack refers to the bucket";
      }
      const off = PUBLIC_ACCESS_FLAGS.filter((flag) => !blocks.some((access) => isTrue(access.config[flag])));
      return off.length > 0 ? `the public access block leaves ${off.join(", ")} off` : undefined;
    },
  },
  {
    id: "CKV_AWS_21",
    rationale: "Every bucket keeps object versions, so an overwrite or delete can be undone.",
    severity: "error",
    resourceTypes: ["aws_s3_bucket"],
    fix: 'add an aws_s3_bucket_versioning for the bucket with versioningConfiguration.status "Enabled"',
    check: (bucket, stack) => {
      const versioning = ofType(stack, "aws_s3_bucket_versioning").filter((settings) =>
        targetsBucket(settings.config.bucket, bucket),
      );
      if (versioning.length === 0) {
        return "no aws_s3_bucket_versioning in the stack refers to the bucket";
      }
      const statuses = versioning.map((settings) => block(settings.config.versioning_configuration)?.status);
      return statuses.includes("Enabled")
        ? undefined
        : `versioning status is ${statuses.map(show).join(", ")}, not "Enabled"`;
    },
  },
];
