import type { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayMethodSettings } from "@cdktf/provider-aws/lib/api-gateway-method-settings";
import type { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import type { Construct } from "constructs";
import { encryptedLogGroup } from "../core/log-group";
import type { ExecutionLogLevel } from "./options";
import type { PublicApiProps } from "./public-api-props";
import { pathId } from "./public-api-resources";
import type { ApiRoute } from "./routes";

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

/**
 * The API's stage, created in `scope`: its execution and access log groups (KMS-encrypted), the stage on the
 * deployment (access logs, X-Ray, the optional cache cluster), and the method settings of every method and of the
 * cacheable GET routes.
 */
export function addStage(
  scope: Construct,
  props: PublicApiProps,
  api: ApiGatewayRestApi,
  stageName: string,
  deployment: ApiGatewayDeployment,
  routes: readonly ApiRoute[],
  logLevel: ExecutionLogLevel,
  tracing: boolean,
): { stage: ApiGatewayStage; accessLogGroupName: string } {
  // API Gateway writes execution logs to a group it names itself; creating it first gives it KMS and retention.
  const executionLogs = encryptedLogGroup(scope, "ExecutionLogs", {
    name: `API-Gateway-Execution-Logs_${api.id}/${stageName}`,
    kmsKeyArn: props.logging.kmsKeyArn,
    retentionDays: props.logging.retentionDays,
    deletionProtection: props.logging.deletionProtection,
  });
  const accessLogs = encryptedLogGroup(scope, "AccessLogs", {
    name: `/aws/apigateway/${props.name}/access`,
    kmsKeyArn: props.logging.kmsKeyArn,
    retentionDays: props.logging.retentionDays,
    deletionProtection: props.logging.deletionProtection,
  });

  const stage = new ApiGatewayStage(scope, "Stage", {
    restApiId: api.id,
    deploymentId: deployment.id,
    stageName,
    xrayTracingEnabled: tracing,
    accessLogSettings: { destinationArn: accessLogs.arn, format: JSON.stringify(ACCESS_LOG_FORMAT) },
    cacheClusterEnabled: props.cacheClusterSize !== undefined,
    cacheClusterSize: props.cacheClusterSize,
    dependsOn: [executionLogs, ...(props.dependsOn ?? [])],
  });

  // Every method: metrics, the execution log level, never request/response bodies in logs, the stage throttle,
  // no caching. Then the cacheable GET routes, when there is a cache.
  new ApiGatewayMethodSettings(scope, "AllMethods", {
    restApiId: api.id,
    stageName: stage.stageName,
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
    for (const route of routes.filter((candidate) => candidate.cache)) {
      const base = route.path === "/" ? "" : route.path;
      for (const [suffix, path] of [
        ["", base || "/"],
        ["-proxy", `${base}/{proxy+}`],
      ]) {
        new ApiGatewayMethodSettings(scope, `${pathId(route.path)}${suffix}-GET-Cache`, {
          restApiId: api.id,
          stageName: stage.stageName,
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
  return { stage, accessLogGroupName: accessLogs.name };
}
