import { charge, type CostItem, numberOf, type Pricer, unpriced, volume } from "../model";

/**
 * Network and edge: NAT gateways and their data, load balancers, interface endpoints, public IPv4 addresses, flow
 * logs, CloudFront (by the Europe rate: the platform's users are assumed in Europe), API Gateway and WAF. Traffic
 * comes from config (`cost`): the environment's volume, shared equally by its resources of one kind; a standby's
 * API and WAF see none until a failover.
 */

/** CloudFront's first price tier ends at 10 TB a month. */
const FIRST_TIER_GB = 10_240;

export const natGateway: Pricer = (resource, context) => {
  const gb = context.usage.natDataGBPerMonth / Math.max(1, context.shares.natGateways);
  return [
    charge(context, resource, { service: "nat", item: "hour" }, "NAT gateway", { baseline: 1, max: 1 }),
    charge(
      context,
      resource,
      { service: "nat", item: "data" },
      `${volume.format(gb)} GB processed (its share of cost.natDataGBPerMonth)`,
      { baseline: gb, max: gb },
    ),
  ];
};

export const loadBalancer: Pricer = (resource, context) => {
  const type = String(resource.config.load_balancer_type ?? "application");
  return [
    charge(context, resource, { service: "lb", item: type }, `${type} load balancer`, { baseline: 1, max: 1 }),
    unpriced(context, resource, `${type} load balancer capacity units`, "LCU usage is not modeled"),
  ];
};

export const vpcEndpoint: Pricer = (resource, context) => {
  if (resource.config.vpc_endpoint_type !== "Interface") {
    return []; // Gateway endpoints (S3, DynamoDB) have no charge.
  }
  const zones = Array.isArray(resource.config.subnet_ids) ? resource.config.subnet_ids.length : 1;
  return [
    charge(context, resource, { service: "vpce", item: "interface" }, `interface endpoint in ${zones} AZs`, {
      baseline: zones,
      max: zones,
    }),
    unpriced(context, resource, "interface endpoint data processed", "volume not modeled"),
  ];
};

export const elasticIp: Pricer = (resource, context) => [
  unpriced(context, resource, "public IPv4 address", `no price found for ${context.region}`),
];

export const flowLog: Pricer = (resource, context) => [
  unpriced(context, resource, "VPC flow log delivery (vended logs)", "no price found"),
];

export const cloudfrontDistribution: Pricer = (resource, context) => {
  const share = Math.max(1, context.shares.distributions);
  const gb = context.usage.cdnDataOutGBPerMonth / share;
  const requests = context.usage.cdnRequestsPerMonth / share;
  const priced = Math.min(gb, FIRST_TIER_GB);
  const items: CostItem[] = [
    charge(
      context,
      resource,
      { service: "cloudfront", item: "europe-data-out", region: "global" },
      `${volume.format(priced)} GB out to viewers (cost.cdnDataOutGBPerMonth)`,
      { baseline: priced, max: priced },
    ),
    charge(
      context,
      resource,
      { service: "cloudfront", item: "europe-https-requests", region: "global" },
      `${volume.format(requests)} HTTPS requests (cost.cdnRequestsPerMonth)`,
      { baseline: requests, max: requests },
    ),
  ];
  if (gb > FIRST_TIER_GB) {
    items.push(
      unpriced(
        context,
        resource,
        `${volume.format(gb - FIRST_TIER_GB)} GB out beyond 10 TB`,
        "later tiers not in the table",
      ),
    );
  }
  return items;
};

export const cloudfrontFunction: Pricer = (resource, context) => {
  const invocations = context.usage.cdnRequestsPerMonth / Math.max(1, context.shares.distributions);
  return [
    charge(
      context,
      resource,
      { service: "cloudfront", item: "function", region: "global" },
      `${volume.format(invocations)} invocations (one per viewer request)`,
      { baseline: invocations, max: invocations },
    ),
  ];
};

export const restApi: Pricer = (resource, context) => {
  if (context.standby) {
    return []; // A warm standby's API serves nothing until a failover.
  }
  const requests = context.usage.apiRequestsPerMonth / Math.max(1, context.shares.restApis);
  return [
    charge(
      context,
      resource,
      { service: "apigateway", item: "rest-requests" },
      `${volume.format(requests)} REST API requests (cost.apiRequestsPerMonth)`,
      { baseline: requests, max: requests },
    ),
  ];
};

export const apiStage: Pricer = (resource, context) => {
  if (resource.config.cache_cluster_enabled !== true) {
    return [];
  }
  const size = String(resource.config.cache_cluster_size ?? "0.5");
  return [
    charge(context, resource, { service: "apigateway", item: `cache-${size}` }, `${size} GB API cache`, {
      baseline: 1,
      max: 1,
    }),
  ];
};

export const webAcl: Pricer = (resource, context) => {
  const rules = Array.isArray(resource.config.rule) ? resource.config.rule.length : 0;
  const cloudfront = resource.config.scope === "CLOUDFRONT";
  const requests = cloudfront
    ? context.usage.cdnRequestsPerMonth / Math.max(1, context.shares.distributions)
    : context.standby
      ? 0
      : context.usage.apiRequestsPerMonth / Math.max(1, context.shares.restApis);
  const items = [
    charge(context, resource, { service: "waf", item: "web-acl" }, "web ACL", { baseline: 1, max: 1 }),
    charge(context, resource, { service: "waf", item: "rule" }, `${rules} rules`, { baseline: rules, max: rules }),
  ];
  if (requests > 0) {
    items.push(
      charge(
        context,
        resource,
        { service: "waf", item: "requests" },
        `${volume.format(requests)} requests inspected (${cloudfront ? "cost.cdnRequestsPerMonth" : "cost.apiRequestsPerMonth"})`,
        { baseline: requests, max: requests },
      ),
    );
  }
  return items;
};

export const healthCheck: Pricer = (resource, context) => {
  const type = String(resource.config.type);
  if (type === "CALCULATED" || type === "CLOUDWATCH_METRIC" || type === "RECOVERY_CONTROL") {
    return [unpriced(context, resource, `${type} health check`, "the Route 53 price list has no line for this type")];
  }
  // Whether the endpoint is in AWS is not known from the stack: the non-AWS price (the higher) is used.
  return [
    charge(context, resource, { service: "route53", item: "health-check-other" }, `${type} health check`, {
      baseline: 1,
      max: 1,
    }),
    ...(/HTTPS|STR_MATCH/.test(type) || numberOf(resource.config.request_interval) === 10
      ? [unpriced(context, resource, `${type} health check optional features`, "feature prices not in the table")]
      : []),
  ];
};
