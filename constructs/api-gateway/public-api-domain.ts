import { ApiGatewayBasePathMapping } from "@cdktf/provider-aws/lib/api-gateway-base-path-mapping";
import { ApiGatewayDomainName } from "@cdktf/provider-aws/lib/api-gateway-domain-name";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import type { Construct } from "constructs";

/** TLS policy of the custom domain. */
export const API_TLS_POLICY = "TLS_1_2";

/**
 * The API's custom domain (`PublicApiProps.domain` has this shape). Kept free of other imports, so that the props
 * can name this type without an import cycle.
 */
export interface PublicApiDomainOptions {
  /** The custom domain name, e.g. `api.example.com`. */
  readonly name: string;
  /** ACM certificate for the name, in the API's region. */
  readonly certificateArn: string;
  /** Route 53 public hosted zone of the name: the alias record goes there. @default no record */
  readonly hostedZoneId?: string;
  /**
   * Publishes the simple alias record in `hostedZoneId`. With false the domain name, its certificate and the base
   * path mapping are created but no record: for a name whose records are published elsewhere, such as the
   * PRIMARY/SECONDARY failover records of `ApiFailoverRecords` (constructs/dns), which Route 53 would not accept
   * next to a simple record of the same name and type.
   *
   * @default true
   */
  readonly dnsRecords?: boolean;
}

/**
 * The API's custom domain, created in `scope`: a regional domain name with its certificate (TLS 1.2), mapped to the
 * stage, and with a hosted zone an alias record (A only: the endpoint is IPv4, no `ip_address_type`), unless
 * `dnsRecords` is false. The returned resource carries `regionalDomainName` and `regionalZoneId`, the alias target
 * of records published elsewhere.
 */
export function addCustomDomain(
  scope: Construct,
  domain: PublicApiDomainOptions,
  apiId: string,
  stageName: string,
): ApiGatewayDomainName {
  // Default: the domain publishes its own record when it has a hosted zone.
  const dnsRecords = domain.dnsRecords ?? true;
  const domainName = new ApiGatewayDomainName(scope, "Domain", {
    domainName: domain.name,
    regionalCertificateArn: domain.certificateArn,
    endpointConfiguration: { types: ["REGIONAL"] },
    securityPolicy: API_TLS_POLICY,
  });
  new ApiGatewayBasePathMapping(scope, "DomainMapping", {
    apiId,
    stageName,
    domainName: domainName.domainName,
  });
  if (domain.hostedZoneId && dnsRecords) {
    new Route53Record(scope, "DomainRecord", {
      zoneId: domain.hostedZoneId,
      name: domain.name,
      type: "A",
      alias: {
        name: domainName.regionalDomainName,
        zoneId: domainName.regionalZoneId,
        evaluateTargetHealth: false,
      },
    });
  }
  return domainName;
}
