import type { TerraformProvider } from "cdktf";
import type { CacheTtl } from "./options";
import type { SiteRouting } from "./site-function";

/** The API behind the distribution: an API Gateway stage's regional endpoint, or its custom domain. */
export interface ApiOriginOptions {
  /**
   * Host of the regional endpoint, without scheme or path: `abc123.execute-api.eu-west-1.amazonaws.com`; or the API's
   * custom domain (`api.example.com`), whose DNS record may fail over between regions.
   */
  readonly domainName: string;
  /**
   * The stage, prefixed to every forwarded path: with `/v1`, a request for `/api/users` reaches the API as
   * `/v1/api/users`. None for a custom domain, whose base path mapping puts the stage in front.
   *
   * @default none
   */
  readonly originPath?: string;
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

/**
 * A copy of the static site in another region (`SiteReplica.failoverBucket`): the second member of the site's
 * origin group, which CloudFront asks when the site bucket fails.
 */
export interface SiteFailoverBucket {
  /** Name of the bucket, for the description of its origin access control. */
  readonly bucketName: string;
  /** `<bucket>.s3.<region>.amazonaws.com`: the origin's domain. */
  readonly bucketRegionalDomainName: string;
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
  /**
   * A replica of the site bucket in the standby region (`SiteReplica`): a second S3 origin (its own origin access
   * control) and an origin group of the site bucket then the replica, failing over on 403, 404, 500, 502, 503 and
   * 504, which the site's behaviours (the default one and the static assets', both GET/HEAD/OPTIONS only) target.
   * The API's behaviour never does: it allows POST, and CloudFront fails over only GET, HEAD and OPTIONS requests.
   * The replica's bucket policy and key must let this distribution read (`SiteReplica.replicateFrom`).
   *
   * @default - no failover: the site's behaviours target the site bucket alone
   */
  readonly siteFailoverBucket?: SiteFailoverBucket;
  /** Lets `terraform destroy` delete the bucket with its objects. @default false */
  readonly forceDestroy?: boolean;
  /** `lifecycle.prevent_destroy` on the bucket and its key. @default false */
  readonly preventDestroy?: boolean;
}
