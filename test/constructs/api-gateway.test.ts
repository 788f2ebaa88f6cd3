import { ApiGatewayAccount } from "../../constructs/api-gateway/api-gateway-account";
import {
  ACCESS_LOG_FORMAT,
  API_TLS_POLICY,
  type ApiBackend,
  PublicApi,
  type PublicApiProps,
} from "../../constructs/api-gateway/public-api";
import { ApiUserPool, type ApiUserPoolProps } from "../../constructs/api-gateway/user-pool";
import {
  dataNamed,
  listOf,
  named,
  onlyOf,
  ref,
  resourcesOf,
  synth,
  synthWithValues,
  testStack,
  type StackJson,
} from "../helpers";

const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000";
const LB_ARN =
  "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/acme-test-internal/0123456789abcdef";
const POOL_ARN = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Abc123";
const CERT_ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-1111-1111-1111-111111111111";
const HOST = "internal-acme-test.eu-west-1.elb.amazonaws.com";

const BACKEND: ApiBackend = {
  loadBalancerArn: LB_ARN,
  loadBalancerSecurityGroupId: "sg-lb",
  port: 80,
  hostName: HOST,
  vpcId: "vpc-123",
  subnetIds: ["subnet-a", "subnet-b"],
};

const BASE: PublicApiProps = {
  name: "acme-test-api",
  backend: BACKEND,
  services: [
    { name: "auth", pathPrefix: "/api/auth" },
    { name: "reports", pathPrefix: "/api/reports" },
  ],
  userPoolArns: [POOL_ARN],
  tiers: [
    { name: "basic", requestsPerHour: 1000, burstLimit: 5 },
    { name: "pro", requestsPerHour: 10_000, burstLimit: 20 },
    { name: "enterprise", requestsPerHour: 100_000, burstLimit: 100 },
  ],
  stageThrottle: { rateLimit: 500, burstLimit: 1000 },
  logging: { kmsKeyArn: KEY_ARN, retentionDays: 90, deletionProtection: true },
};

const METHOD = "aws_api_gateway_method";
const INTEGRATION = "aws_api_gateway_integration";
const RESOURCE = "aws_api_gateway_resource";

function build(overrides: Partial<PublicApiProps> = {}) {
  const stack = testStack();
  const api = new PublicApi(stack, "Api", { ...BASE, ...overrides });
  return { stack, api };
}

/** Logical id of the rest API. */
function apiIdOf(json: StackJson): string {
  return named(json, "aws_api_gateway_rest_api", "Api")[0];
}

/** The full path of every API resource, keyed by its `id` reference, followed up the parent_id chain to the root. */
function resourcePaths(json: StackJson): Map<string, string> {
  const root = ref("aws_api_gateway_rest_api", apiIdOf(json), "root_resource_id");
  const resources = resourcesOf(json, RESOURCE);
  const paths = new Map<string, string>([[root, "/"]]);
  const pathOf = (reference: string): string => {
    const known = paths.get(reference);
    if (known) {
      return known;
    }
    const [, logicalId] = /^\$\{aws_api_gateway_resource\.(.+)\.id\}$/.exec(reference) ?? [];
    const resource = resources[logicalId];
    if (!resource) {
      throw new Error(`${reference} is neither the root nor a resource of the API`);
    }
    const parent = pathOf(resource.parent_id);
    const path = `${parent === "/" ? "" : parent}/${resource.path_part}`;
    paths.set(reference, path);
    return path;
  };
  Object.keys(resources).forEach((logicalId) => pathOf(ref(RESOURCE, logicalId)));
  return paths;
}

/** Every method with the full path of its resource and its integration, sorted by path and method (code units). */
function methodsOf(json: StackJson): { path: string; httpMethod: string; method: any; integration: any }[] {
  const paths = resourcePaths(json);
  const integrations = listOf(json, INTEGRATION);
  return Object.entries(resourcesOf(json, METHOD))
    .map(([logicalId, method]) => {
      const matching = integrations.filter(
        (candidate) => candidate.http_method === ref(METHOD, logicalId, "http_method"),
      );
      expect(matching).toHaveLength(1);
      expect(matching[0].resource_id).toBe(method.resource_id);
      return { path: paths.get(method.resource_id)!, httpMethod: method.http_method, method, integration: matching[0] };
    })
    .sort((a, b) => (`${a.path} ${a.httpMethod}` < `${b.path} ${b.httpMethod}` ? -1 : 1));
}

function methodAt(json: StackJson, path: string, httpMethod = "ANY") {
  const found = methodsOf(json).filter((entry) => entry.path === path && entry.httpMethod === httpMethod);
  expect(found).toHaveLength(1);
  return found[0];
}

/** `"ANY /api/auth"` for every method. */
function routeTable(json: StackJson): string[] {
  return methodsOf(json).map((entry) => `${entry.httpMethod} ${entry.path}`);
}

const DEFAULT_TREE = [
  "ANY /",
  "ANY /api",
  "ANY /api/auth",
  "ANY /api/auth/{proxy+}",
  "ANY /api/reports",
  "ANY /api/reports/{proxy+}",
  "ANY /api/{proxy+}",
  "ANY /{proxy+}",
];

describe("PublicApi", () => {
  describe("with the defaults", () => {
    const { stack, api } = build();
    const { json, values } = synthWithValues(stack, {
      restApiId: api.restApiId,
      stageArn: api.stageArn,
      invokeUrl: api.invokeUrl,
      executeApiDomain: api.executeApiDomain,
      vpcLinkSecurityGroupId: api.vpcLinkSecurityGroupId,
      accessLogGroupName: api.accessLogGroupName,
      usagePlanIds: api.tierPlans.map((plan) => plan.usagePlanId),
    });
    const apiId = apiIdOf(json);
    const [linkId] = named(json, "aws_apigatewayv2_vpc_link", "VpcLink");
    const [authorizerId] = named(json, "aws_api_gateway_authorizer", "Authorizer");
    const [stageId, stage] = named(json, "aws_api_gateway_stage", "Stage");
    const [deploymentId, deployment] = named(json, "aws_api_gateway_deployment", "Deployment");
    const [executionLogsId, executionLogs] = named(json, "aws_cloudwatch_log_group", "ExecutionLogs");
    const [accessLogsId, accessLogs] = named(json, "aws_cloudwatch_log_group", "AccessLogs");
    const restApiRef = ref("aws_api_gateway_rest_api", apiId);

    test("a regional REST API that takes API keys from the header", () => {
      expect(json.resource!.aws_api_gateway_rest_api[apiId]).toEqual({
        name: "acme-test-api",
        description: "Public API: service routes and the legacy monolith behind the internal load balancer",
        endpoint_configuration: { types: ["REGIONAL"] },
        api_key_source: "HEADER",
      });
    });

    test("a resource per service prefix, the /api between them and the root, each with a {proxy+} child", () => {
      expect(routeTable(json)).toEqual(DEFAULT_TREE);
      expect([...resourcePaths(json).values()].sort()).toEqual([
        "/",
        "/api",
        "/api/auth",
        "/api/auth/{proxy+}",
        "/api/reports",
        "/api/reports/{proxy+}",
        "/api/{proxy+}",
        "/{proxy+}",
      ]);
      const [apiResourceId, apiResource] = named(json, RESOURCE, "Route-api");
      expect(apiResource).toEqual({
        rest_api_id: restApiRef,
        parent_id: ref("aws_api_gateway_rest_api", apiId, "root_resource_id"),
        path_part: "api",
      });
      expect(named(json, RESOURCE, "Route-api-auth")[1]).toEqual({
        rest_api_id: restApiRef,
        parent_id: ref(RESOURCE, apiResourceId),
        path_part: "auth",
      });
      expect(named(json, RESOURCE, "Route-root-proxy")[1].parent_id).toBe(
        ref("aws_api_gateway_rest_api", apiId, "root_resource_id"),
      );
    });

    test("the route plan: each prefix to its service, the rest to the monolith", () => {
      expect(api.routes.map((route) => [route.path, route.kind, route.target, route.public])).toEqual([
        ["/", "fallback", "monolith", false],
        ["/api", "fallback", "monolith", false],
        ["/api/auth", "service", "auth", false],
        ["/api/reports", "service", "reports", false],
      ]);
    });

    test("every integration is an HTTP proxy over the VPC link to the load balancer, with the path unchanged", () => {
      const entries = methodsOf(json);
      expect(entries).toHaveLength(8);
      for (const { integration } of entries) {
        expect(integration).toMatchObject({
          rest_api_id: restApiRef,
          type: "HTTP_PROXY",
          integration_http_method: "ANY",
          connection_type: "VPC_LINK",
          connection_id: ref("aws_apigatewayv2_vpc_link", linkId),
          integration_target: LB_ARN,
          timeout_milliseconds: 29000,
        });
        expect(integration).not.toHaveProperty("cache_key_parameters");
      }
      expect(Object.fromEntries(entries.map((entry) => [entry.path, entry.integration.uri]))).toEqual({
        "/": `http://${HOST}/`,
        "/{proxy+}": `http://${HOST}/{proxy}`,
        "/api": `http://${HOST}/api`,
        "/api/{proxy+}": `http://${HOST}/api/{proxy}`,
        "/api/auth": `http://${HOST}/api/auth`,
        "/api/auth/{proxy+}": `http://${HOST}/api/auth/{proxy}`,
        "/api/reports": `http://${HOST}/api/reports`,
        "/api/reports/{proxy+}": `http://${HOST}/api/reports/{proxy}`,
      });
    });

    test("the greedy path is declared on {proxy+} methods and passed on by their integrations only", () => {
      for (const { path, method, integration } of methodsOf(json)) {
        if (path.endsWith("{proxy+}")) {
          expect(method.request_parameters).toEqual({ "method.request.path.proxy": true });
          expect(integration.request_parameters).toEqual({
            "integration.request.path.proxy": "method.request.path.proxy",
          });
        } else {
          expect(method).not.toHaveProperty("request_parameters");
          expect(integration).not.toHaveProperty("request_parameters");
        }
      }
    });

    test("a Cognito authorizer on every method, and an API key required on every method", () => {
      expect(onlyOf(json, "aws_api_gateway_authorizer")).toEqual({
        name: "acme-test-api-cognito",
        rest_api_id: restApiRef,
        type: "COGNITO_USER_POOLS",
        provider_arns: [POOL_ARN],
        identity_source: "method.request.header.Authorization",
      });
      for (const { method } of methodsOf(json)) {
        expect(method).toMatchObject({
          rest_api_id: restApiRef,
          authorization: "COGNITO_USER_POOLS",
          authorizer_id: ref("aws_api_gateway_authorizer", authorizerId),
          api_key_required: true,
        });
      }
    });

    test("the VPC link in the backend's subnets, its security group out to the load balancer's port only", () => {
      const [groupId, group] = named(json, "aws_security_group", "VpcLinkSecurityGroup");
      expect(group).toMatchObject({
        name: "acme-test-api-vpc-link",
        vpc_id: "vpc-123",
        tags: { Name: "acme-test-api-vpc-link" },
      });
      expect(group).not.toHaveProperty("egress");
      expect(group).not.toHaveProperty("ingress");
      expect(onlyOf(json, "aws_apigatewayv2_vpc_link")).toEqual({
        name: "acme-test-api",
        subnet_ids: ["subnet-a", "subnet-b"],
        security_group_ids: [ref("aws_security_group", groupId)],
      });
      expect(onlyOf(json, "aws_vpc_security_group_egress_rule")).toMatchObject({
        security_group_id: ref("aws_security_group", groupId),
        referenced_security_group_id: "sg-lb",
        ip_protocol: "tcp",
        from_port: 80,
        to_port: 80,
      });
      expect(onlyOf(json, "aws_vpc_security_group_ingress_rule")).toMatchObject({
        security_group_id: "sg-lb",
        referenced_security_group_id: ref("aws_security_group", groupId),
        ip_protocol: "tcp",
        from_port: 80,
        to_port: 80,
        description: "From the VPC link of acme-test-api",
      });
      expect(values.vpcLinkSecurityGroupId).toBe(ref("aws_security_group", groupId));
    });

    test("KMS-encrypted log groups with the given retention: API Gateway's execution log group and the access log", () => {
      expect(executionLogs).toEqual({
        name: `API-Gateway-Execution-Logs_${restApiRef}/v1`,
        kms_key_id: KEY_ARN,
        retention_in_days: 90,
        deletion_protection_enabled: true,
      });
      expect(accessLogs).toEqual({
        name: "/aws/apigateway/acme-test-api/access",
        kms_key_id: KEY_ARN,
        retention_in_days: 90,
        deletion_protection_enabled: true,
      });
      expect(values.accessLogGroupName).toBe(ref("aws_cloudwatch_log_group", accessLogsId, "name"));
    });

    test("the v1 stage: JSON access logs, X-Ray, no cache, after the execution log group", () => {
      expect(stage).toEqual({
        rest_api_id: restApiRef,
        deployment_id: ref("aws_api_gateway_deployment", deploymentId),
        stage_name: "v1",
        xray_tracing_enabled: true,
        access_log_settings: {
          destination_arn: ref("aws_cloudwatch_log_group", accessLogsId, "arn"),
          format: JSON.stringify(ACCESS_LOG_FORMAT),
        },
        cache_cluster_enabled: false,
        depends_on: [`aws_cloudwatch_log_group.${executionLogsId}`],
      });
    });

    test("each access log line is one JSON object of request context fields", () => {
      const format = JSON.parse(stage.access_log_settings.format);
      expect(format).toEqual(ACCESS_LOG_FORMAT);
      expect(format).toMatchObject({
        requestId: "$context.requestId",
        ip: "$context.identity.sourceIp",
        user: "$context.authorizer.claims.sub",
        apiKeyId: "$context.identity.apiKeyId",
        httpMethod: "$context.httpMethod",
        resourcePath: "$context.resourcePath",
        status: "$context.status",
        integrationLatency: "$context.integration.latency",
        wafStatus: "$context.waf.status",
        xrayTraceId: "$context.xrayTraceId",
      });
      for (const value of Object.values(format)) {
        expect(value).toMatch(/^\$context\.[A-Za-z.]+$/);
      }
      expect(stage.access_log_settings.format).not.toContain("\n");
    });

    test("every method: metrics, error logs, no bodies in logs, the stage throttle, no caching", () => {
      expect(onlyOf(json, "aws_api_gateway_method_settings")).toEqual({
        rest_api_id: restApiRef,
        stage_name: ref("aws_api_gateway_stage", stageId, "stage_name"),
        method_path: "*/*",
        settings: {
          metrics_enabled: true,
          logging_level: "ERROR",
          data_trace_enabled: false,
          throttling_rate_limit: 500,
          throttling_burst_limit: 1000,
          caching_enabled: false,
        },
      });
    });

    test("the deployment waits for every method and integration and is replaced before it is destroyed", () => {
      const methodIds = Object.keys(resourcesOf(json, METHOD)).map((id) => `${METHOD}.${id}`);
      const integrationIds = Object.keys(resourcesOf(json, INTEGRATION)).map((id) => `${INTEGRATION}.${id}`);
      expect([...deployment.depends_on].sort()).toEqual([...methodIds, ...integrationIds].sort());
      expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
      expect(deployment.rest_api_id).toBe(restApiRef);
      expect(deployment.triggers.routes).toMatch(/^[0-9a-f]{64}$/);
      expect(deployment.triggers.integrations).toMatch(/^\$\{sha1\(jsonencode\(\[\[/);
      for (const id of Object.keys(resourcesOf(json, INTEGRATION))) {
        expect(deployment.triggers.integrations).toContain(
          `[${INTEGRATION}.${id}.id, ${INTEGRATION}.${id}.uri, ${INTEGRATION}.${id}.connection_id]`,
        );
      }
    });

    test("a usage plan per tier: the hourly budget as a steady rate, the burst and a daily quota", () => {
      const plans = Object.fromEntries(
        ["basic", "pro", "enterprise"].map((tier) => [tier, named(json, "aws_api_gateway_usage_plan", `Tier-${tier}`)]),
      );
      expect(plans.basic[1]).toEqual({
        name: "acme-test-api-basic",
        description: "basic tier: 1000 requests per hour",
        api_stages: [{ api_id: restApiRef, stage: ref("aws_api_gateway_stage", stageId, "stage_name"), throttle: [] }],
        throttle_settings: { rate_limit: 0.2778, burst_limit: 5 },
        quota_settings: { limit: 24_000, period: "DAY" },
      });
      expect(plans.pro[1]).toMatchObject({
        name: "acme-test-api-pro",
        throttle_settings: { rate_limit: 2.7778, burst_limit: 20 },
        quota_settings: { limit: 240_000, period: "DAY" },
      });
      expect(plans.enterprise[1]).toMatchObject({
        name: "acme-test-api-enterprise",
        throttle_settings: { rate_limit: 27.7778, burst_limit: 100 },
        quota_settings: { limit: 2_400_000, period: "DAY" },
      });
      expect(api.tierPlans.map((plan) => plan.name)).toEqual(["basic", "pro", "enterprise"]);
      expect(values.usagePlanIds).toEqual(
        ["basic", "pro", "enterprise"].map((tier) => ref("aws_api_gateway_usage_plan", plans[tier][0])),
      );
    });

    test("no API keys, no cache, no GET methods, no custom domain", () => {
      for (const type of [
        "aws_api_gateway_api_key",
        "aws_api_gateway_usage_plan_key",
        "aws_api_gateway_domain_name",
        "aws_api_gateway_base_path_mapping",
        "aws_route53_record",
      ]) {
        expect(resourcesOf(json, type)).toEqual({});
      }
      expect(methodsOf(json).filter((entry) => entry.httpMethod !== "ANY")).toEqual([]);
      expect(api.domainName).toBeUndefined();
    });

    test("its attributes reference the API and the stage", () => {
      expect(values.restApiId).toBe(restApiRef);
      expect(values.stageArn).toBe(ref("aws_api_gateway_stage", stageId, "arn"));
      expect(values.invokeUrl).toBe(ref("aws_api_gateway_stage", stageId, "invoke_url"));
      expect(values.executeApiDomain).toBe(
        `${restApiRef}.execute-api.${ref("aws_api_gateway_rest_api", apiId, "region")}.amazonaws.com`,
      );
      expect(api.stageName).toBe("v1");
    });
  });

  describe("public paths", () => {
    test("a public service prefix: it and its {proxy+} without the authorizer, /api and the root with it", () => {
      const json = synth(build({ publicPaths: ["/api/auth"] }).stack);
      const [authorizerId] = named(json, "aws_api_gateway_authorizer", "Authorizer");
      const authorization = Object.fromEntries(
        methodsOf(json).map((entry) => [entry.path, [entry.method.authorization, entry.method.authorizer_id]]),
      );
      const cognito = ["COGNITO_USER_POOLS", ref("aws_api_gateway_authorizer", authorizerId)];
      expect(authorization).toEqual({
        "/": cognito,
        "/{proxy+}": cognito,
        "/api": cognito,
        "/api/{proxy+}": cognito,
        "/api/auth": ["NONE", undefined],
        "/api/auth/{proxy+}": ["NONE", undefined],
        "/api/reports": cognito,
        "/api/reports/{proxy+}": cognito,
      });
      expect(routeTable(json)).toEqual(DEFAULT_TREE);
      // Public paths need no person (no token), but still a key: no request reaches the backend outside a usage plan.
      for (const { method } of methodsOf(json)) {
        expect(method.api_key_required).toBe(true);
      }
    });

    test("public paths outside and below service prefixes get resources of their own, public below them", () => {
      const { stack, api } = build({ publicPaths: ["/health", "/api/auth/login/sso"] });
      const json = synth(stack);
      expect(routeTable(json)).toEqual([
        "ANY /",
        "ANY /api",
        "ANY /api/auth",
        "ANY /api/auth/login",
        "ANY /api/auth/login/sso",
        "ANY /api/auth/login/sso/{proxy+}",
        "ANY /api/auth/login/{proxy+}",
        "ANY /api/auth/{proxy+}",
        "ANY /api/reports",
        "ANY /api/reports/{proxy+}",
        "ANY /api/{proxy+}",
        "ANY /health",
        "ANY /health/{proxy+}",
        "ANY /{proxy+}",
      ]);
      const open = methodsOf(json)
        .filter((entry) => entry.method.authorization === "NONE")
        .map((entry) => entry.path);
      expect(open).toEqual(["/api/auth/login/sso", "/api/auth/login/sso/{proxy+}", "/health", "/health/{proxy+}"]);
      expect(methodAt(json, "/health").integration.uri).toBe(`http://${HOST}/health`);
      expect(methodAt(json, "/api/auth/login/sso/{proxy+}").integration.uri).toBe(
        `http://${HOST}/api/auth/login/sso/{proxy}`,
      );
      expect(api.routes.find((route) => route.path === "/api/auth/login/sso")).toMatchObject({
        kind: "public",
        target: "auth",
        public: true,
      });
      expect(api.routes.find((route) => route.path === "/health")).toMatchObject({
        kind: "public",
        target: "monolith",
      });
    });
  });

  describe("the service catalog drives the routes", () => {
    const before = synth(build().stack);
    const after = synth(build({ services: [...BASE.services, { name: "billing", pathPrefix: "/api/billing" }] }).stack);

    function added(type: string): string[] {
      const old = new Set(Object.keys(resourcesOf(before, type)));
      return Object.keys(resourcesOf(after, type)).filter((id) => !old.has(id));
    }

    test("adding a service adds exactly its resource, its {proxy+} child, their methods and integrations", () => {
      expect(added(RESOURCE).sort()).toEqual([
        expect.stringMatching(/^Api_Route-api-billing-proxy_/),
        expect.stringMatching(/^Api_Route-api-billing_/),
      ]);
      expect(added(METHOD).sort()).toEqual([
        expect.stringMatching(/^Api_Route-api-billing-ANY_/),
        expect.stringMatching(/^Api_Route-api-billing-proxy-ANY_/),
      ]);
      expect(added(INTEGRATION)).toHaveLength(2);
      for (const type of Object.keys(before.resource!)) {
        const old = Object.keys(resourcesOf(before, type));
        expect(Object.keys(resourcesOf(after, type))).toEqual(expect.arrayContaining(old));
      }
      for (const type of Object.keys(after.resource!).filter(
        (name) => ![RESOURCE, METHOD, INTEGRATION].includes(name),
      )) {
        expect(Object.keys(resourcesOf(after, type))).toEqual(Object.keys(resourcesOf(before, type)));
      }
      expect(routeTable(after)).toEqual([
        "ANY /",
        "ANY /api",
        "ANY /api/auth",
        "ANY /api/auth/{proxy+}",
        "ANY /api/billing",
        "ANY /api/billing/{proxy+}",
        "ANY /api/reports",
        "ANY /api/reports/{proxy+}",
        "ANY /api/{proxy+}",
        "ANY /{proxy+}",
      ]);
    });

    test("the new route forwards to the load balancer under its prefix, behind the authorizer", () => {
      const billing = methodAt(after, "/api/billing/{proxy+}");
      expect(billing.integration).toMatchObject({
        uri: `http://${HOST}/api/billing/{proxy}`,
        connection_type: "VPC_LINK",
        integration_target: LB_ARN,
      });
      expect(billing.method.authorization).toBe("COGNITO_USER_POOLS");
    });

    test("the deployment's triggers change with the routes and stay the same for the same input", () => {
      const again = synth(build().stack);
      const triggers = (json: StackJson) => named(json, "aws_api_gateway_deployment", "Deployment")[1].triggers;
      expect(triggers(again)).toEqual(triggers(before));
      expect(triggers(after).routes).not.toBe(triggers(before).routes);
      expect(triggers(after).integrations).not.toBe(triggers(before).integrations);

      // Only the authorization of existing routes changes: the same integrations, new routes.
      const publicAuth = triggers(synth(build({ publicPaths: ["/api/auth"] }).stack));
      expect(publicAuth.integrations).toBe(triggers(before).integrations);
      expect(publicAuth.routes).not.toBe(triggers(before).routes);
      expect(triggers(synth(build({ apiKeyRequired: false }).stack)).routes).not.toBe(triggers(before).routes);
      const ttl = (ttlSeconds: number) =>
        triggers(synth(build({ cacheableRoutes: [{ path: "/api/reports", ttlSeconds }] }).stack)).routes;
      expect(ttl(60)).toBe(ttl(60));
      expect(ttl(60)).not.toBe(ttl(120));
    });
  });

  describe("cacheable routes, method throttles, API keys, a custom domain and every option", () => {
    const stack = testStack();
    const account = new ApiGatewayAccount(stack, "ApiGatewayAccount", { roleName: "acme-test-apigateway-logs" });
    const api = new PublicApi(stack, "Api", {
      ...BASE,
      stageName: "live",
      backend: { ...BACKEND, port: 443, hostName: "internal.acme.example" },
      publicPaths: ["/api/auth"],
      cacheableRoutes: [
        { path: "/api/reports", ttlSeconds: 300, queryParameters: ["page", "from"] },
        { path: "/api/auth", ttlSeconds: 60 },
      ],
      tiers: [
        {
          name: "basic",
          requestsPerHour: 1000,
          burstLimit: 5,
          methodThrottles: [{ path: "/api/reports", method: "POST", rateLimit: 1, burstLimit: 2 }],
        },
        {
          name: "pro",
          requestsPerHour: 10_000,
          burstLimit: 20,
          methodThrottles: [{ path: "/", method: "DELETE", rateLimit: 5, burstLimit: 10 }],
        },
        { name: "enterprise", requestsPerHour: 100_000, burstLimit: 100 },
      ],
      apiKeys: { globex: "basic", acme: "pro" },
      siteClient: { rateLimit: 200, burstLimit: 400 },
      logging: { ...BASE.logging, level: "INFO", retentionDays: 30, deletionProtection: false },
      tracing: false,
      cacheClusterSize: "0.5",
      domain: { name: "api.acme.example", certificateArn: CERT_ARN, hostedZoneId: "Z0123456789" },
      dependsOn: [account.settings],
    });
    const json = synth(stack);
    const apiId = apiIdOf(json);
    const restApiRef = ref("aws_api_gateway_rest_api", apiId);
    const [stageId, stage] = named(json, "aws_api_gateway_stage", "Stage");
    const stageNameRef = ref("aws_api_gateway_stage", stageId, "stage_name");

    test("GET methods on cacheable routes and POST and DELETE on throttled ones (and every route below), besides ANY", () => {
      expect(routeTable(json)).toEqual([
        "ANY /",
        "DELETE /",
        "ANY /api",
        "DELETE /api",
        "ANY /api/auth",
        "DELETE /api/auth",
        "GET /api/auth",
        "ANY /api/auth/{proxy+}",
        "DELETE /api/auth/{proxy+}",
        "GET /api/auth/{proxy+}",
        "ANY /api/reports",
        "DELETE /api/reports",
        "GET /api/reports",
        "POST /api/reports",
        "ANY /api/reports/{proxy+}",
        "DELETE /api/reports/{proxy+}",
        "GET /api/reports/{proxy+}",
        "POST /api/reports/{proxy+}",
        "ANY /api/{proxy+}",
        "DELETE /api/{proxy+}",
        "ANY /{proxy+}",
        "DELETE /{proxy+}",
      ]);
    });

    test("an HTTPS origin on 443, named by the load balancer's certificate name", () => {
      expect(methodAt(json, "/").integration.uri).toBe("https://internal.acme.example/");
      expect(methodAt(json, "/", "DELETE").integration.uri).toBe("https://internal.acme.example/");
      expect(methodAt(json, "/{proxy+}", "DELETE").integration.uri).toBe("https://internal.acme.example/{proxy}");
      expect(methodAt(json, "/api/reports", "POST").integration.uri).toBe("https://internal.acme.example/api/reports");
      for (const { integration } of methodsOf(json)) {
        expect(integration.uri).toMatch(/^https:\/\/internal\.acme\.example\//);
        expect(integration.integration_target).toBe(LB_ARN);
      }
      expect(onlyOf(json, "aws_vpc_security_group_egress_rule")).toMatchObject({ from_port: 443, to_port: 443 });
      expect(onlyOf(json, "aws_vpc_security_group_ingress_rule")).toMatchObject({ from_port: 443, to_port: 443 });
    });

    test("cached GETs are keyed by the greedy path, the listed query parameters and, behind the authorizer, the token", () => {
      expect(methodAt(json, "/api/reports", "GET").integration.cache_key_parameters).toEqual([
        "method.request.querystring.page",
        "method.request.querystring.from",
        "method.request.header.Authorization",
      ]);
      const reportsProxy = methodAt(json, "/api/reports/{proxy+}", "GET");
      expect(reportsProxy.integration.cache_key_parameters).toEqual([
        "method.request.path.proxy",
        "method.request.querystring.page",
        "method.request.querystring.from",
        "method.request.header.Authorization",
      ]);
      expect(reportsProxy.method.request_parameters).toEqual({
        "method.request.path.proxy": true,
        "method.request.querystring.page": false,
        "method.request.querystring.from": false,
        "method.request.header.Authorization": false,
      });
      expect(reportsProxy.method).toMatchObject({ authorization: "COGNITO_USER_POOLS", api_key_required: true });
      // A public route: nothing to tell users apart by, and no token to require.
      expect(methodAt(json, "/api/auth", "GET").integration).not.toHaveProperty("cache_key_parameters");
      expect(methodAt(json, "/api/auth", "GET").method).not.toHaveProperty("request_parameters");
      expect(methodAt(json, "/api/auth/{proxy+}", "GET").integration.cache_key_parameters).toEqual([
        "method.request.path.proxy",
      ]);
      expect(methodAt(json, "/api/auth/{proxy+}", "GET").method.authorization).toBe("NONE");
      // Only GET of a cacheable route has cache keys.
      for (const entry of methodsOf(json).filter((candidate) => candidate.httpMethod !== "GET")) {
        expect(entry.integration).not.toHaveProperty("cache_key_parameters");
      }
    });

    test("method throttles: an entry in the tier's usage plan for the route, every route below it and their {proxy+}", () => {
      const throttles = (tier: string) =>
        named(json, "aws_api_gateway_usage_plan", `Tier-${tier}`)[1].api_stages[0].throttle;
      expect(throttles("basic")).toEqual([
        { path: "/api/reports/POST", rate_limit: 1, burst_limit: 2 },
        { path: "/api/reports/{proxy+}/POST", rate_limit: 1, burst_limit: 2 },
      ]);
      expect(throttles("pro").map((throttle: any) => throttle.path)).toEqual([
        "/DELETE",
        "/{proxy+}/DELETE",
        "/api/DELETE",
        "/api/{proxy+}/DELETE",
        "/api/auth/DELETE",
        "/api/auth/{proxy+}/DELETE",
        "/api/reports/DELETE",
        "/api/reports/{proxy+}/DELETE",
      ]);
      for (const throttle of throttles("pro")) {
        expect(throttle).toMatchObject({ rate_limit: 5, burst_limit: 10 });
      }
      expect(throttles("enterprise")).toEqual([]);
      expect(named(json, "aws_api_gateway_usage_plan", "Tier-basic")[1].api_stages[0]).toMatchObject({
        api_id: restApiRef,
        stage: stageNameRef,
      });
    });

    test("the site's key: generated (no value in the code), on a plan of its own with no quota", () => {
      const [siteKeyId, siteKey] = named(json, "aws_api_gateway_api_key", "SiteKey");
      const [sitePlanId, sitePlan] = named(json, "aws_api_gateway_usage_plan", "SitePlan");
      expect(siteKey).toEqual({
        name: "acme-test-api-site",
        description: "Added by the CDN to every request it forwards; never in the site's pages",
        enabled: true,
        // Rotation by replacement: the new key (and its plan membership) before the old goes.
        lifecycle: { create_before_destroy: true },
      });
      expect(sitePlan).toEqual({
        name: "acme-test-api-site",
        description: "The site's calls through the CDN, all users together (each user's share is the CDN WAF's)",
        api_stages: [{ api_id: restApiRef, stage: stageNameRef }],
        throttle_settings: { rate_limit: 200, burst_limit: 400 },
      });
      expect(named(json, "aws_api_gateway_usage_plan_key", "SiteKeyPlan")[1]).toEqual({
        key_id: ref("aws_api_gateway_api_key", siteKeyId),
        key_type: "API_KEY",
        usage_plan_id: ref("aws_api_gateway_usage_plan", sitePlanId),
        lifecycle: { create_before_destroy: true },
      });
      expect(api.siteKeyValue).toMatch(/^\$\{TfToken\[/);
    });

    test("an API key per client, on its tier's usage plan", () => {
      const keys = Object.values(resourcesOf(json, "aws_api_gateway_api_key")).filter(
        (key) => key.name !== "acme-test-api-site",
      );
      expect(keys).toEqual([
        { name: "acme-test-api-acme", description: "acme: pro tier", enabled: true },
        { name: "acme-test-api-globex", description: "globex: basic tier", enabled: true },
      ]);
      const [acmeKeyId] = named(json, "aws_api_gateway_api_key", "ApiKey-acme");
      const [globexKeyId] = named(json, "aws_api_gateway_api_key", "ApiKey-globex");
      const [proPlanId] = named(json, "aws_api_gateway_usage_plan", "Tier-pro");
      const [basicPlanId] = named(json, "aws_api_gateway_usage_plan", "Tier-basic");
      expect(named(json, "aws_api_gateway_usage_plan_key", "ApiKey-acme-Plan")[1]).toEqual({
        key_id: ref("aws_api_gateway_api_key", acmeKeyId),
        key_type: "API_KEY",
        usage_plan_id: ref("aws_api_gateway_usage_plan", proPlanId),
      });
      expect(named(json, "aws_api_gateway_usage_plan_key", "ApiKey-globex-Plan")[1]).toEqual({
        key_id: ref("aws_api_gateway_api_key", globexKeyId),
        key_type: "API_KEY",
        usage_plan_id: ref("aws_api_gateway_usage_plan", basicPlanId),
      });
    });

    test("the stage: named, untraced, with a cache cluster, after the log group and the given dependencies", () => {
      const [executionLogsId, executionLogs] = named(json, "aws_cloudwatch_log_group", "ExecutionLogs");
      const [settingsId] = named(json, "aws_api_gateway_account", "ApiGatewayAccount_Settings");
      expect(stage).toMatchObject({
        stage_name: "live",
        xray_tracing_enabled: false,
        cache_cluster_enabled: true,
        cache_cluster_size: "0.5",
        depends_on: [`aws_cloudwatch_log_group.${executionLogsId}`, `aws_api_gateway_account.${settingsId}`],
      });
      expect(executionLogs).toEqual({
        name: `API-Gateway-Execution-Logs_${restApiRef}/live`,
        kms_key_id: KEY_ARN,
        retention_in_days: 30,
        deletion_protection_enabled: false,
      });
      expect(api.stageName).toBe("live");
    });

    test("method settings: every method at the log level, then each cacheable route's GETs cached", () => {
      const settings = Object.fromEntries(
        listOf(json, "aws_api_gateway_method_settings").map((setting) => {
          expect(setting).toMatchObject({ rest_api_id: restApiRef, stage_name: stageNameRef });
          return [setting.method_path, setting.settings];
        }),
      );
      expect(Object.keys(settings).sort()).toEqual([
        "*/*",
        "~1api~1auth/GET",
        "~1api~1auth~1{proxy+}/GET",
        "~1api~1reports/GET",
        "~1api~1reports~1{proxy+}/GET",
      ]);
      expect(settings["*/*"]).toEqual({
        metrics_enabled: true,
        logging_level: "INFO",
        data_trace_enabled: false,
        throttling_rate_limit: 500,
        throttling_burst_limit: 1000,
        caching_enabled: false,
      });
      const cached = (ttl: number) => ({
        metrics_enabled: true,
        logging_level: "INFO",
        data_trace_enabled: false,
        throttling_rate_limit: 500,
        throttling_burst_limit: 1000,
        caching_enabled: true,
        cache_ttl_in_seconds: ttl,
        cache_data_encrypted: true,
        require_authorization_for_cache_control: true,
        unauthorized_cache_control_header_strategy: "FAIL_WITH_403",
      });
      expect(settings["~1api~1reports/GET"]).toEqual(cached(300));
      expect(settings["~1api~1reports~1{proxy+}/GET"]).toEqual(cached(300));
      expect(settings["~1api~1auth/GET"]).toEqual(cached(60));
      expect(settings["~1api~1auth~1{proxy+}/GET"]).toEqual(cached(60));
    });

    test("a regional custom domain with TLS 1.2, mapped to the stage, with an alias record", () => {
      const [domainId, domain] = named(json, "aws_api_gateway_domain_name", "Domain");
      expect(API_TLS_POLICY).toBe("TLS_1_2");
      expect(domain).toEqual({
        domain_name: "api.acme.example",
        regional_certificate_arn: CERT_ARN,
        endpoint_configuration: { types: ["REGIONAL"] },
        security_policy: "TLS_1_2",
      });
      expect(onlyOf(json, "aws_api_gateway_base_path_mapping")).toEqual({
        api_id: restApiRef,
        stage_name: stageNameRef,
        domain_name: ref("aws_api_gateway_domain_name", domainId, "domain_name"),
      });
      expect(onlyOf(json, "aws_route53_record")).toEqual({
        zone_id: "Z0123456789",
        name: "api.acme.example",
        type: "A",
        alias: {
          name: ref("aws_api_gateway_domain_name", domainId, "regional_domain_name"),
          zone_id: ref("aws_api_gateway_domain_name", domainId, "regional_zone_id"),
          evaluate_target_health: false,
        },
      });
      expect(api.domainName).toBeDefined();
    });
  });

  test("without a cache, cacheable routes keep their GET methods but nothing is cached", () => {
    const json = synth(build({ cacheableRoutes: [{ path: "/api/reports", ttlSeconds: 300 }] }).stack);
    expect(methodAt(json, "/api/reports", "GET").integration.cache_key_parameters).toEqual([
      "method.request.header.Authorization",
    ]);
    expect(listOf(json, "aws_api_gateway_method_settings").map((setting) => setting.method_path)).toEqual(["*/*"]);
    const stage = onlyOf(json, "aws_api_gateway_stage");
    expect(stage.cache_cluster_enabled).toBe(false);
    expect(stage).not.toHaveProperty("cache_cluster_size");
  });

  test("a cacheable root: settings for the root's GET and its {proxy+}", () => {
    const json = synth(build({ cacheableRoutes: [{ path: "/", ttlSeconds: 30 }], cacheClusterSize: "1.6" }).stack);
    expect(listOf(json, "aws_api_gateway_method_settings").map((setting) => setting.method_path)).toEqual([
      "*/*",
      "~1/GET",
      "~1{proxy+}/GET",
    ]);
    expect(methodAt(json, "/{proxy+}", "GET").integration.cache_key_parameters).toEqual([
      "method.request.path.proxy",
      "method.request.header.Authorization",
    ]);
    expect(onlyOf(json, "aws_api_gateway_stage").cache_cluster_size).toBe("1.6");
  });

  test("without API keys required, no method requires one", () => {
    const json = synth(build({ apiKeyRequired: false }).stack);
    const entries = methodsOf(json);
    expect(entries).toHaveLength(8);
    for (const { method } of entries) {
      expect(method.api_key_required).toBe(false);
    }
  });

  test("a custom domain without a hosted zone: the domain and mapping, no record", () => {
    const json = synth(build({ domain: { name: "api.acme.example", certificateArn: CERT_ARN } }).stack);
    expect(onlyOf(json, "aws_api_gateway_domain_name").domain_name).toBe("api.acme.example");
    expect(listOf(json, "aws_api_gateway_base_path_mapping")).toHaveLength(1);
    expect(resourcesOf(json, "aws_route53_record")).toEqual({});
  });

  const cases: [string, Partial<PublicApiProps>, RegExp][] = [
    [
      "an upper-case name",
      { name: "Acme-api" },
      /Api: name: "Acme-api" is not an API name; expected up to 63 lower-case letters, digits or hyphens/,
    ],
    ["a name of 64 characters", { name: "a".repeat(64) }, /name: "a{64}" is not an API name/],
    [
      "a stage name with a space",
      { stageName: "v 1" },
      /stageName: "v 1" is not a stage name; expected letters, digits, "_" or "-"/,
    ],
    [
      "a listener port other than 80 or 443",
      { backend: { ...BACKEND, port: 8080 } },
      /backend\.port: 8080 is not allowed; expected one of 80, 443/,
    ],
    [
      "one subnet",
      { backend: { ...BACKEND, subnetIds: ["subnet-a"] } },
      /backend\.subnetIds: \["subnet-a"\] has 1 subnet\(s\); expected at least two, in different zones/,
    ],
    ["no user pool", { userPoolArns: [] }, /userPoolArns: \[\] is empty; expected the user pool the authorizer trusts/],
    [
      "a public path with a trailing slash",
      { publicPaths: ["/health", "/api/"] },
      /publicPaths\[1\]: "\/api\/" is not allowed; expected a path starting with "\/" made of lower-case segments/,
    ],
    ["a public path with a wildcard", { publicPaths: ["/api/*"] }, /publicPaths\[0\]: "\/api\/\*" is not allowed/],
    [
      "nested service prefixes",
      { services: [...BASE.services, { name: "legacy", pathPrefix: "/api" }] },
      /services' path prefixes: "\/api\/auth" and "\/api" overlap; expected each route once, none inside another/,
    ],
    [
      "a service prefix twice",
      { services: [...BASE.services, { name: "auth2", pathPrefix: "/api/auth" }] },
      /services' path prefixes: "\/api\/auth" and "\/api\/auth" are the same route; expected each route once/,
    ],
    [
      "nested public paths",
      { publicPaths: ["/health", "/health/live"] },
      /publicPaths: "\/health" and "\/health\/live" overlap; expected each route once, none inside another/,
    ],
    [
      "a cacheable route that is not a route",
      { cacheableRoutes: [{ path: "/api", ttlSeconds: 60 }] },
      /cacheableRoutes\[0\]\.path: "\/api" is not a route; expected a service's path prefix or a public path: \/, \/api\/auth, \/api\/reports/,
    ],
    [
      "a cache TTL above an hour",
      { cacheableRoutes: [{ path: "/api/reports", ttlSeconds: 3601 }] },
      /cacheableRoutes\[0\]\.ttlSeconds: 3601 is outside the allowed range; expected a whole number from 0 to 3600/,
    ],
    [
      "a fractional cache TTL",
      { cacheableRoutes: [{ path: "/api/reports", ttlSeconds: 1.5 }] },
      /cacheableRoutes\[0\]\.ttlSeconds: 1\.5 is outside the allowed range/,
    ],
    ["no tiers", { tiers: [] }, /tiers: \[\] is empty; expected at least one client tier/],
    [
      "tiers out of order",
      { tiers: [BASE.tiers[1], BASE.tiers[0]] },
      /tiers\[1\]\.requestsPerHour: 1000 is not above the pro tier's 10000; expected tiers listed from the smallest to the largest/,
    ],
    [
      "a tier name twice",
      { tiers: [BASE.tiers[0], { ...BASE.tiers[1], name: "basic" }] },
      /tiers\[1\]\.name: "basic" is listed twice; expected unique tier names/,
    ],
    [
      "a tier burst below its steady rate",
      { tiers: [BASE.tiers[0], { ...BASE.tiers[1], burstLimit: 2 }] },
      /tiers\[1\]\.burstLimit: 2 is below the tier's steady rate of 2\.7778 requests per second \(10000 per hour\); expected a burst limit of at least 3/,
    ],
    [
      "a method throttle on a path that is not a route",
      {
        tiers: [{ ...BASE.tiers[0], methodThrottles: [{ path: "/api", method: "POST", rateLimit: 1, burstLimit: 1 }] }],
      },
      /tiers\[0\]\.methodThrottles\[0\]\.path: "\/api" is not a route; expected a service's path prefix or a public path/,
    ],
    [
      "a method throttle on ANY",
      {
        tiers: [
          {
            ...BASE.tiers[0],
            methodThrottles: [{ path: "/api/auth", method: "ANY" as never, rateLimit: 1, burstLimit: 1 }],
          },
        ],
      },
      /tiers\[0\]\.methodThrottles\[0\]\.method: "ANY" is not allowed; expected one of "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"/,
    ],
    [
      "a method throttle's burst below its rate",
      {
        tiers: [
          {
            ...BASE.tiers[0],
            methodThrottles: [{ path: "/api/auth", method: "POST", rateLimit: 5, burstLimit: 1 }],
          },
        ],
      },
      /tiers\[0\]\.methodThrottles\[0\]\.burstLimit: 1 is below the rate limit of 5 requests per second; expected a burst limit of at least 5/,
    ],
    [
      "a stage burst below its rate",
      { stageThrottle: { rateLimit: 100, burstLimit: 10 } },
      /stageThrottle\.burstLimit: 10 is below the rate limit of 100 requests per second; expected a burst limit of at least 100/,
    ],
    [
      "an API key on an unknown tier",
      { apiKeys: { acme: "gold" } },
      /apiKeys\.acme: "gold" is not allowed; expected one of "basic", "pro", "enterprise"/,
    ],
    [
      "an unknown log level",
      { logging: { ...BASE.logging, level: "DEBUG" as never } },
      /logging\.level: "DEBUG" is not allowed; expected one of "OFF", "ERROR", "INFO"/,
    ],
    [
      "a retention CloudWatch Logs does not offer",
      { logging: { ...BASE.logging, retentionDays: 45 } },
      /logging\.retentionDays: 45 is not allowed; expected one of the CloudWatch Logs retention periods 1, 3, 5/,
    ],
    [
      "a service prefix that is not a path",
      { services: [...BASE.services, { name: "orders", pathPrefix: "/api/orders/" }] },
      /services\[2\]\.pathPrefix: "\/api\/orders\/" is not allowed; expected a path starting with "\/"/,
    ],
    [
      "routes whose construct ids would collide",
      { services: [...BASE.services, { name: "ab", pathPrefix: "/api/a-b" }], publicPaths: ["/api/a/b"] },
      /routes: "\/api\/a-b" and "\/api\/a\/b" would share the construct id "Route-api-a-b"; expected paths that differ other than "\/" against "-"/,
    ],
    [
      "a cacheable route listed twice",
      {
        cacheableRoutes: [
          { path: "/api/reports", ttlSeconds: 60 },
          { path: "/api/reports", ttlSeconds: 120 },
        ],
      },
      /cacheableRoutes\[1\]\.path: "\/api\/reports" is listed twice; expected one cache setting per route/,
    ],
    [
      "a method throttled twice in a tier",
      {
        tiers: [
          {
            name: "basic",
            requestsPerHour: 1000,
            burstLimit: 5,
            methodThrottles: [
              { path: "/api/reports", method: "POST", rateLimit: 1, burstLimit: 2 },
              { path: "/api/reports", method: "POST", rateLimit: 2, burstLimit: 2 },
            ],
          },
        ],
      },
      /tiers\[0\]\.methodThrottles\[1\]: POST \/api\/reports is throttled twice in tier "basic"; expected one throttle per method and route/,
    ],
    [
      "an unknown cache size",
      { cacheClusterSize: "2" as never },
      /cacheClusterSize: "2" is not allowed; expected one of "0\.5", "1\.6", "6\.1", "13\.5", "28\.4", "58\.2", "118", "237"/,
    ],
  ];

  test.each(cases)("rejects %s before creating anything", (_case, overrides, message) => {
    const stack = testStack();
    expect(() => new PublicApi(stack, "Api", { ...BASE, ...overrides })).toThrow(message);
    expect(synth(stack).resource).toBeUndefined();
  });
});

describe("ApiUserPool", () => {
  function buildPool(overrides: Partial<ApiUserPoolProps> = {}) {
    const stack = testStack();
    const pool = new ApiUserPool(stack, "UserPool", { name: "acme-test-users", ...overrides });
    return { stack, pool };
  }

  describe("with the defaults", () => {
    const { stack, pool } = buildPool();
    const { json, values } = synthWithValues(stack, {
      userPoolId: pool.userPoolId,
      userPoolArn: pool.userPoolArn,
      webClientId: pool.webClientId,
    });
    const [poolId, userPool] = named(json, "aws_cognito_user_pool", "UserPool");
    const [clientId, client] = named(json, "aws_cognito_user_pool_client", "WebClient");

    test("users sign in with a verified, case-insensitive e-mail address; only administrators create them", () => {
      expect(userPool).toMatchObject({
        name: "acme-test-users",
        username_attributes: ["email"],
        auto_verified_attributes: ["email"],
        username_configuration: { case_sensitive: false },
        admin_create_user_config: { allow_admin_create_user_only: true },
        account_recovery_setting: { recovery_mechanism: [{ name: "verified_email", priority: 1 }] },
      });
    });

    test("passwords of 12 characters with every character class", () => {
      expect(userPool.password_policy).toEqual({
        minimum_length: 12,
        require_lowercase: true,
        require_uppercase: true,
        require_numbers: true,
        require_symbols: true,
        temporary_password_validity_days: 3,
      });
    });

    test("optional MFA with authenticator apps, deletion protection on, no prevent_destroy", () => {
      expect(userPool).toMatchObject({
        mfa_configuration: "OPTIONAL",
        software_token_mfa_configuration: { enabled: true },
        deletion_protection: "ACTIVE",
      });
      expect(userPool).not.toHaveProperty("lifecycle");
    });

    test("a public web client: no secret, SRP and refresh only, revocable tokens, no user existence hints", () => {
      expect(client).toEqual({
        name: "acme-test-users-web",
        user_pool_id: ref("aws_cognito_user_pool", poolId),
        generate_secret: false,
        explicit_auth_flows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        prevent_user_existence_errors: "ENABLED",
        enable_token_revocation: true,
        access_token_validity: 60,
        id_token_validity: 60,
        refresh_token_validity: 30,
        token_validity_units: [{ access_token: "minutes", id_token: "minutes", refresh_token: "days" }],
      });
    });

    test("its attributes reference the pool and the client", () => {
      expect(values.userPoolId).toBe(ref("aws_cognito_user_pool", poolId));
      expect(values.userPoolArn).toBe(ref("aws_cognito_user_pool", poolId, "arn"));
      expect(values.webClientId).toBe(ref("aws_cognito_user_pool_client", clientId));
    });
  });

  test("self sign-up, required MFA, longer passwords, other token lifetimes, protection off, prevent_destroy", () => {
    const json = synth(
      buildPool({
        selfSignUp: true,
        mfa: "ON",
        minimumPasswordLength: 16,
        tokenValidityMinutes: 15,
        refreshTokenValidityDays: 7,
        deletionProtection: false,
        preventDestroy: true,
      }).stack,
    );
    const userPool = onlyOf(json, "aws_cognito_user_pool");
    expect(userPool).toMatchObject({
      admin_create_user_config: { allow_admin_create_user_only: false },
      mfa_configuration: "ON",
      software_token_mfa_configuration: { enabled: true },
      password_policy: { minimum_length: 16 },
      deletion_protection: "INACTIVE",
      lifecycle: { prevent_destroy: true },
    });
    expect(onlyOf(json, "aws_cognito_user_pool_client")).toMatchObject({
      access_token_validity: 15,
      id_token_validity: 15,
      refresh_token_validity: 7,
    });
  });

  test("without MFA, no authenticator app configuration", () => {
    const userPool = onlyOf(synth(buildPool({ mfa: "OFF" }).stack), "aws_cognito_user_pool");
    expect(userPool.mfa_configuration).toBe("OFF");
    expect(userPool).not.toHaveProperty("software_token_mfa_configuration");
  });

  test.each<[string, Partial<ApiUserPoolProps>, RegExp]>([
    [
      "a name with a space",
      { name: "acme users" },
      /UserPool: name: "acme users" is not a user pool name; expected 1 to 128 letters, digits, "\.", "_" or "-"/,
    ],
    ["an empty name", { name: "" }, /name: "" is not a user pool name/],
    ["a name too long", { name: "a".repeat(129) }, /name: "a{129}" is not a user pool name/],
    ["an unknown MFA mode", { mfa: "SMS" as never }, /mfa: "SMS" is not allowed; expected one of OFF, OPTIONAL, ON/],
    [
      "passwords shorter than 8",
      { minimumPasswordLength: 7 },
      /minimumPasswordLength: 7 is outside the allowed range; expected a whole number from 8 to 99/,
    ],
    [
      "passwords longer than 99",
      { minimumPasswordLength: 100 },
      /minimumPasswordLength: 100 is outside the allowed range/,
    ],
    [
      "tokens valid under 5 minutes",
      { tokenValidityMinutes: 4 },
      /tokenValidityMinutes: 4 is outside the allowed range; expected a whole number from 5 to 1440/,
    ],
    [
      "tokens valid over a day",
      { tokenValidityMinutes: 1441 },
      /tokenValidityMinutes: 1441 is outside the allowed range/,
    ],
    [
      "refresh tokens valid under a day",
      { refreshTokenValidityDays: 0 },
      /refreshTokenValidityDays: 0 is outside the allowed range; expected a whole number from 1 to 3650/,
    ],
    [
      "refresh tokens valid over ten years",
      { refreshTokenValidityDays: 3651 },
      /refreshTokenValidityDays: 3651 is outside the allowed range/,
    ],
  ])("rejects %s before creating anything", (_case, overrides, message) => {
    const stack = testStack();
    expect(() => new ApiUserPool(stack, "UserPool", { name: "acme-test-users", ...overrides })).toThrow(message);
    expect(synth(stack).resource).toBeUndefined();
  });
});

describe("ApiGatewayAccount", () => {
  const stack = testStack();
  const account = new ApiGatewayAccount(stack, "ApiGatewayAccount", { roleName: "acme-test-apigateway-logs" });
  const { json, values } = synthWithValues(stack, { roleArn: account.roleArn });
  const [roleId, role] = named(json, "aws_iam_role", "ApiGatewayAccount");
  const [trustId, trust] = dataNamed(json, "aws_iam_policy_document", "ApiGatewayAccount_TrustPolicy");

  test("a role API Gateway assumes, trusted as the API Gateway Developer Guide writes it (no condition it does not document)", () => {
    expect(role).toEqual({
      name: "acme-test-apigateway-logs",
      description: "Lets API Gateway write execution and access logs to CloudWatch Logs",
      assume_role_policy: `\${data.aws_iam_policy_document.${trustId}.json}`,
    });
    expect(trust.statement).toEqual([
      {
        effect: "Allow",
        principals: [{ type: "Service", identifiers: ["apigateway.amazonaws.com"] }],
        actions: ["sts:AssumeRole"],
      },
    ]);
  });

  test("with the AWS-managed policy for pushing logs, and nothing else", () => {
    expect(onlyOf(json, "aws_iam_role_policy_attachment")).toEqual({
      role: ref("aws_iam_role", roleId, "name"),
      policy_arn:
        "arn:${data.aws_partition.Partition.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
    });
    expect(resourcesOf(json, "aws_iam_role_policy")).toEqual({});
  });

  test("the account settings use the role, once its policy is attached (API Gateway checks the role)", () => {
    const [settingsId, settings] = named(json, "aws_api_gateway_account", "ApiGatewayAccount_Settings");
    const [attachmentId] = named(json, "aws_iam_role_policy_attachment", "ApiGatewayAccount_Policy");
    expect(settings).toEqual({
      cloudwatch_role_arn: ref("aws_iam_role", roleId, "arn"),
      depends_on: [`aws_iam_role_policy_attachment.${attachmentId}`],
    });
    expect(values.roleArn).toBe(ref("aws_iam_role", roleId, "arn"));
    expect(account.settings).toBeDefined();
    expect(settingsId).toMatch(/^ApiGatewayAccount_Settings_/);
  });
});
