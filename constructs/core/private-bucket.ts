import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import type { Construct } from "constructs";

export interface PrivateBucketOptions {
  /** Customer-managed key every object is encrypted with (S3 bucket keys on, to cut KMS calls). */
  readonly kmsKeyArn: string;
  /** Id of the lifecycle rule, saying what it expires: `expire-old-state-versions`. */
  readonly lifecycleRuleId: string;
  /** Days a replaced or deleted object version is kept before it expires. */
  readonly noncurrentVersionDays: number;
}

/**
 * What every private bucket of the platform has, created in `scope` with the ids `OwnershipControls`,
 * `PublicAccessBlock`, `Versioning`, `Encryption` and `Lifecycle`: ACLs disabled (bucket owner enforced), all four
 * public access blocks, versioning, SSE-KMS with the given key, and a lifecycle rule that expires old versions and
 * aborts incomplete multipart uploads after a week. Returns the public access block, which a bucket policy must
 * wait for (S3 rejects a policy while the block is being set up).
 */
export function privateBucketBaseline(
  scope: Construct,
  bucket: S3Bucket,
  options: PrivateBucketOptions,
): S3BucketPublicAccessBlock {
  new S3BucketOwnershipControls(scope, "OwnershipControls", {
    bucket: bucket.id,
    rule: { objectOwnership: "BucketOwnerEnforced" },
  });
  const publicAccessBlock = new S3BucketPublicAccessBlock(scope, "PublicAccessBlock", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new S3BucketVersioningA(scope, "Versioning", {
    bucket: bucket.id,
    versioningConfiguration: { status: "Enabled" },
  });
  new S3BucketServerSideEncryptionConfigurationA(scope, "Encryption", {
    bucket: bucket.id,
    rule: [
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: options.kmsKeyArn },
        bucketKeyEnabled: true,
      },
    ],
  });
  new S3BucketLifecycleConfiguration(scope, "Lifecycle", {
    bucket: bucket.id,
    rule: [
      {
        id: options.lifecycleRuleId,
        status: "Enabled",
        filter: [{ prefix: "" }],
        noncurrentVersionExpiration: [{ noncurrentDays: options.noncurrentVersionDays }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
    ],
  });
  return publicAccessBlock;
}

/** The bucket policy statement that refuses any request not made over TLS. */
export function denyInsecureTransport(bucketArn: string) {
  return {
    sid: "DenyInsecureTransport",
    effect: "Deny",
    principals: [{ type: "*", identifiers: ["*"] }],
    actions: ["s3:*"],
    resources: [bucketArn, `${bucketArn}/*`],
    condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
  };
}
