import {
  CloudwatchMetricAlarm,
  type CloudwatchMetricAlarmConfig,
} from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { addCustomDomain } from "../../constructs/api-gateway/public-api-domain";
import {
  ApiFailoverRecords,
  type ApiFailoverRecordsProps,
  apiFailoverTarget,
  HEALTH_ALARM_STATISTICS,
  healthAlarmOf,
  INSUFFICIENT_DATA_HEALTH_STATUS,
} from "../../constructs/dns";
import { listOf, named, ref, resourcesOf, synth, synthWithValues, testStack } from "../helpers";

const ZONE = "Z0123456789ABCDEFGHIJ";
const CERT_ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-1111-1111-1111-111111111111";

const PROPS: ApiFailoverRecordsProps = {
  hostedZoneId: ZONE,
  domainName: "api.acme.example",
  primary: {
    region: "eu-west-1",
    regionalDomainName: "d-primary.execute-api.eu-west-1.amazonaws.com",
    regionalZoneId: "ZLY8HYME6SFDD",
    healthAlarm: { name: "acme-prod-api-health", region: "eu-west-1" },
  },
  secondary: {
    region: "eu-central-1",
    regionalDomainName: "d-standby.execute-api.eu-central-1.amazonaws.com",
    regionalZoneId: "Z1U9ULNL0V5AJ3",
    healthAlarm: { name: "acme-prod-standby-api-health", region: "eu-central-1" },
  },
};

describe("ApiFailoverRecords", () => {
  const stack = testStack();
  const failover = new ApiFailoverRecords(stack, "ApiFailover", PROPS);
  const { json, values } = synthWithValues(stack, {
    primaryHealthCheckId: failover.primaryHealthCheckId,
    secondaryHealthCheckId: failover.secondaryHealthCheckId,
  });
  const [primaryCheckId, primaryCheck] = named(json, "aws_route53_health_check", "ApiFailover_PrimaryHealthCheck");
  const [secondaryCheckId, secondaryCheck] = named(
    json,
    "aws_route53_health_check",
    "ApiFailover_SecondaryHealthCheck",
  );
  const [, primaryRecord] = named(json, "aws_route53_record", "ApiFailover_PrimaryRecord");
  const [, secondaryRecord] = named(json, "aws_route53_record", "ApiFailover_SecondaryRecord");

  test("a CLOUDWATCH_METRIC health check per region on its alarm, keeping its last status without data", () => {
    expect(INSUFFICIENT_DATA_HEALTH_STATUS).toBe("LastKnownStatus");
    expect(primaryCheck).toEqual({
      type: "CLOUDWATCH_METRIC",
      cloudwatch_alarm_name: "acme-prod-api-health",
      cloudwatch_alarm_region: "eu-west-1",
      insufficient_data_health_status: "LastKnownStatus",
      tags: { Name: "api.acme.example primary eu-west-1" },
    });
    expect(secondaryCheck).toEqual({
      type: "CLOUDWATCH_METRIC",
      cloudwatch_alarm_name: "acme-prod-standby-api-health",
      cloudwatch_alarm_region: "eu-central-1",
      insufficient_data_health_status: "LastKnownStatus",
      tags: { Name: "api.acme.example secondary eu-central-1" },
    });
    // No endpoint settings: an HTTPS check would only see the API's 403 for a request without an API key.
    expect(primaryCheck).not.toHaveProperty("fqdn");
    expect(primaryCheck).not.toHaveProperty("resource_path");
  });

  test("a PRIMARY alias A record on the primary's regional domain, with its health check", () => {
    expect(primaryRecord).toEqual({
      zone_id: ZONE,
      name: "api.acme.example",
      type: "A",
      set_identifier: "eu-west-1-primary",
      failover_routing_policy: { type: "PRIMARY" },
      health_check_id: ref("aws_route53_health_check", primaryCheckId),
      alias: {
        name: "d-primary.execute-api.eu-west-1.amazonaws.com",
        zone_id: "ZLY8HYME6SFDD",
        evaluate_target_health: true,
      },
    });
  });

  test("a SECONDARY alias A record on the standby's regional domain, with its health check", () => {
    expect(secondaryRecord).toEqual({
      zone_id: ZONE,
      name: "api.acme.example",
      type: "A",
      set_identifier: "eu-central-1-secondary",
      failover_routing_policy: { type: "SECONDARY" },
      health_check_id: ref("aws_route53_health_check", secondaryCheckId),
      alias: {
        name: "d-standby.execute-api.eu-central-1.amazonaws.com",
        zone_id: "Z1U9ULNL0V5AJ3",
        evaluate_target_health: true,
      },
    });
  });

  test("two records and two checks, all with the stack's provider (Route 53 is global), and the check ids", () => {
    expect(listOf(json, "aws_route53_record")).toHaveLength(2);
    expect(listOf(json, "aws_route53_health_check")).toHaveLength(2);
    for (const block of [...listOf(json, "aws_route53_record"), ...listOf(json, "aws_route53_health_check")]) {
      expect(block).not.toHaveProperty("provider");
    }
    expect(values.primaryHealthCheckId).toBe(ref("aws_route53_health_check", primaryCheckId));
    expect(values.secondaryHealthCheckId).toBe(ref("aws_route53_health_check", secondaryCheckId));
    expect(failover.records).toHaveLength(2);
  });

  test("targets from each region's API domain name", () => {
    const bound = testStack();
    const domain = addCustomDomain(
      new Construct(bound, "Api"),
      { name: "api.acme.example", certificateArn: CERT_ARN, dnsRecords: false },
      "api-id",
      "v1",
    );
    new ApiFailoverRecords(bound, "ApiFailover", {
      ...PROPS,
      primary: apiFailoverTarget(domain, "eu-west-1", PROPS.primary.healthAlarm),
    });
    const boundJson = synth(bound);
    const [domainId] = named(boundJson, "aws_api_gateway_domain_name", "Api_Domain");
    expect(named(boundJson, "aws_route53_record", "ApiFailover_PrimaryRecord")[1].alias).toEqual({
      name: ref("aws_api_gateway_domain_name", domainId, "regional_domain_name"),
      zone_id: ref("aws_api_gateway_domain_name", domainId, "regional_zone_id"),
      evaluate_target_health: true,
    });
  });

  const cases: [string, Partial<ApiFailoverRecordsProps>, RegExp][] = [
    [
      "a hosted zone id that is a domain",
      { hostedZoneId: "acme.example" },
      /hostedZoneId: "acme.example" is not a hosted zone id/,
    ],
    [
      "a domain with a scheme",
      { domainName: "https://api.acme.example" },
      /domainName: "https:\/\/api.acme.example" is not a host name/,
    ],
    [
      "a region that is not one",
      { secondary: { ...PROPS.secondary, region: "Frankfurt" } },
      /secondary.region: "Frankfurt" is not a region/,
    ],
    [
      "the same region twice",
      { secondary: { ...PROPS.secondary, region: "eu-west-1" } },
      /secondary.region: "eu-west-1" is the primary's region too; expected the standby region/,
    ],
    [
      "a regional zone id that is not one",
      { primary: { ...PROPS.primary, regionalZoneId: "zone" } },
      /primary.regionalZoneId: "zone" is not a hosted zone id/,
    ],
    [
      "a regional domain name that is a URL",
      { primary: { ...PROPS.primary, regionalDomainName: "https://d-1.execute-api.eu-west-1.amazonaws.com/" } },
      /primary.regionalDomainName: .* is not a host name/,
    ],
    [
      "an empty alarm name",
      { primary: { ...PROPS.primary, healthAlarm: { name: "", region: "eu-west-1" } } },
      /primary.healthAlarm.name: "" is not an alarm name; expected 1 to 255 characters/,
    ],
    [
      "an alarm region that is not one",
      { secondary: { ...PROPS.secondary, healthAlarm: { name: "x", region: "standby" } } },
      /secondary.healthAlarm.region: "standby" is not a region/,
    ],
    [
      "one alarm for both regions",
      { secondary: { ...PROPS.secondary, healthAlarm: PROPS.primary.healthAlarm } },
      /secondary.healthAlarm: .* is the primary's alarm too; expected an alarm per region/,
    ],
  ];
  test.each(cases)("rejects %s before creating anything", (_case, overrides, message) => {
    const bad = testStack();
    expect(() => new ApiFailoverRecords(bad, "ApiFailover", { ...PROPS, ...overrides })).toThrow(message);
    expect(synth(bad).resource).toBeUndefined();
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

describe("addCustomDomain dnsRecords", () => {
  const domain = (dnsRecords?: boolean) => {
    const stack = testStack();
    addCustomDomain(
      new Construct(stack, "Api"),
      { name: "api.acme.example", certificateArn: CERT_ARN, hostedZoneId: ZONE, dnsRecords },
      "api-id",
      "v1",
    );
    return synth(stack);
  };

  test("false: the domain name, its certificate and the mapping, but no record (the failover records replace it)", () => {
    const json = domain(false);
    const [domainId, apiDomain] = named(json, "aws_api_gateway_domain_name", "Api_Domain");
    expect(apiDomain.regional_certificate_arn).toBe(CERT_ARN);
    expect(listOf(json, "aws_api_gateway_base_path_mapping")).toEqual([
      { api_id: "api-id", stage_name: "v1", domain_name: ref("aws_api_gateway_domain_name", domainId, "domain_name") },
    ]);
    expect(resourcesOf(json, "aws_route53_record")).toEqual({});
  });

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
});
