import { CloudfrontCachePolicy } from "@cdktf/provider-aws/lib/cloudfront-cache-policy";
import {
  CloudfrontDistribution,
  type CloudfrontDistributionViewerCertificate,
} from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { CloudwatchLogDelivery } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery";
import { CloudwatchLogDeliveryDestination } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery-destination";
import { CloudwatchLogDeliverySource } from "@cdktf/provider-aws/lib/cloudwatch-log-delivery-source";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsCloudfrontCachePolicy } from "@cdktf/provider-aws/lib/data-aws-cloudfront-cache-policy";
import { DataAwsCloudfrontOriginRequestPolicy } from "@cdktf/provider-aws/lib/data-aws-cloudfront-origin-request-policy";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { type TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { suppressRule } from "../core/suppress";
import { show, ValidationError } from "../core/errors";
import { denyInsecureTransport, privateBucketBaseline } from "../core/private-bucket";
import { EncryptionKey } from "../kms/encryption-key";
import { encryptedLogGroup } from "../core/log-group";
import { requireLogRetentionDays, requireOneOf } from "../core/validation";
import {
  type CacheTtl,
  CDN_NAME,
  CDN_NAME_EXPECTATION,
  checkBucketName,
  checkCertificateArn,
  checkDomainNames,
  checkPathPattern,
  checkTtl,
  checkWebAclArn,
  HOSTNAME,
  MINIMUM_PROTOCOL_VERSION,
  ORIGIN_PATH,
  ORIGIN_PATH_EXPECTATION,
  PRICE_CLASSES,
  REGION,
  UNCACHED_SERVER_ERRORS,
} from "./options";
import { securityHeadersPolicy } from "./security-headers";
import { SITE_ROUTINGS, type SiteRouting, siteRequestFunction } from "./site-function";

/** AWS-managed cache policy of the API behaviour: nothing cached, nothing in the cache key. */
export const API_CACHE_POLICY = "Managed-CachingDisabled";
/** AWS-managed origin request policy of the API behaviour: every viewer header, cookie and query string but Host. */
export const API_ORIGIN_REQUEST_POLICY = "Managed-AllViewerExceptHostHeader";

/** Origin ids in the distribution. */
export const STATIC_ORIGIN_ID = "static-site";
export const API_ORIGIN_ID = "api";

const ALL_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];
const READ_METHODS = ["GET", "HEAD", "OPTIONS"];
const CACHED_METHODS = ["GET", "HEAD"];

/** The API behind the distribution: an API Gateway stage's regional endpoint. */
export interface ApiOriginOptions {
  /** Host of the regional endpoint, without scheme or path: `abc123.execute-api.eu-west-1.amazonaws.com`. */
  readonly domainName: string;
  /**
   * The stage, prefixed to every forwarded path: with `/v1`, a request for `/api/users` reaches the API as
   * `/v1/api/users`.
   */
  readonly originPath: string;
  /** Requests CloudFront sends to the API (never cached). @default "/api/*" */
  readonly pathPattern?: string;
  /**
   * Headers CloudFront adds to every request it sends to the API, replacing any the viewer sent (CloudFront
   * Developer Guide, "Add custom headers to origin requests"): the site's API key, which browsers never see.
   *
   * @default - none
   */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Alternate domain names of the distribution. */
export interface CdnDomainOptions {
  /** Host names viewers use, e.g. `www.example.com`; each must be covered by the certificate. */
  readonly names: readonly string[];
  /** ACM certificate for the names, in us-east-1 (the only region CloudFront reads certificates from). */
  readonly certificateArn: string;
  /**
   * Route 53 public hosted zone of the names: A and AAAA alias records per name to the distribution.
   *
   * @default - no records: DNS is managed elsewhere
   */
  readonly hostedZoneId?: string;
}

/** CloudFront's access logs (standard logging v2, delivered through CloudWatch Logs). */
export interface CdnAccessLogOptions {
  /**
   * Customer-managed key in us-east-1 for the log group `/aws/cloudfront/<name>`; its policy must let
   * `logs.us-east-1.amazonaws.com` use it for that group (`cloudWatchLogsGrant`).
   */
  readonly kmsKeyArn: string;
  /** Days the logs are kept: one of the CloudWatch Logs retention periods. */
  readonly retentionDays: number;
  /** CloudWatch Logs deletion protection on the log group. */
  readonly deletionProtection: boolean;
  /** The us-east-1 AWS provider: CloudFront delivers its logs from us-east-1 only. */
  readonly provider: TerraformProvider;
}

export interface CdnDistributionProps {
  /** Prefix of the names of the construct's resources: `acme-prod-cdn`. */
  readonly name: string;
  /** Name of the S3 bucket the static site is uploaded to, in the stack's region. */
  readonly bucketName: string;
  /** The API origin. */
  readonly api: ApiOriginOptions;
  /** Requests for static assets (long-cached, fingerprinted file names). @default "/static/*" */
  readonly staticPathPattern?: string;
  /** Cache times of static assets, e.g. 86400 / 604800 / 31536000. */
  readonly staticTtl: CacheTtl;
  /** Cache times of everything else of the site (the default behaviour: HTML pages), e.g. 0 / 300 / 3600. */
  readonly pageTtl: CacheTtl;
  /** Edge locations the distribution uses: PriceClass_100, PriceClass_200 or PriceClass_All. */
  readonly priceClass: string;
  /**
   * Region of an origin shield in front of the bucket, best the bucket's own region: one more cache layer, so that
   * the bucket sees one request per object instead of one per edge location. Never on the API origin: its
   * responses are not cached, so a shield would only add a hop.
   *
   * @default - no origin shield
   */
  readonly originShieldRegion?: string;
  /**
   * Alternate domain names and their certificate.
   *
   * @default - the `*.cloudfront.net` name and certificate only: its minimum TLS version cannot be raised above
   * TLS 1.0 (CloudFront ignores `minimum_protocol_version` with the default certificate), so production
   * environments should configure a domain
   */
  readonly domain?: CdnDomainOptions;
  /** ARN of a CLOUDFRONT-scope WAF web ACL (`WebAcl.arn`, scope CLOUDFRONT). */
  readonly webAclArn: string;
  /**
   * How site paths map to objects (`SiteRouting`): a CloudFront Function on the site's behaviour, never on the API's.
   *
   * @default "spa"
   */
  readonly siteRouting?: SiteRouting;
  /** Access logs to CloudWatch Logs in us-east-1. */
  readonly accessLogs: CdnAccessLogOptions;
  /** Lets `terraform destroy` delete the bucket with its objects. @default false */
  readonly forceDestroy?: boolean;
  /** `lifecycle.prevent_destroy` on the bucket and its key. @default false */
  readonly preventDestroy?: boolean;
}

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

    this.validate(props, { apiPathPattern, staticPathPattern, siteRouting });

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

    const staticCachePolicy = this.cachePolicy("StaticCachePolicy", `${props.name}-static`, props.staticTtl);
    const pageCachePolicy = this.cachePolicy("PageCachePolicy", `${props.name}-pages`, props.pageTtl);
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
      ],
      orderedCacheBehavior: [
        {
          ...behaviour,
          pathPattern: staticPathPattern,
          targetOriginId: STATIC_ORIGIN_ID,
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
        targetOriginId: STATIC_ORIGIN_ID,
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

    this.accessLogGroup = this.accessLogs(props);
  }

  /**
   * A cache policy of the bucket's content: TTLs, gzip and brotli; no cookies, headers or query strings in the key.
   * With a maximum TTL of 0 (caching off) CloudFront accepts no compression settings, so they are off then.
   */
  private cachePolicy(id: string, name: string, ttl: CacheTtl): CloudfrontCachePolicy {
    const caching = ttl.maxSeconds > 0;
    return new CloudfrontCachePolicy(this, id, {
      name,
      minTtl: ttl.minSeconds,
      defaultTtl: ttl.defaultSeconds,
      maxTtl: ttl.maxSeconds,
      parametersInCacheKeyAndForwardedToOrigin: {
        enableAcceptEncodingGzip: caching,
        enableAcceptEncodingBrotli: caching,
        cookiesConfig: { cookieBehavior: "none" },
        headersConfig: { headerBehavior: "none" },
        queryStringsConfig: { queryStringBehavior: "none" },
      },
    });
  }

  /**
   * Standard logging v2: the distribution as a delivery source, the log group as a delivery destination, and the
   * delivery between them, all in us-east-1 where CloudFront delivers from. No S3 bucket ACLs are involved.
   */
  private accessLogs(props: CdnDistributionProps): CloudwatchLogGroup {
    const { provider } = props.accessLogs;
    const logGroup = encryptedLogGroup(this, "AccessLogGroup", {
      name: `/aws/cloudfront/${props.name}`,
      kmsKeyArn: props.accessLogs.kmsKeyArn,
      retentionDays: props.accessLogs.retentionDays,
      deletionProtection: props.accessLogs.deletionProtection,
      provider,
    });
    const source = new CloudwatchLogDeliverySource(this, "AccessLogSource", {
      name: `${props.name}-access-logs`,
      logType: "ACCESS_LOGS",
      resourceArn: this.distribution.arn,
      provider,
    });
    const destination = new CloudwatchLogDeliveryDestination(this, "AccessLogDestination", {
      name: `${props.name}-access-logs`,
      outputFormat: "json",
      deliveryDestinationConfiguration: [{ destinationResourceArn: logGroup.arn }],
      provider,
    });
    new CloudwatchLogDelivery(this, "AccessLogDelivery", {
      deliverySourceName: source.name,
      deliveryDestinationArn: destination.arn,
      provider,
    });
    return logGroup;
  }

  /** Checks the props with their defaults resolved, before any resource exists. */
  private validate(
    props: CdnDistributionProps,
    resolved: {
      readonly apiPathPattern: string;
      readonly staticPathPattern: string;
      readonly siteRouting: SiteRouting;
    },
  ): void {
    const fail = (message: string): never => {
      throw new ValidationError(message, this);
    };
    const literal = (value: string): boolean => !Token.isUnresolved(value);

    if (!CDN_NAME.test(props.name)) {
      fail(`name: ${show(props.name)} is not allowed; expected ${CDN_NAME_EXPECTATION}`);
    }
    const bucketProblem = literal(props.bucketName) ? checkBucketName(props.bucketName) : undefined;
    if (bucketProblem) {
      fail(`bucketName: ${show(props.bucketName)} ${bucketProblem}`);
    }

    if (literal(props.api.domainName) && !HOSTNAME.test(props.api.domainName)) {
      fail(
        `api.domainName: ${show(props.api.domainName)} is not a host name; expected the API's regional endpoint without scheme or path, such as "abc123.execute-api.eu-west-1.amazonaws.com"`,
      );
    }
    if (literal(props.api.originPath) && !ORIGIN_PATH.test(props.api.originPath)) {
      fail(`api.originPath: ${show(props.api.originPath)} is not allowed; expected ${ORIGIN_PATH_EXPECTATION}`);
    }
    for (const [setting, pattern] of [
      ["api.pathPattern", resolved.apiPathPattern],
      ["staticPathPattern", resolved.staticPathPattern],
    ] as const) {
      const problem = checkPathPattern(pattern);
      if (problem) {
        fail(`${setting}: ${show(pattern)} ${problem}`);
      }
    }
    if (resolved.apiPathPattern === resolved.staticPathPattern) {
      fail(
        `staticPathPattern: ${show(resolved.staticPathPattern)} is the API's path pattern too; expected different patterns for static assets and the API`,
      );
    }

    for (const setting of ["staticTtl", "pageTtl"] as const) {
      const problem = checkTtl(props[setting]);
      if (problem) {
        fail(`${setting}: ${problem}`);
      }
    }
    requireOneOf(this, "priceClass", props.priceClass, PRICE_CLASSES);
    if (props.originShieldRegion !== undefined && !REGION.test(props.originShieldRegion)) {
      fail(
        `originShieldRegion: ${show(props.originShieldRegion)} is not a region; expected an AWS region code such as "eu-west-1", best the bucket's`,
      );
    }

    const domain = props.domain;
    if (domain) {
      const namesProblem = checkDomainNames(domain.names);
      if (namesProblem) {
        fail(`domain.names: ${show(domain.names)} ${namesProblem}`);
      }
      if (!domain.certificateArn) {
        fail(
          "domain.certificateArn is required with domain names; expected an ACM certificate in us-east-1 that covers them",
        );
      }
      const certificateProblem = literal(domain.certificateArn)
        ? checkCertificateArn(domain.certificateArn)
        : undefined;
      if (certificateProblem) {
        fail(`domain.certificateArn: ${show(domain.certificateArn)} ${certificateProblem}`);
      }
      if (
        domain.hostedZoneId !== undefined &&
        literal(domain.hostedZoneId) &&
        !/^[A-Z0-9]{1,32}$/.test(domain.hostedZoneId)
      ) {
        fail(
          `domain.hostedZoneId: ${show(domain.hostedZoneId)} is not a hosted zone id; expected the id of a Route 53 public hosted zone, such as "Z0123456789ABCDEFGHIJ"`,
        );
      }
    }

    const webAclProblem = literal(props.webAclArn) ? checkWebAclArn(props.webAclArn) : undefined;
    if (webAclProblem) {
      fail(`webAclArn: ${show(props.webAclArn)} ${webAclProblem}`);
    }

    requireOneOf(this, "siteRouting", resolved.siteRouting, SITE_ROUTINGS);
    for (const header of Object.keys(props.api.headers ?? {})) {
      if (!/^[A-Za-z0-9-]+$/.test(header)) {
        fail(`api.headers: ${show(header)} is not a header name; expected letters, digits and hyphens`);
      }
    }

    requireLogRetentionDays(this, "accessLogs.retentionDays", props.accessLogs.retentionDays);
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
