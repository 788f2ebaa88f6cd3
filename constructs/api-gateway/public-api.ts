import type { ApiGatewayDomainName } from "@cdktf/provider-aws/lib/api-gateway-domain-name";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import type { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import type { ApiGatewayUsagePlan } from "@cdktf/provider-aws/lib/api-gateway-usage-plan";
import { Construct } from "constructs";
import { type ApiStageMetrics, apiStageMetrics } from "./metrics";
import { addCustomDomain } from "./public-api-domain";
import type { PublicApiProps } from "./public-api-props";
import { addRouteResources } from "./public-api-resources";
import { addStage } from "./public-api-stage";
import { validatePublicApi } from "./public-api-validation";
import { addVpcLink } from "./public-api-vpc-link";
import { type ApiRoute, planRoutes } from "./routes";
import { type ApiKeyValues, type TierPlan, usagePlans } from "./usage-plans";

export { API_TLS_POLICY } from "./public-api-domain";
export type { ApiBackend, PublicApiProps } from "./public-api-props";
export { ACCESS_LOG_FORMAT } from "./public-api-stage";
export type { TierPlan } from "./usage-plans";

/**
 * The public REST API in front of the platform (the strangler pattern): every request goes privately through a VPC
 * link (v2) to the internal Application Load Balancer, whose rules send each service's prefix to the service and
 * everything else to the legacy monolith. The API's routes are generated from the catalog (`planRoutes`): adding a
 * service adds its route.
 *
 * - Authorization: a Cognito user-pool authorizer on every route that is not public (public paths take anonymous
 *   people); API keys on every method select the usage plan (a client's tier, or the site's, which only the CDN
 *   holds), so that no request reaches the backend outside a plan.
 * - Limits: a usage plan per tier (steady rate, burst, daily quota, per-method throttles), the site's plan, and a
 *   stage throttle.
 * - Stage: JSON access logs and execution logs in KMS-encrypted log groups, X-Ray, metrics, an optional encrypted
 *   cache for the GET routes marked cacheable; redeployed whenever the routes change.
 * - Optional regional custom domain with TLS 1.2.
 */
export class PublicApi extends Construct {
  public readonly api: ApiGatewayRestApi;
  public readonly restApiId: string;
  public readonly stage: ApiGatewayStage;
  public readonly stageName: string;
  /** ARN of the stage: what a regional WAF ACL is associated with. */
  public readonly stageArn: string;
  /** `https://<id>.execute-api.<region>.amazonaws.com/<stage>`. */
  public readonly invokeUrl: string;
  /** `<id>.execute-api.<region>.amazonaws.com`: the origin domain of a CDN. */
  public readonly executeApiDomain: string;
  public readonly routes: readonly ApiRoute[];
  public readonly tierPlans: readonly TierPlan[];
  /** The site's usage plan, with `siteClient`. */
  public readonly sitePlan?: ApiGatewayUsagePlan;
  /** The site's API key (sensitive), for the CDN's origin header, with `siteClient`. */
  public readonly siteKeyValue?: string;
  /** The values of the site's and the clients' keys (sensitive): a standby's copy of the API is given the same. */
  public readonly keyValues: ApiKeyValues;
  public readonly vpcLinkSecurityGroupId: string;
  public readonly accessLogGroupName: string;
  /** Requests, errors and latency percentiles of the stage, for dashboards and alarms. */
  public readonly metrics: ApiStageMetrics;
  public readonly domainName?: ApiGatewayDomainName;

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);

    // Defaults: stage v1, every method behind an API key, errors in the execution log, tracing on, no cache.
    this.stageName = props.stageName ?? "v1";
    this.metrics = apiStageMetrics(props.name, this.stageName);
    const publicPaths = props.publicPaths ?? [];
    const cacheableRoutes = props.cacheableRoutes ?? [];
    const apiKeyRequired = props.apiKeyRequired ?? true;
    const logLevel = props.logging.level ?? "ERROR";
    const tracing = props.tracing ?? true;
    const apiKeys = props.apiKeys ?? {};

    validatePublicApi(this, props, this.stageName, publicPaths, cacheableRoutes, logLevel, apiKeys);

    this.routes = planRoutes({
      services: props.services,
      publicPaths,
      cacheable: cacheableRoutes,
      methods: props.tiers.flatMap((tier) => tier.methodThrottles ?? []),
    });

    this.api = new ApiGatewayRestApi(this, "Resource", {
      name: props.name,
      description: "Public API: service routes and the legacy monolith behind the internal load balancer",
      endpointConfiguration: { types: ["REGIONAL"] },
      apiKeySource: "HEADER",
    });
    this.restApiId = this.api.id;

    const { vpcLink, securityGroup } = addVpcLink(this, props);
    this.vpcLinkSecurityGroupId = securityGroup.id;

    const deployment = addRouteResources(this, props, this.api, this.routes, vpcLink, apiKeyRequired);

    const { stage, accessLogGroupName } = addStage(
      this,
      props,
      this.api,
      this.stageName,
      deployment,
      this.routes,
      logLevel,
      tracing,
    );
    this.stage = stage;
    this.accessLogGroupName = accessLogGroupName;
    this.stageArn = this.stage.arn;
    this.invokeUrl = this.stage.invokeUrl;
    this.executeApiDomain = `${this.api.id}.execute-api.${this.api.region}.amazonaws.com`;

    const plans = usagePlans(this, {
      name: props.name,
      apiId: this.api.id,
      stageName: this.stage.stageName,
      routes: this.routes,
      tiers: props.tiers,
      apiKeys,
      siteClient: props.siteClient,
      keyValues: props.keyValues,
    });
    this.tierPlans = plans.tierPlans;
    this.sitePlan = plans.sitePlan;
    this.siteKeyValue = plans.keyValues.site;
    this.keyValues = plans.keyValues;

    if (props.domain) {
      this.domainName = addCustomDomain(this, props.domain, this.api.id, this.stage.stageName);
    }
  }
}
