import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketReplicationConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-replication-configuration";
import { type ITerraformDependable, TerraformResource, TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { denyInsecureTransport, privateBucketBaseline } from "../core/private-bucket";
import { suppressRule } from "../core/suppress";
import { EncryptionKey } from "../kms/encryption-key";
import type { SiteFailoverBucket } from "./cdn-props";
import { CDN_NAME, CDN_NAME_EXPECTATION, checkBucketName } from "./options";

export interface SiteReplicaProps {
  /** Prefix of the names of the construct's resources: the distribution's name, `acme-prod-cdn`. */
  readonly name: string;
  /**
   * Globally unique name of the replica bucket, in the standby region: `siteBucketName(prefix, account, region)`
   * with the standby region, like the site bucket's default name with the primary's.
   */
  readonly bucketName: string;
  /**
   * The AWS provider of the standby region (its `region` set): the replica bucket, its baseline, policy and KMS key
   * are created with it. The replication role and configuration belong to the site bucket and use the stack's.
   */
  readonly replicaProvider: AwsProvider;
  /** Lets `terraform destroy` delete the replica with its objects. @default false */
  readonly forceDestroy?: boolean;
  /** `lifecycle.prevent_destroy` on the replica bucket and its key. @default false */
  readonly preventDestroy?: boolean;
}

/** The site bucket and its distribution, as `replicateFrom` needs them: a `CdnDistribution` is one. */
export interface SiteReplicaSource {
  /** The site bucket: its name (`id`), ARN and region. */
  readonly bucket: { readonly id: string; readonly arn: string; readonly region: string };
  /** The KMS key the site bucket's objects are encrypted with. */
  readonly bucketKeyArn: string;
  /** The site bucket's `aws_s3_bucket_versioning`: replication is refused until versioning is on. */
  readonly bucketVersioning: ITerraformDependable;
  /** The distribution that reads the replica through its origin access control. */
  readonly distributionArn: string;
}

/** What `replicateFrom` creates. */
export interface SiteReplication {
  /** The replica's key, in the standby region. */
  readonly key: EncryptionKey;
  /** The role S3 assumes to replicate. */
  readonly role: IamRole;
  /** The `aws_s3_bucket_replication_configuration` of the site bucket. */
  readonly configuration: S3BucketReplicationConfigurationA;
}

/** The default name of a site bucket: `<prefix>-static-<account>-<region>` (bucket names are global). */
export function siteBucketName(namePrefix: string, accountId: string, region: string): string {
  return `${namePrefix}-static-${accountId}-${region}`;
}

/**
 * A copy of the static site in the standby region, kept by S3 cross-region replication (live replication of new
 * and changed objects and delete markers; objects uploaded before the configuration exists are not replicated:
 * re-deploy the site, or run S3 Batch Replication, after the first apply).
 *
 * - The replica bucket is private like the site bucket (`privateBucketBaseline`: owner-enforced, public access
 *   blocked, versioned, SSE-KMS with S3 bucket keys under its own key in the standby region, old versions expired)
 *   with a TLS-only policy that lets the distribution (and nothing else) read it, and a key policy that lets
 *   CloudFront decrypt for that distribution only.
 * - The replication role (trusted by s3.amazonaws.com) has the permissions of the S3 User Guide ("Setting up
 *   permissions for live replication", "Replicating encrypted objects"): read the site bucket's replication
 *   configuration, list it, read object versions, ACLs and tags; replicate objects, deletes and tags to the replica;
 *   decrypt with the site's key through S3 in its region and encrypt with the replica's key through S3 in the
 *   standby region, each for its bucket's objects only (`kms:ViaService`, `kms:EncryptionContext:aws:s3:arn`).
 * - One rule for the whole bucket, replicas in STANDARD. No Replication Time Control: it is billed per GB on top of
 *   replication, and its 15-minute objective buys nothing for build output that the deploy can re-upload to the
 *   replica; without it most objects still replicate within minutes.
 *
 * Created in two steps, because the distribution reads the replica and the replica's policies name the
 * distribution: construct it before the `CdnDistribution` (pass `failoverBucket` as its `siteFailoverBucket`),
 * then call `replicateFrom(distribution)`. Synth fails if `replicateFrom` is never called.
 */
export class SiteReplica extends Construct {
  public readonly bucket: S3Bucket;
  public readonly bucketName: string;
  public readonly bucketArn: string;
  public readonly bucketRegionalDomainName: string;
  /** The standby region. */
  public readonly region: string;
  /** What `CdnDistributionProps.siteFailoverBucket` takes. */
  public readonly failoverBucket: SiteFailoverBucket;
  private readonly props: SiteReplicaProps;
  private replication?: SiteReplication;

  constructor(scope: Construct, id: string, props: SiteReplicaProps) {
    super(scope, id);
    this.props = props;
    this.region = validateSiteReplica(this, props);

    // Default: like the site bucket, deleted by Terraform only when empty and without prevent_destroy.
    const forceDestroy = props.forceDestroy ?? false;
    const preventDestroy = props.preventDestroy ?? false;
    this.bucket = new S3Bucket(this, "Bucket", {
      bucket: props.bucketName,
      forceDestroy,
      lifecycle: preventDestroy ? { preventDestroy: true } : undefined,
      provider: props.replicaProvider,
    });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;
    this.bucketRegionalDomainName = this.bucket.bucketRegionalDomainName;
    this.failoverBucket = { bucketName: props.bucketName, bucketRegionalDomainName: this.bucketRegionalDomainName };

    this.node.addValidation({
      validate: () =>
        this.replication
          ? []
          : ["replicateFrom(distribution) was never called: the replica would have no encryption, policy or source"],
    });
  }

  /** The replica's key, policies and baseline, and the replication of `source` into it. Call once. */
  public replicateFrom(source: SiteReplicaSource): SiteReplication {
    if (this.replication) {
      throw new ValidationError("replicateFrom: already called; a replica has one source", this);
    }
    const { replicaProvider, name } = this.props;
    const preventDestroy = this.props.preventDestroy ?? false;
    const fromDistribution = [{ test: "StringEquals", variable: "AWS:SourceArn", values: [source.distributionArn] }];

    const key = new EncryptionKey(this, "Key", {
      aliasName: `${name}-static-replica`,
      description: `Encrypts the static site replica in s3://${this.props.bucketName}`,
      serviceGrants: [
        {
          sid: "AllowCloudFrontDecrypt",
          service: "cloudfront.amazonaws.com",
          actions: ["kms:Decrypt"],
          conditions: fromDistribution,
        },
      ],
      preventDestroy,
      provider: replicaProvider,
    });
    const existing = new Set(this.node.children);
    const publicAccessBlock = privateBucketBaseline(this, this.bucket, {
      kmsKeyArn: key.keyArn,
      lifecycleRuleId: "expire-replaced-versions",
      noncurrentVersionDays: 90,
    });
    // The baseline takes no provider: its resources belong to the replica bucket, in the standby region.
    for (const child of this.node.children) {
      if (!existing.has(child) && child instanceof TerraformResource) {
        child.provider = replicaProvider;
      }
    }
    const replicaVersioning = this.node.findChild("Versioning") as TerraformResource;

    const cloudFront = [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }];
    const bucketPolicy = new DataAwsIamPolicyDocument(this, "BucketPolicyDocument", {
      statement: [
        {
          sid: "AllowCloudFrontRead",
          effect: "Allow",
          principals: cloudFront,
          actions: ["s3:GetObject"],
          resources: [`${this.bucket.arn}/*`],
          condition: fromDistribution,
        },
        {
          // A missing object reads as 404, as in the site bucket.
          sid: "AllowCloudFrontList",
          effect: "Allow",
          principals: cloudFront,
          actions: ["s3:ListBucket"],
          resources: [this.bucket.arn],
          condition: fromDistribution,
        },
        denyInsecureTransport(this.bucket.arn),
      ],
      provider: replicaProvider,
    });
    new S3BucketPolicy(this, "BucketPolicy", {
      bucket: this.bucket.id,
      policy: bucketPolicy.json,
      dependsOn: [publicAccessBlock],
      provider: replicaProvider,
    });

    const role = replicationRole(this, name, source, this.bucket, key.keyArn, this.region);
    const configuration = new S3BucketReplicationConfigurationA(this, "Replication", {
      bucket: source.bucket.id,
      role: role.role.arn,
      rule: [
        {
          id: "site-to-standby",
          status: "Enabled",
          priority: 0,
          filter: {},
          deleteMarkerReplication: { status: "Enabled" },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
          destination: {
            bucket: this.bucket.arn,
            storageClass: "STANDARD",
            encryptionConfiguration: { replicaKmsKeyId: key.keyArn },
          },
        },
      ],
      // S3 refuses a replication configuration until versioning is on in both buckets; replication starts with the
      // role's permissions in place.
      dependsOn: [source.bucketVersioning, replicaVersioning, role.policy],
    });

    if (!preventDestroy) {
      suppressRule(
        this.bucket,
        "PLAT_PREVENT_DESTROY",
        "Replica of the static site bucket: build output replicated from the site bucket, re-uploadable from the site's sources",
      );
      suppressRule(
        key.key,
        "PLAT_PREVENT_DESTROY",
        "Key of the static site replica: it encrypts only replicated build output and follows the replica's preventDestroy",
      );
    }
    this.replication = { key, role: role.role, configuration };
    return this.replication;
  }
}

/** The role S3 replicates with, and its inline policy. */
function replicationRole(
  scope: Construct,
  name: string,
  source: SiteReplicaSource,
  replica: S3Bucket,
  replicaKeyArn: string,
  replicaRegion: string,
): { role: IamRole; policy: IamRolePolicy } {
  const trust = new DataAwsIamPolicyDocument(scope, "ReplicationTrustPolicy", {
    statement: [
      {
        effect: "Allow",
        principals: [{ type: "Service", identifiers: ["s3.amazonaws.com"] }],
        actions: ["sts:AssumeRole"],
      },
    ],
  });
  const role = new IamRole(scope, "ReplicationRole", {
    name: `${name}-site-replication`,
    description: `Lets S3 replicate the static site of ${name} to the standby region`,
    assumeRolePolicy: trust.json,
  });
  const viaS3 = (region: string) => ({
    test: "StringEquals",
    variable: "kms:ViaService",
    values: [`s3.${region}.amazonaws.com`],
  });
  // With S3 bucket keys the encryption context is the bucket's ARN; without, the object's.
  const contextOf = (bucketArn: string) => ({
    test: "StringLike",
    variable: "kms:EncryptionContext:aws:s3:arn",
    values: [bucketArn, `${bucketArn}/*`],
  });
  const permissions = new DataAwsIamPolicyDocument(scope, "ReplicationPermissions", {
    statement: [
      {
        sid: "ReadSourceBucket",
        effect: "Allow",
        actions: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
        resources: [source.bucket.arn],
      },
      {
        sid: "ReadSourceObjects",
        effect: "Allow",
        actions: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
        resources: [`${source.bucket.arn}/*`],
      },
      {
        sid: "WriteReplicaObjects",
        effect: "Allow",
        actions: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
        resources: [`${replica.arn}/*`],
      },
      {
        sid: "DecryptSourceObjects",
        effect: "Allow",
        actions: ["kms:Decrypt"],
        resources: [source.bucketKeyArn],
        condition: [viaS3(source.bucket.region), contextOf(source.bucket.arn)],
      },
      {
        sid: "EncryptReplicaObjects",
        effect: "Allow",
        actions: ["kms:Encrypt"],
        resources: [replicaKeyArn],
        condition: [viaS3(replicaRegion), contextOf(replica.arn)],
      },
    ],
  });
  const policy = new IamRolePolicy(scope, "ReplicationRolePolicy", {
    name: "replicate-static-site",
    role: role.id,
    policy: permissions.json,
  });
  return { role, policy };
}

/** Checks the props before any resource exists; returns the standby region. */
function validateSiteReplica(scope: Construct, props: SiteReplicaProps): string {
  const fail = (message: string): never => {
    throw new ValidationError(message, scope);
  };
  if (!CDN_NAME.test(props.name)) {
    fail(`name: ${show(props.name)} is not allowed; expected ${CDN_NAME_EXPECTATION}`);
  }
  if (!Token.isUnresolved(props.bucketName)) {
    const problem = checkBucketName(props.bucketName);
    if (problem) {
      fail(`bucketName: ${show(props.bucketName)} (${props.bucketName.length} characters) ${problem}`);
    }
  }
  const region = props.replicaProvider.region;
  if (region === undefined || Token.isUnresolved(region)) {
    return fail("replicaProvider: has no region; expected the provider of the standby region, with its region set");
  }
  const stackProvider = TerraformStack.of(scope)
    .node.children.filter((child): child is AwsProvider => child instanceof AwsProvider)
    .find((provider) => provider.alias === undefined);
  if (stackProvider?.region === region) {
    fail(
      `replicaProvider: its region ${show(region)} is the stack's, where the site bucket is; expected the standby region's provider`,
    );
  }
  return region;
}
