import type { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { AutoscalingPolicy } from "@cdktf/provider-aws/lib/autoscaling-policy";
import { AutoscalingSchedule } from "@cdktf/provider-aws/lib/autoscaling-schedule";
import type { Construct } from "constructs";
import type { AutoScalingGroupScaling, ResolvedAutoScalingGroupSettings } from "./asg-props";
import type { ScheduledActionOptions } from "./options";

/**
 * `aws_autoscaling_schedule` sends 0 for a size left unset, which would empty the group: unset sizes are sent as -1,
 * Auto Scaling's "no change".
 */
const UNCHANGED = -1;

/**
 * What scalers own on the group, for `ignore_changes`: the desired capacity (target tracking and predictive
 * scaling), and the bounds any scheduled action sets (Auto Scaling writes them when the action runs; min and max
 * are required arguments, so without this every apply would put the configured ones back until the next action).
 */
export function ownedByScalers(scheduled: readonly ScheduledActionOptions[]): string[] {
  return [
    "desired_capacity",
    ...(scheduled.some((action) => action.minSize !== undefined) ? ["min_size"] : []),
    ...(scheduled.some((action) => action.maxSize !== undefined) ? ["max_size"] : []),
  ];
}

/** The scaling policies of a group. */
export interface AutoScalingGroupPolicies {
  readonly cpuScaling: AutoscalingPolicy;
  readonly requestScaling?: AutoscalingPolicy;
  readonly predictiveScaling?: AutoscalingPolicy;
}

/**
 * The scaling of `group`, in `scope`: target tracking on CPU, on ALB requests per target when asked, predictive
 * scaling when asked (with its defaults resolved), and the scheduled actions.
 */
export function addScaling(
  scope: Construct,
  group: AutoscalingGroup,
  scaling: AutoScalingGroupScaling,
  predictive: ResolvedAutoScalingGroupSettings["predictive"],
  scheduled: readonly ScheduledActionOptions[],
): AutoScalingGroupPolicies {
  // Scaling: the policy asking for the most capacity wins; predictive scaling raises the floor ahead of demand.
  const cpuScaling = new AutoscalingPolicy(scope, "CpuScaling", {
    autoscalingGroupName: group.name,
    name: "cpu-target-tracking",
    policyType: "TargetTrackingScaling",
    targetTrackingConfiguration: {
      predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
      targetValue: scaling.cpuTargetPercent,
    },
  });
  let requestScaling: AutoscalingPolicy | undefined;
  let predictiveScaling: AutoscalingPolicy | undefined;
  const requests = scaling.requestsPerTarget;
  if (requests) {
    requestScaling = new AutoscalingPolicy(scope, "RequestScaling", {
      autoscalingGroupName: group.name,
      name: "alb-requests-target-tracking",
      policyType: "TargetTrackingScaling",
      targetTrackingConfiguration: {
        predefinedMetricSpecification: {
          predefinedMetricType: "ALBRequestCountPerTarget",
          resourceLabel: requests.resourceLabel,
        },
        targetValue: requests.targetValue,
      },
    });
  }
  if (predictive) {
    predictiveScaling = new AutoscalingPolicy(scope, "PredictiveScaling", {
      autoscalingGroupName: group.name,
      name: "cpu-predictive",
      policyType: "PredictiveScaling",
      predictiveScalingConfiguration: {
        mode: predictive.mode,
        schedulingBufferTime: String(predictive.schedulingBufferSeconds),
        maxCapacityBreachBehavior: "HonorMaxCapacity",
        metricSpecification: {
          targetValue: predictive.cpuTargetPercent,
          predefinedMetricPairSpecification: { predefinedMetricType: "ASGCPUUtilization" },
        },
      },
    });
  }
  for (const action of scheduled) {
    new AutoscalingSchedule(scope, `Schedule-${action.name}`, {
      autoscalingGroupName: group.name,
      scheduledActionName: action.name,
      recurrence: action.recurrence,
      timeZone: action.timeZone,
      minSize: action.minSize ?? UNCHANGED,
      maxSize: action.maxSize ?? UNCHANGED,
      desiredCapacity: action.desiredCapacity ?? UNCHANGED,
    });
  }
  return { cpuScaling, requestScaling, predictiveScaling };
}
