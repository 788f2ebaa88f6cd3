import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { AutoscalingPolicy } from "@cdktf/provider-aws/lib/autoscaling-policy";
import { AutoscalingSchedule } from "@cdktf/provider-aws/lib/autoscaling-schedule";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import { suppressRule } from "../core/suppress";
import { show, ValidationError } from "../core/errors";
import { joinName } from "../core/naming";
import { awsManagedPolicyArn } from "../core/aws-context";
import { type MetricDescriptor, type MetricTemplate, metricsFor, perMinute } from "../core/metric";
import { allowTcpFrom, allowTcpTo } from "../core/security-group-rules";
import { ServiceLinkedRole } from "../core/service-linked-role";
import { requireOneOf, requireWholeNumber } from "../core/validation";
import { architectureOf } from "../eks/options";
import { autoScalingVolumeGrants, EncryptionKey } from "../kms/encryption-key";
import {
  AL2023_AMI_PARAMETERS,
  capacityWeights,
  checkCapacity,
  checkInstanceTypes,
  checkScheduledAction,
  checkTerminationPolicy,
  CPU_TARGET_PERCENT,
  DEFAULT_TERMINATION_POLICIES,
  GROUP_NAME,
  GROUP_NAME_EXPECTATION,
  GROUP_SIZE,
  HEALTH_CHECK_GRACE_SECONDS,
  INSTANCE_WARMUP_SECONDS,
  PERCENT,
  PORT,
  PREDICTIVE_SCALING_MODES,
  type PredictiveScalingMode,
  REQUEST_RESOURCE_LABEL,
  REQUEST_RESOURCE_LABEL_EXPECTATION,
  REQUESTS_PER_TARGET,
  ROOT_VOLUME_GIB,
  type ScheduledActionOptions,
  SCHEDULING_BUFFER_SECONDS,
  SPOT_ALLOCATION_STRATEGIES,
  type SpotAllocationStrategy,
  SSM_PARAMETER_NAME,
  SSM_PARAMETER_NAME_EXPECTATION,
} from "./options";

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

/**
 * What scalers own on the group, for `ignore_changes`: the desired capacity (target tracking and predictive
 * scaling), and the bounds any scheduled action sets (Auto Scaling writes them when the action runs; min and max
 * are required arguments, so without this every apply would put the configured ones back until the next action).
 */
function ownedByScalers(scheduled: readonly ScheduledActionOptions[]): string[] {
  return [
    "desired_capacity",
    ...(scheduled.some((action) => action.minSize !== undefined) ? ["min_size"] : []),
    ...(scheduled.some((action) => action.maxSize !== undefined) ? ["max_size"] : []),
  ];
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

/**
 * `aws_autoscaling_schedule` sends 0 for a size left unset, which would empty the group: unset sizes are sent as -1,
 * Auto Scaling's "no change".
 */
const UNCHANGED = -1;

/** What Terraform waits for after creating or resizing the group (instances in service), before failing the apply. */
const WAIT_FOR_CAPACITY_TIMEOUT = "10m";

/**
 * An EC2 auto-scaling group in private subnets, for workloads that run on instances rather than in the cluster
 * (first user: the legacy monolith behind an internal ALB).
 *
 * - Instances: the latest Amazon Linux 2023 image of the instance types' architecture (from its public SSM
 *   parameter), IMDSv2 only (tokens required, hop limit 1, no instance tags in metadata), an encrypted gp3 root
 *   volume on a customer-managed key, detailed monitoring, Name (and `instanceTags`) on instances, volumes and
 *   network interfaces. No key pair: shell access is SSM Session Manager, which is all the instance role allows
 *   (AmazonSSMManagedInstanceCore).
 * - Network: a security group with no ingress until `allowFrom` opens the application port to a security group
 *   (the load balancer's); egress HTTPS anywhere (SSM, package repositories) and what `allowTo`/`allowToEach`
 *   grant (a database, a cache: their own ingress rules are not enough).
 * - Capacity: a mixed-instances policy, on-demand up to the base, spot above it (price-capacity-optimized over every
 *   instance type, with capacity rebalancing). Types of different sizes are weighted by vCPUs in units of the first
 *   type (sizes are then in those units). `desired_capacity` is ignored after creation, so that an apply never
 *   undoes the scaling policies' work, and so are min and max when a scheduled action sets them: the schedule owns
 *   the bounds, `minSize`/`maxSize` only apply at creation (change the schedule's values to change them).
 * - Scaling: target tracking on CPU, optionally on ALB requests per target, optionally predictive scaling on CPU,
 *   and scheduled actions.
 * - Updates: a launch template change (new image, user data) starts a rolling instance refresh that keeps 90 % in
 *   service, skips instances already up to date, and rolls back by itself when it fails. With target groups, the
 *   load balancer's health checks decide which instances are healthy.
 */
export class AutoScalingGroup extends Construct {
  /** The `aws_autoscaling_group`. */
  public readonly group: AutoscalingGroup;
  /** The group's name (an attribute: dependants wait for the group). */
  public readonly groupName: string;
  public readonly groupArn: string;
  public readonly launchTemplate: LaunchTemplate;
  /** The instances' security group; `allowFrom` opens the application port on it. */
  public readonly securityGroupId: string;
  /** The instance role; attach the application's own policies to it. */
  public readonly role: IamRole;
  public readonly instanceProfile: IamInstanceProfile;
  /** Key of the root volumes: `rootVolume.kmsKeyArn`, or the key created here. */
  public readonly volumeKeyArn: string;
  /** The key created for the root volumes, when none was given. */
  public readonly volumeKey?: EncryptionKey;
  /** The port the application listens on. */
  public readonly port: number;
  /** CloudWatch metrics of the group, for dashboards and alarms. */
  public readonly metrics: AutoScalingGroupMetrics;
  public readonly cpuScaling: AutoscalingPolicy;
  public readonly requestScaling?: AutoscalingPolicy;
  public readonly predictiveScaling?: AutoscalingPolicy;

  constructor(scope: Construct, id: string, props: AutoScalingGroupProps) {
    super(scope, id);

    // Defaults: start at the minimum, on-demand up to the minimum and spot above it (price-capacity-optimized, with
    // rebalancing), 30 GiB root volume on our own key, five minutes of health-check grace and warmup, 90 % healthy
    // during refreshes, stale launch templates terminated first. Predictive scaling only forecasts until told to
    // scale, with a five-minute buffer and the CPU target of target tracking.
    const desiredCapacity = props.desiredCapacity ?? props.minSize;
    const onDemandBaseCapacity = props.onDemandBaseCapacity ?? props.minSize;
    const onDemandPercentageAboveBase = props.onDemandPercentageAboveBase ?? 0;
    const spotAllocationStrategy = props.spotAllocationStrategy ?? "price-capacity-optimized";
    const capacityRebalance = props.capacityRebalance ?? true;
    const rootVolumeSizeGiB = props.rootVolume?.sizeGiB ?? 30;
    const targetGroupArns = [...(props.targetGroupArns ?? [])];
    const healthCheckGracePeriodSeconds = props.healthCheckGracePeriodSeconds ?? 300;
    const minHealthyPercentage = props.instanceRefresh?.minHealthyPercentage ?? 90;
    const instanceWarmupSeconds = props.instanceRefresh?.instanceWarmupSeconds ?? 300;
    const terminationPolicies = [...(props.terminationPolicies ?? DEFAULT_TERMINATION_POLICIES)];
    const scheduled = [...(props.scaling.scheduled ?? [])];
    const predictive = props.scaling.predictive
      ? {
          mode: props.scaling.predictive.mode ?? "ForecastOnly",
          cpuTargetPercent: props.scaling.predictive.cpuTargetPercent ?? props.scaling.cpuTargetPercent,
          schedulingBufferSeconds: props.scaling.predictive.schedulingBufferSeconds ?? 300,
        }
      : undefined;
    const instanceTags = { ...(props.instanceTags ?? {}), Name: props.name };

    this.validate(props, {
      desiredCapacity,
      onDemandBaseCapacity,
      onDemandPercentageAboveBase,
      spotAllocationStrategy,
      rootVolumeSizeGiB,
      healthCheckGracePeriodSeconds,
      minHealthyPercentage,
      instanceWarmupSeconds,
      terminationPolicies,
      scheduled,
      predictive,
    });

    const name = props.name;
    this.port = props.port;
    const weighted = capacityWeights(props.instanceTypes);
    const weights = Array.isArray(weighted) ? weighted : undefined;
    this.metrics = autoScalingGroupMetrics(name, weights !== undefined);

    // Network: nothing in until a grant; out, HTTPS for SSM, package repositories and AWS APIs.
    const securityGroup = new SecurityGroup(this, "SecurityGroup", {
      name,
      description: `Instances of ${name}: the application port from granted security groups only`,
      vpcId: props.vpcId,
      tags: { Name: name },
    });
    this.securityGroupId = securityGroup.id;
    new VpcSecurityGroupEgressRule(this, "HttpsEgress", {
      securityGroupId: securityGroup.id,
      description: "HTTPS to SSM, package repositories and AWS APIs",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
    });

    // Identity: Session Manager and nothing else; no key pair.
    const trust = new DataAwsIamPolicyDocument(this, "InstanceRoleTrust", {
      statement: [
        {
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }],
          actions: ["sts:AssumeRole"],
        },
      ],
    });
    const roleName = joinName(name, "instance", { maxLength: 64 });
    this.role = new IamRole(this, "InstanceRole", {
      name: roleName,
      description: `Instance role of ${name}`,
      assumeRolePolicy: trust.json,
    });
    const ssmPolicy = "AmazonSSMManagedInstanceCore";
    new IamRolePolicyAttachment(this, `InstanceRole-${ssmPolicy}`, {
      role: this.role.name,
      policyArn: awsManagedPolicyArn(this, ssmPolicy),
    });
    this.instanceProfile = new IamInstanceProfile(this, "InstanceProfile", {
      name: roleName,
      role: this.role.name,
    });

    // Root volumes: Auto Scaling launches the instances through its service-linked role, which IAM policies cannot
    // extend: the key policy itself must let it encrypt the volumes.
    const givenKeyArn = props.rootVolume?.kmsKeyArn;
    if (givenKeyArn === undefined) {
      this.volumeKey = new EncryptionKey(this, "VolumeKey", {
        aliasName: `${name}-volumes`,
        description: `Encrypts the root volumes of ${name}`,
        principalGrants: autoScalingVolumeGrants(
          props.rootVolume?.autoScalingRoleArn ??
            new ServiceLinkedRole(this, "AutoScalingRole", {
              service: "autoscaling.amazonaws.com",
              roleName: "AWSServiceRoleForAutoScaling",
              create: false,
            }).arn,
        ),
      });
      suppressRule(
        this.volumeKey.key,
        "PLAT_PREVENT_DESTROY",
        "Encrypts only the root volumes of replaceable instances, deleted on termination: no data outlives an instance, so destroying the key loses nothing",
      );
      this.volumeKeyArn = this.volumeKey.keyArn;
    } else {
      this.volumeKeyArn = givenKeyArn;
    }

    // The image id is resolved at plan time (not `resolve:ssm:` at launch): automatic rollback of an instance
    // refresh needs a literal image id, and a plan shows when a new image is about to roll out.
    const image = new DataAwsSsmParameter(this, "AmiParameter", {
      name: props.amiParameter ?? AL2023_AMI_PARAMETERS[architectureOf(props.instanceTypes[0])],
    });

    this.launchTemplate = new LaunchTemplate(this, "LaunchTemplate", {
      namePrefix: `${name}-`,
      description: `Instances of ${name}`,
      // `insecure_value`: public image parameters are not secret, and `value` would hide the image id in plans.
      imageId: image.insecureValue,
      updateDefaultVersion: true,
      iamInstanceProfile: { arn: this.instanceProfile.arn },
      vpcSecurityGroupIds: [securityGroup.id],
      userData: props.userData === undefined ? undefined : base64UserData(props.userData),
      monitoring: { enabled: true },
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: "disabled",
      },
      blockDeviceMappings: [
        {
          // The root device of Amazon Linux 2023.
          deviceName: "/dev/xvda",
          ebs: {
            volumeSize: rootVolumeSizeGiB,
            volumeType: "gp3",
            encrypted: "true",
            kmsKeyId: this.volumeKeyArn,
            deleteOnTermination: "true",
          },
        },
      ],
      tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
        resourceType,
        tags: instanceTags,
      })),
      tags: { Name: name },
      lifecycle: { createBeforeDestroy: true },
    });

    this.group = new AutoscalingGroup(this, "Resource", {
      name,
      vpcZoneIdentifier: [...props.subnetIds],
      minSize: props.minSize,
      maxSize: props.maxSize,
      desiredCapacity,
      mixedInstancesPolicy: {
        instancesDistribution: {
          onDemandBaseCapacity,
          onDemandPercentageAboveBaseCapacity: onDemandPercentageAboveBase,
          spotAllocationStrategy,
        },
        launchTemplate: {
          launchTemplateSpecification: {
            launchTemplateId: this.launchTemplate.id,
            // A numbered version: instance refresh starts on a change of it, and rollback needs it.
            version: Token.asString(this.launchTemplate.latestVersion),
          },
          // Types of different sizes count their vCPUs in units of the first type's, so that capacity is capacity.
          override: props.instanceTypes.map((instanceType, index) => ({
            instanceType,
            weightedCapacity: weights ? String(weights[index]) : undefined,
          })),
        },
      },
      capacityRebalance,
      healthCheckType: targetGroupArns.length > 0 ? "ELB" : "EC2",
      healthCheckGracePeriod: healthCheckGracePeriodSeconds,
      targetGroupArns: targetGroupArns.length > 0 ? targetGroupArns : undefined,
      defaultInstanceWarmup: instanceWarmupSeconds,
      enabledMetrics: [...ENABLED_GROUP_METRICS],
      metricsGranularity: "1Minute",
      terminationPolicies,
      protectFromScaleIn: false,
      waitForCapacityTimeout: WAIT_FOR_CAPACITY_TIMEOUT,
      instanceRefresh: {
        strategy: "Rolling",
        preferences: {
          minHealthyPercentage,
          instanceWarmup: String(instanceWarmupSeconds),
          skipMatching: true,
          autoRollback: true,
        },
      },
      tag: Object.entries(instanceTags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
      // The scaling policies own the desired capacity, and scheduled actions the bounds they set.
      lifecycle: { ignoreChanges: ownedByScalers(scheduled) },
    });
    this.groupName = this.group.name;
    this.groupArn = this.group.arn;

    // Scaling: the policy asking for the most capacity wins; predictive scaling raises the floor ahead of demand.
    this.cpuScaling = new AutoscalingPolicy(this, "CpuScaling", {
      autoscalingGroupName: this.group.name,
      name: "cpu-target-tracking",
      policyType: "TargetTrackingScaling",
      targetTrackingConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
        targetValue: props.scaling.cpuTargetPercent,
      },
    });
    const requests = props.scaling.requestsPerTarget;
    if (requests) {
      this.requestScaling = new AutoscalingPolicy(this, "RequestScaling", {
        autoscalingGroupName: this.group.name,
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
      this.predictiveScaling = new AutoscalingPolicy(this, "PredictiveScaling", {
        autoscalingGroupName: this.group.name,
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
      new AutoscalingSchedule(this, `Schedule-${action.name}`, {
        autoscalingGroupName: this.group.name,
        scheduledActionName: action.name,
        recurrence: action.recurrence,
        timeZone: action.timeZone,
        minSize: action.minSize ?? UNCHANGED,
        maxSize: action.maxSize ?? UNCHANGED,
        desiredCapacity: action.desiredCapacity ?? UNCHANGED,
      });
    }
  }

  /**
   * Lets a security group (the load balancer's) reach the application port. `id` names the grant (its rule's
   * construct id), e.g. `Alb`.
   */
  public allowFrom(id: string, securityGroupId: string, description = `Application port from ${id}`): void {
    allowTcpFrom(this, `${id}Ingress`, {
      securityGroupId: this.securityGroupId,
      sourceSecurityGroupId: securityGroupId,
      port: this.port,
      description,
    });
  }

  /**
   * Lets the instances connect to a security group on a port (a database, a cache): egress is closed except for
   * HTTPS, so granting access on the other side (`db.allowFrom(...)`) is not enough. `id` names the grant.
   */
  public allowTo(id: string, securityGroupId: string, port: number, description = `Port ${port} to ${id}`): void {
    requireWholeNumber(this, `allowTo(${id}): port`, port, PORT.min, PORT.max);
    allowTcpTo(this, `${id}Egress`, {
      securityGroupId: this.securityGroupId,
      destinationSecurityGroupId: securityGroupId,
      port,
      description,
    });
  }

  /**
   * `allowTo` for each of several destinations, e.g. a data store's ingress points (every shard, proxy or node
   * group): one egress rule `<id>-<name>` per destination. The destinations' own ingress is granted separately.
   */
  public allowToEach(id: string, destinations: readonly EgressDestination[], description: string): void {
    for (const destination of destinations) {
      this.allowTo(
        `${id}-${destination.name}`,
        destination.securityGroupId,
        destination.port,
        `${description} (${destination.name})`,
      );
    }
  }

  /** Checks the props with their defaults resolved, before any resource exists. */
  private validate(
    props: AutoScalingGroupProps,
    resolved: {
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
    },
  ): void {
    const fail = (message: string): never => {
      throw new ValidationError(message, this);
    };
    const whole = (setting: string, value: number, range: { readonly min: number; readonly max: number }) =>
      requireWholeNumber(this, setting, value, range.min, range.max);

    if (!GROUP_NAME.test(props.name)) {
      fail(`name: ${show(props.name)} is not allowed; expected ${GROUP_NAME_EXPECTATION}`);
    }
    if (!Token.isUnresolved(props.subnetIds) && props.subnetIds.length === 0) {
      fail("subnetIds: [] is empty; expected the private subnets, one per availability zone");
    }
    const typesProblem = checkInstanceTypes(props.instanceTypes);
    if (typesProblem) {
      fail(`instanceTypes: ${show(props.instanceTypes)} ${typesProblem}`);
    }
    if (props.amiParameter !== undefined && !SSM_PARAMETER_NAME.test(props.amiParameter)) {
      fail(
        `amiParameter: ${show(props.amiParameter)} is not an SSM parameter name; expected ${SSM_PARAMETER_NAME_EXPECTATION}`,
      );
    }

    const capacity = {
      minSize: props.minSize,
      maxSize: props.maxSize,
      desiredCapacity: resolved.desiredCapacity,
      onDemandBaseCapacity: resolved.onDemandBaseCapacity,
      onDemandPercentageAboveBase: resolved.onDemandPercentageAboveBase,
      instanceTypes: props.instanceTypes,
    };
    for (const setting of ["minSize", "maxSize", "desiredCapacity", "onDemandBaseCapacity"] as const) {
      whole(setting, capacity[setting], GROUP_SIZE);
    }
    whole("onDemandPercentageAboveBase", capacity.onDemandPercentageAboveBase, PERCENT);
    const sizes = [capacity.minSize, capacity.maxSize, capacity.desiredCapacity, capacity.onDemandBaseCapacity];
    if (!sizes.some((size) => Token.isUnresolved(size))) {
      for (const [setting, problem] of checkCapacity(capacity)) {
        fail(`${setting}: ${show(capacity[setting])} ${problem}`);
      }
    }
    requireOneOf(this, "spotAllocationStrategy", resolved.spotAllocationStrategy, SPOT_ALLOCATION_STRATEGIES);

    whole("port", props.port, PORT);
    whole("rootVolume.sizeGiB", resolved.rootVolumeSizeGiB, ROOT_VOLUME_GIB);
    whole("healthCheckGracePeriodSeconds", resolved.healthCheckGracePeriodSeconds, HEALTH_CHECK_GRACE_SECONDS);
    whole("instanceRefresh.minHealthyPercentage", resolved.minHealthyPercentage, PERCENT);
    whole("instanceRefresh.instanceWarmupSeconds", resolved.instanceWarmupSeconds, INSTANCE_WARMUP_SECONDS);
    if (resolved.terminationPolicies.length === 0) {
      fail("terminationPolicies: [] is empty; expected at least one policy, e.g. Default");
    }
    for (const policy of resolved.terminationPolicies) {
      const problem = checkTerminationPolicy(policy);
      if (problem) {
        fail(`terminationPolicies: ${show(policy)} ${problem}`);
      }
    }

    whole("scaling.cpuTargetPercent", props.scaling.cpuTargetPercent, CPU_TARGET_PERCENT);
    const requests = props.scaling.requestsPerTarget;
    if (requests) {
      whole("scaling.requestsPerTarget.targetValue", requests.targetValue, REQUESTS_PER_TARGET);
      if (!Token.isUnresolved(requests.resourceLabel) && !REQUEST_RESOURCE_LABEL.test(requests.resourceLabel)) {
        fail(
          `scaling.requestsPerTarget.resourceLabel: ${show(requests.resourceLabel)} is not a request-count resource label; expected ${REQUEST_RESOURCE_LABEL_EXPECTATION}`,
        );
      }
    }
    const predictive = resolved.predictive;
    if (predictive) {
      requireOneOf(this, "scaling.predictive.mode", predictive.mode, PREDICTIVE_SCALING_MODES);
      whole("scaling.predictive.cpuTargetPercent", predictive.cpuTargetPercent, CPU_TARGET_PERCENT);
      whole(
        "scaling.predictive.schedulingBufferSeconds",
        predictive.schedulingBufferSeconds,
        SCHEDULING_BUFFER_SECONDS,
      );
    }

    const names = resolved.scheduled.map((action) => action.name);
    resolved.scheduled.forEach((action, index) => {
      const path = `scaling.scheduled[${index}]`;
      if (names.indexOf(action.name) !== index) {
        fail(`${path}.name: ${show(action.name)} is the name of another scheduled action; expected unique names`);
      }
      for (const setting of ["minSize", "maxSize", "desiredCapacity"] as const) {
        const size = action[setting];
        if (size !== undefined) {
          whole(`${path}.${setting}`, size, GROUP_SIZE);
        }
      }
      for (const [setting, problem] of checkScheduledAction(action, path)) {
        fail(`${setting ? `${path}.${setting}` : path}: ${show(setting ? action[setting] : action)} ${problem}`);
      }
    });
  }
}

/**
 * User data as launch templates take it, base64. A literal script is encoded here: the synthesized value is fixed
 * and Terraform never parses the script (a `${...}` or `%{...}` in a shell script would otherwise be read as a
 * Terraform template). A script with references (tokens) is encoded by Terraform's base64encode, since the values
 * exist only at apply; cdktf escapes the literal `${` in it, and `%{` is escaped here.
 */
function base64UserData(script: string): string {
  return Token.isUnresolved(script)
    ? Fn.base64encode(script.replace(/%\{/g, "%%{"))
    : Buffer.from(script, "utf8").toString("base64");
}
