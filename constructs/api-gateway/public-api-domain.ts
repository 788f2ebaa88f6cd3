import { ApiGatewayBasePathMapping } from "@cdktf/provider-aws/lib/api-gateway-base-path-mapping";
import { ApiGatewayDomainName } from "@cdktf/provider-aws/lib/api-gateway-domain-name";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import type { Construct } from "constructs";
import { ValidationError } from "../core/errors";

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
   * The record is one of a failover pair (the same custom domain in two regions): Route 53 answers with the PRIMARY
   * record while its health check is healthy, else with the SECONDARY one (if that one's check is healthy). The
   * record evaluates its target's health too. Both regions publish their record this way; Route 53 would refuse a
   * simple record next to them.
   *
   * @default a simple alias record
   */
  readonly failover?: ApiDomainFailover;
}

/** The failover side of a region's API domain record. */
export interface ApiDomainFailover {
  readonly role: "PRIMARY" | "SECONDARY";
  /** The API's region: with the role, the record's `set_identifier` (`eu-west-1-primary`). */
  readonly region: string;
  /** The Route 53 health check the record follows (`FailoverSwitch` on the primary, `AlarmHealthCheck` on the secondary). */
  readonly healthCheckId: string;
}

/**
 * The API's custom domain, created in `scope`: a regional domain name with its certificate (TLS 1.2), mapped to the
 * stage, and with a hosted zone an alias record (A only: the endpoint is IPv4, no `ip_address_type`), simple or one
 * of a failover pair. Turning a simple record into a failover one is an update of the same record (only `name` and
 * `zone_id` force replacement in `internal/service/route53/record.go`), which Route 53 applies as one change batch.
 */
export function addCustomDomain(
  scope: Construct,
  domain: PublicApiDomainOptions,
  apiId: string,
  stageName: string,
): ApiGatewayDomainName {
  if (domain.failover && !domain.hostedZoneId) {
    throw new ValidationError(
      "domain.failover: a failover record needs domain.hostedZoneId; expected the public hosted zone of the name",
      scope,
    );
  }
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
  const failover = domain.failover;
  if (domain.hostedZoneId) {
    new Route53Record(scope, "DomainRecord", {
      zoneId: domain.hostedZoneId,
      name: domain.name,
      type: "A",
      ...(failover
        ? {
            setIdentifier: `${failover.region}-${failover.role.toLowerCase()}`,
            failoverRoutingPolicy: { type: failover.role },
            healthCheckId: failover.healthCheckId,
          }
        : {}),
      alias: {
        name: domainName.regionalDomainName,
        zoneId: domainName.regionalZoneId,
        evaluateTargetHealth: failover !== undefined,
      },
    });
  }
  return domainName;
}
