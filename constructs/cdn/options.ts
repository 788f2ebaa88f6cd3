/**
 * Rules of the CDN, shared by the config schema and the CdnDistribution construct so that both say the same thing.
 * Each `check...` function returns why a value is wrong (to follow the value in a message), or undefined. Kept free
 * of provider imports so config validation can use it.
 */
import { STATE_BUCKET_NAME } from "../state/bucket-name";

/** Edge locations a distribution serves from, cheapest first. */
export const PRICE_CLASSES = ["PriceClass_100", "PriceClass_200", "PriceClass_All"] as const;
export type PriceClass = (typeof PRICE_CLASSES)[number];

/** Oldest TLS version viewers may use with the distribution's own certificate (TLS 1.2, modern ciphers). */
export const MINIMUM_PROTOCOL_VERSION = "TLSv1.2_2021";

/** The only region whose ACM certificates CloudFront can use. */
export const CERTIFICATE_REGION = "us-east-1";

/** The longest TTL the construct accepts: one year. */
export const MAX_TTL_SECONDS = 31_536_000;

/** A distribution's name prefix: short enough for `<name>-access-logs` delivery names (60 characters). */
export const CDN_NAME = /^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$/;
export const CDN_NAME_EXPECTATION =
  "2 to 40 lower-case letters, digits or hyphens, not starting or ending with a hyphen";

/**
 * Names the static bucket may have: S3's rules minus dots, which break TLS on the virtual-hosted bucket URL that
 * CloudFront reaches the bucket by (the same rule as the state bucket).
 */
export const STATIC_BUCKET_NAME = STATE_BUCKET_NAME;
export const STATIC_BUCKET_NAME_EXPECTATION =
  "3 to 63 lower-case letters, digits or hyphens (no dots), not starting with xn-- or ending with -s3alias";

/** A DNS host name in lower case, or a wildcard one level deep (`*.example.com`). */
export const HOSTNAME = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
export const HOSTNAME_EXPECTATION = 'a lower-case DNS name such as "www.example.com" (or "*.example.com")';

/** A cache behaviour's path pattern: starts with "/", may use `*` and `?` wildcards. */
export const PATH_PATTERN = /^\/[A-Za-z0-9_\-.*$/~"'@:+?]{0,254}$/;
export const PATH_PATTERN_EXPECTATION = 'a path pattern starting with "/", such as "/api/*"';

/** An origin path: starts with "/", no trailing slash, such as an API Gateway stage `/v1`. */
export const ORIGIN_PATH = /^(\/[A-Za-z0-9_.~-]+){1,20}$/;
export const ORIGIN_PATH_EXPECTATION = 'a path starting with "/" without a trailing slash, such as "/v1"';

/** An AWS region code, for origin shield. */
export const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** Server errors of the origins that are never cached and pass through untouched. */
export const UNCACHED_SERVER_ERRORS = [500, 502, 503, 504] as const;

/** Minimum, default and maximum time CloudFront keeps a response, in seconds. */
export interface CacheTtl {
  readonly minSeconds: number;
  readonly defaultSeconds: number;
  readonly maxSeconds: number;
}

/** Why a TTL triple is not one a cache policy takes, or undefined when it is. */
export function checkTtl(ttl: CacheTtl): string | undefined {
  for (const key of ["minSeconds", "defaultSeconds", "maxSeconds"] as const) {
    const value = ttl[key];
    if (!Number.isInteger(value) || value < 0 || value > MAX_TTL_SECONDS) {
      return `${key} ${value} is not allowed; expected whole numbers of seconds from 0 to ${MAX_TTL_SECONDS} (one year)`;
    }
  }
  if (ttl.minSeconds > ttl.defaultSeconds) {
    return `min ${ttl.minSeconds} > default ${ttl.defaultSeconds}; expected minSeconds ≤ defaultSeconds ≤ maxSeconds`;
  }
  if (ttl.defaultSeconds > ttl.maxSeconds) {
    return `default ${ttl.defaultSeconds} > max ${ttl.maxSeconds}; expected minSeconds ≤ defaultSeconds ≤ maxSeconds`;
  }
  return undefined;
}

/** Why a certificate cannot serve a distribution's alternate domain names, or undefined when it can. */
export function checkCertificateArn(certificateArn: string): string | undefined {
  const match = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/.exec(certificateArn);
  if (!match) {
    return `is not an ACM certificate ARN; expected arn:aws:acm:${CERTIFICATE_REGION}:<account>:certificate/<id>`;
  }
  return match[1] === CERTIFICATE_REGION
    ? undefined
    : `is not in ${CERTIFICATE_REGION}; expected an ACM certificate in ${CERTIFICATE_REGION}, where CloudFront reads certificates`;
}

/** Why a list of alternate domain names is not usable, or undefined: at least one, each a host name, each once. */
export function checkDomainNames(names: readonly string[]): string | undefined {
  if (names.length === 0) {
    return "is empty; expected at least one alternate domain name, or no domain (the *.cloudfront.net name only)";
  }
  const bad = names.find((name) => !HOSTNAME.test(name));
  if (bad !== undefined) {
    return `has ${JSON.stringify(bad)}, which is not a host name; expected ${HOSTNAME_EXPECTATION}`;
  }
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  return repeated === undefined ? undefined : `lists ${repeated} twice; expected each domain name once`;
}

/** Why a bucket name is not one the static bucket may have, or undefined. */
export function checkBucketName(bucketName: string): string | undefined {
  return STATIC_BUCKET_NAME.test(bucketName) ? undefined : `is not allowed; expected ${STATIC_BUCKET_NAME_EXPECTATION}`;
}

/** Why an ARN is not one a distribution takes as `web_acl_id`, or undefined. */
export function checkWebAclArn(webAclArn: string): string | undefined {
  return /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[A-Za-z0-9_-]+\/[a-f0-9-]+$/.test(webAclArn)
    ? undefined
    : "is not the ARN of a CLOUDFRONT-scope WAF web ACL; expected arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id> (a REGIONAL ACL cannot protect a distribution)";
}

/** Why a cache behaviour's path pattern is not allowed, or undefined. */
export function checkPathPattern(pattern: string): string | undefined {
  return PATH_PATTERN.test(pattern) ? undefined : `is not allowed; expected ${PATH_PATTERN_EXPECTATION}`;
}

/** True when CloudFront would route `path` to a behaviour with `pattern` (`*` any characters, `?` one). */
export function matchesPathPattern(pattern: string, path: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${regex}$`).test(path);
}
