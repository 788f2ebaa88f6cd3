import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { joinName } from "../core/naming";
import { requireOneOf, requireWholeNumber } from "../core/validation";
import { type NodeGroupMetrics, nodeGroupMetrics } from "./metrics";
import {
  AMI_TYPES,
  architectureOf,
  CAPACITY_TYPES,
  type CapacityType,
  checkArchitectures,
  checkNodeGroupShape,
  checkDiskIops,
  checkGroupSizes,
  checkLabelKey,
  checkSpotDiversity,
  DISK_SIZE_GIB,
  DISK_TYPES,
  type DiskType,
  IMDS_HOP_LIMITS,
  INSTANCE_TYPE,
  INSTANCE_TYPE_EXPECTATION,
  LABEL_KEY,
  LABEL_KEY_EXPECTATION,
  LABEL_VALUE,
  LABEL_VALUE_EXPECTATION,
  MAX_UNAVAILABLE_PERCENT,
  NODE_GROUP_LABEL,
  NODE_GROUP_NAME,
  NODE_GROUP_NAME_EXPECTATION,
  NODE_GROUP_SIZE,
  type NodeTaint,
  TAINT_EFFECT_NAMES,
  TAINT_EFFECTS,
} from "./options";

/** What a node group is: the part of `NodeGroupProps` that `EksCluster.addNodeGroup` takes. */
export interface NodeGroupOptions {
  /** Instance types, all of one architecture (Graviton or x86); the image follows from it. */
  readonly instanceTypes: readonly string[];
  /**
   * On-demand or spot capacity. Spot needs at least two instance types.
   *
   * @default "ON_DEMAND"
   */
  readonly capacityType?: CapacityType;
  /**
   * Fewest nodes the autoscaler keeps.
   *
   * @default 2
   */
  readonly minSize?: number;
  /**
   * Nodes at creation. Afterwards the cluster autoscaler owns the number: changes are ignored.
   *
   * @default - minSize
   */
  readonly desiredSize?: number;
  /**
   * Most nodes the autoscaler adds.
   *
   * @default 6
   */
  readonly maxSize?: number;
  /**
   * Root volume size, GiB.
   *
   * @default 50
   */
  readonly diskSizeGiB?: number;
  /**
   * Root volume type.
   *
   * @default "gp3"
   */
  readonly diskType?: DiskType;
  /**
   * Provisioned IOPS of the root volume; required for io2.
   *
   * @default - gp3's baseline of 3000
   */
  readonly diskIops?: number;
  /**
   * Kubernetes labels of the nodes; `node-group: <name>` is always added.
   *
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Kubernetes taints of the nodes.
   *
   * @default - none
   */
  readonly taints?: readonly NodeTaint[];
  /**
   * Share of the group's nodes an update (new image, new launch template) may replace at once, percent.
   *
   * @default 33
   */
  readonly maxUnavailablePercent?: number;
  /**
   * IMDSv2 hop limit. 1 keeps pods away from the node's instance metadata and its role (every add-on here gets
   * credentials from Pod Identity instead); 2 for workloads that still read IMDS from a pod.
   *
   * @default 1
   */
  readonly imdsHopLimit?: number;
}

export interface NodeGroupProps extends NodeGroupOptions {
  /** The group's short name, e.g. `system`; the label `node-group` carries it. */
  readonly groupName: string;
  readonly clusterName: string;
  /** Kubernetes version of the nodes: pass the cluster's `version` attribute so that nodes follow the control plane. */
  readonly kubernetesVersion: string;
  readonly nodeRoleArn: string;
  /** Private subnets, one per availability zone: the group spreads its nodes over all of them. */
  readonly subnetIds: readonly string[];
  /** Customer-managed key of the root volumes. */
  readonly volumeKeyArn: string;
}

/** The resolved settings of a node group. */
export interface NodeGroupSettings {
  readonly groupName: string;
  readonly instanceTypes: readonly string[];
  readonly capacityType: CapacityType;
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  readonly amiType: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly NodeTaint[];
}

/** Path of the desired size in the node group's state, which the cluster autoscaler owns. */
const DESIRED_SIZE_PATH = "scaling_config[0].desired_size";

/**
 * An EKS managed node group: an auto-scaling group of Amazon Linux 2023 nodes that EKS creates, drains and
 * replaces, spread over every private subnet given.
 *
 * - Launch template: detailed monitoring (the node count metric), IMDSv2 only (tokens required, hop limit 1 by default, no instance tags in metadata), an
 *   encrypted gp3 (or io2) root volume on a customer-managed key, Name tags on instances and volumes.
 * - Scaling: min/desired/max from props; `desired_size` is ignored after creation so that Terraform never undoes
 *   what the cluster autoscaler did. Rolling updates replace at most `maxUnavailablePercent` of the nodes.
 * - Named with a prefix and replaced before destroy, so that a change that needs a new group (instance types,
 *   capacity type) brings the new nodes up before the old ones drain. Node auto repair is on.
 */
export class ManagedNodeGroup extends Construct {
  public readonly nodeGroup: EksNodeGroup;
  public readonly launchTemplate: LaunchTemplate;
  public readonly settings: NodeGroupSettings;
  /** Node count and CPU, from the instances of the group's auto-scaling group (detailed monitoring). */
  public readonly metrics: NodeGroupMetrics;

  constructor(scope: Construct, id: string, props: NodeGroupProps) {
    super(scope, id);

    // Defaults: two on-demand nodes growing to six, 50 GiB gp3, a third of the nodes at a time in updates, IMDSv2 with
    // hop limit 1.
    const capacityType = props.capacityType ?? "ON_DEMAND";
    const minSize = props.minSize ?? 2;
    const desiredSize = props.desiredSize ?? minSize;
    const maxSize = props.maxSize ?? 6;
    const diskSizeGiB = props.diskSizeGiB ?? 50;
    const diskType = props.diskType ?? "gp3";
    const maxUnavailablePercent = props.maxUnavailablePercent ?? 33;
    const imdsHopLimit = props.imdsHopLimit ?? 1;
    const labels = { ...(props.labels ?? {}) };
    const taints = [...(props.taints ?? [])];

    this.validate({
      ...props,
      capacityType,
      minSize,
      desiredSize,
      maxSize,
      diskSizeGiB,
      diskType,
      maxUnavailablePercent,
      imdsHopLimit,
    });

    const amiType = AMI_TYPES[architectureOf(props.instanceTypes[0])];
    this.settings = {
      groupName: props.groupName,
      instanceTypes: [...props.instanceTypes],
      capacityType,
      minSize,
      desiredSize,
      maxSize,
      amiType,
      labels: { ...labels, [NODE_GROUP_LABEL]: props.groupName },
      taints,
    };

    const name = joinName(props.clusterName, props.groupName);
    this.launchTemplate = new LaunchTemplate(this, "LaunchTemplate", {
      name,
      description: `Nodes of the ${props.groupName} group of ${props.clusterName}`,
      updateDefaultVersion: true,
      // One-minute instance metrics: the node count and CPU on the dashboard come from them.
      monitoring: { enabled: true },
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: imdsHopLimit,
        instanceMetadataTags: "disabled",
      },
      blockDeviceMappings: [
        {
          // The root device of the Amazon Linux 2023 EKS images.
          deviceName: "/dev/xvda",
          ebs: {
            volumeSize: diskSizeGiB,
            volumeType: diskType,
            iops: props.diskIops,
            encrypted: "true",
            kmsKeyId: props.volumeKeyArn,
            deleteOnTermination: "true",
          },
        },
      ],
      tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
        resourceType,
        tags: { Name: name },
      })),
      tags: { Name: name },
    });

    this.nodeGroup = new EksNodeGroup(this, "Resource", {
      clusterName: props.clusterName,
      nodeGroupNamePrefix: `${props.groupName}-`,
      nodeRoleArn: props.nodeRoleArn,
      subnetIds: [...props.subnetIds],
      version: props.kubernetesVersion,
      amiType,
      capacityType,
      instanceTypes: [...props.instanceTypes],
      scalingConfig: { minSize, desiredSize, maxSize },
      updateConfig: { maxUnavailablePercentage: maxUnavailablePercent },
      labels: this.settings.labels,
      taint: taints.map((taint) => ({ key: taint.key, value: taint.value, effect: TAINT_EFFECTS[taint.effect] })),
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      nodeRepairConfig: { enabled: true },
      lifecycle: { createBeforeDestroy: true, ignoreChanges: [DESIRED_SIZE_PATH] },
      tags: { Name: name },
    });
    this.metrics = nodeGroupMetrics(this.nodeGroup.resources.get(0).autoscalingGroups.get(0).name);
  }

  /** Checks the props with their defaults resolved. */
  private validate(
    props: NodeGroupProps &
      Required<
        Pick<
          NodeGroupOptions,
          | "capacityType"
          | "minSize"
          | "desiredSize"
          | "maxSize"
          | "diskSizeGiB"
          | "diskType"
          | "maxUnavailablePercent"
          | "imdsHopLimit"
        >
      >,
  ) {
    const fail = (message: string): never => {
      throw new ValidationError(message, this);
    };
    if (!NODE_GROUP_NAME.test(props.groupName)) {
      fail(`groupName: ${show(props.groupName)} is not allowed; expected ${NODE_GROUP_NAME_EXPECTATION}`);
    }
    if (props.instanceTypes.length === 0) {
      fail("instanceTypes: [] is empty; expected at least one instance type");
    }
    const badType = props.instanceTypes.find((type) => !INSTANCE_TYPE.test(type));
    if (badType !== undefined) {
      fail(`instanceTypes: ${show(badType)} is not allowed; expected ${INSTANCE_TYPE_EXPECTATION}`);
    }
    const archProblem = checkArchitectures(props.instanceTypes) ?? checkNodeGroupShape(props.instanceTypes);
    if (archProblem) {
      fail(`instanceTypes: ${show(props.instanceTypes)} ${archProblem}`);
    }
    requireOneOf(this, "capacityType", props.capacityType, CAPACITY_TYPES);
    const spotProblem = checkSpotDiversity(props.capacityType, props.instanceTypes);
    if (spotProblem) {
      fail(`instanceTypes: ${show(props.instanceTypes)} ${spotProblem}`);
    }
    for (const setting of ["minSize", "desiredSize", "maxSize"] as const) {
      requireWholeNumber(this, setting, props[setting], NODE_GROUP_SIZE.min, NODE_GROUP_SIZE.max);
    }
    for (const [setting, problem] of checkGroupSizes(props)) {
      fail(`${setting}: ${props[setting]} ${problem}`);
    }
    requireWholeNumber(this, "diskSizeGiB", props.diskSizeGiB, DISK_SIZE_GIB.min, DISK_SIZE_GIB.max);
    requireOneOf(this, "diskType", props.diskType, DISK_TYPES);
    const iopsProblem = checkDiskIops(props.diskType, props.diskIops);
    if (iopsProblem) {
      fail(`diskIops: ${show(props.diskIops)} ${iopsProblem}`);
    }
    requireWholeNumber(
      this,
      "maxUnavailablePercent",
      props.maxUnavailablePercent,
      MAX_UNAVAILABLE_PERCENT.min,
      MAX_UNAVAILABLE_PERCENT.max,
    );
    requireOneOf(this, "imdsHopLimit", props.imdsHopLimit, IMDS_HOP_LIMITS);
    for (const [key, value] of Object.entries(props.labels ?? {})) {
      const keyProblem = checkLabelKey(key);
      if (keyProblem) {
        fail(`labels: ${show(key)} ${keyProblem}`);
      }
      if (!LABEL_VALUE.test(value)) {
        fail(`labels.${key}: ${show(value)} is not allowed; expected ${LABEL_VALUE_EXPECTATION}`);
      }
    }
    for (const taint of props.taints ?? []) {
      if (!LABEL_KEY.test(taint.key)) {
        fail(`taints: key ${show(taint.key)} is not allowed; expected ${LABEL_KEY_EXPECTATION}`);
      }
      if (taint.value !== undefined && !LABEL_VALUE.test(taint.value)) {
        fail(`taints: value ${show(taint.value)} of ${taint.key} is not allowed; expected ${LABEL_VALUE_EXPECTATION}`);
      }
      requireOneOf(this, `taints: effect of ${taint.key}`, taint.effect, TAINT_EFFECT_NAMES);
    }
  }
}
