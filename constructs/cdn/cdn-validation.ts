import { Token } from "cdktf";
import type { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { requireLogRetentionDays, requireOneOf } from "../core/validation";
import type { CdnDistributionProps } from "./cdn-props";
import {
  CDN_NAME,
  CDN_NAME_EXPECTATION,
  checkBucketName,
  checkCertificateArn,
  checkDomainNames,
  checkPathPattern,
  checkTtl,
  checkWebAclArn,
  HOSTNAME,
  ORIGIN_PATH,
  ORIGIN_PATH_EXPECTATION,
  PRICE_CLASSES,
  REGION,
} from "./options";
import { SITE_ROUTINGS, type SiteRouting } from "./site-function";

/** Checks the props of the distribution `scope` with their defaults resolved, before any resource exists. */
export function validateCdnDistribution(
  scope: Construct,
  props: CdnDistributionProps,
  resolved: {
    readonly apiPathPattern: string;
    readonly staticPathPattern: string;
    readonly siteRouting: SiteRouting;
  },
): void {
  const fail = (message: string): never => {
    throw new ValidationError(message, scope);
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
  if (props.api.originPath !== undefined && literal(props.api.originPath) && !ORIGIN_PATH.test(props.api.originPath)) {
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
  requireOneOf(scope, "priceClass", props.priceClass, PRICE_CLASSES);
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
    const certificateProblem = literal(domain.certificateArn) ? checkCertificateArn(domain.certificateArn) : undefined;
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

  requireOneOf(scope, "siteRouting", resolved.siteRouting, SITE_ROUTINGS);
  for (const header of Object.keys(props.api.headers ?? {})) {
    if (!/^[A-Za-z0-9-]+$/.test(header)) {
      fail(`api.headers: ${show(header)} is not a header name; expected letters, digits and hyphens`);
    }
  }

  requireLogRetentionDays(scope, "accessLogs.retentionDays", props.accessLogs.retentionDays);
}
