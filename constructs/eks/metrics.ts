import { type MetricDescriptor, type MetricTemplate, metricsFor, perMinute } from "../core/metric";

/**
 * The metrics of a managed node group's instances, aggregated by EC2 over the group's auto-scaling group. The nodes
 * have detailed (one-minute) monitoring, so the SampleCount of CPUUtilization over a minute is the number of nodes
 * reporting: the node count, without an agent (EKS does not enable group metrics on the groups it creates).
 */
const NODE_GROUP_METRICS = {
  nodes: perMinute("CPUUtilization", "SampleCount", "Count", "Nodes"),
  cpuUtilization: perMinute("CPUUtilization", "Average", "Percent", "Node CPU"),
} as const satisfies Record<string, MetricTemplate>;

export type NodeGroupMetrics = Record<keyof typeof NODE_GROUP_METRICS, MetricDescriptor>;

/** Metrics of the node group whose auto-scaling group is named `autoScalingGroupName`. */
export function nodeGroupMetrics(autoScalingGroupName: string): NodeGroupMetrics {
  return metricsFor("AWS/EC2", { AutoScalingGroupName: autoScalingGroupName }, NODE_GROUP_METRICS);
}
