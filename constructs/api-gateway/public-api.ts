import { createHash } from "node:crypto";
import { ApiGatewayAuthorizer } from "@cdktf/provider-aws/lib/api-gateway-authorizer";
import { ApiGatewayBasePathMapping } from "@cdktf/provider-aws/lib/api-gateway-base-path-mapping";
import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayDomainName } from "@cdktf/provider-aws/lib/api-gateway-domain-name";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayMethodSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import type { ApiGatewayUsagePlan } from "@cdktf/provider-aws/lib/api-gateway-usage-plan";
import { Apigatewayv2VpcLink } from "@cdktf/provider-aws/lib/apigatewayv2-vpc-link";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Fn, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { encryptedLogGroup } from "../core/log-group";
import { allowTcpFrom, allowTcpTo } from "../core/security-group-rules";
import { requireLogRetentionDays, requireOneOf, requireWholeNumber } from "../core/validation";
import { overlappingPrefixes, PATH_PREFIX, PATH_PREFIX_EXPECTATION } from "../services/options";
import {
  CACHE_CLUSTER_SIZES,
  type CacheClusterSize,
  checkBurst,
  checkTiers,
  EXECUTION_LOG_LEVELS,
  type ExecutionLogLevel,
  HTTP_METHODS,
  MAX_CACHE_TTL_SECONDS,
  type UsageTier,
} from "./options";
import { type ApiRoute, type CacheableRoute, checkRoute, parentOf, planRoutes, routePaths } from "./routes";
import { type ApiStageMetrics, apiStageMetrics } from "./metrics";
import { type TierPlan, usagePlans } from "./usage-plans";

export type { TierPlan } from "./usage-plans";

/** TLS policy of the custom domain. */
export const API_TLS_POLICY = "TLS_1_2";

/**
 * The fields of every access log line (JSON, one object per request): who called (IP, user, API key), what
 * (method, resource, path), what happened (status, latencies, WAF and authorizer results) and how to find it
 * elsewhere (request and X-Ray trace ids).
 */
export const ACCESS_LOG_FORMAT: Readonly<Record<string, string>> = {
  requestId: "$context.requestId",
  extendedRequestId: "$context.extendedRequestId",
  requestTime: "$context.requestTime",
  ip: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
  user: "$context.authorizer.claims.sub",
  apiKeyId: "$context.identity.apiKeyId",
  httpMethod: "$context.httpMethod",
  resourcePath: "$context.resourcePath",
  path: "$context.path",
  protocol: "$context.protocol",
  status: "$context.status",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationStatus: "$context.integration.status",
  integrationLatency: "$context.integration.latency",
  wafStatus: "$context.waf.status",
  authorizerError: "$context.authorizer.error",
  errorMessage: "$context.error.message",
  xrayTraceId: "$context.xrayTraceId",
};

/** Where the API sends requests: the internal Application Load Balancer, through a VPC link. */
export interface ApiBackend {
  /** ARN of the load balancer: the integration target of every route. */
  readonly loadBalancerArn: string;
  /** The load balancer's security group: the VPC link is let in on the listener port. */
  readonly loadBalancerSecurityGroupId: string;
  /** Listener port: 80 (HTTP) or 443 (HTTPS). */
  readonly port: number;
  /**
   * Host name of the requests (Host header, and the name the certificate is checked against over HTTPS): the load
   * balancer's DNS name, or the name of its certificate.
   */
  readonly hostName: string;
  readonly vpcId: string;
  /** Private subnets of the VPC link's interfaces, in at least two zones. */
  readonly subnetIds: readonly string[];
}

export interface PublicApiProps {
  /** Name of the API and prefix of its parts: `acme-prod-api`. */
  readonly name: string;
  /** @default "v1" */
  readonly stageName?: string;
  readonly backend: ApiBackend;
  /** The service catalog: a route per service prefix. */
  readonly services: readonly { readonly name: string; readonly pathPrefix: string }[];
  /** Paths (and everything below them) served without the authorizer. @default none */
  readonly publicPaths?: readonly string[];
  /** Routes whose GET responses the stage cache keeps (only with `cache`). @default none */
  readonly cacheableRoutes?: readonly CacheableRoute[];
  /** The Cognito user pools whose tokens the authorizer accepts on non-public routes. */
  readonly userPoolArns: readonly string[];
  /**
   * Every method requires an API key: the key says which usage plan (a client's tier, or the site's) the caller is
   * on. It identifies the client program, it does not authenticate a person: that is the authorizer's job, and a
   * public path's callers are anonymous people (signing in through the site, which the CDN gives its key).
   *
   * @default true
   */
  readonly apiKeyRequired?: boolean;
  /** The client tiers, from the smallest to the largest; a usage plan each. */
  readonly tiers: readonly UsageTier[];
  /**
   * The site's own key and usage plan: a key API Gateway generates (`siteKeyValue`), which the CDN adds to every
   * request it forwards, so that no key is ever in the site's pages; all the site's calls share this throttle.
   *
   * @default no site key
   */
  readonly siteClient?: { readonly rateLimit: number; readonly burstLimit: number };
  /** API keys to create: client name → tier. @default none */
  readonly apiKeys?: Readonly<Record<string, string>>;
  /** The stage's default throttle for every method, requests per second (all clients together). */
  readonly stageThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logging: {
    /** Execution logging (CloudWatch, through the account's API Gateway role). @default "ERROR" */
    readonly level?: ExecutionLogLevel;
    /** Key of the access and execution log groups (its policy must grant CloudWatch Logs). */
    readonly kmsKeyArn: string;
    readonly retentionDays: number;
    readonly deletionProtection: boolean;
  };
  /** X-Ray tracing of the stage. @default true */
  readonly tracing?: boolean;
  /** A stage cache cluster of this size; without it nothing is cached. @default no cache */
  readonly cacheClusterSize?: CacheClusterSize;
  /**
   * A custom domain with a regional certificate (TLS 1.2), mapped to the stage; with a hosted zone, an alias record.
   *
   * @default the execute-api endpoint only
   */
  readonly domain?: { readonly name: string; readonly certificateArn: string; readonly hostedZoneId?: string };
  /**
   * Resources that must exist before the stage writes logs: the account's CloudWatch role (`ApiGatewayAccount`).
   *
   * @default none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

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

    this.validate(props, publicPaths, cacheableRoutes, logLevel, apiKeys);

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

    // The VPC link's interfaces reach the load balancer's listener and nothing else.
    const backend = props.backend;
    const linkGroup = new SecurityGroup(this, "VpcLinkSecurityGroup", {
      name: `${props.name}-vpc-link`,
      description: `VPC link of ${props.name}: out to the internal load balancer only`,
      vpcId: backend.vpcId,
      tags: { Name: `${props.name}-vpc-link` },
    });
    this.vpcLinkSecurityGroupId = linkGroup.id;
    allowTcpTo(this, "VpcLinkToLoadBalancer", {
      securityGroupId: linkGroup.id,
      destinationSecurityGroupId: backend.loadBalancerSecurityGroupId,
      port: backend.port,
      description: "To the internal load balancer's listener",
    });
    allowTcpFrom(this, "LoadBalancerFromVpcLink", {
      securityGroupId: backend.loadBalancerSecurityGroupId,
      sourceSecurityGroupId: linkGroup.id,
      port: backend.port,
      description: `From the VPC link of ${props.name}`,
    });
    const vpcLink = new Apigatewayv2VpcLink(this, "VpcLink", {
      name: props.name,
      subnetIds: [...backend.subnetIds],
      securityGroupIds: [linkGroup.id],
    });

    const authorizer = new ApiGatewayAuthorizer(this, "Authorizer", {
      name: `${props.name}-cognito`,
      restApiId: this.api.id,
      type: "COGNITO_USER_POOLS",
      providerArns: [...props.userPoolArns],
      identitySource: "method.request.header.Authorization",
    });

    // The resource tree: a resource per route path (parents first: the plan is sorted) and its {proxy+} child.
    const scheme = backend.port === 443 ? "https" : "http";
    const origin = `${scheme}://${backend.hostName}${backend.port === 443 || backend.port === 80 ? "" : `:${backend.port}`}`;
    const resources = new Map<string, string>([["/", this.api.rootResourceId]]);
    const integrations: ApiGatewayIntegration[] = [];
    const methods: ApiGatewayMethod[] = [];
    for (const route of this.routes) {
      const routeId = pathId(route.path);
      if (route.path !== "/") {
        const parent = resources.get(parentOf(route.path));
        const resource = new ApiGatewayResource(this, routeId, {
          restApiId: this.api.id,
          parentId: parent!,
          pathPart: route.path.slice(route.path.lastIndexOf("/") + 1),
        });
        resources.set(route.path, resource.id);
      }
      const proxy = new ApiGatewayResource(this, `${routeId}-proxy`, {
        restApiId: this.api.id,
        parentId: resources.get(route.path)!,
        pathPart: "{proxy+}",
      });
      const base = route.path === "/" ? "" : route.path;
      for (const target of [
        { id: routeId, resourceId: resources.get(route.path)!, uri: `${origin}${base || "/"}`, proxy: false },
        { id: `${routeId}-proxy`, resourceId: proxy.id, uri: `${origin}${base}/{proxy}`, proxy: true },
      ]) {
        for (const httpMethod of ["ANY", ...route.methods]) {
          const cached = httpMethod === "GET" && route.cache !== undefined;
          const cacheKeys = cached ? cacheKeyParameters(route, target.proxy) : [];
          const method = new ApiGatewayMethod(this, `${target.id}-${httpMethod}`, {
            restApiId: this.api.id,
            resourceId: target.resourceId,
            httpMethod,
            authorization: route.public ? "NONE" : "COGNITO_USER_POOLS",
            authorizerId: route.public ? undefined : authorizer.id,
            apiKeyRequired,
            requestParameters: requestParameters(target.proxy, cacheKeys),
          });
          methods.push(method);
          integrations.push(
            new ApiGatewayIntegration(this, `${target.id}-${httpMethod}-Integration`, {
              restApiId: this.api.id,
              resourceId: target.resourceId,
              httpMethod: method.httpMethod,
              type: "HTTP_PROXY",
              integrationHttpMethod: "ANY",
              uri: target.uri,
              connectionType: "VPC_LINK",
              connectionId: vpcLink.id,
              integrationTarget: backend.loadBalancerArn,
              requestParameters: target.proxy
                ? { "integration.request.path.proxy": "method.request.path.proxy" }
                : undefined,
              cacheKeyParameters: cacheKeys.length > 0 ? cacheKeys : undefined,
              timeoutMilliseconds: 29_000,
            }),
          );
        }
      }
    }

    // A new deployment whenever the routes or an integration change; the stage moves to it, then the old one goes.
    const deployment = new ApiGatewayDeployment(this, "Deployment", {
      restApiId: this.api.id,
      description: "Routes generated from the service catalog",
      triggers: {
        routes: contentHash({ routes: this.routes, apiKeyRequired, origin: "load balancer via VPC link" }),
        integrations: Fn.sha1(
          Fn.jsonencode(integrations.map((integration) => [integration.id, integration.uri, integration.connectionId])),
        ),
      },
      dependsOn: [...methods, ...integrations],
      lifecycle: { createBeforeDestroy: true },
    });

    // API Gateway writes execution logs to a group it names itself; creating it first gives it KMS and retention.
    const executionLogs = encryptedLogGroup(this, "ExecutionLogs", {
      name: `API-Gateway-Execution-Logs_${this.api.id}/${this.stageName}`,
      kmsKeyArn: props.logging.kmsKeyArn,
      retentionDays: props.logging.retentionDays,
      deletionProtection: props.logging.deletionProtection,
    });
    const accessLogs = encryptedLogGroup(this, "AccessLogs", {
      name: `/aws/apigateway/${props.name}/access`,
      kmsKeyArn: props.logging.kmsKeyArn,
      retentionDays: props.logging.retentionDays,
      deletionProtection: props.logging.deletionProtection,
    });
    this.accessLogGroupName = accessLogs.name;

    this.stage = new ApiGatewayStage(this, "Stage", {
      restApiId: this.api.id,
      deploymentId: deployment.id,
      stageName: this.stageName,
      xrayTracingEnabled: tracing,
      accessLogSettings: { destinationArn: accessLogs.arn, format: JSON.stringify(ACCESS_LOG_FORMAT) },
      cacheClusterEnabled: props.cacheClusterSize !== undefined,
      cacheClusterSize: props.cacheClusterSize,
      dependsOn: [executionLogs, ...(props.dependsOn ?? [])],
    });
    this.stageArn = this.stage.arn;
    this.invokeUrl = this.stage.invokeUrl;
    this.executeApiDomain = `${this.api.id}.execute-api.${this.api.region}.amazonaws.com`;

    // Every method: metrics, the execution log level, never request/response bodies in logs, the stage throttle,
    // no caching. Then the cacheable GET routes, when there is a cache.
    new ApiGatewayMethodSettings(this, "AllMethods", {
      restApiId: this.api.id,
      stageName: this.stage.stageName,
      methodPath: "*/*",
      settings: {
        metricsEnabled: true,
        loggingLevel: logLevel,
        dataTraceEnabled: false,
        throttlingRateLimit: props.stageThrottle.rateLimit,
        throttlingBurstLimit: props.stageThrottle.burstLimit,
        cachingEnabled: false,
      },
    });
    if (props.cacheClusterSize !== undefined) {
      for (const route of this.routes.filter((candidate) => candidate.cache)) {
        const base = route.path === "/" ? "" : route.path;
        for (const [suffix, path] of [
          ["", base || "/"],
          ["-proxy", `${base}/{proxy+}`],
        ]) {
          new ApiGatewayMethodSettings(this, `${pathId(route.path)}${suffix}-GET-Cache`, {
            restApiId: this.api.id,
            stageName: this.stage.stageName,
            // The stage keys method settings by resource path with every "/" written "~1" (JSON Pointer), and the
            // provider passes the path through unchanged: /api/reports → ~1api~1reports/GET.
            methodPath: `${path.replace(/\//g, "~1")}/GET`,
            settings: {
              metricsEnabled: true,
              loggingLevel: logLevel,
              dataTraceEnabled: false,
              throttlingRateLimit: props.stageThrottle.rateLimit,
              throttlingBurstLimit: props.stageThrottle.burstLimit,
              cachingEnabled: true,
              cacheTtlInSeconds: route.cache!.ttlSeconds,
              cacheDataEncrypted: true,
              requireAuthorizationForCacheControl: true,
              unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403",
            },
          });
        }
      }
    }

    const plans = usagePlans(this, {
      name: props.name,
      apiId: this.api.id,
      stageName: this.stage.stageName,
      routes: this.routes,
      tiers: props.tiers,
      apiKeys,
      siteClient: props.siteClient,
    });
    this.tierPlans = plans.tierPlans;
    this.sitePlan = plans.sitePlan;
    this.siteKeyValue = plans.siteKeyValue;

    if (props.domain) {
      this.domainName = new ApiGatewayDomainName(this, "Domain", {
        domainName: props.domain.name,
        regionalCertificateArn: props.domain.certificateArn,
        endpointConfiguration: { types: ["REGIONAL"] },
        securityPolicy: API_TLS_POLICY,
      });
      new ApiGatewayBasePathMapping(this, "DomainMapping", {
        apiId: this.api.id,
        stageName: this.stage.stageName,
        domainName: this.domainName.domainName,
      });
      if (props.domain.hostedZoneId) {
        new Route53Record(this, "DomainRecord", {
          zoneId: props.domain.hostedZoneId,
          name: props.domain.name,
          type: "A",
          alias: {
            name: this.domainName.regionalDomainName,
            zoneId: this.domainName.regionalZoneId,
            evaluateTargetHealth: false,
          },
        });
      }
    }
  }

  private validate(
    props: PublicApiProps,
    publicPaths: readonly string[],
    cacheableRoutes: readonly CacheableRoute[],
    logLevel: ExecutionLogLevel,
    apiKeys: Readonly<Record<string, string>>,
  ): void {
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(props.name)) {
      throw new ValidationError(
        `name: ${show(props.name)} is not an API name; expected up to 63 lower-case letters, digits or hyphens`,
        this,
      );
    }
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(this.stageName)) {
      throw new ValidationError(
        `stageName: ${show(this.stageName)} is not a stage name; expected letters, digits, "_" or "-"`,
        this,
      );
    }
    requireOneOf(this, "backend.port", props.backend.port, [80, 443]);
    if (props.backend.subnetIds.length < 2) {
      throw new ValidationError(
        `backend.subnetIds: ${show(props.backend.subnetIds)} has ${props.backend.subnetIds.length} subnet(s); expected at least two, in different zones`,
        this,
      );
    }
    if (props.userPoolArns.length === 0) {
      throw new ValidationError("userPoolArns: [] is empty; expected the user pool the authorizer trusts", this);
    }
    const prefixes = props.services.map((service) => service.pathPrefix);
    const checkPaths = (setting: (index: number) => string, paths: readonly string[]) =>
      paths.forEach((path, index) => {
        if (!PATH_PREFIX.test(path)) {
          throw new ValidationError(
            `${setting(index)}: ${show(path)} is not allowed; expected ${PATH_PREFIX_EXPECTATION}`,
            this,
          );
        }
      });
    checkPaths((index) => `services[${index}].pathPrefix`, prefixes);
    checkPaths((index) => `publicPaths[${index}]`, publicPaths);
    for (const [label, paths] of [
      ["services' path prefixes", prefixes],
      ["publicPaths", publicPaths],
    ] as const) {
      const [pair] = overlappingPrefixes(paths);
      if (pair) {
        throw new ValidationError(
          `${label}: ${show(paths[pair[0]])} and ${show(paths[pair[1]])} ${paths[pair[0]] === paths[pair[1]] ? "are the same route" : "overlap"}; expected each route once, none inside another`,
          this,
        );
      }
    }
    const routes = routePaths(prefixes, publicPaths);
    const requireRoute = (setting: string, path: string) => {
      const problem = checkRoute(routes, path);
      if (problem) {
        throw new ValidationError(`${setting}: ${show(path)} ${problem}`, this);
      }
    };
    // Construct ids replace "/" with "-": paths that differ only there would collide.
    const ids = new Map<string, string>();
    for (const path of routes) {
      for (const id of [pathId(path), `${pathId(path)}-proxy`]) {
        const other = ids.get(id);
        if (other !== undefined && other !== path) {
          throw new ValidationError(
            `routes: ${show(other)} and ${show(path)} would share the construct id ${show(id)}; expected paths that differ other than "/" against "-" (rename one prefix)`,
            this,
          );
        }
        ids.set(id, path);
      }
    }
    cacheableRoutes.forEach((route, index) => {
      requireRoute(`cacheableRoutes[${index}].path`, route.path);
      if (cacheableRoutes.findIndex((other) => other.path === route.path) !== index) {
        throw new ValidationError(
          `cacheableRoutes[${index}].path: ${show(route.path)} is listed twice; expected one cache setting per route`,
          this,
        );
      }
      requireWholeNumber(this, `cacheableRoutes[${index}].ttlSeconds`, route.ttlSeconds, 0, MAX_CACHE_TTL_SECONDS);
    });
    const [tierProblem] = checkTiers(props.tiers);
    if (props.tiers.length === 0) {
      throw new ValidationError("tiers: [] is empty; expected at least one client tier", this);
    }
    if (tierProblem) {
      throw new ValidationError(
        `tiers[${tierProblem.index}].${tierProblem.setting}: ${show(tierProblem.value)} ${tierProblem.message}`,
        this,
      );
    }
    props.tiers.forEach((tier, index) => {
      (tier.methodThrottles ?? []).forEach((throttle, at) => {
        const setting = `tiers[${index}].methodThrottles[${at}]`;
        requireRoute(`${setting}.path`, throttle.path);
        requireOneOf(this, `${setting}.method`, throttle.method, HTTP_METHODS);
        const throttles = tier.methodThrottles ?? [];
        if (throttles.findIndex((other) => other.path === throttle.path && other.method === throttle.method) !== at) {
          throw new ValidationError(
            `${setting}: ${throttle.method} ${throttle.path} is throttled twice in tier ${show(tier.name)}; expected one throttle per method and route`,
            this,
          );
        }
        const burst = checkBurst(throttle.rateLimit, throttle.burstLimit);
        if (burst) {
          throw new ValidationError(`${setting}.burstLimit: ${throttle.burstLimit} ${burst}`, this);
        }
      });
    });
    for (const [setting, throttle] of [
      ["stageThrottle", props.stageThrottle],
      ["siteClient", props.siteClient],
    ] as const) {
      const problem = throttle && checkBurst(throttle.rateLimit, throttle.burstLimit);
      if (problem) {
        throw new ValidationError(`${setting}.burstLimit: ${throttle.burstLimit} ${problem}`, this);
      }
    }
    for (const [client, tier] of Object.entries(apiKeys)) {
      requireOneOf(
        this,
        `apiKeys.${client}`,
        tier,
        props.tiers.map((candidate) => candidate.name),
      );
    }
    requireOneOf(this, "logging.level", logLevel, EXECUTION_LOG_LEVELS);
    requireLogRetentionDays(this, "logging.retentionDays", props.logging.retentionDays);
    if (props.cacheClusterSize !== undefined) {
      requireOneOf(this, "cacheClusterSize", props.cacheClusterSize, CACHE_CLUSTER_SIZES);
    }
  }
}

/** Construct id of a route's resource: `Route-root`, `Route-api-auth`. */
function pathId(path: string): string {
  return path === "/" ? "Route-root" : `Route${path.replace(/\//g, "-")}`;
}

/**
 * What a cached GET response is keyed by: the path below the route, the listed query parameters and, on routes
 * behind the authorizer, the caller's token, so that one user's response never reaches another.
 */
function cacheKeyParameters(route: ApiRoute, proxy: boolean): string[] {
  return [
    ...(proxy ? ["method.request.path.proxy"] : []),
    ...(route.cache?.queryParameters ?? []).map((name) => `method.request.querystring.${name}`),
    ...(route.public ? [] : ["method.request.header.Authorization"]),
  ];
}

/** The method's declared request parameters: the greedy path and every cache key (none required but the path). */
function requestParameters(proxy: boolean, cacheKeys: readonly string[]): Record<string, boolean> | undefined {
  const parameters: Record<string, boolean> = Object.fromEntries(cacheKeys.map((key) => [key, false]));
  if (proxy) {
    parameters["method.request.path.proxy"] = true;
  }
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}

/** SHA-256 of a value's JSON: a redeployment trigger that changes exactly when the content does. */
function contentHash(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}
