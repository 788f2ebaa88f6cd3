import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { denyInsecureTransport, privateBucketBaseline } from "../core/private-bucket";
import { EncryptionKey } from "../kms/encryption-key";
import { STATE_BUCKET_NAME } from "./bucket-name";

export interface StateBucketProps {
  /** Globally unique bucket name: 3 to 63 lower-case letters, digits or hyphens. */
  readonly bucketName: string;
  /** Alias (without `alias/`) of the KMS key that encrypts the state; the S3 backend's `kms_key_id` points at it. */
  readonly keyAliasName: string;
  /**
   * How long replaced state versions are kept, so that a bad apply can be rolled back by restoring a version.
   *
   * @default 90
   */
  readonly noncurrentVersionRetentionDays?: number;
}

/**
 * The S3 bucket that holds Terraform state: versioned, encrypted with its own customer-managed key, closed to the
 * public, reachable only over TLS 1.2+, and protected by `prevent_destroy` together with its key.
 *
 * Locking uses S3-native lock files (`use_lockfile`, Terraform >= 1.10), so there is no DynamoDB table.
 */
export class StateBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly bucketName: string;
  public readonly bucketArn: string;
  public readonly key: EncryptionKey;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);

    // Default: three months of history is enough to recover from a bad apply noticed late.
    const noncurrentVersionRetentionDays = props.noncurrentVersionRetentionDays ?? 90;

    if (!STATE_BUCKET_NAME.test(props.bucketName)) {
      throw new ValidationError(
        `bucketName: ${show(props.bucketName)} is not allowed; expected 3 to 63 lower-case letters, digits or hyphens`,
        this,
      );
    }
    if (!Number.isInteger(noncurrentVersionRetentionDays) || noncurrentVersionRetentionDays < 1) {
      throw new ValidationError(
        `noncurrentVersionRetentionDays: ${noncurrentVersionRetentionDays} is not allowed; expected a whole number of days, at least 1`,
        this,
      );
    }

    this.key = new EncryptionKey(this, "Key", {
      aliasName: props.keyAliasName,
      description: `Encrypts the Terraform state in s3://${props.bucketName}`,
      preventDestroy: true,
    });

    this.bucket = new S3Bucket(this, "Resource", {
      bucket: props.bucketName,
      forceDestroy: false,
      lifecycle: { preventDestroy: true },
    });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;

    privateBucketBaseline(this, this.bucket, {
      kmsKeyArn: this.key.keyArn,
      lifecycleRuleId: "expire-old-state-versions",
      noncurrentVersionDays: noncurrentVersionRetentionDays,
    });

    const policy = new DataAwsIamPolicyDocument(this, "Policy", {
      statement: [
        denyInsecureTransport(this.bucket.arn),
        {
          sid: "DenyOutdatedTls",
          effect: "Deny",
          principals: [{ type: "*", identifiers: ["*"] }],
          actions: ["s3:*"],
          resources: [this.bucket.arn, `${this.bucket.arn}/*`],
          condition: [{ test: "NumericLessThan", variable: "s3:TlsVersion", values: ["1.2"] }],
        },
      ],
    });
    new S3BucketPolicy(this, "BucketPolicy", {
      bucket: this.bucket.id,
      policy: policy.json,
    });
  }
}
