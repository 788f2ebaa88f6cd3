import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { awsContext } from "../constructs/core/aws-context";
import type { PublicApi } from "../constructs/api-gateway/public-api";
import { ApiUserPool } from "../constructs/api-gateway/user-pool";
import { SiteReplica } from "../constructs/cdn/site-replica";
import { CdnDistribution } from "../constructs/cdn/cdn-distribution";
import { DnsValidatedCertificate } from "../constructs/core/dns-validated-certificate";
import { cloudWatchLogsGrant, EncryptionKey } from "../constructs/kms/encryption-key";
import type { Network } from "../constructs/network/network";
import { type AlarmHealthCheck, FailoverSwitch } from "../constructs/dns/api-failover";
import { WAF_LOG_GROUP_PREFIX, WebAcl } from "../constructs/waf/web-acl";
import type { EnvironmentConfig } from "../src/config/schema";
import { joinName } from "../constructs/core/naming";
import { PlatformStack } from "./platform-stack";
import { API_KEY_HEADER, bodyLimits, regionalApi, regionalApiHealth } from "./regional-api";
import type { WorkloadsStack } from "./workloads-stack";

/** The region CloudFront reads certificates from and runs its WAF ACLs and log deliveries in. */
const CLOUDFRONT_REGION = "us-east-1";

/** The path the CDN sends to the API (its `/api/*` behaviour), and the per-user limit's scope. */
const API_PATH = "/api";

/**
 * `<env>-edge`: what the internet talks to. CloudFront (with its WAF, in us-east-1) serves the static site from a
 * private bucket and forwards `/api/*` to the public REST API; the API (with its regional WAF, a Cognito
 * authorizer and a usage plan per client tier) reaches the internal load balancer of `<env>-workloads` through a
 * VPC link, and the load balancer sends each service's prefix to the service and everything else to the monolith.
 * Applied after `<env>-workloads`, whose load balancer it reads.
 *
 * Three kinds of caller (docs/reference/edge.md, "Who calls the API"):
 * - people on the site: CloudFront adds the site's API key (which no page holds) to what it forwards; its WAF limits
 *   each viewer address and each signed-in person's token; the site's usage plan limits them all together;
 * - API clients: their own key (their tier's usage plan) on the API's endpoint or custom domain, where the regional
 *   WAF limits each client address;
 * - anonymous callers: public paths only, by either way in, with the address limits of the WAF they pass.
 * The regional WAF lets requests carrying the site's key past its address rules only, which CloudFront's WAF has
 * already applied to the real viewer address (at the API every CloudFront request comes from an edge address).
 */
export class EdgeStack extends PlatformStack {
  public readonly userPool: ApiUserPool;
  public readonly api: PublicApi;
  public readonly apiWebAcl: WebAcl;
  public readonly cdn: CdnDistribution;
  public readonly cdnWebAcl: WebAcl;
  /** With `dr`: Route 53's view of this region's API health (the standby's edge stack has the other). */
  public readonly apiHealthCheck?: AlarmHealthCheck;

  constructor(scope: Construct, config: EnvironmentConfig, network: Network, workloads: WorkloadsStack) {
    super(scope, config, "edge");

    const edge = config.edge;
    const settings = edge.api;
    const protection = config.protection;
    const apiName = joinName(this.namePrefix, "api");
    const cdnName = joinName(this.namePrefix, "cdn");
    const usEast1 = this.regionProvider("us_east_1", CLOUDFRONT_REGION);

    // Log keys: one in the stack's region (API access and execution logs, the API's WAF logs), one in us-east-1
    // (CloudFront's access logs and its WAF logs), each granting CloudWatch Logs only these groups.
    const logs = {
      retentionDays: edge.logRetentionDays,
      deletionProtection: protection.deletionProtection,
    };
    const logKey = new EncryptionKey(this, "LogKey", {
      aliasName: joinName(this.namePrefix, "edge-logs"),
      description: `Logs of the ${config.environment} API and its WAF`,
      preventDestroy: protection.preventDestroy,
      serviceGrants: [
        cloudWatchLogsGrant(this, this.region, [
          `/aws/apigateway/${apiName}/*`,
          "API-Gateway-Execution-Logs_*",
          `${WAF_LOG_GROUP_PREFIX}${apiName}`,
        ]),
      ],
    });
    const cdnLogKey = new EncryptionKey(this, "CdnLogKey", {
      aliasName: joinName(this.namePrefix, "cdn-logs"),
      description: `Logs of the ${config.environment} CloudFront distribution and its WAF`,
      preventDestroy: protection.preventDestroy,
      serviceGrants: [
        cloudWatchLogsGrant(this, CLOUDFRONT_REGION, [
          `/aws/cloudfront/${cdnName}`,
          `${WAF_LOG_GROUP_PREFIX}${cdnName}`,
        ]),
      ],
      provider: usEast1,
    });

    this.userPool = new ApiUserPool(this, "UserPool", {
      name: joinName(this.namePrefix, "users"),
      selfSignUp: settings.userPool.selfSignUp,
      mfa: settings.userPool.mfa,
      deletionProtection: protection.deletionProtection,
      preventDestroy: protection.preventDestroy,
    });

    // With a standby (dr), the API's domain record is the PRIMARY of a failover pair, on a switch a person flips.
    const failoverSwitch =
      config.dr &&
      new FailoverSwitch(this, "ApiFailoverSwitch", {
        referenceName: `${config.environment}-api-switch`,
        name: `${settings.domain?.name ?? apiName} failover switch`,
      });
    const regional = regionalApi(this, config, {
      network,
      loadBalancer: workloads.loadBalancer,
      logKeyArn: logKey.keyArn,
      userPoolArns: [this.userPool.userPoolArn],
      certificateArn: settings.domain?.certificateArn,
      failover: failoverSwitch && {
        role: "PRIMARY",
        region: this.region,
        healthCheckId: failoverSwitch.healthCheckId,
      },
    });
    this.api = regional.api;
    this.apiWebAcl = regional.webAcl;
    const siteKey = this.api.siteKeyValue!;
    const stagePrefix = `/${settings.stageName}`;
    // The primary API's health as Route 53 sees it: what the on-call reads before flipping the switch.
    this.apiHealthCheck = config.dr ? regionalApiHealth(this, config) : undefined;

    const cdnSettings = edge.cdn;
    this.cdnWebAcl = new WebAcl(this, "CdnWaf", {
      name: cdnName,
      scope: "CLOUDFRONT",
      rateLimit: cdnSettings.waf.rateLimit,
      evaluationWindowSeconds: cdnSettings.waf.evaluationWindowSeconds,
      headerRateLimits: [
        {
          name: "RateLimitPerUser",
          header: "authorization",
          limit: cdnSettings.waf.perUserRateLimit,
          paths: [API_PATH],
        },
      ],
      bodySizeLimits: bodyLimits(edge.bodyLimits, (path) => [path]),
      logs: { kmsKeyArn: cdnLogKey.keyArn, ...logs },
      provider: usEast1,
    });
    const cdnDomain = cdnSettings.domain && {
      names: cdnSettings.domain.names,
      certificateArn:
        cdnSettings.domain.certificateArn ??
        new DnsValidatedCertificate(this, "CdnCertificate", {
          domainNames: cdnSettings.domain.names,
          hostedZoneId: cdnSettings.domain.hostedZoneId!,
          certificateProvider: usEast1,
        }).certificateArn,
      hostedZoneId: cdnSettings.domain.hostedZoneId,
    };
    // With a standby (dr): the static site is replicated to the standby region and CloudFront fails over to it.
    const siteReplica =
      config.dr &&
      new SiteReplica(this, "SiteReplica", {
        name: cdnName,
        bucketName: `${this.namePrefix}-static-${config.aws.accountId ?? awsContext(this).accountId}-${config.dr.region}`,
        replicaProvider: this.regionProvider("standby", config.dr.region),
        forceDestroy: !config.protection.preventDestroy,
        preventDestroy: config.protection.preventDestroy,
      });
    this.cdn = new CdnDistribution(this, "Cdn", {
      name: cdnName,
      // An unprotected environment can be torn down with its static site in the bucket (build output, re-uploadable).
      forceDestroy: !config.protection.preventDestroy,
      // Bucket names are global across all AWS accounts: the default carries the account id and the region.
      bucketName:
        cdnSettings.bucketName ??
        `${this.namePrefix}-static-${config.aws.accountId ?? awsContext(this).accountId}-${this.region}`,
      // With a standby the API is reached by its domain, whose record fails over; otherwise by its regional endpoint.
      api: {
        ...(failoverSwitch && settings.domain
          ? { domainName: settings.domain.name }
          : { domainName: this.api.executeApiDomain, originPath: stagePrefix }),
        pathPattern: `${API_PATH}/*`,
        headers: { [API_KEY_HEADER]: siteKey },
      },
      staticTtl: cdnSettings.staticTtl,
      pageTtl: cdnSettings.pageTtl,
      priceClass: cdnSettings.priceClass,
      originShieldRegion: cdnSettings.originShield ? this.region : undefined,
      domain: cdnDomain,
      webAclArn: this.cdnWebAcl.arn,
      siteRouting: cdnSettings.siteRouting,
      accessLogs: { kmsKeyArn: cdnLogKey.keyArn, ...logs, provider: usEast1 },
      ...(siteReplica ? { siteFailoverBucket: siteReplica.failoverBucket } : {}),
    });
    siteReplica?.replicateFrom(this.cdn);

    new TerraformOutput(this, "distribution_domain_name", {
      value: this.cdn.domainName,
      description: "CloudFront domain of the site and the API (/api/*)",
    });
    new TerraformOutput(this, "distribution_id", {
      value: this.cdn.distributionId,
      description: "CloudFront distribution id (for cache invalidations)",
    });
    new TerraformOutput(this, "static_bucket_name", {
      value: this.cdn.bucketName,
      description: "Bucket the static site is uploaded to (static assets under static/)",
    });
    new TerraformOutput(this, "api_invoke_url", {
      value: this.api.invokeUrl,
      description: "Invoke URL of the API stage (regional endpoint)",
    });
    new TerraformOutput(this, "usage_plan_ids", {
      value: Object.fromEntries(this.api.tierPlans.map((tier) => [tier.name, tier.usagePlanId])),
      description: "Usage plan id of each client tier: attach client API keys to these",
    });
    new TerraformOutput(this, "user_pool_id", {
      value: this.userPool.userPoolId,
      description: "Cognito user pool whose tokens the API's authorizer accepts",
    });
    new TerraformOutput(this, "user_pool_web_client_id", {
      value: this.userPool.webClientId,
      description: "Public (secretless) client the static site signs users in with",
    });
  }
}
