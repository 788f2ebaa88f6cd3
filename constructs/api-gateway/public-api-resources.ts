import { createHash } from "node:crypto";
import { ApiGatewayAuthorizer } from "@cdktf/provider-aws/lib/api-gateway-authorizer";
import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import type { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import type { Apigatewayv2VpcLink } from "@cdktf/provider-aws/lib/apigatewayv2-vpc-link";
import { Fn } from "cdktf";
import type { Construct } from "constructs";
import type { PublicApiProps } from "./public-api-props";
import { type ApiRoute, parentOf } from "./routes";

/**
 * The API's routes, created in `scope`: the Cognito authorizer, a resource per route and its `{proxy+}` child, their
 * methods (behind the authorizer unless public, API key as set) with an HTTP proxy integration each through the VPC
 * link, and the deployment of them all.
 */
export function addRouteResources(
  scope: Construct,
  props: PublicApiProps,
  api: ApiGatewayRestApi,
  routes: readonly ApiRoute[],
  vpcLink: Apigatewayv2VpcLink,
  apiKeyRequired: boolean,
): ApiGatewayDeployment {
  const backend = props.backend;
  const authorizer = new ApiGatewayAuthorizer(scope, "Authorizer", {
    name: `${props.name}-cognito`,
    restApiId: api.id,
    type: "COGNITO_USER_POOLS",
    providerArns: [...props.userPoolArns],
    identitySource: "method.request.header.Authorization",
  });

  // The resource tree: a resource per route path (parents first: the plan is sorted) and its {proxy+} child.
  const scheme = backend.port === 443 ? "https" : "http";
  const origin = `${scheme}://${backend.hostName}${backend.port === 443 || backend.port === 80 ? "" : `:${backend.port}`}`;
  const resources = new Map<string, string>([["/", api.rootResourceId]]);
  const integrations: ApiGatewayIntegration[] = [];
  const methods: ApiGatewayMethod[] = [];
  for (const route of routes) {
    const routeId = pathId(route.path);
    if (route.path !== "/") {
      const parent = resources.get(parentOf(route.path));
      const resource = new ApiGatewayResource(scope, routeId, {
        restApiId: api.id,
        parentId: parent!,
        pathPart: route.path.slice(route.path.lastIndexOf("/") + 1),
      });
      resources.set(route.path, resource.id);
    }
    const proxy = new ApiGatewayResource(scope, `${routeId}-proxy`, {
      restApiId: api.id,
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
        const method = new ApiGatewayMethod(scope, `${target.id}-${httpMethod}`, {
          restApiId: api.id,
          resourceId: target.resourceId,
          httpMethod,
          authorization: route.public ? "NONE" : "COGNITO_USER_POOLS",
          authorizerId: route.public ? undefined : authorizer.id,
          apiKeyRequired,
          requestParameters: requestParameters(target.proxy, cacheKeys),
        });
        methods.push(method);
        integrations.push(
          new ApiGatewayIntegration(scope, `${target.id}-${httpMethod}-Integration`, {
            restApiId: api.id,
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
  const deployment = new ApiGatewayDeployment(scope, "Deployment", {
    restApiId: api.id,
    description: "Routes generated from the service catalog",
    triggers: {
      routes: contentHash({ routes, apiKeyRequired, origin: "load balancer via VPC link" }),
      integrations: Fn.sha1(
        Fn.jsonencode(integrations.map((integration) => [integration.id, integration.uri, integration.connectionId])),
      ),
    },
    dependsOn: [...methods, ...integrations],
    lifecycle: { createBeforeDestroy: true },
  });
  return deployment;
}

/** Construct id of a route's resource: `Route-root`, `Route-api-auth`. */
export function pathId(path: string): string {
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
