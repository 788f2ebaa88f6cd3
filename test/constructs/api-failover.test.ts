import {
  CloudwatchMetricAlarm,
  type CloudwatchMetricAlarmConfig,
} from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { type ApiDomainFailover, addCustomDomain } from "../../constructs/api-gateway/public-api-domain";
import {
  AlarmHealthCheck,
  FailoverSwitch,
  HEALTH_ALARM_STATISTICS,
  healthAlarmOf,
  INSUFFICIENT_DATA_HEALTH_STATUS,
  MAX_REFERENCE_NAME_LENGTH,
} from "../../constructs/dns";
import { listOf, named, ref, synth, synthWithValues, testStack } from "../helpers";

const ZONE = "Z0123456789ABCDEFGHIJ";
const CERT_ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-1111-1111-1111-111111111111";

describe("FailoverSwitch", () => {
  const stack = testStack();
  const failoverSwitch = new FailoverSwitch(stack, "Switch", {
    referenceName: "prod-api-switch",
    name: "api.acme.example failover switch",
  });
  const { json, values } = synthWithValues(stack, { id: failoverSwitch.healthCheckId });
  const [checkId, check] = named(json, "aws_route53_health_check", "Switch");

  test("a disabled CALCULATED check without children (always healthy until inverted), inversion left to people", () => {
    expect(check).toEqual({
      type: "CALCULATED",
      disabled: true,
      reference_name: "prod-api-switch",
      lifecycle: { ignore_changes: ["invert_healthcheck"] },
      tags: { Name: "api.acme.example failover switch" },
    });
    expect(values.id).toBe(ref("aws_route53_health_check", checkId));
    expect(failoverSwitch.referenceName).toBe("prod-api-switch");
  });

  test.each([
    ["too long for the provider's 27 characters", "acme-production-eu-api-switch", /at most 27 characters/],
    ["with capitals", "Prod-api-switch", /referenceName: "Prod-api-switch" is not allowed; expected lower-case words/],
  ])("refuses a reference name %s", (_case, referenceName, message) => {
    const bad = testStack();
    expect(() => new FailoverSwitch(bad, "Switch", { referenceName, name: "x" })).toThrow(message);
    expect(synth(bad).resource).toBeUndefined();
  });
  expect(MAX_REFERENCE_NAME_LENGTH).toBe(27);
});

describe("AlarmHealthCheck", () => {
  const stack = testStack();
  const check = new AlarmHealthCheck(stack, "Health", {
    referenceName: "prod-euc1-api-health",
    name: "api.acme.example eu-central-1",
    alarm: { name: "acme-prod-euc1-api-health", region: "eu-central-1" },
  });
  const json = synth(stack);

  test("a CLOUDWATCH_METRIC check on the alarm, keeping its last status without data, found by its reference", () => {
    expect(INSUFFICIENT_DATA_HEALTH_STATUS).toBe("LastKnownStatus");
    expect(named(json, "aws_route53_health_check", "Health")[1]).toEqual({
      type: "CLOUDWATCH_METRIC",
      cloudwatch_alarm_name: "acme-prod-euc1-api-health",
      cloudwatch_alarm_region: "eu-central-1",
      insufficient_data_health_status: "LastKnownStatus",
      reference_name: "prod-euc1-api-health",
      tags: { Name: "api.acme.example eu-central-1" },
    });
    // No endpoint settings: an HTTPS check would only see the API's 403 for a request without an API key.
    expect(listOf(json, "aws_route53_health_check")[0]).not.toHaveProperty("fqdn");
    expect(check.healthCheckId).toMatch(/^\$\{TfToken/);
  });

  test.each([
    ["an empty alarm name", { name: "", region: "eu-west-1" }, /alarm.name: "" is not an alarm name/],
    ["an alarm region that is not one", { name: "x", region: "standby" }, /alarm.region: "standby" is not a region/],
  ])("refuses %s", (_case, alarm, message) => {
    const bad = testStack();
    expect(() => new AlarmHealthCheck(bad, "Health", { referenceName: "prod-api-health", name: "x", alarm })).toThrow(
      message,
    );
  });
});

describe("healthAlarmOf", () => {
  const ALARM: CloudwatchMetricAlarmConfig = {
    alarmName: "acme-prod-api-health",
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    evaluationPeriods: 3,
    threshold: 5,
    namespace: "AWS/ApiGateway",
    metricName: "5XXError",
    statistic: "Average",
    period: 60,
  };
  const alarm = (overrides: Partial<CloudwatchMetricAlarmConfig>) =>
    new CloudwatchMetricAlarm(testStack(), "Alarm", { ...ALARM, ...overrides });

  test("the name and region of a standard-resolution alarm with a supported statistic", () => {
    expect(HEALTH_ALARM_STATISTICS).toEqual(["Average", "Minimum", "Maximum", "Sum", "SampleCount"]);
    for (const statistic of HEALTH_ALARM_STATISTICS) {
      expect(healthAlarmOf(alarm({ statistic }), "eu-west-1").region).toBe("eu-west-1");
    }
    expect(healthAlarmOf(alarm({}), "eu-west-1").name).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
  });

  test.each([
    [
      "an extended statistic",
      { statistic: undefined, extendedStatistic: "p99" },
      /extendedStatistic: "p99" is an extended statistic/,
    ],
    ["no statistic", { statistic: undefined }, /statistic: nothing is not supported; expected one of Average, Minimum/],
    ["a high-resolution period", { period: 10 }, /period: 10 seconds makes a high-resolution alarm/],
    [
      "metric math",
      {
        statistic: undefined,
        metricName: undefined,
        namespace: undefined,
        period: undefined,
        metricQuery: [{ id: "e1", expression: "m1 / m2", returnData: true }],
      },
      /metricQuery: a metric-math alarm is not one with a single metric/,
    ],
  ])("refuses %s", (_case, overrides, message) => {
    expect(() => healthAlarmOf(alarm(overrides as Partial<CloudwatchMetricAlarmConfig>), "eu-west-1")).toThrow(message);
  });
});

describe("addCustomDomain records", () => {
  const domain = (failover?: ApiDomainFailover, hostedZoneId: string | null = ZONE) => {
    const stack = testStack();
    addCustomDomain(
      new Construct(stack, "Api"),
      { name: "api.acme.example", certificateArn: CERT_ARN, hostedZoneId: hostedZoneId ?? undefined, failover },
      "api-id",
      "v1",
    );
    return synth(stack);
  };

  test("the default publishes the simple alias record in the hosted zone", () => {
    const json = domain(undefined);
    const [domainId] = named(json, "aws_api_gateway_domain_name", "Api_Domain");
    expect(listOf(json, "aws_route53_record")).toEqual([
      {
        zone_id: ZONE,
        name: "api.acme.example",
        type: "A",
        alias: {
          name: ref("aws_api_gateway_domain_name", domainId, "regional_domain_name"),
          zone_id: ref("aws_api_gateway_domain_name", domainId, "regional_zone_id"),
          evaluate_target_health: false,
        },
      },
    ]);
  });

  test.each([
    ["PRIMARY", "eu-west-1", "eu-west-1-primary"],
    ["SECONDARY", "eu-central-1", "eu-central-1-secondary"],
  ] as const)(
    "%s: the same record (same id) as one of a failover pair, with its health check",
    (role, region, setId) => {
      const json = domain({ role, region, healthCheckId: "hc-123" });
      const [domainId] = named(json, "aws_api_gateway_domain_name", "Api_Domain");
      // Same construct id as the simple record: turning one into the other is an in-place update, not a replacement.
      expect(named(json, "aws_route53_record", "Api_DomainRecord")[1]).toEqual({
        zone_id: ZONE,
        name: "api.acme.example",
        type: "A",
        set_identifier: setId,
        failover_routing_policy: { type: role },
        health_check_id: "hc-123",
        alias: {
          name: ref("aws_api_gateway_domain_name", domainId, "regional_domain_name"),
          zone_id: ref("aws_api_gateway_domain_name", domainId, "regional_zone_id"),
          evaluate_target_health: true,
        },
      });
      expect(listOf(json, "aws_route53_record")).toHaveLength(1);
    },
  );

  test("a failover record without a hosted zone is refused", () => {
    expect(() => domain({ role: "PRIMARY", region: "eu-west-1", healthCheckId: "hc" }, null)).toThrow(
      /domain.failover: a failover record needs domain.hostedZoneId/,
    );
  });
});
