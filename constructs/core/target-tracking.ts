import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";

export interface TargetTrackingScalingProps {
  /** Application Auto Scaling namespace, e.g. `elasticache` or `kafka`. */
  readonly serviceNamespace: string;
  /** The scaled resource, e.g. `replication-group/acme-prod-cache` or an MSK cluster ARN. */
  readonly resourceId: string;
  /** What is scaled, e.g. `elasticache:replication-group:NodeGroups`. */
  readonly scalableDimension: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** Name of the scaling policy, unique per resource and dimension. */
  readonly policyName: string;
  /** Predefined metric tracked, e.g. `ElastiCachePrimaryEngineCPUUtilization`. */
  readonly predefinedMetric: string;
  /** The value of the metric the policy keeps the resource at. */
  readonly targetValue: number;
  /**
   * Never scale in (for capacity that cannot shrink, such as MSK broker storage).
   *
   * @default false
   */
  readonly disableScaleIn?: boolean;
  /** Seconds after a scale-in before the next. Ignored when scale-in is disabled. */
  readonly scaleInCooldownSeconds?: number;
  /** Seconds after a scale-out before the next. */
  readonly scaleOutCooldownSeconds?: number;
  /**
   * Resources the scalable target waits for, e.g. another scaler of the same resource (services apply one scaling
   * change at a time).
   *
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * An Application Auto Scaling target with one target-tracking policy: the service adds or removes capacity to keep
 * a predefined metric at the target value, within the bounds. The resource's own capacity attribute must be left to
 * the scaler (`ignore_changes`), or every apply would undo its work.
 */
export class TargetTrackingScaling extends Construct {
  public readonly target: AppautoscalingTarget;
  public readonly policy: AppautoscalingPolicy;

  constructor(scope: Construct, id: string, props: TargetTrackingScalingProps) {
    super(scope, id);

    const disableScaleIn = props.disableScaleIn ?? false;
    this.target = new AppautoscalingTarget(this, "Target", {
      serviceNamespace: props.serviceNamespace,
      resourceId: props.resourceId,
      scalableDimension: props.scalableDimension,
      minCapacity: props.minCapacity,
      maxCapacity: props.maxCapacity,
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    this.policy = new AppautoscalingPolicy(this, "Policy", {
      name: props.policyName,
      policyType: "TargetTrackingScaling",
      serviceNamespace: this.target.serviceNamespace,
      resourceId: this.target.resourceId,
      scalableDimension: this.target.scalableDimension,
      targetTrackingScalingPolicyConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: props.predefinedMetric },
        targetValue: props.targetValue,
        disableScaleIn,
        scaleInCooldown: disableScaleIn ? undefined : props.scaleInCooldownSeconds,
        scaleOutCooldown: props.scaleOutCooldownSeconds,
      },
    });
  }
}
