import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import {
  CloudwatchMetricAlarm,
  type CloudwatchMetricAlarmConfig,
  type CloudwatchMetricAlarmMetricQuery,
} from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import type { MetricDescriptor } from "../core/metric";
import { requireWholeNumber } from "../core/validation";
import { ALARM_LAYERS, type AlarmLayer, type AlarmSpec, type AlarmThresholdValues, alarmSpecs } from "./alarm-specs";
import type { PlatformSignals } from "./signals";

/** CloudWatch's standard statistics; anything else (`p99`) is an extended statistic. */
const STANDARD_STATISTICS = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];

export interface PlatformAlarmsProps {
  /** `<project>-<env>`: the first words of every alarm name. */
  readonly namePrefix: string;
  readonly signals: PlatformSignals;
  readonly thresholds: AlarmThresholdValues;
  /**
   * One-minute periods an alarm looks at.
   *
   * @default 5
   */
  readonly evaluationPeriods?: number;
  /**
   * How many of them must breach.
   *
   * @default 3
   */
  readonly datapointsToAlarm?: number;
  /**
   * SNS topic the per-layer composite alarms notify (on ALARM and on OK): what pages. One incident in a layer pages
   * once, whatever number of its alarms fire.
   *
   * @default - no pages
   */
  readonly pagingTopicArn?: string;
  /**
   * SNS topic every signal alarm and "platform degraded" notify (on ALARM and on OK): warnings, never a page.
   *
   * @default - no warnings
   */
  readonly warningsTopicArn?: string;
}

/**
 * The platform's alarms: one per signal where an operator must act (see `alarmSpecs`), a composite "<layer>
 * degraded" alarm per layer (edge, compute, data, messaging) and a composite "platform degraded" alarm over them.
 * Every alarm states its missing-data handling and fires on `datapointsToAlarm` of `evaluationPeriods` minutes
 * (capacity alarms: ten minutes in a row, so that a scale-out in progress is not an incident). An incident pages
 * once: the layer composites notify the paging topic; the signal alarms behind them and "platform degraded" notify
 * the warnings topic, which never pages.
 */
export class PlatformAlarms extends Construct {
  public readonly specs: readonly AlarmSpec[];
  public readonly alarms: readonly CloudwatchMetricAlarm[];
  public readonly layerAlarms: Readonly<Partial<Record<AlarmLayer, CloudwatchCompositeAlarm>>>;
  public readonly platformDegraded: CloudwatchCompositeAlarm;
  /** Every alarm's ARN: composites first, then the signal alarms in spec order. */
  public readonly alarmArns: readonly string[];

  constructor(scope: Construct, id: string, props: PlatformAlarmsProps) {
    super(scope, id);

    // Defaults: three of the last five minutes.
    const evaluationPeriods = props.evaluationPeriods ?? 5;
    const datapointsToAlarm = props.datapointsToAlarm ?? 3;
    requireWholeNumber(this, "evaluationPeriods", evaluationPeriods, 1, 60);
    requireWholeNumber(this, "datapointsToAlarm", datapointsToAlarm, 1, evaluationPeriods);

    this.specs = alarmSpecs(props.signals, props.thresholds);
    const seen = new Set<string>();
    for (const spec of this.specs) {
      if (seen.has(spec.key)) {
        throw new ValidationError(`signals: two alarms are named ${show(spec.key)}; expected unique names`, this);
      }
      seen.add(spec.key);
    }

    const warnings = props.warningsTopicArn ? [props.warningsTopicArn] : [];
    const pages = props.pagingTopicArn ? [props.pagingTopicArn] : [];
    const name = (key: string) => (key.startsWith(`${props.namePrefix}-`) ? key : `${props.namePrefix}-${key}`);

    // Composite rules name their members literally (readable in a plan); depends_on orders the creation.
    const alarmNames = new Map<CloudwatchMetricAlarm, string>();
    const alarmsByLayer = new Map<AlarmLayer, CloudwatchMetricAlarm[]>();
    this.alarms = this.specs.map((spec) => {
      const alarm = new CloudwatchMetricAlarm(this, spec.key, {
        alarmName: name(spec.key),
        alarmDescription: `[${spec.layer}] ${spec.description} Missing data: ${spec.missingData}.`,
        comparisonOperator: spec.comparison,
        threshold: spec.threshold,
        evaluationPeriods: spec.sustainedMinutes ?? evaluationPeriods,
        datapointsToAlarm: spec.sustainedMinutes ?? datapointsToAlarm,
        treatMissingData: spec.missingData,
        alarmActions: warnings,
        okActions: warnings,
        ...signalConfig(spec),
      });
      alarmNames.set(alarm, name(spec.key));
      alarmsByLayer.set(spec.layer, [...(alarmsByLayer.get(spec.layer) ?? []), alarm]);
      return alarm;
    });

    const layerAlarms: Partial<Record<AlarmLayer, CloudwatchCompositeAlarm>> = {};
    for (const layer of ALARM_LAYERS) {
      const members = alarmsByLayer.get(layer) ?? [];
      if (members.length === 0) {
        continue;
      }
      layerAlarms[layer] = new CloudwatchCompositeAlarm(this, `${capitalize(layer)}Degraded`, {
        alarmName: name(`${layer}-degraded`),
        alarmDescription: `[${layer}] At least one ${layer} alarm is in ALARM; see the dashboard's alarm row.`,
        alarmRule: anyOf(members.map((alarm) => alarmNames.get(alarm) ?? "")),
        alarmActions: pages,
        okActions: pages,
        dependsOn: members,
      });
    }
    this.layerAlarms = layerAlarms;

    const layers = Object.values(layerAlarms);
    this.platformDegraded = new CloudwatchCompositeAlarm(this, "PlatformDegraded", {
      alarmName: name("platform-degraded"),
      alarmDescription: `The platform is degraded: an alarm of the ${Object.keys(layerAlarms).join(", ")} layers is in ALARM. The dashboard's alarm row shows which.`,
      alarmRule: anyOf(ALARM_LAYERS.filter((layer) => layerAlarms[layer]).map((layer) => name(`${layer}-degraded`))),
      alarmActions: warnings,
      okActions: warnings,
      dependsOn: layers,
    });

    this.alarmArns = [this.platformDegraded.arn, ...layers.map((alarm) => alarm.arn), ...this.alarms.map((a) => a.arn)];
  }
}

/** `ALARM("a") OR ALARM("b")`: a composite rule that fires when any member fires. */
function anyOf(alarmNames: readonly string[]): string {
  return alarmNames.map((alarmName) => `ALARM("${alarmName}")`).join(" OR ");
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The metric (or metric math) part of an alarm's config. */
function signalConfig(spec: AlarmSpec): Partial<CloudwatchMetricAlarmConfig> {
  const signal = spec.signal;
  if ("metric" in signal) {
    const metric = signal.metric;
    return {
      namespace: metric.namespace,
      metricName: metric.metricName,
      dimensions: { ...metric.dimensions },
      period: metric.periodSeconds,
      ...(STANDARD_STATISTICS.includes(metric.statistic)
        ? { statistic: metric.statistic }
        : { extendedStatistic: metric.statistic }),
    };
  }
  const queries: CloudwatchMetricAlarmMetricQuery[] = [
    { id: "signal", expression: signal.expression, label: signal.label, returnData: true },
    ...Object.entries(signal.metrics).map(([id, metric]) => metricQuery(id, metric)),
  ];
  return { metricQuery: queries };
}

function metricQuery(id: string, metric: MetricDescriptor): CloudwatchMetricAlarmMetricQuery {
  return {
    id,
    returnData: false,
    metric: {
      namespace: metric.namespace,
      metricName: metric.metricName,
      dimensions: { ...metric.dimensions },
      period: metric.periodSeconds,
      stat: metric.statistic,
    },
  };
}
