import { ApiGatewayApiKey } from "@cdktf/provider-aws/lib/api-gateway-api-key";
import { ApiGatewayUsagePlan } from "@cdktf/provider-aws/lib/api-gateway-usage-plan";
import { ApiGatewayUsagePlanKey } from "@cdktf/provider-aws/lib/api-gateway-usage-plan-key";
import type { Construct } from "constructs";
import { tierLimits, type UsageTier } from "./options";
import { type ApiRoute, isUnder } from "./routes";

/** A usage plan of one tier. */
export interface TierPlan {
  readonly name: string;
  readonly plan: ApiGatewayUsagePlan;
  readonly usagePlanId: string;
}

/** The values of an API's keys: what a second region's copy of the API is given, so that every caller's key works there. */
export interface ApiKeyValues {
  /** The site's key (`siteClient`). */
  readonly site?: string;
  /** Each configured client's key, by client name. */
  readonly clients: Readonly<Record<string, string>>;
}

export interface UsagePlansProps {
  /** The API's name, the prefix of the plans' and keys' names. */
  readonly name: string;
  readonly apiId: string;
  readonly stageName: string;
  /** The API's routes, for the tiers' method throttles. */
  readonly routes: readonly ApiRoute[];
  readonly tiers: readonly UsageTier[];
  /** Keys to create: client name → tier name (checked by the caller). */
  readonly apiKeys: Readonly<Record<string, string>>;
  /** The site's plan and generated key. */
  readonly siteClient?: { readonly rateLimit: number; readonly burstLimit: number };
  /** The keys' values, when they must equal another API's (a standby's); otherwise API Gateway generates them. */
  readonly keyValues?: ApiKeyValues;
}

/**
 * The API's usage plans and keys, created in `scope`: a plan per tier (steady rate and burst, a daily quota of 24
 * hours of the budget, method throttles) with the configured clients' keys, and the site's plan with its key.
 */
export function usagePlans(
  scope: Construct,
  props: UsagePlansProps,
): { tierPlans: TierPlan[]; sitePlan?: ApiGatewayUsagePlan; keyValues: ApiKeyValues } {
  const tierPlans = props.tiers.map((tier) => {
    const limits = tierLimits(tier);
    const plan = new ApiGatewayUsagePlan(scope, `Tier-${tier.name}`, {
      name: `${props.name}-${tier.name}`,
      description: `${tier.name} tier: ${tier.requestsPerHour} requests per hour`,
      apiStages: [
        {
          apiId: props.apiId,
          stage: props.stageName,
          // The throttle covers its route and every route below it, each with its {proxy+} child.
          throttle: (tier.methodThrottles ?? []).flatMap((throttle) =>
            props.routes
              .filter((route) => isUnder(route.path, throttle.path))
              .flatMap((route) => [route.path, `${route.path === "/" ? "" : route.path}/{proxy+}`])
              .map((path) => ({
                path: `${path === "/" ? "" : path}/${throttle.method}`,
                rateLimit: throttle.rateLimit,
                burstLimit: throttle.burstLimit,
              })),
          ),
        },
      ],
      throttleSettings: { rateLimit: limits.rateLimit, burstLimit: limits.burstLimit },
      quotaSettings: { limit: limits.quotaLimit, period: limits.quotaPeriod },
    });
    return { name: tier.name, plan, usagePlanId: plan.id };
  });
  const clients: Record<string, string> = {};
  for (const client of Object.keys(props.apiKeys).sort()) {
    const key = new ApiGatewayApiKey(scope, `ApiKey-${client}`, {
      name: `${props.name}-${client}`,
      description: `${client}: ${props.apiKeys[client]} tier`,
      enabled: true,
      value: props.keyValues?.clients[client],
    });
    clients[client] = key.value;
    new ApiGatewayUsagePlanKey(scope, `ApiKey-${client}-Plan`, {
      keyId: key.id,
      keyType: "API_KEY",
      usagePlanId: tierPlans.find((plan) => plan.name === props.apiKeys[client])!.usagePlanId,
    });
  }
  if (!props.siteClient) {
    return { tierPlans, keyValues: { clients } };
  }
  const sitePlan = new ApiGatewayUsagePlan(scope, "SitePlan", {
    name: `${props.name}-site`,
    description: "The site's calls through the CDN, all users together (each user's share is the CDN WAF's)",
    apiStages: [{ apiId: props.apiId, stage: props.stageName }],
    throttleSettings: { rateLimit: props.siteClient.rateLimit, burstLimit: props.siteClient.burstLimit },
  });
  // No value given: API Gateway generates one, and only the CDN's origin configuration (and the API's WAF) hold it.
  // Rotated by replacement, new key first: CloudFront moves to it (the apply waits for the deployment) before the
  // old one goes, so no edge sends a deleted key.
  const siteKey = new ApiGatewayApiKey(scope, "SiteKey", {
    name: `${props.name}-site`,
    description: "Added by the CDN to every request it forwards; never in the site's pages",
    enabled: true,
    value: props.keyValues?.site,
    lifecycle: { createBeforeDestroy: true },
  });
  new ApiGatewayUsagePlanKey(scope, "SiteKeyPlan", {
    keyId: siteKey.id,
    keyType: "API_KEY",
    usagePlanId: sitePlan.id,
    lifecycle: { createBeforeDestroy: true },
  });
  return { tierPlans, sitePlan, keyValues: { site: siteKey.value, clients } };
}
