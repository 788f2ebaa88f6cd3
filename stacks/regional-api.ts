import type { ApiDomainFailover } from "../constructs/api-gateway/public-api-domain";
import { ApiGatewayAccount } from "../constructs/api-gateway/api-gateway-account";
import { apiHealthAlarm } from "../constructs/api-gateway/health-alarm";
import { apiStageMetrics } from "../constructs/api-gateway/metrics";
import { PublicApi } from "../constructs/api-gateway/public-api";
import type { ApiKeyValues } from "../constructs/api-gateway/usage-plans";
import { DnsValidatedCertificate } from "../constructs/core/dns-validated-certificate";
import { joinName } from "../constructs/core/naming";
import { AlarmHealthCheck, healthAlarmOf } from "../constructs/dns/api-failover";
import type { InternalLoadBalancer } from "../constructs/load-balancer/internal-load-balancer";
import type { Network } from "../constructs/network/network";
import { type BodySizeLimits, DEFAULT_MANAGED_RULE_GROUPS, WebAcl } from "../constructs/waf/web-acl";
import type { EnvironmentConfig } from "../src/config/schema";
import type { PlatformStack } from "./platform-stack";

/** The header API Gateway reads API keys from (`api_key_source` HEADER). */
export const API_KEY_HEADER = "x-api-key";

/** What a region's API is built on. */
export interface RegionalApiProps {
  readonly network: Network;
  /** The region's internal load balancer (`<env>-workloads`). */
  readonly loadBalancer: InternalLoadBalancer;
  /** Key of the API's and its WAF's log groups, in the stack's region. */
  readonly logKeyArn: string;
  /** The user pools whose tokens the authorizer accepts. */
  readonly userPoolArns: readonly string[];
  /** The keys' values: a standby's API is given the primary's. @default generated */
  readonly keyValues?: ApiKeyValues;
  /** The API domain's record is one of a failover pair. @default a simple record */
  readonly failover?: ApiDomainFailover;
  /**
   * The custom domain's certificate, in the stack's region (config's `edge.api.domain.certificateArn` is the
   * primary region's). @default a DNS-validated certificate made here
   */
  readonly certificateArn?: string;
}

/**
 * A region's public API: the REST API with its stage, routes, authorizer, usage plans and keys (`PublicApi`), its
 * custom domain with a certificate of the stack's region, and the regional WAF in front of the stage. The primary's
 * edge stack and a standby's build it alike, so the standby keeps the same rules, tiers and keys.
 */
export function regionalApi(
  stack: PlatformStack,
  config: EnvironmentConfig,
  props: RegionalApiProps,
): { api: PublicApi; webAcl: WebAcl } {
  const edge = config.edge;
  const settings = edge.api;
  const protection = config.protection;
  const apiName = joinName(stack.namePrefix, "api");
  const logs = { retentionDays: edge.logRetentionDays, deletionProtection: protection.deletionProtection };

  const account = settings.manageAccountSettings
    ? new ApiGatewayAccount(stack, "ApiGatewayAccount", {
        roleName: joinName(stack.namePrefix, "apigateway-logs", { maxLength: 64 }),
      })
    : undefined;

  const loadBalancer = props.loadBalancer;
  const network = props.network;
  const api = new PublicApi(stack, "Api", {
    name: apiName,
    stageName: settings.stageName,
    backend: {
      loadBalancerArn: loadBalancer.arn,
      loadBalancerSecurityGroupId: loadBalancer.securityGroupId,
      port: loadBalancer.listenerPort,
      // Over HTTPS the API calls the load balancer by its certificate's name (required with a certificate).
      hostName: config.loadBalancer.domainName ?? loadBalancer.dnsName,
      vpcId: network.vpcId,
      subnetIds: network.privateSubnetIds,
    },
    services: Object.keys(config.services)
      .sort()
      .map((name) => ({ name, pathPrefix: config.services[name].pathPrefix })),
    publicPaths: settings.publicPaths,
    cacheableRoutes: settings.cacheableRoutes,
    userPoolArns: props.userPoolArns,
    apiKeyRequired: settings.apiKeyRequired,
    tiers: settings.tiers,
    apiKeys: settings.apiKeys,
    keyValues: props.keyValues,
    stageThrottle: settings.stageThrottle,
    logging: { level: settings.loggingLevel, kmsKeyArn: props.logKeyArn, ...logs },
    tracing: settings.tracing,
    cacheClusterSize: settings.cache.enabled ? settings.cache.clusterSizeGb : undefined,
    domain: settings.domain && {
      name: settings.domain.name,
      certificateArn:
        props.certificateArn ??
        new DnsValidatedCertificate(stack, "ApiCertificate", {
          domainNames: [settings.domain.name],
          hostedZoneId: settings.domain.hostedZoneId!,
        }).certificateArn,
      hostedZoneId: settings.domain.hostedZoneId,
      failover: props.failover,
    },
    siteClient: settings.siteThrottle,
    dependsOn: account ? [account.settings] : undefined,
  });
  const siteKey = api.siteKeyValue!;
  const stagePrefix = `/${settings.stageName}`;

  const webAcl = new WebAcl(stack, "ApiWaf", {
    name: apiName,
    scope: "REGIONAL",
    rateLimit: settings.waf.rateLimit,
    evaluationWindowSeconds: settings.waf.evaluationWindowSeconds,
    managedRuleGroups: withCommonRuleCounts(settings.waf.countRules),
    proxyHeader: { name: API_KEY_HEADER, value: siteKey },
    // The API sees a route behind the stage on its execute-api endpoint (CloudFront's origin path included) and
    // without it on its custom domain.
    bodySizeLimits: bodyLimits(edge.bodyLimits, (path) => [`${stagePrefix}${path}`, path]),
    logs: { kmsKeyArn: props.logKeyArn, ...logs },
  });
  webAcl.associate("Stage", api.stageArn);
  return { api, webAcl };
}

/**
 * Route 53's view of a region's API health (with `dr`): a single-metric alarm on the stage's 5xx share, by the
 * stage's name (known before the API is, so that the check can exist before the record naming it), and the
 * CLOUDWATCH_METRIC health check that follows it, found by `<env>-api-health`.
 */
export function regionalApiHealth(stack: PlatformStack, config: EnvironmentConfig): AlarmHealthCheck {
  const apiName = joinName(stack.namePrefix, "api");
  const alarms = config.observability.alarms;
  const alarm = apiHealthAlarm(stack, "ApiHealthAlarm", {
    name: joinName(apiName, "health"),
    metrics: apiStageMetrics(apiName, config.edge.api.stageName),
    errorPercent: alarms.thresholds.api5xxPercent,
    evaluationPeriods: alarms.evaluationPeriods,
    datapointsToAlarm: alarms.datapointsToAlarm,
  });
  return new AlarmHealthCheck(stack, "ApiHealthCheck", {
    referenceName: `${config.environment}-api-health`,
    name: `${config.edge.api.domain?.name ?? apiName} ${stack.region}`,
    alarm: healthAlarmOf(alarm, stack.region),
  });
}

/** The configured body limits as WAF rules, each route known by the paths `pathsOf` gives for it. */
export function bodyLimits(
  limits: EnvironmentConfig["edge"]["bodyLimits"],
  pathsOf: (path: string) => string[],
): BodySizeLimits {
  return {
    defaultBytes: limits.defaultBytes,
    inspectionLimitKb: limits.inspectionLimitKb,
    routes: limits.routes.map((route) => ({
      name: route.path.slice(1).replace(/[^A-Za-z0-9]+/g, "-"),
      paths: pathsOf(route.path),
      maxBytes: route.maxBytes,
    })),
  };
}

/** The default managed rule groups, with the listed rules of the common rule set only counting. */
function withCommonRuleCounts(countRules: readonly string[]) {
  return DEFAULT_MANAGED_RULE_GROUPS.map((group) =>
    group.name === "AWSManagedRulesCommonRuleSet" && countRules.length > 0 ? { ...group, countRules } : group,
  );
}
