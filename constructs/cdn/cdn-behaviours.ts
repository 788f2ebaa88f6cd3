import { CloudfrontCachePolicy } from "@cdktf/provider-aws/lib/cloudfront-cache-policy";
import type {
  CloudfrontDistributionOrigin,
  CloudfrontDistributionOriginGroup,
} from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import type { Construct } from "constructs";
import type { SiteFailoverBucket } from "./cdn-props";
import type { CacheTtl } from "./options";

/** AWS-managed cache policy of the API behaviour: nothing cached, nothing in the cache key. */
export const API_CACHE_POLICY = "Managed-CachingDisabled";
/** AWS-managed origin request policy of the API behaviour: every viewer header, cookie and query string but Host. */
export const API_ORIGIN_REQUEST_POLICY = "Managed-AllViewerExceptHostHeader";

/** Origin ids in the distribution. */
export const STATIC_ORIGIN_ID = "static-site";
export const API_ORIGIN_ID = "api";
/** The replica of the site bucket, and the origin group of the site bucket then the replica. */
export const STATIC_REPLICA_ORIGIN_ID = "static-site-replica";
export const STATIC_ORIGIN_GROUP_ID = "static-site-failover";

/**
 * Responses of the site bucket on which CloudFront asks the replica instead (also on connection failures and
 * timeouts): access and key errors, a missing object (a copy the deploy did not reach yet), and server errors.
 */
export const FAILOVER_STATUS_CODES = [403, 404, 500, 502, 503, 504];

/** HTTP methods of the behaviours: every method (the API), the read methods (the bucket), the cached ones. */
export const ALL_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];
export const READ_METHODS = ["GET", "HEAD", "OPTIONS"];
export const CACHED_METHODS = ["GET", "HEAD"];

/**
 * A cache policy of the bucket's content: TTLs, gzip and brotli; no cookies, headers or query strings in the key.
 * With a maximum TTL of 0 (caching off) CloudFront accepts no compression settings, so they are off then.
 */
export function contentCachePolicy(scope: Construct, id: string, name: string, ttl: CacheTtl): CloudfrontCachePolicy {
  const caching = ttl.maxSeconds > 0;
  return new CloudfrontCachePolicy(scope, id, {
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
 * The replica bucket as a second S3 origin, read through its own origin access control (SigV4), and the origin
 * group that tries the site bucket first. Only behaviours whose methods are GET, HEAD and OPTIONS may target the
 * group: CloudFront fails over only those ("Optimize high availability with CloudFront origin failover",
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html).
 */
export function siteFailover(
  scope: Construct,
  name: string,
  replica: SiteFailoverBucket,
): { origin: CloudfrontDistributionOrigin; group: CloudfrontDistributionOriginGroup } {
  const accessControl = new CloudfrontOriginAccessControl(scope, "ReplicaOriginAccessControl", {
    name: `${name}-static-replica`,
    description: `CloudFront ${name} reads s3://${replica.bucketName}`,
    originAccessControlOriginType: "s3",
    signingBehavior: "always",
    signingProtocol: "sigv4",
  });
  return {
    origin: {
      originId: STATIC_REPLICA_ORIGIN_ID,
      domainName: replica.bucketRegionalDomainName,
      originAccessControlId: accessControl.id,
    },
    group: {
      originId: STATIC_ORIGIN_GROUP_ID,
      failoverCriteria: { statusCodes: [...FAILOVER_STATUS_CODES] },
      member: [{ originId: STATIC_ORIGIN_ID }, { originId: STATIC_REPLICA_ORIGIN_ID }],
    },
  };
}
