import { Testing } from "cdktf";
import { checkDr } from "../../src/config/dr-schema";
import { defineEnvironment } from "../../stacks/environment";
import { DR, NO_CACHE_AUTOSCALING } from "./dr-fixture";
import { listOf, named, onlyOf, resourcesOf, type StackJson, synthApp, testConfig } from "../helpers";

const memo = new Map<string, Record<string, StackJson>>();
/** The stacks `only` of the test environment with a standby (waiting, or failed over), synthesized once each. */
function standby(failedOver: boolean, only: readonly string[]): Record<string, StackJson> {
  const key = `${failedOver}:${only.join(",")}`;
  if (!memo.has(key)) {
    const app = Testing.app();
    defineEnvironment(app, testConfig({ dr: { ...DR, failedOver }, cache: NO_CACHE_AUTOSCALING } as never));
    memo.set(key, synthApp(app, only));
  }
  return memo.get(key)!;
}
const waiting = () =>
  standby(false, [
    "test-euc1-data",
    "test-euc1-cluster",
    "test-euc1-workloads",
    "test-euc1-edge",
    "test-euc1-observability",
  ]);
const edges = () => standby(false, ["test-edge", "test-euc1-edge"]);

/** Each Deployment's container environment, by service name. */
function serviceEnv(json: StackJson): Record<string, Record<string, string>> {
  return Object.fromEntries(
    listOf(json, "kubernetes_deployment_v1").map((deployment) => {
      const container = deployment.spec.template.spec.container[0];
      const env = Object.fromEntries(container.env.map((entry: any) => [entry.name, entry.value]));
      return [env.SERVICE_NAME, env];
    }),
  );
}

const primaryOutput = (stack: string) =>
  new RegExp(`^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-${stack}\\.outputs\\.`);

describe("the waiting standby's workloads", () => {
  test("every service runs in the standby region against the standby's shard map, cache and Kafka", () => {
    const env = serviceEnv(waiting()["test-euc1-workloads"]);
    expect(Object.keys(env).sort()).toEqual(["analytics", "auth", "ingestion", "reports"]);
    for (const service of Object.values(env)) {
      expect(service.AWS_REGION).toBe("eu-central-1");
    }
    expect(env.auth.DB_SHARD_MAP_PARAMETER).toBe("/acme/test-euc1/database/shard-map");
    expect(env.analytics.KAFKA_BOOTSTRAP_SERVERS).toMatch(primaryOutput("test-euc1-data"));
    expect(env.auth.CACHE_HOST).toMatch(primaryOutput("test-euc1-data"));
  });

  test("the cache's secondary has no user group: clients use TLS without IAM sign-in, and no Connect is granted", () => {
    const env = serviceEnv(waiting()["test-euc1-workloads"]);
    expect(env.auth).toMatchObject({ CACHE_IAM_AUTH: "false", CACHE_TLS: "true" });
    expect(env.auth).not.toHaveProperty("CACHE_USER");
    const policies = JSON.stringify(waiting()["test-euc1-workloads"].data?.aws_iam_policy_document);
    expect(policies).not.toContain("elasticache:Connect");
    expect(policies).toContain("rds-db:connect");
  });

  test("consumers stay out of their groups while waiting (MSK Replicator syncs offsets only for idle groups)", () => {
    const env = serviceEnv(waiting()["test-euc1-workloads"]);
    for (const service of Object.values(env)) {
      expect(service).not.toHaveProperty("KAFKA_CONSUMES");
      expect(service).not.toHaveProperty("KAFKA_CONSUMER_GROUP");
    }
    // Analytics still produces; nothing scales on consumer lag.
    expect(env.analytics.KAFKA_PRODUCES).toBe("report_requested");
    expect(JSON.stringify(resourcesOf(waiting()["test-euc1-workloads"], "kubernetes_manifest"))).not.toContain(
      "ScaledObject",
    );
  });

  test("no roles job (the users come with the replicated data) and no topic job (the replicator makes the topics)", () => {
    const json = waiting()["test-euc1-workloads"];
    expect(resourcesOf(json, "kubernetes_job_v1")).toEqual({});
    expect(listOf(json, "kubernetes_namespace_v1").map((ns) => ns.metadata.name)).not.toEqual(
      expect.arrayContaining(["kafka-admin"]),
    );
    expect(listOf(json, "kubernetes_namespace_v1").map((ns) => ns.metadata.name)).not.toEqual(
      expect.arrayContaining(["database-admin"]),
    );
  });

  test("the monolith waits at dr.standby.monolithMinSize, without its schedule or predictive scaling", () => {
    const json = waiting()["test-euc1-workloads"];
    const group = onlyOf(json, "aws_autoscaling_group");
    expect(group.min_size).toBe(1);
    expect(group.desired_capacity).toBe(1);
    expect(resourcesOf(json, "aws_autoscaling_schedule")).toEqual({});
    expect(listOf(json, "aws_autoscaling_policy").map((policy) => policy.policy_type)).not.toContain(
      "PredictiveScaling",
    );
  });

  test("the standby's shard map lists each shard's replica as its writer, without readers", () => {
    const [, parameter] = named(waiting()["test-euc1-data"], "aws_ssm_parameter", "ShardMap");
    expect(parameter.name).toBe("/acme/test-euc1/database/shard-map");
    expect(parameter.tier).toBe("Standard");
    expect(parameter.insecure_value).toMatch(/"writerEndpoint" = aws_db_instance\.Shard0Replica_[A-Za-z0-9]+\.address/);
    expect(parameter.insecure_value).toContain('"readerEndpoints" = []');
  });

  test("the replicas stay replicas while waiting", () => {
    for (const replica of listOf(waiting()["test-euc1-data"], "aws_db_instance")) {
      expect(replica.replicate_source_db).toMatch(primaryOutput("test-data"));
    }
  });
});

describe("the standby's observability", () => {
  test("watches the standby's own resources from its region: each shard's replica, its API, its topics", () => {
    const json = waiting()["test-euc1-observability"];
    expect(json.provider?.aws[0].region).toBe("eu-central-1");
    const dashboard = onlyOf(json, "aws_cloudwatch_dashboard");
    expect(dashboard.dashboard_name).toBe("acme-test-euc1-scalability");
    const body = JSON.stringify(dashboard.dashboard_body);
    expect(body).toContain("acme-test-euc1-db-shard-0");
    expect(body).toContain("acme-test-euc1-api");
    expect(body).toContain("acme-test-euc1-cache-0001-001");
    expect(body).not.toContain("acme-test-db-shard-0");
    const topics = listOf(json, "aws_sns_topic").map((topic) => topic.name);
    expect(topics).toEqual(["acme-test-euc1-paging", "acme-test-euc1-warnings"]);
    // The replicas are watched as their shards' instances: no replica-lag alarm of the platform's (the data
    // stack's RPO alarms watch the lag against dr.rpoMinutes).
    const alarms = listOf(json, "aws_cloudwatch_metric_alarm").map((alarm) => alarm.alarm_name);
    expect(alarms).toEqual(expect.arrayContaining([expect.stringMatching(/^acme-test-euc1-db-shard-0-/)]));
    expect(alarms.filter((name) => /replica-\d+-lag/.test(name))).toEqual([]);
  });
});

describe("the standby after dr.failedOver", () => {
  const failed = () => standby(true, ["test-euc1-data", "test-euc1-cluster", "test-euc1-workloads"]);

  test("runs at the primary's sizes and its consumers consume", () => {
    const primaryGroups = testConfig({}).eks.nodeGroups;
    const groups = listOf(failed()["test-euc1-cluster"], "aws_eks_node_group");
    expect(groups.map((group) => group.scaling_config.min_size)).toEqual(primaryGroups.map((group) => group.minSize));
    expect(onlyOf(failed()["test-euc1-workloads"], "aws_autoscaling_group").min_size).toBe(
      testConfig({}).monolith.minSize,
    );
    const env = serviceEnv(failed()["test-euc1-workloads"]);
    expect(env.reports.KAFKA_CONSUMES).toBe("report_requested");
    expect(env.reports.KAFKA_CONSUMER_GROUP).toBe("reports");
  });

  test("declares the replicas promoted (no replicate_source_db), so that Terraform agrees with the failover", () => {
    for (const replica of listOf(failed()["test-euc1-data"], "aws_db_instance")) {
      expect(replica).not.toHaveProperty("replicate_source_db");
      expect(replica.engine).toBe("postgres");
    }
  });
});

describe("the API's failover between the regions", () => {
  test("the primary's domain record is PRIMARY, on a switch that only a person inverts", () => {
    const json = edges()["test-edge"];
    const [switchId, check] = named(json, "aws_route53_health_check", "ApiFailoverSwitch");
    expect(check).toMatchObject({
      type: "CALCULATED",
      disabled: true,
      reference_name: "test-api-switch",
      lifecycle: { ignore_changes: ["invert_healthcheck"] },
    });
    const [, record] = named(json, "aws_route53_record", "Api_DomainRecord");
    expect(record).toMatchObject({
      name: "api.example.com",
      set_identifier: "eu-west-1-primary",
      failover_routing_policy: { type: "PRIMARY" },
      health_check_id: `\${aws_route53_health_check.${switchId}.id}`,
    });
    expect(record.alias.evaluate_target_health).toBe(true);
  });

  test("the standby's domain record is SECONDARY, guarded by the standby API's single-metric health alarm", () => {
    const json = edges()["test-euc1-edge"];
    const [checkId, check] = named(json, "aws_route53_health_check", "ApiHealthCheck");
    const [alarmId, alarm] = ["ApiHealthAlarm", resourcesOf(json, "aws_cloudwatch_metric_alarm").ApiHealthAlarm];
    expect(check).toMatchObject({
      type: "CLOUDWATCH_METRIC",
      cloudwatch_alarm_name: `\${aws_cloudwatch_metric_alarm.${alarmId}.alarm_name}`,
      cloudwatch_alarm_region: "eu-central-1",
      reference_name: "test-euc1-api-health",
    });
    expect(alarm).toMatchObject({
      namespace: "AWS/ApiGateway",
      metric_name: "5XXError",
      dimensions: { ApiName: "acme-test-euc1-api", Stage: "v1" },
      statistic: "Average",
      period: 60,
      threshold: testConfig({}).observability.alarms.thresholds.api5xxPercent / 100,
      treat_missing_data: "notBreaching",
    });
    expect(named(json, "aws_route53_record", "Api_DomainRecord")[1]).toMatchObject({
      name: "api.example.com",
      set_identifier: "eu-central-1-secondary",
      failover_routing_policy: { type: "SECONDARY" },
      health_check_id: `\${aws_route53_health_check.${checkId}.id}`,
    });
  });

  test("the primary API has a health check of its own, on its own region's alarm", () => {
    const json = edges()["test-edge"];
    const [alarmId, alarm] = ["ApiHealthAlarm", resourcesOf(json, "aws_cloudwatch_metric_alarm").ApiHealthAlarm];
    expect(alarm.dimensions).toEqual({ ApiName: "acme-test-api", Stage: "v1" });
    expect(named(json, "aws_route53_health_check", "ApiHealthCheck")[1]).toMatchObject({
      cloudwatch_alarm_name: `\${aws_cloudwatch_metric_alarm.${alarmId}.alarm_name}`,
      cloudwatch_alarm_region: "eu-west-1",
      reference_name: "test-api-health",
    });
  });

  test("CloudFront reaches the API by its domain, so its /api behaviour follows the record", () => {
    const distribution = onlyOf(edges()["test-edge"], "aws_cloudfront_distribution");
    const api = distribution.origin.find((origin: any) => origin.custom_origin_config);
    expect(api.domain_name).toBe("api.example.com");
    expect(api).not.toHaveProperty("origin_path");
  });
});

describe("the standby's API", () => {
  test("carries the primary's key values and user pool, and a certificate of its own region", () => {
    const json = edges()["test-euc1-edge"];
    const keys = listOf(json, "aws_api_gateway_api_key");
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key.value).toMatch(primaryOutput("test-edge"));
    }
    expect(onlyOf(json, "aws_api_gateway_authorizer").provider_arns[0]).toMatch(primaryOutput("test-edge"));
    const certificate = onlyOf(json, "aws_acm_certificate");
    expect(certificate.domain_name).toBe("api.example.com");
    expect(certificate).not.toHaveProperty("provider");
    expect(json.provider?.aws[0].region).toBe("eu-central-1");
  });

  test("keeps the primary's tiers, throttles and WAF rules", () => {
    const { "test-edge": primary, "test-euc1-edge": copy } = edges();
    const withoutNames = (plans: any[]) =>
      plans
        .map(({ name: _name, api_stages: _stages, ...plan }) => plan)
        .sort((a, b) => (a.description < b.description ? -1 : 1));
    expect(withoutNames(listOf(copy, "aws_api_gateway_usage_plan"))).toEqual(
      withoutNames(listOf(primary, "aws_api_gateway_usage_plan")),
    );
    const rules = (json: StackJson) =>
      listOf(json, "aws_wafv2_web_acl")
        .filter((acl) => acl.scope === "REGIONAL")
        .flatMap((acl) => acl.rule.map((rule: any) => rule.name));
    expect(rules(copy)).toEqual(rules(primary));
    expect(rules(copy).length).toBeGreaterThan(3);
  });

  test("its public parts pass the stack's guardrail-relevant settings: logs encrypted with a key of its region", () => {
    const json = edges()["test-euc1-edge"];
    for (const group of listOf(json, "aws_cloudwatch_log_group")) {
      expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\.LogKey/);
    }
  });
});

describe("dr and the API's domain", () => {
  const view = (domain?: { name: string; hostedZoneId?: string }) => ({
    production: true,
    aws: { region: "eu-west-1" },
    network: { vpcCidr: "10.30.0.0/16", azCount: 3 },
    cache: { nodeType: "cache.r7g.large", autoscaling: { shards: { enabled: false }, replicas: { enabled: false } } },
    kafka: { brokerInstanceType: "kafka.m7g.large", kafkaVersion: "3.8.x" },
    edge: { api: { domain } },
    dr: { ...DR, failedOver: false },
  });
  const issues = (domain?: { name: string; hostedZoneId?: string }) => {
    const found: string[] = [];
    checkDr(view(domain), (path, _input, message) => found.push(`${path.join(".")}: ${message}`));
    return found;
  };

  test("needs the hosted zone of the API's domain, where the failover records live", () => {
    expect(issues({ name: "api.example.com", hostedZoneId: "Z1" })).toEqual([]);
    expect(issues({ name: "api.example.com" })).toEqual([
      "edge.api.domain.hostedZoneId: is required with dr; expected the public hosted zone of the API's domain (the domain's records fail over between the regions)",
    ]);
    expect(issues(undefined)).toHaveLength(1);
  });
});
