import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Route53HealthCheck } from "@cdktf/provider-aws/lib/route53-health-check";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";

/** The CloudWatch alarm whose state is a region's health: ALARM is unhealthy, OK is healthy. */
export interface HealthAlarm {
  /** Alarm name, 1 to 255 characters (CloudWatch's limit). */
  readonly name: string;
  /** Region the alarm lives in (CloudWatch alarms are regional), e.g. the standby's for the standby's alarm. */
  readonly region: string;
}

/** One region's API behind the failover records. */
export interface ApiFailoverTarget {
  /** The API's region, e.g. `eu-west-1`. */
  readonly region: string;
  /** `regional_domain_name` of the region's `aws_api_gateway_domain_name` (`d-abc123.execute-api.<region>.amazonaws.com`). */
  readonly regionalDomainName: string;
  /** `regional_zone_id` of the same domain name: the alias target's hosted zone. */
  readonly regionalZoneId: string;
  /** The alarm that says whether this region's API is healthy (see `healthAlarmOf` for what Route 53 accepts). */
  readonly healthAlarm: HealthAlarm;
}

export interface ApiFailoverRecordsProps {
  /** The public hosted zone of the domain. */
  readonly hostedZoneId: string;
  /** The API's custom domain, the same name in both regions, e.g. `api.example.com`. */
  readonly domainName: string;
  /** The active region: answers while its health check is healthy. */
  readonly primary: ApiFailoverTarget;
  /** The warm standby: answers when the primary's health check is unhealthy. */
  readonly secondary: ApiFailoverTarget;
}

/** What Route 53 health checks use when the alarm has too little data: the check's status before that. */
export const INSUFFICIENT_DATA_HEALTH_STATUS = "LastKnownStatus";
/** The statistics a CLOUDWATCH_METRIC health check supports (Route 53 API Reference, AlarmIdentifier). */
export const HEALTH_ALARM_STATISTICS = ["Average", "Minimum", "Maximum", "Sum", "SampleCount"] as const;

const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
const HOSTNAME = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/**
 * DNS failover of the API's custom domain between two regions (API Gateway Developer Guide, "Configure custom
 * health checks for DNS failover for an API Gateway API",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/dns-failover.html): the same custom domain name in
 * both regions, and in the hosted zone a PRIMARY and a SECONDARY alias A record (A only, like the simple record
 * `addCustomDomain` publishes: the regional endpoints are IPv4), each aliasing its region's regional domain name
 * with Evaluate Target Health on and carrying its region's health check.
 *
 * - Health checks are of type CLOUDWATCH_METRIC on an alarm, not HTTPS: every method of the API requires an API
 *   key, so an HTTPS check would only ever see 403; and Evaluate Target Health alone fails only when API Gateway
 *   itself is unavailable in the region, which the guide says is why it recommends a custom (alarm) health check.
 *   The guide keeps the alarm and health check that drive the failover in the secondary region, so that failing
 *   over does not depend on the primary; each target's `healthAlarm.region` says where its alarm lives.
 * - Route 53 supports alarms on standard-resolution metrics with the statistics Average, Minimum, Maximum, Sum or
 *   SampleCount; high-resolution metrics and extended (percentile) statistics are not supported (Route 53 API
 *   Reference, AlarmIdentifier: https://docs.aws.amazon.com/Route53/latest/APIReference/API_AlarmIdentifier.html).
 *   A composite or metric-math alarm is outside that list; build `healthAlarm` with `healthAlarmOf` to check an
 *   alarm this code creates.
 * - With too little data the checks keep their last status (`LastKnownStatus`; a new check starts healthy).
 * - Everything is in one stack (Route 53 is global: the primary's edge stack) and must not sit next to a simple A
 *   record of the same name: create the primary's API domain with `dnsRecords: false`.
 */
export class ApiFailoverRecords extends Construct {
  public readonly primaryHealthCheck: Route53HealthCheck;
  public readonly secondaryHealthCheck: Route53HealthCheck;
  public readonly primaryHealthCheckId: string;
  public readonly secondaryHealthCheckId: string;
  /** The PRIMARY and the SECONDARY record, in that order. */
  public readonly records: readonly Route53Record[];

  constructor(scope: Construct, id: string, props: ApiFailoverRecordsProps) {
    super(scope, id);
    validateApiFailover(this, props);

    const roles = [
      { role: "PRIMARY", id: "Primary", target: props.primary },
      { role: "SECONDARY", id: "Secondary", target: props.secondary },
    ] as const;
    const parts = roles.map(({ role, id: partId, target }) => {
      const check = new Route53HealthCheck(this, `${partId}HealthCheck`, {
        type: "CLOUDWATCH_METRIC",
        cloudwatchAlarmName: target.healthAlarm.name,
        cloudwatchAlarmRegion: target.healthAlarm.region,
        insufficientDataHealthStatus: INSUFFICIENT_DATA_HEALTH_STATUS,
        tags: { Name: `${props.domainName} ${role.toLowerCase()} ${target.region}` },
      });
      const record = new Route53Record(this, `${partId}Record`, {
        zoneId: props.hostedZoneId,
        name: props.domainName,
        type: "A",
        setIdentifier: `${target.region}-${role.toLowerCase()}`,
        failoverRoutingPolicy: { type: role },
        healthCheckId: check.id,
        alias: {
          name: target.regionalDomainName,
          zoneId: target.regionalZoneId,
          evaluateTargetHealth: true,
        },
      });
      return { check, record };
    });
    const [primary, secondary] = parts;
    this.primaryHealthCheck = primary.check;
    this.secondaryHealthCheck = secondary.check;
    this.primaryHealthCheckId = primary.check.id;
    this.secondaryHealthCheckId = secondary.check.id;
    this.records = parts.map((part) => part.record);
  }
}

/**
 * A failover target from a region's API domain name (`PublicApi.domainName`, whose `regionalDomainName` and
 * `regionalZoneId` are the alias target) and the alarm that says whether the region is healthy.
 */
export function apiFailoverTarget(
  domain: { readonly regionalDomainName: string; readonly regionalZoneId: string },
  region: string,
  healthAlarm: HealthAlarm,
): ApiFailoverTarget {
  return {
    region,
    regionalDomainName: domain.regionalDomainName,
    regionalZoneId: domain.regionalZoneId,
    healthAlarm,
  };
}

/**
 * The `HealthAlarm` of a metric alarm this code creates, in `region`, after checking it is one a CLOUDWATCH_METRIC
 * health check supports (API_AlarmIdentifier): one metric with a standard statistic (Average, Minimum, Maximum, Sum,
 * SampleCount; no extended/percentile statistic, no metric math) and a period of at least 60 seconds (a 10- or
 * 30-second period makes a high-resolution alarm, on a high-resolution metric). Composite alarms are another
 * resource type and are refused by the parameter's type.
 */
export function healthAlarmOf(alarm: CloudwatchMetricAlarm, region: string): HealthAlarm {
  const fail = (message: string): never => {
    throw new ValidationError(`${message}; Route 53 health checks support standard-resolution metric alarms`, alarm);
  };
  if (alarm.metricQueryInput !== undefined) {
    fail("metricQuery: a metric-math alarm is not one with a single metric and a standard statistic");
  }
  if (alarm.extendedStatisticInput !== undefined) {
    fail(`extendedStatistic: ${show(alarm.extendedStatisticInput)} is an extended statistic, which is not supported`);
  }
  const statistic = alarm.statisticInput;
  if (!(HEALTH_ALARM_STATISTICS as readonly unknown[]).includes(statistic)) {
    fail(`statistic: ${show(statistic)} is not supported; expected one of ${HEALTH_ALARM_STATISTICS.join(", ")}`);
  }
  const period = alarm.periodInput;
  if (period !== undefined && !Token.isUnresolved(period) && period < 60) {
    fail(`period: ${period} seconds makes a high-resolution alarm, which is not supported; expected 60 or more`);
  }
  return { name: alarm.alarmName, region };
}

/** Checks the props before any resource exists; values known only at apply time pass. */
function validateApiFailover(scope: Construct, props: ApiFailoverRecordsProps): void {
  const fail = (message: string): never => {
    throw new ValidationError(message, scope);
  };
  const literal = (value: string): boolean => !Token.isUnresolved(value);

  if (literal(props.hostedZoneId) && !HOSTED_ZONE_ID.test(props.hostedZoneId)) {
    fail(
      `hostedZoneId: ${show(props.hostedZoneId)} is not a hosted zone id; expected "Z" and up to 31 capitals or digits`,
    );
  }
  if (literal(props.domainName) && !HOSTNAME.test(props.domainName)) {
    fail(
      `domainName: ${show(props.domainName)} is not a host name; expected a lower-case DNS name such as "api.example.com"`,
    );
  }
  for (const setting of ["primary", "secondary"] as const) {
    const target = props[setting];
    if (literal(target.region) && !REGION.test(target.region)) {
      fail(
        `${setting}.region: ${show(target.region)} is not a region; expected an AWS region code such as "eu-west-1"`,
      );
    }
    if (literal(target.regionalDomainName) && !HOSTNAME.test(target.regionalDomainName)) {
      fail(
        `${setting}.regionalDomainName: ${show(target.regionalDomainName)} is not a host name; expected the regional_domain_name of the region's API Gateway domain name`,
      );
    }
    if (literal(target.regionalZoneId) && !HOSTED_ZONE_ID.test(target.regionalZoneId)) {
      fail(
        `${setting}.regionalZoneId: ${show(target.regionalZoneId)} is not a hosted zone id; expected the regional_zone_id of the region's API Gateway domain name`,
      );
    }
    const alarm = target.healthAlarm;
    if (literal(alarm.name) && (alarm.name.length < 1 || alarm.name.length > 255)) {
      fail(`${setting}.healthAlarm.name: ${show(alarm.name)} is not an alarm name; expected 1 to 255 characters`);
    }
    if (literal(alarm.region) && !REGION.test(alarm.region)) {
      fail(
        `${setting}.healthAlarm.region: ${show(alarm.region)} is not a region; expected the AWS region code the alarm lives in`,
      );
    }
  }
  const { primary, secondary } = props;
  if (literal(primary.region) && primary.region === secondary.region) {
    fail(
      `secondary.region: ${show(secondary.region)} is the primary's region too; expected the standby region, another than the primary's`,
    );
  }
  if (
    primary.healthAlarm.name === secondary.healthAlarm.name &&
    primary.healthAlarm.region === secondary.healthAlarm.region
  ) {
    fail(
      `secondary.healthAlarm: ${show(secondary.healthAlarm)} is the primary's alarm too; expected an alarm per region, or both records would fail together`,
    );
  }
}
