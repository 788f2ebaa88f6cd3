import {
  CloudfrontDistribution,
  type CloudfrontDistributionViewerCertificate,
} from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsCloudfrontCachePolicy } from "@cdktf/provider-aws/lib/data-aws-cloudfront-cache-policy";
import { DataAwsCloudfrontOriginRequestPolicy } from "@cdktf/provider-aws/lib/data-aws-cloudfront-origin-request-policy";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import type { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { suppressRule } from "../core/suppress";
import { denyInsecureTransport, privateBucketBaseline } from "../core/private-bucket";
import { EncryptionKey } from "../kms/encryption-key";
import { cdnAccessLogs } from "./cdn-access-logs";
import {
  ALL_METHODS,
  API_CACHE_POLICY,
  API_ORIGIN_ID,
  API_ORIGIN_REQUEST_POLICY,
  CACHED_METHODS,
  contentCachePolicy,
  READ_METHODS,
  siteFailover,
  STATIC_ORIGIN_GROUP_ID,
  STATIC_ORIGIN_ID,
} from "./cdn-behaviours";
import type { CdnDistributionProps, CdnDomainOptions } from "./cdn-props";
import { validateCdnDistribution } from "./cdn-validation";
import { MINIMUM_PROTOCOL_VERSION, UNCACHED_SERVER_ERRORS } from "./options";
import { securityHeadersPolicy } from "./security-headers";
import { siteRequestFunction } from "./site-function";

export {
  API_CACHE_POLICY,
  API_ORIGIN_ID,
  API_ORIGIN_REQUEST_POLICY,
  FAILOVER_STATUS_CODES,
  STATIC_ORIGIN_GROUP_ID,
  STATIC_ORIGIN_ID,
  STATIC_REPLICA_ORIGIN_ID,
} from "./cdn-behaviours";
export type {
  ApiOriginOptions,
  CdnAccessLogOptions,
  CdnDistributionProps,
  CdnDomainOptions,
  SiteFailoverBucket,
} from "./cdn-props";

/**
 * One CloudFront distribution in front of a private S3 bucket (the static site) and an API Gateway stage:
 *
 * - `/static/*` → the bucket, cached long and compressed; `/api/*` → the API, never cached, every method, every
 *   viewer header, cookie and query string but Host, plus `api.headers` (the site's API key); everything else →
 *   the bucket with short page TTLs, its paths mapped to objects by a CloudFront Function (`siteRouting`). No
 *   custom error page replaces a body: the API's responses reach clients as it sent them.
 * - The bucket is private, versioned and encrypted with its own KMS key; only this distribution reads it, through
 *   an origin access control (SigV4), and the key policy lets CloudFront decrypt for this distribution only.
 * - HTTPS only (HTTP redirects), HTTP/2 and HTTP/3, IPv6, security headers on every response, a WAF web ACL.
 * - Access logs through CloudWatch Logs standard logging v2 to a KMS-encrypted log group in us-east-1.
 * - With `siteFailoverBucket`, the site's behaviours target an origin group of the bucket then its replica in the
 *   standby region (`SiteReplica`); the API's behaviour targets the API alone.
 */
export class CdnDistribution extends Construct {
  /** The `aws_cloudfront_distribution`. */
  public readonly distribution: CloudfrontDistribution;
  public readonly distributionId: string;
  public readonly distributionArn: string;
  /** `<id>.cloudfront.net`, the target of CNAME or alias records. */
  public readonly domainName: string;
  /** Route 53 zone id of CloudFront aliases (`Z2FDTNDATAQYW2`). */
  public readonly hostedZoneId: string;
  public readonly bucket: S3Bucket;
  public readonly bucketName: string;
  public readonly bucketArn: string;
  /** The bucket's versioning: replication needs it enabled first (`depends_on`). */
  public readonly bucketVersioning: S3BucketVersioningA;
  /** The bucket's KMS key: uploaders need kms:GenerateDataKey on it. */
  public readonly bucketKey: EncryptionKey;
  public readonly bucketKeyArn: string;
  public readonly responseHeadersPolicyId: string;
  /** The us-east-1 log group of the access logs. */
  public readonly accessLogGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: CdnDistributionProps) {
    super(scope, id);

    // Defaults: `/api/*` to the API and `/static/*` to long-cached assets, the site's 404 page for missing
    // objects, and a bucket Terraform deletes only when empty and without prevent_destroy (the site is rebuilt
    // from its sources), unless told otherwise.
    const apiPathPattern = props.api.pathPattern ?? "/api/*";
    const staticPathPattern = props.staticPathPattern ?? "/static/*";
    const siteRouting = props.siteRouting ?? "spa";
    const forceDestroy = props.forceDestroy ?? false;
    const preventDestroy = props.preventDestroy ?? false;

    validateCdnDistribution(this, props, { apiPathPattern, staticPathPattern, siteRouting });

    this.bucket = new S3Bucket(this, "Bucket", {
      bucket: props.bucketName,
      forceDestroy,
      lifecycle: preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;

    const originAccessControl = new CloudfrontOriginAccessControl(this, "OriginAccessControl", {
      name: `${props.name}-static`,
      description: `CloudFront ${props.name} reads s3://${props.bucketName}`,
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });

    const staticCachePolicy = contentCachePolicy(this, "StaticCachePolicy", `${props.name}-static`, props.staticTtl);
    const pageCachePolicy = contentCachePolicy(this, "PageCachePolicy", `${props.name}-pages`, props.pageTtl);
    // Looked up by name, so that the plan shows which managed policies the API behaviour uses.
    const apiCachePolicy = new DataAwsCloudfrontCachePolicy(this, "ApiCachePolicy", { name: API_CACHE_POLICY });
    const apiOriginRequestPolicy = new DataAwsCloudfrontOriginRequestPolicy(this, "ApiOriginRequestPolicy", {
      name: API_ORIGIN_REQUEST_POLICY,
    });
    const headers = securityHeadersPolicy(this, "SecurityHeaders", props.name);
    this.responseHeadersPolicyId = headers.id;

    const behaviour = {
      viewerProtocolPolicy: "redirect-to-https",
      responseHeadersPolicyId: headers.id,
    };
    const domain = props.domain;
    // GET/HEAD/OPTIONS behaviours only (READ_METHODS): CloudFront fails over no other method.
    const failover = props.siteFailoverBucket && siteFailover(this, props.name, props.siteFailoverBucket);
    const siteOriginId = failover ? STATIC_ORIGIN_GROUP_ID : STATIC_ORIGIN_ID;
    const siteFunction = siteRequestFunction(this, "SiteFunction", `${props.name}-site-paths`, siteRouting);
    this.distribution = new CloudfrontDistribution(this, "Resource", {
      enabled: true,
      comment: `${props.name}: static site and API`,
      isIpv6Enabled: true,
      httpVersion: "http2and3",
      priceClass: props.priceClass,
      webAclId: props.webAclArn,
      defaultRootObject: "index.html",
      aliases: domain ? [...domain.names] : undefined,
      origin: [
        {
          originId: STATIC_ORIGIN_ID,
          domainName: this.bucket.bucketRegionalDomainName,
          originAccessControlId: originAccessControl.id,
          originShield: props.originShieldRegion
            ? { enabled: true, originShieldRegion: props.originShieldRegion }
            : undefined,
        },
        {
          originId: API_ORIGIN_ID,
          domainName: props.api.domainName,
          originPath: props.api.originPath,
          customHeader: props.api.headers
            ? Object.entries(props.api.headers).map(([name, value]) => ({ name, value }))
            : undefined,
          customOriginConfig: {
            originProtocolPolicy: "https-only",
            originSslProtocols: ["TLSv1.2"],
            httpPort: 80,
            httpsPort: 443,
          },
        },
        ...(failover ? [failover.origin] : []),
      ],
      originGroup: failover ? [failover.group] : undefined,
      orderedCacheBehavior: [
        {
          ...behaviour,
          pathPattern: staticPathPattern,
          targetOriginId: siteOriginId,
          allowedMethods: READ_METHODS,
          cachedMethods: CACHED_METHODS,
          compress: true,
          cachePolicyId: staticCachePolicy.id,
        },
        {
          ...behaviour,
          pathPattern: apiPathPattern,
          targetOriginId: API_ORIGIN_ID,
          allowedMethods: ALL_METHODS,
          cachedMethods: CACHED_METHODS,
          // Responses pass through as the API sends them (it compresses itself if it wants).
          compress: false,
          cachePolicyId: apiCachePolicy.id,
          originRequestPolicyId: apiOriginRequestPolicy.id,
        },
      ],
      defaultCacheBehavior: {
        ...behaviour,
        targetOriginId: siteOriginId,
        allowedMethods: READ_METHODS,
        cachedMethods: CACHED_METHODS,
        compress: true,
        cachePolicyId: pageCachePolicy.id,
        functionAssociation: [{ eventType: "viewer-request", functionArn: siteFunction.arn }],
      },
      // Custom error responses apply to every behaviour, so none replaces a body: the API's errors reach clients as
      // it sent them. Server errors are only kept out of the cache, so the next request goes to the origin again.
      customErrorResponse: UNCACHED_SERVER_ERRORS.map((code) => ({ errorCode: code, errorCachingMinTtl: 0 })),
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: viewerCertificate(domain),
    });
    this.distributionId = this.distribution.id;
    this.distributionArn = this.distribution.arn;
    this.domainName = this.distribution.domainName;
    this.hostedZoneId = this.distribution.hostedZoneId;

    // The key refers to the distribution and the distribution to the bucket, but only the bucket's encryption
    // settings (created with the rest of its baseline below) refer to the key, so there is no cycle.
    this.bucketKey = new EncryptionKey(this, "BucketKey", {
      aliasName: `${props.name}-static`,
      description: `Encrypts the static site in s3://${props.bucketName}`,
      serviceGrants: [
        {
          sid: "AllowCloudFrontDecrypt",
          service: "cloudfront.amazonaws.com",
          actions: ["kms:Decrypt"],
          conditions: [{ test: "StringEquals", variable: "AWS:SourceArn", values: [this.distribution.arn] }],
        },
      ],
      preventDestroy,
    });
    this.bucketKeyArn = this.bucketKey.keyArn;
    if (!preventDestroy) {
      // Unprotected by design (see the defaults above): listed as suppressed in the synth output of production.
      suppressRule(
        this.bucket,
        "PLAT_PREVENT_DESTROY",
        "Static site bucket: its objects are build output re-uploaded from the site's sources, so replacing the bucket loses nothing (pass preventDestroy to protect it anyway)",
      );
      suppressRule(
        this.bucketKey.key,
        "PLAT_PREVENT_DESTROY",
        "Key of the static site bucket: it encrypts only build output re-uploaded from the site's sources and follows the bucket's preventDestroy",
      );
    }
    const publicAccessBlock = privateBucketBaseline(this, this.bucket, {
      kmsKeyArn: this.bucketKey.keyArn,
      lifecycleRuleId: "expire-replaced-versions",
      noncurrentVersionDays: 90,
    });
    this.bucketVersioning = this.node.findChild("Versioning") as S3BucketVersioningA;

    const fromThisDistribution = [{ test: "StringEquals", variable: "AWS:SourceArn", values: [this.distribution.arn] }];
    const bucketPolicy = new DataAwsIamPolicyDocument(this, "BucketPolicyDocument", {
      statement: [
        {
          sid: "AllowCloudFrontRead",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
          actions: ["s3:GetObject"],
          resources: [`${this.bucket.arn}/*`],
          condition: fromThisDistribution,
        },
        {
          // Without it S3 answers 403 for a missing object: a missing file should read as 404.
          sid: "AllowCloudFrontList",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
          actions: ["s3:ListBucket"],
          resources: [this.bucket.arn],
          condition: fromThisDistribution,
        },
        denyInsecureTransport(this.bucket.arn),
      ],
    });
    new S3BucketPolicy(this, "BucketPolicy", {
      bucket: this.bucket.id,
      policy: bucketPolicy.json,
      // S3 rejects a policy while Block Public Access is being set up on the bucket.
      dependsOn: [publicAccessBlock],
    });

    if (domain?.hostedZoneId) {
      for (const name of domain.names) {
        for (const type of ["A", "AAAA"]) {
          new Route53Record(this, `${name}-${type}`, {
            zoneId: domain.hostedZoneId,
            name,
            type,
            alias: {
              name: this.distribution.domainName,
              zoneId: this.distribution.hostedZoneId,
              evaluateTargetHealth: false,
            },
          });
        }
      }
    }

    this.accessLogGroup = cdnAccessLogs(this, props, this.distribution.arn);
  }
}

/**
 * The domain's certificate with SNI and TLS 1.2+, or the `*.cloudfront.net` certificate, with which CloudFront
 * accepts TLS 1.0 and up whatever `minimum_protocol_version` says.
 */
function viewerCertificate(domain: CdnDomainOptions | undefined): CloudfrontDistributionViewerCertificate {
  return domain
    ? {
        acmCertificateArn: domain.certificateArn,
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: MINIMUM_PROTOCOL_VERSION,
      }
    : { cloudfrontDefaultCertificate: true };
}
