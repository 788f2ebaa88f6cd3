import type { DataProtection } from "../core/protection";
import type { NodeGroupOptions } from "./node-group";
import type { KubernetesVersion } from "./options";

/** Clients of the private API endpoint. */
export interface ApiAccess {
  /** Security groups in the VPC or a peered one. @default - none */
  readonly securityGroupIds?: readonly string[];
  /** Private CIDR blocks routed to the VPC. @default - none */
  readonly cidrs?: readonly string[];
}

export interface EksClusterProps {
  /** Prefix of every name, `<project>-<environment>`; the cluster is `<namePrefix>-eks`. */
  readonly namePrefix: string;
  /** Region of the stack's provider. */
  readonly region: string;
  readonly vpcId: string;
  /** Private subnets, one per availability zone: the control plane's network interfaces and every node group. */
  readonly subnetIds: readonly string[];
  /** Kubernetes version, one the platform has pinned add-on versions for. */
  readonly kubernetesVersion: KubernetesVersion;
  /**
   * The API server's public endpoint. Off, the API is reachable only from inside the VPC (and networks joined to
   * it); the private endpoint is always on.
   *
   * @default false
   */
  readonly endpointPublicAccess?: boolean;
  /**
   * Source CIDRs allowed to the public endpoint; required when it is on (never the whole internet by accident).
   *
   * @default - none
   */
  readonly publicAccessCidrs?: readonly string[];
  /**
   * Retention of the control-plane log group, days.
   *
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Who reaches the private API endpoint on 443, through the cluster's API security group: security groups of the
   * API's clients (self-hosted CI runners, a VPN endpoint) and private CIDRs routed to the VPC (a peered network,
   * VPN clients). The kubernetes and helm providers of later stacks need one of them (or the public endpoint).
   *
   * @default - nobody but the nodes and the control plane
   */
  readonly apiAccess?: ApiAccess;
  /**
   * IAM role or user ARNs with cluster-admin access: at least the role that installs into the cluster (the CI
   * deploy role). Named explicitly, so that access never depends on who happens to run Terraform.
   */
  readonly admins: readonly string[];
  /**
   * IAM role or user ARNs with read-only access (everything but secrets).
   *
   * @default - none
   */
  readonly viewers?: readonly string[];
  /**
   * IAM role ARNs that plan but never apply (the CI plan role): read access to everything, Secrets included, which
   * refreshing the add-ons' and workloads' Kubernetes objects needs.
   *
   * @default - none
   */
  readonly planners?: readonly string[];
  /**
   * ARN of AWSServiceRoleForAutoScaling, which the volume key's policy names (managed node groups launch through
   * it): pass the `ServiceLinkedRole` that makes sure it exists.
   *
   * @default - looked up by name at plan time (data.aws_iam_role), which fails if the account has none yet
   */
  readonly autoScalingRoleArn?: string;
  /**
   * VPC CNI prefix delegation (more pods per node).
   *
   * @default true
   */
  readonly prefixDelegation?: boolean;
  /**
   * Node groups to create, by short name.
   *
   * @default - none; add them with `addNodeGroup`
   */
  readonly nodeGroups?: Readonly<Record<string, NodeGroupOptions>>;
  /**
   * The node group that runs platform components (CoreDNS, the EBS CSI controller and the Helm add-ons), which
   * then tolerate its taints and select its nodes.
   *
   * @default - platform components run on any node
   */
  readonly systemNodeGroup?: string;
  /**
   * `deletionProtection`: EKS refuses to delete the cluster, and the log group is protected. `preventDestroy`: a
   * plan that would destroy the cluster or its keys fails.
   *
   * @default - all protections on
   */
  readonly protection?: DataProtection;
}
