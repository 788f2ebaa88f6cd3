import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import type { Construct } from "constructs";

/**
 * Security headers CloudFront adds to every response of the distribution, replacing what an origin sent (override
 * true), so that the site and the API answer with the same policy.
 */
export const SECURITY_HEADERS = {
  /** Strict-Transport-Security max-age: two years, what the HSTS preload list asks for. */
  hstsMaxAgeSeconds: 63_072_000,
  /** X-Frame-Options: no framing at all (clickjacking). */
  frameOption: "DENY",
  /** Referrer-Policy: the full URL only to the same origin, the origin only to others, nothing over HTTP. */
  referrerPolicy: "strict-origin-when-cross-origin",
} as const;

/**
 * A response headers policy `<name>-security-headers`: HSTS (two years, subdomains, preload), X-Frame-Options DENY,
 * X-Content-Type-Options nosniff, Referrer-Policy strict-origin-when-cross-origin and X-XSS-Protection `1;
 * mode=block`, each overriding the origin's value.
 */
export function securityHeadersPolicy(scope: Construct, id: string, name: string): CloudfrontResponseHeadersPolicy {
  return new CloudfrontResponseHeadersPolicy(scope, id, {
    name: `${name}-security-headers`,
    comment: `Security headers of ${name}`,
    securityHeadersConfig: {
      strictTransportSecurity: {
        accessControlMaxAgeSec: SECURITY_HEADERS.hstsMaxAgeSeconds,
        includeSubdomains: true,
        preload: true,
        override: true,
      },
      frameOptions: { frameOption: SECURITY_HEADERS.frameOption, override: true },
      contentTypeOptions: { override: true },
      referrerPolicy: { referrerPolicy: SECURITY_HEADERS.referrerPolicy, override: true },
      xssProtection: { protection: true, modeBlock: true, override: true },
    },
  });
}
