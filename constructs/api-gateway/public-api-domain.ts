import { ApiGatewayBasePathMapping } from "@cdktf/provider-aws/lib/api-gateway-base-path-mapping";
import { ApiGatewayDomainName } from "@cdktf/provider-aws/lib/api-gateway-domain-name";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import type { Construct } from "constructs";
import type { PublicApiProps } from "./public-api-props";

/** TLS policy of the custom domain. */
export const API_TLS_POLICY = "TLS_1_2";

/**
 * The API's custom domain, created in `scope`: a regional domain name with its certificate (TLS 1.2), mapped to the
 * stage, and with a hosted zone an alias record.
 */
export function addCustomDomain(
  scope: Construct,
  domain: NonNullable<PublicApiProps["domain"]>,
  apiId: string,
  stageName: string,
): ApiGatewayDomainName {
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
  if (domain.hostedZoneId) {
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
