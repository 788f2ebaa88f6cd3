import { CloudfrontCachePolicy } from "@cdktf/provider-aws/lib/cloudfront-cache-policy";
import type { Construct } from "constructs";
import type { CacheTtl } from "./options";

/** AWS-managed cache policy of the API behaviour: nothing cached, nothing in the cache key. */
export const API_CACHE_POLICY = "Managed-CachingDisabled";
/** AWS-managed origin request policy of the API behaviour: every viewer header, cookie and query string but Host. */
export const API_ORIGIN_REQUEST_POLICY = "Managed-AllViewerExceptHostHeader";

/** Origin ids in the distribution. */
export const STATIC_ORIGIN_ID = "static-site";
export const API_ORIGIN_ID = "api";

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
