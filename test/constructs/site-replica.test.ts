import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { TerraformStack } from "cdktf";
import { CdnDistribution, type CdnDistributionProps } from "../../constructs/cdn/cdn-distribution";
import { SiteReplica, type SiteReplicaProps, siteBucketName } from "../../constructs/cdn/site-replica";
import { codeSuppressions } from "../../constructs/core/suppress";
import { dataNamed, listOf, named, ref, resourcesOf, synth, synthWithValues, testStack } from "../helpers";

const REPLICA_BUCKET = "acme-test-static-123456789012-eu-central-1";

/** The distribution's props, with a failover bucket when given. */
function cdnProps(stack: TerraformStack, extra: Partial<CdnDistributionProps> = {}): CdnDistributionProps {
  const provider = new AwsProvider(stack, "aws-us-east-1", { region: "us-east-1", alias: "us_east_1" });
  return {
    name: "acme-test-cdn",
    bucketName: "acme-test-static-123456789012-eu-west-1",
    api: { domainName: "abc123.execute-api.eu-west-1.amazonaws.com", originPath: "/v1" },
    staticTtl: { minSeconds: 86400, defaultSeconds: 604800, maxSeconds: 31536000 },
    pageTtl: { minSeconds: 0, defaultSeconds: 300, maxSeconds: 3600 },
    priceClass: "PriceClass_100",
    webAclArn: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/acme-test-cdn/a1b2c3d4-0000-0000-0000-000000000000",
    accessLogs: {
      kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/11111111-1111-1111-1111-111111111111",
      retentionDays: 30,
      deletionProtection: true,
      provider,
    },
    ...extra,
  };
}

/** A replica in eu-central-1 of the site of a distribution in eu-west-1 (the test stack's region). */
function build(overrides: Partial<Omit<SiteReplicaProps, "replicaProvider">> = {}) {
  const stack = testStack();
  const standby = new AwsProvider(stack, "aws-standby", { region: "eu-central-1", alias: "standby" });
  const replica = new SiteReplica(stack, "SiteReplica", {
    name: "acme-test-cdn",
    bucketName: REPLICA_BUCKET,
    replicaProvider: standby,
    ...overrides,
  });
  const cdn = new CdnDistribution(stack, "Cdn", cdnProps(stack, { siteFailoverBucket: replica.failoverBucket }));
  const replication = replica.replicateFrom(cdn);
  return { stack, replica, cdn, replication };
}

describe("SiteReplica", () => {
  describe("with the defaults", () => {
    const { stack, replica } = build();
    const { json, values } = synthWithValues(stack, {
      bucketName: replica.bucketName,
      bucketArn: replica.bucketArn,
      bucketRegionalDomainName: replica.bucketRegionalDomainName,
    });
    const [replicaId, replicaBucket] = named(json, "aws_s3_bucket", "SiteReplica_Bucket");
    const [sourceId] = named(json, "aws_s3_bucket", "Cdn_Bucket");
    const replicaRef = ref("aws_s3_bucket", replicaId);
    const replicaArn = ref("aws_s3_bucket", replicaId, "arn");
    const sourceArn = ref("aws_s3_bucket", sourceId, "arn");
    const [replicaKeyId] = named(json, "aws_kms_key", "SiteReplica_Key");
    const [sourceKeyId] = named(json, "aws_kms_key", "Cdn_BucketKey");
    const [distributionId] = named(json, "aws_cloudfront_distribution", "Cdn");
    const distributionArn = ref("aws_cloudfront_distribution", distributionId, "arn");
    const [roleId, role] = named(json, "aws_iam_role", "SiteReplica_ReplicationRole");
    const [rolePolicyId, rolePolicy] = named(json, "aws_iam_role_policy", "SiteReplica_ReplicationRolePolicy");
    const [, replication] = named(json, "aws_s3_bucket_replication_configuration", "SiteReplica_Replication");
    const replicaSide = (type: string) => named(json, type, "SiteReplica")[1];

    test("the replica bucket, named with the account and the standby region, in the standby region", () => {
      expect(replicaBucket).toEqual({ bucket: REPLICA_BUCKET, force_destroy: false, provider: "aws.standby" });
      expect(values.bucketName).toBe(ref("aws_s3_bucket", replicaId, "bucket"));
      expect(values.bucketArn).toBe(replicaArn);
      expect(values.bucketRegionalDomainName).toBe(ref("aws_s3_bucket", replicaId, "bucket_regional_domain_name"));
      expect(replica.region).toBe("eu-central-1");
      expect(siteBucketName("acme-test", "123456789012", "eu-central-1")).toBe(REPLICA_BUCKET);
    });

    test("private like the site bucket: owner-enforced, public access blocked, versioned, SSE-KMS with its own key", () => {
      expect(replicaSide("aws_s3_bucket_ownership_controls")).toEqual({
        bucket: replicaRef,
        rule: { object_ownership: "BucketOwnerEnforced" },
        provider: "aws.standby",
      });
      expect(replicaSide("aws_s3_bucket_public_access_block")).toEqual({
        bucket: replicaRef,
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
        provider: "aws.standby",
      });
      expect(replicaSide("aws_s3_bucket_versioning")).toEqual({
        bucket: replicaRef,
        versioning_configuration: { status: "Enabled" },
        provider: "aws.standby",
      });
      expect(replicaSide("aws_s3_bucket_server_side_encryption_configuration")).toEqual({
        bucket: replicaRef,
        rule: [
          {
            apply_server_side_encryption_by_default: {
              sse_algorithm: "aws:kms",
              kms_master_key_id: ref("aws_kms_key", replicaKeyId, "arn"),
            },
            bucket_key_enabled: true,
          },
        ],
        provider: "aws.standby",
      });
      expect(replicaSide("aws_s3_bucket_lifecycle_configuration").provider).toBe("aws.standby");
    });

    test("every replica-side resource uses the standby provider; the replication's resources the stack's", () => {
      const providers = Object.fromEntries(
        Object.entries(json.resource!).flatMap(([type, blocks]) =>
          Object.entries(blocks)
            .filter(([id]) => id.startsWith("SiteReplica_"))
            .map(([id, block]) => [`${type}.${id.replace(/_[0-9A-F]{8}$/, "")}`, block.provider ?? "default"]),
        ),
      );
      expect(providers).toEqual({
        "aws_s3_bucket.SiteReplica_Bucket": "aws.standby",
        "aws_s3_bucket_ownership_controls.SiteReplica_OwnershipControls": "aws.standby",
        "aws_s3_bucket_public_access_block.SiteReplica_PublicAccessBlock": "aws.standby",
        "aws_s3_bucket_versioning.SiteReplica_Versioning": "aws.standby",
        "aws_s3_bucket_server_side_encryption_configuration.SiteReplica_Encryption": "aws.standby",
        "aws_s3_bucket_lifecycle_configuration.SiteReplica_Lifecycle": "aws.standby",
        "aws_s3_bucket_policy.SiteReplica_BucketPolicy": "aws.standby",
        "aws_kms_key.SiteReplica_Key": "aws.standby",
        "aws_kms_alias.SiteReplica_Key_Alias": "aws.standby",
        "aws_iam_role.SiteReplica_ReplicationRole": "default",
        "aws_iam_role_policy.SiteReplica_ReplicationRolePolicy": "default",
        "aws_s3_bucket_replication_configuration.SiteReplica_Replication": "default",
      });
    });

    test("a TLS-only bucket policy that lets only the distribution read, after the public access block", () => {
      const [policyDocId, policyDoc] = dataNamed(json, "aws_iam_policy_document", "SiteReplica_BucketPolicyDocument");
      const fromDistribution = [{ test: "StringEquals", variable: "AWS:SourceArn", values: [distributionArn] }];
      const cloudFront = [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }];
      expect(policyDoc.statement).toEqual([
        {
          sid: "AllowCloudFrontRead",
          effect: "Allow",
          principals: cloudFront,
          actions: ["s3:GetObject"],
          resources: [`${replicaArn}/*`],
          condition: fromDistribution,
        },
        {
          sid: "AllowCloudFrontList",
          effect: "Allow",
          principals: cloudFront,
          actions: ["s3:ListBucket"],
          resources: [replicaArn],
          condition: fromDistribution,
        },
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          principals: [{ type: "*", identifiers: ["*"] }],
          actions: ["s3:*"],
          resources: [replicaArn, `${replicaArn}/*`],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
      ]);
      const [pabId] = named(json, "aws_s3_bucket_public_access_block", "SiteReplica");
      expect(replicaSide("aws_s3_bucket_policy")).toEqual({
        bucket: replicaRef,
        policy: `\${data.aws_iam_policy_document.${policyDocId}.json}`,
        depends_on: [`aws_s3_bucket_public_access_block.${pabId}`],
        provider: "aws.standby",
      });
    });

    test("the replica's key lets CloudFront decrypt for this distribution only", () => {
      const [, keyPolicy] = dataNamed(json, "aws_iam_policy_document", "SiteReplica_Key_Policy");
      expect(keyPolicy.statement[1]).toEqual({
        sid: "AllowCloudFrontDecrypt",
        effect: "Allow",
        principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
        actions: ["kms:Decrypt"],
        resources: ["*"],
        condition: [{ test: "StringEquals", variable: "AWS:SourceArn", values: [distributionArn] }],
      });
      expect(named(json, "aws_kms_alias", "SiteReplica_Key_Alias")[1].name).toBe("alias/acme-test-cdn-static-replica");
    });

    test("a replication role trusted by S3 alone", () => {
      const [, trust] = dataNamed(json, "aws_iam_policy_document", "SiteReplica_ReplicationTrustPolicy");
      expect(trust.statement).toEqual([
        {
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["s3.amazonaws.com"] }],
          actions: ["sts:AssumeRole"],
        },
      ]);
      expect(role.name).toBe("acme-test-cdn-site-replication");
    });

    test("the role's permissions are those of the S3 replication docs, KMS limited to S3 in each region and bucket", () => {
      const [permissionsId, permissions] = dataNamed(
        json,
        "aws_iam_policy_document",
        "SiteReplica_ReplicationPermissions",
      );
      expect(rolePolicy).toEqual({
        name: "replicate-static-site",
        role: ref("aws_iam_role", roleId),
        policy: `\${data.aws_iam_policy_document.${permissionsId}.json}`,
      });
      const context = (arn: string) => ({
        test: "StringLike",
        variable: "kms:EncryptionContext:aws:s3:arn",
        values: [arn, `${arn}/*`],
      });
      expect(permissions.statement).toEqual([
        {
          sid: "ReadSourceBucket",
          effect: "Allow",
          actions: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
          resources: [sourceArn],
        },
        {
          sid: "ReadSourceObjects",
          effect: "Allow",
          actions: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
          resources: [`${sourceArn}/*`],
        },
        {
          sid: "WriteReplicaObjects",
          effect: "Allow",
          actions: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
          resources: [`${replicaArn}/*`],
        },
        {
          sid: "DecryptSourceObjects",
          effect: "Allow",
          actions: ["kms:Decrypt"],
          resources: [ref("aws_kms_key", sourceKeyId, "arn")],
          condition: [
            {
              test: "StringEquals",
              variable: "kms:ViaService",
              values: [`s3.\${aws_s3_bucket.${sourceId}.region}.amazonaws.com`],
            },
            context(sourceArn),
          ],
        },
        {
          sid: "EncryptReplicaObjects",
          effect: "Allow",
          actions: ["kms:Encrypt"],
          resources: [ref("aws_kms_key", replicaKeyId, "arn")],
          condition: [
            { test: "StringEquals", variable: "kms:ViaService", values: ["s3.eu-central-1.amazonaws.com"] },
            context(replicaArn),
          ],
        },
      ]);
    });

    test("one rule replicating the whole site bucket, delete markers and SSE-KMS objects, after both versionings", () => {
      const [sourceVersioningId] = named(json, "aws_s3_bucket_versioning", "Cdn_Versioning");
      const [replicaVersioningId] = named(json, "aws_s3_bucket_versioning", "SiteReplica_Versioning");
      expect(replication).toEqual({
        bucket: ref("aws_s3_bucket", sourceId),
        role: ref("aws_iam_role", roleId, "arn"),
        rule: [
          {
            id: "site-to-standby",
            status: "Enabled",
            priority: 0,
            filter: {},
            delete_marker_replication: { status: "Enabled" },
            source_selection_criteria: { sse_kms_encrypted_objects: { status: "Enabled" } },
            destination: {
              bucket: replicaArn,
              storage_class: "STANDARD",
              encryption_configuration: { replica_kms_key_id: ref("aws_kms_key", replicaKeyId, "arn") },
            },
          },
        ],
        depends_on: [
          `aws_s3_bucket_versioning.${sourceVersioningId}`,
          `aws_s3_bucket_versioning.${replicaVersioningId}`,
          `aws_iam_role_policy.${rolePolicyId}`,
        ],
      });
      // No Replication Time Control and no replication metrics (billed per GB; build output is re-uploadable).
      expect(replication.rule[0].destination).not.toHaveProperty("replication_time");
      expect(replication.rule[0].destination).not.toHaveProperty("metrics");
    });

    test("forceDestroy defaults to false: Terraform deletes the replica only when empty", () => {
      expect(replicaBucket.force_destroy).toBe(false);
    });

    test("preventDestroy defaults to false: no lifecycle on bucket or key, each suppression listed with why", () => {
      expect(replicaBucket).not.toHaveProperty("lifecycle");
      expect(named(json, "aws_kms_key", "SiteReplica_Key")[1]).not.toHaveProperty("lifecycle");
      expect(
        codeSuppressions(stack.node.findAll())
          .filter((suppression) => suppression.resource.includes("SiteReplica"))
          .map((suppression) => [suppression.rule, suppression.resource]),
      ).toEqual([
        ["PLAT_PREVENT_DESTROY", `aws_s3_bucket.${replicaId}`],
        ["PLAT_PREVENT_DESTROY", `aws_kms_key.${replicaKeyId}`],
      ]);
    });
  });

  test("with preventDestroy and forceDestroy: both on the replica bucket, prevent_destroy on its key, nothing suppressed", () => {
    const { stack } = build({ preventDestroy: true, forceDestroy: true });
    const json = synth(stack);
    expect(named(json, "aws_s3_bucket", "SiteReplica_Bucket")[1]).toEqual({
      bucket: REPLICA_BUCKET,
      force_destroy: true,
      lifecycle: { prevent_destroy: true },
      provider: "aws.standby",
    });
    expect(named(json, "aws_kms_key", "SiteReplica_Key")[1].lifecycle).toEqual({ prevent_destroy: true });
    expect(codeSuppressions(stack.node.findAll()).filter((s) => s.resource.includes("SiteReplica"))).toEqual([]);
  });

  test("synth fails while replicateFrom was never called", () => {
    const stack = testStack();
    const standby = new AwsProvider(stack, "aws-standby", { region: "eu-central-1", alias: "standby" });
    new SiteReplica(stack, "SiteReplica", {
      name: "acme-test-cdn",
      bucketName: REPLICA_BUCKET,
      replicaProvider: standby,
    });
    expect(() => synth(stack)).toThrow(/replicateFrom\(distribution\) was never called/);
  });

  test("replicateFrom refuses a second source", () => {
    const { replica, cdn } = build();
    expect(() => replica.replicateFrom(cdn)).toThrow(/replicateFrom: already called; a replica has one source/);
  });

  const sixtyFour = `acme-test-static-123456789012-eu-central-1-${"x".repeat(21)}`;
  test.each([
    ["a name with capitals", { name: "Acme-Test" }, /name: "Acme-Test" is not allowed/],
    [
      "a bucket name over 63 characters",
      { bucketName: sixtyFour },
      new RegExp(`bucketName: "${sixtyFour}" \\(64 characters\\) is not allowed; expected 3 to 63`),
    ],
    [
      "a bucket name with dots",
      { bucketName: "acme.static" },
      /bucketName: "acme.static" \(11 characters\) is not allowed/,
    ],
  ])("rejects %s before creating anything", (_case, overrides, message) => {
    const stack = testStack();
    const standby = new AwsProvider(stack, "aws-standby", { region: "eu-central-1", alias: "standby" });
    expect(
      () =>
        new SiteReplica(stack, "SiteReplica", {
          name: "acme-test-cdn",
          bucketName: REPLICA_BUCKET,
          replicaProvider: standby,
          ...overrides,
        }),
    ).toThrow(message);
    expect(resourcesOf(synth(stack), "aws_s3_bucket")).toEqual({});
  });

  test.each([
    ["without a region", {}, /replicaProvider: has no region; expected the provider of the standby region/],
    [
      "of the stack's region",
      { region: "eu-west-1" },
      /replicaProvider: its region "eu-west-1" is the stack's, where the site bucket is; expected the standby region's provider/,
    ],
  ])("rejects a replica provider %s", (_case, config, message) => {
    const stack = testStack();
    const provider = new AwsProvider(stack, "aws-other", { alias: "other", ...config });
    expect(
      () =>
        new SiteReplica(stack, "SiteReplica", {
          name: "acme-test-cdn",
          bucketName: REPLICA_BUCKET,
          replicaProvider: provider,
        }),
    ).toThrow(message);
    expect(listOf(synth(stack), "aws_s3_bucket")).toEqual([]);
  });
});
