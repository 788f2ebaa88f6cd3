import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { Construct } from "constructs";
import { requireWholeNumber } from "../core/validation";
import { show, ValidationError } from "../core/errors";
import type { ApiStageMetrics } from "./metrics";

export interface ApiHealthAlarmProps {
  /** Alarm name, e.g. `acme-prod-euc1-api-health`. */
  readonly name: string;
  /** The stage's metrics (`PublicApi.metrics`). */
  readonly metrics: ApiStageMetrics;
  /** Unhealthy above this share of requests failing with 5xx, in percent (more than 0, at most 100). */
  readonly errorPercent: number;
  /** One-minute periods looked at. */
  readonly evaluationPeriods: number;
  /** How many of them must breach (at most `evaluationPeriods`). */
  readonly datapointsToAlarm: number;
}

/**
 * An API's health as one metric alarm that a Route 53 CLOUDWATCH_METRIC health check can follow (standard resolution,
 * one metric, a standard statistic: Route 53 API Reference, AlarmIdentifier): the average of API Gateway's `5XXError`
 * metric, which is 1 for a request answered with 5xx and 0 otherwise, so its average is the share of failing
 * requests (API Gateway Developer Guide, "Amazon API Gateway dimensions and metrics"). A minute without requests is
 * healthy (`notBreaching`): an idle standby is not a broken one. The alarm has no actions: its state is read by the
 * health check (the platform's other alarms page people).
 */
export function apiHealthAlarm(scope: Construct, id: string, props: ApiHealthAlarmProps): CloudwatchMetricAlarm {
  if (!(props.errorPercent > 0 && props.errorPercent <= 100)) {
    throw new ValidationError(
      `errorPercent: ${show(props.errorPercent)} is not allowed; expected a percentage above 0 and at most 100`,
      scope,
    );
  }
  requireWholeNumber(scope, "evaluationPeriods", props.evaluationPeriods, 1, 60);
  requireWholeNumber(scope, "datapointsToAlarm", props.datapointsToAlarm, 1, props.evaluationPeriods);
  const errors = props.metrics.errors5xx;
  return new CloudwatchMetricAlarm(scope, id, {
    alarmName: props.name,
    alarmDescription: `More than ${props.errorPercent}% of the API's requests fail with 5xx: the API is unhealthy (a Route 53 health check follows this alarm)`,
    namespace: errors.namespace,
    metricName: errors.metricName,
    dimensions: { ...errors.dimensions },
    statistic: "Average",
    period: 60,
    evaluationPeriods: props.evaluationPeriods,
    datapointsToAlarm: props.datapointsToAlarm,
    threshold: props.errorPercent / 100,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
  });
}
