import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Route53HealthCheck } from "@cdktf/provider-aws/lib/route53-health-check";
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

/** What Route 53 health checks use when the alarm has too little data: the check's status before that. */
export const INSUFFICIENT_DATA_HEALTH_STATUS = "LastKnownStatus";
/** The statistics a CLOUDWATCH_METRIC health check supports (Route 53 API Reference, AlarmIdentifier). */
export const HEALTH_ALARM_STATISTICS = ["Average", "Minimum", "Maximum", "Sum", "SampleCount"] as const;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** The longest `reference_name` the provider takes: 64 characters of caller reference less its 37-character suffix. */
export const MAX_REFERENCE_NAME_LENGTH = 27;
const REFERENCE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface FailoverSwitchProps {
  /**
   * Start of the check's caller reference (`reference_name`; Terraform appends `-terraform-<timestamp>`), by which a
   * runbook finds the check without Terraform state: lower-case words joined by hyphens, at most 27 characters,
   * e.g. `prod-api-switch`.
   */
  readonly referenceName: string;
  /** What the check switches, for its Name tag, e.g. `api.example.com failover switch`. */
  readonly name: string;
}

/**
 * The switch of a DNS failover, attached to the PRIMARY record: a disabled CALCULATED Route 53 health check with no
 * children. Route 53 API Reference, HealthCheckConfig, Disabled: "After you disable a health check, Route 53
 * considers the status of the health check to always be healthy. [...] If you want to stop routing traffic to a
 * resource, change the value of Inverted." So inverting it (`aws route53 update-health-check --health-check-id <id>
 * --inverted`) makes the PRIMARY record unhealthy and Route 53 answers with the SECONDARY one; `--no-inverted` fails
 * back. (A threshold of 0 would say the same, but the provider does not send a 0 threshold: `d.GetOk` skips zero
 * values in `internal/service/route53/health_check.go`.) Terraform ignores `invert_healthcheck`, so that an apply
 * never undoes a failover. A human flips it, after the standby's data is promoted: the standby's database is a
 * read-only replica until then, so following an alarm automatically would send writes where they fail.
 */
export class FailoverSwitch extends Construct {
  public readonly healthCheck: Route53HealthCheck;
  public readonly healthCheckId: string;
  public readonly referenceName: string;

  constructor(scope: Construct, id: string, props: FailoverSwitchProps) {
    super(scope, id);
    checkReferenceName(this, props.referenceName);
    this.referenceName = props.referenceName;
    this.healthCheck = new Route53HealthCheck(this, "Resource", {
      type: "CALCULATED",
      disabled: true,
      referenceName: props.referenceName,
      lifecycle: { ignoreChanges: ["invert_healthcheck"] },
      tags: { Name: props.name },
    });
    this.healthCheckId = this.healthCheck.id;
  }
}

export interface AlarmHealthCheckProps {
  /** Start of the check's caller reference, as `FailoverSwitchProps.referenceName`, e.g. `prod-euc1-api-health`. */
  readonly referenceName: string;
  /** What the check watches, for its Name tag, e.g. `api.example.com eu-central-1`. */
  readonly name: string;
  /** The alarm whose state is the health (build it with `healthAlarmOf`). */
  readonly alarm: HealthAlarm;
}

/**
 * A region's API health as Route 53 sees it (API Gateway Developer Guide, "Configure custom health checks for DNS
 * failover for an API Gateway API", https://docs.aws.amazon.com/apigateway/latest/developerguide/dns-failover.html):
 * a CLOUDWATCH_METRIC health check on an alarm, not an HTTPS check (every method of the API requires an API key, so
 * an HTTPS check would only ever see 403). With too little data it keeps its last status (`LastKnownStatus`; a new
 * check starts healthy). On the SECONDARY record it keeps Route 53 from failing over to a standby whose API fails.
 */
export class AlarmHealthCheck extends Construct {
  public readonly healthCheck: Route53HealthCheck;
  public readonly healthCheckId: string;

  constructor(scope: Construct, id: string, props: AlarmHealthCheckProps) {
    super(scope, id);
    checkReferenceName(this, props.referenceName);
    const alarm = props.alarm;
    const literal = (value: string): boolean => !Token.isUnresolved(value);
    if (literal(alarm.name) && (alarm.name.length < 1 || alarm.name.length > 255)) {
      throw new ValidationError(
        `alarm.name: ${show(alarm.name)} is not an alarm name; expected 1 to 255 characters`,
        this,
      );
    }
    if (literal(alarm.region) && !REGION.test(alarm.region)) {
      throw new ValidationError(
        `alarm.region: ${show(alarm.region)} is not a region; expected the AWS region code the alarm lives in`,
        this,
      );
    }
    this.healthCheck = new Route53HealthCheck(this, "Resource", {
      type: "CLOUDWATCH_METRIC",
      cloudwatchAlarmName: alarm.name,
      cloudwatchAlarmRegion: alarm.region,
      insufficientDataHealthStatus: INSUFFICIENT_DATA_HEALTH_STATUS,
      referenceName: props.referenceName,
      tags: { Name: props.name },
    });
    this.healthCheckId = this.healthCheck.id;
  }
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

/** `reference_name`: what the provider takes and a runbook can search for. */
function checkReferenceName(scope: Construct, referenceName: string): void {
  if (referenceName.length > MAX_REFERENCE_NAME_LENGTH || !REFERENCE_NAME.test(referenceName)) {
    throw new ValidationError(
      `referenceName: ${show(referenceName)} is not allowed; expected lower-case words joined by hyphens, at most ${MAX_REFERENCE_NAME_LENGTH} characters (the provider appends a 37-character suffix to make a 64-character caller reference)`,
      scope,
    );
  }
}
