import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import type { AutoscalingPolicy } from "@cdktf/provider-aws/lib/autoscaling-policy";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { suppressRule } from "../core/suppress";
import { joinName } from "../core/naming";
import { awsManagedPolicyArn } from "../core/aws-context";
import { allowTcpFrom, allowTcpTo } from "../core/security-group-rules";
import { ServiceLinkedRole } from "../core/service-linked-role";
import { requireWholeNumber } from "../core/validation";
import { autoScalingVolumeGrants, EncryptionKey } from "../kms/encryption-key";
import { addLaunchTemplate } from "./asg-launch-template";
import { type AutoScalingGroupMetrics, autoScalingGroupMetrics, ENABLED_GROUP_METRICS } from "./asg-metrics";
import type { AutoScalingGroupProps, EgressDestination } from "./asg-props";
import { addScaling, ownedByScalers } from "./asg-scaling";
import { validateAutoScalingGroup } from "./asg-validation";
import { capacityWeights, DEFAULT_TERMINATION_POLICIES, PORT } from "./options";

export type {
  AutoScalingGroupProps,
  AutoScalingGroupScaling,
  EgressDestination,
  InstanceRefreshOptions,
  PredictiveScalingOptions,
  RequestScalingOptions,
  RootVolumeOptions,
} from "./asg-props";
export { type AutoScalingGroupMetrics, autoScalingGroupMetrics, ENABLED_GROUP_METRICS } from "./asg-metrics";

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

    validateAutoScalingGroup(this, props, {
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

    this.launchTemplate = addLaunchTemplate(this, props, {
      instanceProfile: this.instanceProfile,
      securityGroup,
      volumeKeyArn: this.volumeKeyArn,
      rootVolumeSizeGiB,
      instanceTags,
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

    const policies = addScaling(this, this.group, props.scaling, predictive, scheduled);
    this.cpuScaling = policies.cpuScaling;
    this.requestScaling = policies.requestScaling;
    this.predictiveScaling = policies.predictiveScaling;
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
}
