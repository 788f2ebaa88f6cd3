import { StateBucket } from "../../constructs/state/state-bucket";
import { dataNamed, named, onlyOf, ref, synth, testStack } from "../helpers";

function build(props: { bucketName?: string; noncurrentVersionRetentionDays?: number } = {}) {
  const stack = testStack();
  new StateBucket(stack, "State", {
    bucketName: "acme-test-state",
    keyAliasName: "acme-test-terraform-state",
    ...props,
  });
  const json = synth(stack);
  const [bucketId, bucket] = named(json, "aws_s3_bucket", "State");
  return { json, bucketId, bucket, bucketRef: ref("aws_s3_bucket", bucketId) };
}

describe("StateBucket", () => {
  test("the bucket and its key are protected from destruction", () => {
    const { json, bucket } = build();

    expect(bucket).toEqual({ bucket: "acme-test-state", force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(onlyOf(json, "aws_kms_key").lifecycle).toEqual({ prevent_destroy: true });
  });

  test("versions every object", () => {
    const { json, bucketRef } = build();

    expect(onlyOf(json, "aws_s3_bucket_versioning")).toEqual({
      bucket: bucketRef,
      versioning_configuration: { status: "Enabled" },
    });
  });

  test("encrypts with its own customer-managed key and a bucket key", () => {
    const { json, bucketRef } = build();

    const [keyId] = named(json, "aws_kms_key", "Key");
    expect(onlyOf(json, "aws_s3_bucket_server_side_encryption_configuration")).toEqual({
      bucket: bucketRef,
      rule: [
        {
          apply_server_side_encryption_by_default: {
            sse_algorithm: "aws:kms",
            kms_master_key_id: ref("aws_kms_key", keyId, "arn"),
          },
          bucket_key_enabled: true,
        },
      ],
    });
    expect(onlyOf(json, "aws_kms_alias").name).toBe("alias/acme-test-terraform-state");
  });

  test("blocks every form of public access and disables ACLs", () => {
    const { json, bucketRef } = build();

    expect(onlyOf(json, "aws_s3_bucket_public_access_block")).toEqual({
      bucket: bucketRef,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(onlyOf(json, "aws_s3_bucket_ownership_controls").rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
  });

  test("denies requests without TLS or with TLS older than 1.2", () => {
    const { json, bucketId } = build();

    const [, document] = dataNamed(json, "aws_iam_policy_document", "State_Policy");
    const arn = ref("aws_s3_bucket", bucketId, "arn");
    expect(document.statement).toEqual([
      expect.objectContaining({
        sid: "DenyInsecureTransport",
        effect: "Deny",
        resources: [arn, `${arn}/*`],
        condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
      }),
      expect.objectContaining({
        sid: "DenyOutdatedTls",
        effect: "Deny",
        condition: [{ test: "NumericLessThan", variable: "s3:TlsVersion", values: ["1.2"] }],
      }),
    ]);
    expect(onlyOf(json, "aws_s3_bucket_policy").bucket).toBe(ref("aws_s3_bucket", bucketId));
  });

  test("expires old state versions after the retention period and aborts stale uploads", () => {
    const { json } = build({ noncurrentVersionRetentionDays: 30 });

    expect(onlyOf(json, "aws_s3_bucket_lifecycle_configuration").rule[0]).toMatchObject({
      status: "Enabled",
      noncurrent_version_expiration: [{ noncurrent_days: 30 }],
      abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
    });
  });

  test.each([
    [
      { bucketName: "Acme_State" },
      /bucketName: "Acme_State" is not allowed; expected 3 to 63 lower-case letters, digits or hyphens/,
    ],
    [
      { noncurrentVersionRetentionDays: 0 },
      /noncurrentVersionRetentionDays: 0 is not allowed; expected a whole number of days, at least 1/,
    ],
  ])("rejects %o", (props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
