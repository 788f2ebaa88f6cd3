import { z } from "zod";
import { EC2_INSTANCE_TYPES } from "../../constructs/core/instance-types";
import {
  CAPACITY_TYPES,
  checkArchitectures,
  checkNodeGroupShape,
  checkDiskIops,
  checkGroupSizes,
  checkLabelKey,
  checkPrincipalArn,
  checkSpotDiversity,
  DISK_IOPS,
  DISK_SIZE_GIB,
  DISK_TYPES,
  IMDS_HOP_LIMITS,
  IPV4_CIDR,
  KUBERNETES_VERSIONS,
  LABEL_KEY,
  LABEL_KEY_EXPECTATION,
  LABEL_VALUE,
  LABEL_VALUE_EXPECTATION,
  MAX_UNAVAILABLE_PERCENT,
  NODE_GROUP_NAME,
  NODE_GROUP_NAME_EXPECTATION,
  NODE_GROUP_SIZE,
  SECURITY_GROUP_ID,
  TAINT_EFFECT_NAMES,
} from "../../constructs/eks/options";
import { isPrivateCidr, parseCidr, PRIVATE_RANGES } from "../../constructs/core/cidr";
import { show } from "../../constructs/core/errors";
import { MTLS_MODES } from "../../constructs/services/mesh-options";
import {
  allowed,
  checked,
  cpuQuantity,
  ec2InstanceType,
  memoryQuantity,
  oneOf,
  pattern,
  section,
  wholeNumber,
} from "./schema-helpers";
import { type ConfigContext, logRetentionDays } from "./shared-schema";

/**
 * The cluster's part of an environment's config: the EKS control plane, who may reach and use it, the managed node
 * groups, the add-ons and monitoring.
 */

const nodeGroupSize = wholeNumber(NODE_GROUP_SIZE.min, NODE_GROUP_SIZE.max);
const labelValue = pattern(LABEL_VALUE, LABEL_VALUE_EXPECTATION);

/** One managed node group. Optional settings get their defaults here, since node groups are a list (not merged). */
const nodeGroupSchema = section({
  /** Short name: the group is `<cluster>-<name>-...` and its nodes carry the label `node-group: <name>`. */
  name: pattern(NODE_GROUP_NAME, NODE_GROUP_NAME_EXPECTATION),
  /** Instance types, all Graviton or all x86 (the image follows); spot needs at least two. */
  instanceTypes: z
    .array(ec2InstanceType, { error: allowed("a list of EC2 instance types") })
    .min(1, { error: "is empty; expected at least one instance type" }),
  /** ON_DEMAND, or SPOT (cheaper, can be reclaimed with two minutes' notice). */
  capacityType: oneOf(CAPACITY_TYPES).default("ON_DEMAND"),
  /** Fewest nodes the cluster autoscaler keeps. */
  minSize: nodeGroupSize,
  /** Nodes at creation; afterwards the cluster autoscaler owns the number. @default minSize */
  desiredSize: nodeGroupSize.optional(),
  /** Most nodes the cluster autoscaler adds. */
  maxSize: nodeGroupSize,
  /** Root volume size, GiB. */
  diskSizeGiB: wholeNumber(DISK_SIZE_GIB.min, DISK_SIZE_GIB.max).default(50),
  /** Root volume type (always encrypted with the cluster's volume key). */
  diskType: oneOf(DISK_TYPES).default("gp3"),
  /** Provisioned IOPS of the root volume: gp3 3000-16000 (default 3000), io2 100-256000 (required). */
  diskIops: wholeNumber(DISK_IOPS.io2.min, DISK_IOPS.io2.max).optional(),
  /** Kubernetes labels of the nodes. */
  labels: z
    .record(checked(checkLabelKey, LABEL_KEY_EXPECTATION), labelValue, {
      error: allowed("a map of label keys to values"),
    })
    .default({}),
  /** Kubernetes taints of the nodes: pods without a matching toleration stay off them. */
  taints: z
    .array(
      section({
        key: pattern(LABEL_KEY, LABEL_KEY_EXPECTATION),
        value: labelValue.optional(),
        effect: oneOf(TAINT_EFFECT_NAMES),
      }),
      { error: allowed("a list of taints { key, value, effect }") },
    )
    .default([]),
  /** Share of the nodes an update may replace at once, percent. */
  maxUnavailablePercent: wholeNumber(MAX_UNAVAILABLE_PERCENT.min, MAX_UNAVAILABLE_PERCENT.max).default(33),
  /** IMDSv2 hop limit: 1 keeps pods away from instance metadata; 2 for pods that still need it. */
  imdsHopLimit: z.literal(IMDS_HOP_LIMITS, { error: allowed("1 or 2") }).default(1),
});

const principalArn = checked(
  checkPrincipalArn,
  "an IAM role ARN such as arn:aws:iam::123456789012:role/platform-admins",
);

export const eksSchema = section({
  /** Kubernetes version of the control plane and nodes; one the platform pins add-on versions for. */
  kubernetesVersion: oneOf(
    KUBERNETES_VERSIONS,
    " (add-on versions are pinned per version in constructs/eks/versions.ts)",
  ),
  /**
   * Who reaches the Kubernetes API. The add-ons and workloads stacks run the kubernetes and helm providers against
   * it during plan and apply, so at least one way in is required: the private endpoint from listed security groups
   * (self-hosted CI runners or a VPN endpoint in this VPC or a peered one) or CIDRs (a peered network, VPN
   * clients), or, outside production, the public endpoint from listed CIDRs.
   */
  endpoint: section({
    publicAccess: z.boolean({ error: allowed("true or false") }),
    /** Source CIDRs of the public endpoint; required when it is on. Production keeps the endpoint private. */
    publicAccessCidrs: z.array(pattern(IPV4_CIDR, "an IPv4 CIDR block such as 203.0.113.0/24"), {
      error: allowed("a list of IPv4 CIDR blocks"),
    }),
    /** HTTPS to the private endpoint, opened on the cluster's API security group. */
    privateAccess: section({
      /** Security groups of the API's clients (CI runners, a VPN endpoint), in the VPC or a peered one. */
      securityGroupIds: z.array(pattern(SECURITY_GROUP_ID, "a security group id such as sg-0123456789abcdef0"), {
        error: allowed("a list of security group ids"),
      }),
      /** Private networks routed to the VPC (a peered tooling VPC, VPN clients). */
      cidrs: z.array(pattern(IPV4_CIDR, "an IPv4 CIDR block such as 10.100.0.0/16"), {
        error: allowed("a list of IPv4 CIDR blocks"),
      }),
    }),
  }),
  /** Retention of the control-plane log group. */
  logRetentionDays,
  /**
   * Who may use the cluster, through EKS access entries, named explicitly: access never depends on who happens to
   * run Terraform.
   */
  access: section({
    /**
     * IAM role (or user) ARNs with cluster-admin access: at least the role that applies the add-ons and workloads
     * stacks (the CI deploy role), and the platform team's break-glass role.
     */
    admins: z.array(principalArn, { error: allowed("a list of IAM role ARNs") }).min(1, {
      error:
        "is empty; expected at least the IAM role that applies the add-ons and workloads stacks (the CI deploy role), or nobody can install into the cluster",
    }),
    /** IAM role (or user) ARNs with read-only access (everything but secrets). */
    viewers: z.array(principalArn, { error: allowed("a list of IAM role ARNs") }),
    /** IAM role ARNs that run plans only (the CI plan role): read everything, Secrets included, change nothing. */
    planners: z.array(principalArn, { error: allowed("a list of IAM role ARNs") }),
  }),
  /** VPC CNI prefix delegation: /28 prefixes per node instead of single addresses, so many more pods per node. */
  prefixDelegation: z.boolean({ error: allowed("true or false") }),
  /** The node group that runs CoreDNS and the platform add-ons (they tolerate its taints). */
  systemNodeGroup: pattern(NODE_GROUP_NAME, NODE_GROUP_NAME_EXPECTATION).optional(),
  /** The managed node groups, at least one. */
  nodeGroups: z
    .array(nodeGroupSchema, { error: allowed("a list of node groups") })
    .min(1, { error: "is empty; expected at least one node group" }),
  /** The Helm add-ons. */
  addons: section({
    /** Replicas of the add-ons that run several (load balancer controller, metrics-server, KEDA). */
    replicas: wholeNumber(1, 5),
  }),
  /**
   * The Istio service mesh: sidecars in every service's pods, mutual TLS between services, and each service's
   * breaker, deadline and retries (services[].resilience). Production requires it on, with STRICT mutual TLS.
   */
  mesh: section({
    enabled: z.boolean({ error: allowed("true or false") }),
    /** STRICT refuses plain text between meshed pods; PERMISSIVE accepts both (for a migration). */
    mtlsMode: oneOf(MTLS_MODES),
  }),
  /** kube-prometheus-stack. */
  monitoring: section({
    prometheus: section({
      /** Days of metrics kept. */
      retentionDays: wholeNumber(1, 3650),
      /** Persistent gp3 volume per replica, GiB. */
      storageGiB: wholeNumber(10, 16384),
      /** Prometheus replicas (2 for high availability). */
      replicas: wholeNumber(1, 3),
      resources: section({
        requests: section({ cpu: cpuQuantity, memory: memoryQuantity }),
        limits: section({ memory: memoryQuantity }),
      }),
    }),
    grafana: section({
      /** Persistent gp3 volume of Grafana, GiB. */
      storageGiB: wholeNumber(1, 1000),
      /** Raise to rotate the Grafana admin password on the next apply. */
      adminPasswordVersion: wholeNumber(1, 1_000_000),
    }),
    /** Persistent gp3 volume per Alertmanager replica, GiB. */
    alertmanagerStorageGiB: wholeNumber(1, 1000),
  }),
});

/** The parts of a parsed environment the EKS rules read. */
interface EksView {
  readonly eks: z.output<typeof eksSchema>;
}

/** Rules between EKS settings. */
export function checkEks(config: EksView, ctx: ConfigContext): void {
  const eks = config.eks;
  const issue = (path: PropertyKey[], input: unknown, message: string) =>
    ctx.addIssue({ code: "custom", path: ["eks", ...path], input, message: `${show(input)} ${message}` });

  const { publicAccess, publicAccessCidrs } = eks.endpoint;
  if (publicAccess && publicAccessCidrs.length === 0) {
    issue(
      ["endpoint", "publicAccessCidrs"],
      publicAccessCidrs,
      "is empty while eks.endpoint.publicAccess is true; expected the CIDRs allowed to reach the public endpoint",
    );
  }
  if (!publicAccess && publicAccessCidrs.length > 0) {
    issue(
      ["endpoint", "publicAccessCidrs"],
      publicAccessCidrs,
      "has no effect while eks.endpoint.publicAccess is false; expected [] or publicAccess true",
    );
  }

  const { securityGroupIds, cidrs } = eks.endpoint.privateAccess;
  if (!publicAccess && securityGroupIds.length === 0 && cidrs.length === 0) {
    issue(
      ["endpoint", "privateAccess"],
      eks.endpoint.privateAccess,
      "lets nobody reach the private Kubernetes API, and the public endpoint is off: the add-ons and workloads stacks could not plan or apply; expected the security groups (securityGroupIds) or private CIDRs (cidrs) of the CI runners and operators' VPN, or, outside production, publicAccess with publicAccessCidrs",
    );
  }
  cidrs.forEach((cidr, index) => {
    const parsed = parseCidr(cidr);
    if (typeof parsed !== "string" && !isPrivateCidr(parsed)) {
      issue(
        ["endpoint", "privateAccess", "cidrs", index],
        cidr,
        `is not a private range, and the private endpoint is reachable only through the VPC; expected a block inside ${PRIVATE_RANGES.join(", ")} (a peered network or VPN clients)`,
      );
    }
  });

  const principals = [...eks.access.admins, ...eks.access.viewers, ...eks.access.planners];
  const repeated = principals.find((arn, index) => principals.indexOf(arn) !== index);
  if (repeated !== undefined) {
    issue(["access"], repeated, "is listed twice; expected each principal once, as an admin, a viewer or a planner");
  }

  const names = eks.nodeGroups.map((group) => group.name);
  eks.nodeGroups.forEach((group, index) => {
    const at = (setting: string) => ["nodeGroups", index, setting];
    if (names.indexOf(group.name) !== index) {
      issue(at("name"), group.name, "is the name of another node group; expected unique names");
    }
    const sizes = { ...group, desiredSize: group.desiredSize ?? group.minSize };
    for (const [setting, problem] of checkGroupSizes(sizes, `eks.nodeGroups[${index}]`)) {
      issue(at(setting), sizes[setting], problem);
    }
    const spreadProblem =
      checkArchitectures(group.instanceTypes) ??
      // Types the table lacks are reported one by one; the group's shape needs them all known.
      (group.instanceTypes.every((type) => Object.hasOwn(EC2_INSTANCE_TYPES, type))
        ? checkNodeGroupShape(group.instanceTypes)
        : undefined) ??
      checkSpotDiversity(group.capacityType, group.instanceTypes);
    if (spreadProblem) {
      issue(at("instanceTypes"), group.instanceTypes, spreadProblem);
    }
    const iopsProblem = checkDiskIops(group.diskType, group.diskIops);
    if (iopsProblem) {
      issue(at("diskIops"), group.diskIops, iopsProblem);
    }
  });
  if (eks.systemNodeGroup !== undefined && !names.includes(eks.systemNodeGroup)) {
    issue(["systemNodeGroup"], eks.systemNodeGroup, `is not a node group; expected one of ${names.join(", ")}`);
  }
}
