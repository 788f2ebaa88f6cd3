import type { PredictiveScalingMode, ScheduledActionOptions, SpotAllocationStrategy } from "./options";

/** Target tracking on the load balancer's requests per instance. */
export interface RequestScalingOptions {
  /** Requests per target per minute the group is kept at. */
  readonly targetValue: number;
  /** `<load balancer arn_suffix>/<target group arn_suffix>`; the target group must be one of `targetGroupArns`. */
  readonly resourceLabel: string;
}

/** Predictive scaling on CPU: capacity is launched ahead of the daily and weekly pattern of the last 14 days. */
export interface PredictiveScalingOptions {
  /**
   * `ForecastOnly` publishes forecasts to review in the console; `ForecastAndScale` also acts on them.
   *
   * @default "ForecastOnly"
   */
  readonly mode?: PredictiveScalingMode;
  /**
   * Average CPU the forecast capacity is sized for, percent.
   *
   * @default - scaling.cpuTargetPercent
   */
  readonly cpuTargetPercent?: number;
  /**
   * How long before the forecast need instances are launched, seconds (their boot time).
   *
   * @default 300
   */
  readonly schedulingBufferSeconds?: number;
}

/** How the group follows load. */
export interface AutoScalingGroupScaling {
  /** Target tracking on the group's average CPU, percent (e.g. 70). */
  readonly cpuTargetPercent: number;
  /**
   * Target tracking on ALBRequestCountPerTarget, next to CPU (the policy asking for more capacity wins).
   *
   * @default - none
   */
  readonly requestsPerTarget?: RequestScalingOptions;
  /**
   * Predictive scaling on CPU (the ASGCPUUtilization metric pair), never above maxSize.
   *
   * @default - none
   */
  readonly predictive?: PredictiveScalingOptions;
  /**
   * Scheduled size changes, e.g. an off-peak scale-down and the morning's scale-up.
   *
   * @default - none
   */
  readonly scheduled?: readonly ScheduledActionOptions[];
}

/** The instances' root volume: always gp3, encrypted, deleted with the instance. */
export interface RootVolumeOptions {
  /**
   * Size, GiB.
   *
   * @default 30
   */
  readonly sizeGiB?: number;
  /**
   * Customer-managed key of the volumes. Its policy must let the Auto Scaling service-linked role
   * (AWSServiceRoleForAutoScaling) use it and create grants, or instances fail to launch.
   *
   * @default - a key this construct creates, with rotation and that grant
   */
  readonly kmsKeyArn?: string;
  /**
   * ARN of AWSServiceRoleForAutoScaling, which the created key's policy names: pass the `ServiceLinkedRole` that
   * makes sure it exists (a fresh account has none until its first auto-scaling group, which needs the key first).
   *
   * @default - looked up by name at plan time (data.aws_iam_role), which fails if the account has none yet
   */
  readonly autoScalingRoleArn?: string;
}

/** Rolling replacement of the instances when the launch template (image, user data, ...) changes. */
export interface InstanceRefreshOptions {
  /**
   * Share of the group that stays in service during a refresh, percent.
   *
   * @default 90
   */
  readonly minHealthyPercentage?: number;
  /**
   * Seconds a new instance needs before it counts as in service (also the group's default instance warmup, which
   * scaling policies use).
   *
   * @default 300
   */
  readonly instanceWarmupSeconds?: number;
}

export interface AutoScalingGroupProps {
  /**
   * Name of the group, e.g. `acme-prod-monolith`: the group, its security group, instance role and profile are
   * named so, the launch template name starts with it, the volume key's alias is `<name>-volumes`.
   */
  readonly name: string;
  readonly vpcId: string;
  /** Private subnets, one per availability zone: instances spread over all of them. */
  readonly subnetIds: readonly string[];
  /**
   * Instance types, all of one architecture (Graviton or x86; the image follows). At least two when any capacity
   * can be spot. For on-demand capacity the first type is preferred, the next ones used when it is short.
   */
  readonly instanceTypes: readonly string[];
  /**
   * Public SSM parameter that holds the image id. Read at plan time: a new image in the parameter changes the
   * launch template, and the instance refresh rolls it out.
   *
   * @default - Amazon Linux 2023 of the instance types' architecture,
   *   /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64 or -x86_64
   */
  readonly amiParameter?: string;
  /** Fewest instances; scaling policies and scheduled actions never go below it. */
  readonly minSize: number;
  /** Most instances. */
  readonly maxSize: number;
  /**
   * Instances at creation. Afterwards the scaling policies own the number (`desired_capacity` is ignored).
   *
   * @default - minSize
   */
  readonly desiredCapacity?: number;
  /**
   * On-demand instances before any spot.
   *
   * @default - minSize
   */
  readonly onDemandBaseCapacity?: number;
  /**
   * Share of the capacity above the on-demand base that is on-demand, percent; 100 turns spot off.
   *
   * @default 0 (all spot above the base)
   */
  readonly onDemandPercentageAboveBase?: number;
  /** The port the application listens on (the load balancer's target port); `allowFrom` opens it. */
  readonly port: number;
  /**
   * User data script, plain text (the construct base64-encodes it).
   *
   * @default - none
   */
  readonly userData?: string;
  /**
   * The root volume.
   *
   * @default - 30 GiB gp3 on a key this construct creates
   */
  readonly rootVolume?: RootVolumeOptions;
  /**
   * Target groups the instances register in. With any, the group uses the load balancer's health checks.
   *
   * @default - none (EC2 status checks only)
   */
  readonly targetGroupArns?: readonly string[];
  /**
   * Seconds after launch before failed health checks replace an instance.
   *
   * @default 300
   */
  readonly healthCheckGracePeriodSeconds?: number;
  /** How the group follows load. */
  readonly scaling: AutoScalingGroupScaling;
  /**
   * Rolling replacement on launch template change (strategy Rolling, matching instances skipped, automatic
   * rollback when the refresh fails).
   *
   * @default - 90 % healthy, 300 s warmup
   */
  readonly instanceRefresh?: InstanceRefreshOptions;
  /**
   * Which instances go first on scale-in, in order.
   *
   * @default DEFAULT_TERMINATION_POLICIES: OldestLaunchTemplate, AllocationStrategy, Default
   */
  readonly terminationPolicies?: readonly string[];
  /**
   * Replace spot instances at elevated interruption risk before they are reclaimed.
   *
   * @default true
   */
  readonly capacityRebalance?: boolean;
  /**
   * How spot capacity is chosen among the instance types' pools.
   *
   * @default "price-capacity-optimized"
   */
  readonly spotAllocationStrategy?: SpotAllocationStrategy;
  /**
   * Tags of the instances, their volumes and network interfaces, and of the group. The provider's default tags do
   * not reach these (neither the group nor a launch template's tag specifications take them): pass the stack's
   * tags here. `Name` is always the group's name.
   *
   * @default - only Name
   */
  readonly instanceTags?: Readonly<Record<string, string>>;
}

/** A security group and port the instances connect to (the shape of a data store's ingress points). */
export interface EgressDestination {
  /** Says what the destination is, for rule ids and descriptions: `Shard0`, `Cache`. */
  readonly name: string;
  readonly securityGroupId: string;
  readonly port: number;
}

/** The props' settings with their defaults resolved, as the construct uses them. */
export interface ResolvedAutoScalingGroupSettings {
  readonly desiredCapacity: number;
  readonly onDemandBaseCapacity: number;
  readonly onDemandPercentageAboveBase: number;
  readonly spotAllocationStrategy: string;
  readonly rootVolumeSizeGiB: number;
  readonly healthCheckGracePeriodSeconds: number;
  readonly minHealthyPercentage: number;
  readonly instanceWarmupSeconds: number;
  readonly terminationPolicies: readonly string[];
  readonly scheduled: readonly ScheduledActionOptions[];
  readonly predictive?: {
    readonly mode: string;
    readonly cpuTargetPercent: number;
    readonly schedulingBufferSeconds: number;
  };
}
