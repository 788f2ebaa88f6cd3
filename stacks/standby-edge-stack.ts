import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { PublicApi } from "../constructs/api-gateway/public-api";
import { joinName } from "../constructs/core/naming";
import type { AlarmHealthCheck } from "../constructs/dns/api-failover";
import { cloudWatchLogsGrant, EncryptionKey } from "../constructs/kms/encryption-key";
import type { Network } from "../constructs/network/network";
import { WAF_LOG_GROUP_PREFIX, type WebAcl } from "../constructs/waf/web-acl";
import type { EnvironmentConfig } from "../src/config/schema";
import type { EdgeStack } from "./edge-stack";
import { PlatformStack } from "./platform-stack";
import { regionalApi, regionalApiHealth } from "./regional-api";
import type { WorkloadsStack } from "./workloads-stack";

/**
 * `<env>-<region code>-edge`: the standby's regional edge. The same public API as the primary's (routes, authorizer,
 * usage plans and tiers, the regional WAF's rules) in front of the standby's internal load balancer, with the
 * primary's key values (the site key CloudFront sends and every client's key work here unchanged), the primary's
 * user pool (an authorizer may name a pool of another region: API Gateway Developer Guide, cross-account Cognito
 * authorizer), and the API's custom domain with a certificate of this region whose record is the SECONDARY of the
 * failover pair, guarded by this API's health. CloudFront, its WAF and the static site stay with the primary's edge
 * stack (CloudFront is global; the site fails over through its origin group). It reads the primary's edge stack
 * (key values, user pool), so that stack is applied first.
 */
export class StandbyEdgeStack extends PlatformStack {
  public readonly api: PublicApi;
  public readonly apiWebAcl: WebAcl;
  /** Route 53's view of the standby API's health: the SECONDARY record only answers while it is healthy. */
  public readonly apiHealthCheck: AlarmHealthCheck;

  constructor(
    scope: Construct,
    config: EnvironmentConfig,
    network: Network,
    workloads: WorkloadsStack,
    primary: EdgeStack,
  ) {
    super(scope, config, "edge");

    const apiName = joinName(this.namePrefix, "api");
    const logKey = new EncryptionKey(this, "LogKey", {
      aliasName: joinName(this.namePrefix, "edge-logs"),
      description: `Logs of the ${config.environment} API and its WAF`,
      preventDestroy: config.protection.preventDestroy,
      serviceGrants: [
        cloudWatchLogsGrant(this, this.region, [
          `/aws/apigateway/${apiName}/*`,
          "API-Gateway-Execution-Logs_*",
          `${WAF_LOG_GROUP_PREFIX}${apiName}`,
        ]),
      ],
    });

    // The check (and its alarm) exist before the API's record names it.
    this.apiHealthCheck = regionalApiHealth(this, config);
    const regional = regionalApi(this, config, {
      network,
      loadBalancer: workloads.loadBalancer,
      logKeyArn: logKey.keyArn,
      userPoolArns: [primary.userPool.userPoolArn],
      keyValues: primary.api.keyValues,
      failover: { role: "SECONDARY", region: this.region, healthCheckId: this.apiHealthCheck.healthCheckId },
    });
    this.api = regional.api;
    this.apiWebAcl = regional.webAcl;

    new TerraformOutput(this, "api_invoke_url", {
      value: this.api.invokeUrl,
      description: "Invoke URL of the standby API's stage (regional endpoint)",
    });
    new TerraformOutput(this, "api_health_check_id", {
      value: this.apiHealthCheck.healthCheckId,
      description: "Route 53 health check of the standby API (guards the SECONDARY record)",
    });
  }
}
