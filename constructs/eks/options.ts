/**
 * The limits and choices of the EKS tier, in one place: the EKS constructs validate their props against them and the
 * config schema validates settings against them, so both say the same thing. No provider imports here, so that the
 * config schema can use them without loading the AWS bindings.
 */

import { checkSameShape } from "../core/instance-shape";
import { KUBERNETES_RELEASES } from "./versions";

/** Kubernetes versions the platform has tested add-on versions for (see versions.ts). */
export const KUBERNETES_VERSIONS = Object.keys(KUBERNETES_RELEASES) as [
  keyof typeof KUBERNETES_RELEASES,
  ...Array<keyof typeof KUBERNETES_RELEASES>,
];
export type KubernetesVersion = (typeof KUBERNETES_VERSIONS)[number];

/** Every control-plane log type EKS can send to CloudWatch Logs. */
export const CLUSTER_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** How a node group buys capacity: on-demand, or spot (cheaper, reclaimed with two minutes' notice). */
export const CAPACITY_TYPES = ["ON_DEMAND", "SPOT"] as const;
export type CapacityType = (typeof CAPACITY_TYPES)[number];

/** Taint effects in Kubernetes spelling, mapped to the EKS API's. */
export const TAINT_EFFECTS = {
  NoSchedule: "NO_SCHEDULE",
  NoExecute: "NO_EXECUTE",
  PreferNoSchedule: "PREFER_NO_SCHEDULE",
} as const;
export type TaintEffect = keyof typeof TAINT_EFFECTS;
export const TAINT_EFFECT_NAMES = Object.keys(TAINT_EFFECTS) as [TaintEffect, ...TaintEffect[]];

/** A node taint: pods without a matching toleration are kept off the group's nodes. */
export interface NodeTaint {
  readonly key: string;
  /** @default - no value */
  readonly value?: string;
  readonly effect: TaintEffect;
}

/** Root volume types: gp3 (baseline 3000 IOPS, the default) or io2 (provisioned IOPS). */
export const DISK_TYPES = ["gp3", "io2"] as const;
export type DiskType = (typeof DISK_TYPES)[number];

/** Root volume size, GiB: AL2023 images need 20 GiB; EBS allows up to 16 TiB. */
export const DISK_SIZE_GIB = { min: 20, max: 16384 } as const;

/** Provisioned IOPS each volume type accepts. */
export const DISK_IOPS = { gp3: { min: 3000, max: 16000 }, io2: { min: 100, max: 256000 } } as const;

/**
 * Why `iops` does not fit a `diskType` root volume, or undefined when it does: io2 needs a value, and a value must be
 * a whole number in the type's range.
 */
export function checkDiskIops(diskType: DiskType, iops: number | undefined): string | undefined {
  const range = DISK_IOPS[diskType];
  if (iops === undefined) {
    return diskType === "io2" ? `is set for an io2 root volume; expected ${range.min} to ${range.max}` : undefined;
  }
  return Number.isInteger(iops) && iops >= range.min && iops <= range.max
    ? undefined
    : `is outside what ${diskType} allows; expected ${range.min} to ${range.max}`;
}

/** Nodes per managed node group (EKS service quota 450 by default; 0 lets a group scale in to nothing). */
export const NODE_GROUP_SIZE = { min: 0, max: 450 } as const;

/** Share of a group's nodes an update may replace at once, percent. */
export const MAX_UNAVAILABLE_PERCENT = { min: 1, max: 100 } as const;

/** IMDSv2 hop limits: 1 keeps pods off the node's instance metadata; 2 lets pods without Pod Identity reach it. */
export const IMDS_HOP_LIMITS = [1, 2] as const;

/** Node group names (the part after `<cluster>-`). */
export const NODE_GROUP_NAME = /^[a-z][a-z0-9-]{0,18}[a-z0-9]$/;
export const NODE_GROUP_NAME_EXPECTATION = "2 to 20 lower-case letters, digits or hyphens, starting with a letter";

/** EC2 instance types: `<family><generation><attributes>.<size>`, e.g. m7g.large, c6i.2xlarge. */
export const INSTANCE_TYPE = /^[a-z]+[0-9][a-z0-9-]*\.[0-9]*[a-z][a-z0-9-]*$/;
export const INSTANCE_TYPE_EXPECTATION = "an EC2 instance type such as m7g.large or c6i.2xlarge";

/** The label every node carries with its group's short name; add-ons select their nodes with it. */
export const NODE_GROUP_LABEL = "node-group";

/** A Kubernetes label or taint key: an optional DNS prefix and a name of up to 63 characters. */
export const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
export const LABEL_KEY_EXPECTATION = "a Kubernetes label key such as workload or example.com/tier";
/** A Kubernetes label or taint value: empty, or up to 63 letters, digits, `-`, `_`, `.`. */
export const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
export const LABEL_VALUE_EXPECTATION = "up to 63 letters, digits, - _ or ., starting and ending with a letter or digit";
/** Label prefixes kubelet or EKS own; nodes cannot be given them through the node group. */
export const RESERVED_LABEL_PREFIXES = ["kubernetes.io/", "k8s.io/", "eks.amazonaws.com/"] as const;

/** Why a label key cannot be set on a node group, or undefined when it can. */
export function checkLabelKey(key: string): string | undefined {
  if (!LABEL_KEY.test(key)) {
    return `is not a label key; expected ${LABEL_KEY_EXPECTATION}`;
  }
  if (key === NODE_GROUP_LABEL) {
    return `is set by the platform to the node group's name; expected another key`;
  }
  const reserved = RESERVED_LABEL_PREFIXES.find((prefix) => key.includes(prefix));
  return reserved
    ? `uses the prefix ${reserved}, which kubelet and EKS own; expected a key of your own domain`
    : undefined;
}

/** The CPU architecture of an instance type: Graviton families have a `g` right after the generation (m7g, c7gn). */
export function architectureOf(instanceType: string): "arm64" | "x86_64" {
  const family = instanceType.split(".")[0];
  return family === "a1" || /^[a-z]+[0-9]+g/.test(family) ? "arm64" : "x86_64";
}

/** The EKS-optimised Amazon Linux 2023 image of each architecture. */
export const AMI_TYPES = { arm64: "AL2023_ARM_64_STANDARD", x86_64: "AL2023_x86_64_STANDARD" } as const;

/** Why a group's instance types cannot share one image (mixed architectures), or undefined when they can. */
export function checkArchitectures(
  instanceTypes: readonly string[],
  expectation = "one architecture per node group, since a group runs one image",
): string | undefined {
  const arm = instanceTypes.filter((type) => architectureOf(type) === "arm64");
  const x86 = instanceTypes.filter((type) => architectureOf(type) === "x86_64");
  return arm.length > 0 && x86.length > 0
    ? `mixes Graviton (${arm.join(", ")}) and x86 (${x86.join(", ")}) instance types; expected ${expectation}`
    : undefined;
}

/** Why spot capacity with these instance types is fragile, or undefined. */
export function checkSpotDiversity(capacityType: CapacityType, instanceTypes: readonly string[]): string | undefined {
  return capacityType === "SPOT" && new Set(instanceTypes).size < 2
    ? "has a single instance type for SPOT capacity; expected at least two, so that the group still gets nodes when one spot pool runs dry"
    : undefined;
}

/**
 * Why a node group's instance types differ in size (vCPUs, memory), or undefined when they do not: the Cluster
 * Autoscaler builds the template of a group's next node from one of its types, so every type must match it
 * (cluster-autoscaler/cloudprovider/aws/README.md, "Using Mixed Instances Policies and Spot Instances").
 */
export function checkNodeGroupShape(instanceTypes: readonly string[]): string | undefined {
  return checkSameShape(instanceTypes, "since the Cluster Autoscaler sizes every new node from one of them");
}

/**
 * Problems with a group's min/desired/max sizes, as `[setting, message]` pairs. `path` is how messages name the
 * group's settings (`eks.nodeGroups.workers` gives `eks.nodeGroups.workers.maxSize`); without it, the bare names.
 */
export function checkGroupSizes(
  sizes: { readonly minSize: number; readonly desiredSize: number; readonly maxSize: number },
  path?: string,
): Array<["minSize" | "desiredSize" | "maxSize", string]> {
  const name = (setting: string) => (path ? `${path}.${setting}` : setting);
  const range = `expected from ${sizes.minSize} to ${sizes.maxSize}`;
  const problems: Array<["minSize" | "desiredSize" | "maxSize", string]> = [];
  if (sizes.maxSize < 1) {
    problems.push(["maxSize", "is below 1; expected at least one node"]);
  }
  if (sizes.minSize > sizes.maxSize) {
    problems.push(["minSize", `is above ${name("maxSize")} (${sizes.maxSize}); expected at most that`]);
  } else if (sizes.desiredSize < sizes.minSize) {
    problems.push(["desiredSize", `is below ${name("minSize")} (${sizes.minSize}); ${range}`]);
  } else if (sizes.desiredSize > sizes.maxSize) {
    problems.push(["desiredSize", `is above ${name("maxSize")} (${sizes.maxSize}); ${range}`]);
  }
  return problems;
}

/** An IAM role or user ARN, as EKS access entries take them. */
export const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/;

/** Why an ARN cannot be an access entry principal, or undefined when it can. */
export function checkPrincipalArn(arn: string): string | undefined {
  if (/^arn:aws[a-z-]*:sts::\d{12}:assumed-role\//.test(arn)) {
    return "is an assumed-role session; expected the role's own ARN, arn:aws:iam::<account>:role/<name>";
  }
  return PRINCIPAL_ARN.test(arn)
    ? undefined
    : "is not an IAM role or user ARN; expected arn:aws:iam::<account>:role/<name> or arn:aws:iam::<account>:user/<name>";
}

/** An IPv4 CIDR block. */
export const IPV4_CIDR = /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)\/(3[0-2]|[12]?\d)$/;

/** An EC2 security group id: `sg-` and 8 or 17 hex digits. */
export const SECURITY_GROUP_ID = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** True for a block that covers the whole internet (`/0`). */
export function isWholeInternet(cidr: string): boolean {
  return cidr.endsWith("/0");
}

/** A CPU quantity: cores (`1`, `0.5`) or millicores (`500m`). */
export const CPU_QUANTITY = /^(\d+m|\d+(\.\d+)?)$/;
/** A memory quantity in binary units: `512Mi`, `4Gi`. */
export const MEMORY_QUANTITY = /^\d+(Ki|Mi|Gi|Ti)$/;
