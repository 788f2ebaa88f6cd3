import { type MetricDescriptor, type MetricTemplate, metricsFor, perMinute } from "../core/metric";

/** The group's metrics that dashboards and alarms need (group metrics are published because they are enabled). */
const GROUP_METRICS = {
  inServiceInstances: perMinute("GroupInServiceInstances", "Minimum", "None", "In-service instances"),
  desiredCapacity: perMinute("GroupDesiredCapacity", "Maximum", "None", "Desired capacity"),
} as const satisfies Record<string, MetricTemplate>;

/** The instances' metrics, aggregated over the group by EC2. */
const INSTANCE_METRICS = {
  cpuUtilization: perMinute("CPUUtilization", "Average", "Percent", "CPU"),
} as const satisfies Record<string, MetricTemplate>;

export type AutoScalingGroupMetrics = Record<
  keyof typeof GROUP_METRICS | keyof typeof INSTANCE_METRICS,
  MetricDescriptor
>;

/**
 * The metrics of the group named `groupName` (dimension `AutoScalingGroupName`). A weighted group's desired
 * capacity is in units, so its in-service figure is GroupInServiceCapacity (units) instead of instances.
 */
export function autoScalingGroupMetrics(groupName: string, weighted = false): AutoScalingGroupMetrics {
  const dimensions = { AutoScalingGroupName: groupName };
  const metrics = {
    ...metricsFor("AWS/AutoScaling", dimensions, GROUP_METRICS),
    ...metricsFor("AWS/EC2", dimensions, INSTANCE_METRICS),
  };
  return weighted
    ? {
        ...metrics,
        inServiceInstances: metricsFor("AWS/AutoScaling", dimensions, {
          inServiceInstances: perMinute("GroupInServiceCapacity", "Minimum", "None", "In-service capacity (units)"),
        }).inServiceInstances,
      }
    : metrics;
}

/** Group metrics Auto Scaling publishes to CloudWatch once enabled (free, one-minute granularity). */
export const ENABLED_GROUP_METRICS = [
  "GroupInServiceCapacity",
  "GroupMinSize",
  "GroupMaxSize",
  "GroupDesiredCapacity",
  "GroupInServiceInstances",
  "GroupPendingInstances",
  "GroupStandbyInstances",
  "GroupTerminatingInstances",
  "GroupTotalInstances",
] as const;
