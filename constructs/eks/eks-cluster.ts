import { EksCluster as EksClusterResource } from "@cdktf/provider-aws/lib/eks-cluster";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import type { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { dependable, Fn } from "cdktf";
import { Construct } from "constructs";
import { show, ValidationError } from "../core/errors";
import { joinName } from "../core/naming";
import { encryptedLogGroup } from "../core/log-group";
import { resolveProtection } from "../core/protection";
import { allowTcpFrom } from "../core/security-group-rules";
import { ServiceLinkedRole } from "../core/service-linked-role";
import { autoScalingVolumeGrants, cloudWatchLogsGrant, EncryptionKey } from "../kms/encryption-key";
import { type AccessLevel, ClusterAccess } from "./cluster-access";
import type { EksClusterProps } from "./eks-props";
import { serviceRole } from "./eks-service-role";
import { validateEksCluster } from "./eks-validation";
import { ManagedAddons } from "./managed-addons";
import { ManagedNodeGroup, type NodeGroupOptions } from "./node-group";
import { CLUSTER_LOG_TYPES, type KubernetesVersion } from "./options";
import { ANYWHERE, type Placement, placementOn } from "./placement";
import { KUBERNETES_RELEASES } from "./versions";
import type { WorkloadIdentityTarget } from "./workload-identity";

export type { ApiAccess, EksClusterProps } from "./eks-props";

/**
 * An EKS cluster, private and encrypted by default.
 *
 * - Network: the control plane in the private subnets, private endpoint on, public endpoint off (or limited to
 *   listed CIDRs). EKS creates the cluster security group that the control plane and every node share; an extra
 *   API security group has no rules until `allowApiAccessFrom` grants one (a CI runner, a VPN).
 * - Security: Kubernetes secrets envelope-encrypted with a customer-managed key; every control-plane log type to a
 *   KMS-encrypted log group created first; the cluster role has only AmazonEKSClusterPolicy.
 * - Access: EKS access entries only (authentication mode API, no aws-auth ConfigMap, no implicit creator admin);
 *   admins (at least one) and viewers from props, never the identity that happens to run Terraform.
 * - Workload identity: an IAM OIDC provider for IRSA and the Pod Identity agent; `identity` is what `WorkloadRole`
 *   needs, in this stack or another.
 * - Add-ons: vpc-cni, kube-proxy, eks-pod-identity-agent, coredns, aws-ebs-csi-driver at pinned versions; no
 *   self-managed defaults are installed.
 * - Nodes: managed node groups (`addNodeGroup`) with their own role (worker and ECR pull policies only) and a
 *   key for their volumes.
 */
export class EksCluster extends Construct {
  public readonly cluster: EksClusterResource;
  public readonly clusterName: string;
  public readonly clusterArn: string;
  /** The API server's URL. */
  public readonly endpoint: string;
  /** Base64 certificate authority data of the API server. */
  public readonly certificateAuthorityData: string;
  /** The control plane's Kubernetes version (an attribute, so that dependants follow an upgrade). */
  public readonly version: string;
  public readonly kubernetesVersion: KubernetesVersion;
  /** Security group EKS made for the control plane and the nodes: what data stores grant to let pods in. */
  public readonly clusterSecurityGroupId: string;
  /** Extra security group on the control plane's interfaces, opened by `allowApiAccessFrom`. */
  public readonly apiSecurityGroupId: string;
  public readonly oidcProvider: IamOpenidConnectProvider;
  /** What workload roles need, for `WorkloadRole`. */
  public readonly identity: WorkloadIdentityTarget;
  public readonly secretsKey: EncryptionKey;
  public readonly logsKey: EncryptionKey;
  /** Key of the node root volumes and persistent volumes. */
  public readonly volumeKey: EncryptionKey;
  public readonly nodeRole: IamRole;
  public readonly managedAddons: ManagedAddons;
  /** Where platform components run. */
  public readonly systemPlacement: Placement;
  private readonly groups: Record<string, ManagedNodeGroup> = {};
  /** The node role's policies: nodes join with them, so node groups wait for them. */
  private readonly nodeRoleAttachments: readonly IamRolePolicyAttachment[];
  private readonly props: EksClusterProps;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    this.props = props;

    // Defaults: private endpoint only, a year of control-plane logs, the deployer as admin, prefix delegation.
    const endpointPublicAccess = props.endpointPublicAccess ?? false;
    const publicAccessCidrs = [...(props.publicAccessCidrs ?? [])];
    const logRetentionDays = props.logRetentionDays ?? 365;
    const protection = resolveProtection(props.protection);

    const clusterName = joinName(props.namePrefix, "eks");
    this.clusterName = clusterName;
    this.kubernetesVersion = props.kubernetesVersion;
    validateEksCluster(this, props, endpointPublicAccess, publicAccessCidrs, logRetentionDays);

    const logGroupName = `/aws/eks/${clusterName}/cluster`;
    this.secretsKey = new EncryptionKey(this, "SecretsKey", {
      aliasName: `${clusterName}-secrets`,
      description: `Envelope-encrypts the Kubernetes secrets of ${clusterName}`,
      preventDestroy: protection.preventDestroy,
    });
    this.logsKey = new EncryptionKey(this, "LogsKey", {
      aliasName: `${clusterName}-logs`,
      description: `Encrypts the control-plane logs of ${clusterName}`,
      serviceGrants: [cloudWatchLogsGrant(this, props.region, [logGroupName])],
      preventDestroy: protection.preventDestroy,
    });
    // Managed node groups launch instances through the Auto Scaling service-linked role.
    this.volumeKey = new EncryptionKey(this, "VolumeKey", {
      aliasName: `${clusterName}-volumes`,
      description: `Encrypts the node and persistent volumes of ${clusterName}`,
      principalGrants: autoScalingVolumeGrants(
        props.autoScalingRoleArn ??
          new ServiceLinkedRole(this, "AutoScalingRole", {
            service: "autoscaling.amazonaws.com",
            roleName: "AWSServiceRoleForAutoScaling",
            create: false,
          }).arn,
      ),
      preventDestroy: protection.preventDestroy,
    });

    const logGroup = encryptedLogGroup(this, "ControlPlaneLogGroup", {
      name: logGroupName,
      kmsKeyArn: this.logsKey.keyArn,
      retentionDays: logRetentionDays,
      deletionProtection: protection.deletionProtection,
    });

    const clusterRole = serviceRole(this, "ClusterRole", joinName(clusterName, "cluster", { maxLength: 64 }), {
      service: "eks.amazonaws.com",
      description: `Lets EKS manage the control plane of ${clusterName}`,
      policies: ["AmazonEKSClusterPolicy"],
    });

    const apiSecurityGroup = new SecurityGroup(this, "ApiSecurityGroup", {
      name: joinName(clusterName, "api"),
      description: `EKS ${clusterName} API: HTTPS from granted security groups only`,
      vpcId: props.vpcId,
      tags: { Name: joinName(clusterName, "api") },
    });
    this.apiSecurityGroupId = apiSecurityGroup.id;

    this.cluster = new EksClusterResource(this, "Resource", {
      name: clusterName,
      version: props.kubernetesVersion,
      roleArn: clusterRole.role.arn,
      vpcConfig: {
        subnetIds: [...props.subnetIds],
        securityGroupIds: [apiSecurityGroup.id],
        endpointPrivateAccess: true,
        endpointPublicAccess,
        publicAccessCidrs: endpointPublicAccess ? publicAccessCidrs : undefined,
      },
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      bootstrapSelfManagedAddons: false,
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: this.secretsKey.keyArn } },
      enabledClusterLogTypes: [...CLUSTER_LOG_TYPES],
      kubernetesNetworkConfig: { ipFamily: "ipv4" },
      upgradePolicy: { supportType: "STANDARD" },
      deletionProtection: protection.deletionProtection,
      lifecycle: protection.preventDestroy ? { preventDestroy: true } : undefined,
      // EKS builds the control plane with the role's permissions (and needs them to clean up on delete).
      dependsOn: [logGroup, ...clusterRole.attachments],
      tags: { Name: clusterName },
    });
    this.clusterArn = this.cluster.arn;
    this.endpoint = this.cluster.endpoint;
    this.certificateAuthorityData = this.cluster.certificateAuthority.get(0).data;
    this.version = this.cluster.version;
    this.clusterSecurityGroupId = this.cluster.vpcConfig.clusterSecurityGroupId;

    const issuerUrl = this.cluster.identity.get(0).oidc.get(0).issuer;
    this.oidcProvider = new IamOpenidConnectProvider(this, "OidcProvider", {
      url: issuerUrl,
      clientIdList: ["sts.amazonaws.com"],
      tags: { Name: joinName(clusterName, "irsa") },
    });
    this.identity = {
      clusterName: this.cluster.name,
      clusterArn: this.cluster.arn,
      oidcProviderArn: this.oidcProvider.arn,
      oidcIssuer: Fn.replace(issuerUrl, "https://", ""),
    };

    // Access: entries only, for the principals named in props.
    props.admins.forEach((arn, index) => this.grantAccess(`AdminAccess${index + 1}`, arn, "admin"));
    (props.viewers ?? []).forEach((arn, index) => this.grantAccess(`ViewerAccess${index + 1}`, arn, "view"));
    (props.planners ?? []).forEach((arn, index) => this.grantAccess(`PlannerAccess${index + 1}`, arn, "plan"));
    for (const securityGroupId of props.apiAccess?.securityGroupIds ?? []) {
      this.allowApiAccessFrom(securityGroupId, securityGroupId);
    }
    for (const cidr of props.apiAccess?.cidrs ?? []) {
      this.allowApiAccessFromCidr(cidr.replace("/", "_"), cidr);
    }

    const systemGroup = props.systemNodeGroup ? props.nodeGroups?.[props.systemNodeGroup] : undefined;
    this.systemPlacement =
      props.systemNodeGroup && systemGroup ? placementOn(props.systemNodeGroup, systemGroup.taints ?? []) : ANYWHERE;

    this.managedAddons = new ManagedAddons(this, "Addons", {
      cluster: this.identity,
      versions: KUBERNETES_RELEASES[props.kubernetesVersion].addons,
      kubernetesVersion: props.kubernetesVersion,
      placement: this.systemPlacement,
      roleNamePrefix: clusterName,
      volumeKeyArn: this.volumeKey.keyArn,
      prefixDelegation: props.prefixDelegation,
    });

    const nodeRole = serviceRole(this, "NodeRole", joinName(clusterName, "node", { maxLength: 64 }), {
      service: "ec2.amazonaws.com",
      description: `Instance role of the nodes of ${clusterName}`,
      // Network permissions live on the VPC CNI's own role, not on every node.
      policies: ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly"],
    });
    this.nodeRole = nodeRole.role;
    this.nodeRoleAttachments = nodeRole.attachments;

    for (const [name, options] of Object.entries(props.nodeGroups ?? {})) {
      this.addNodeGroup(name, options);
    }
  }

  /** The node groups, by short name. */
  public get nodeGroups(): Readonly<Record<string, ManagedNodeGroup>> {
    return { ...this.groups };
  }

  /**
   * Adds a managed node group named `<cluster>-<name>-...` in every private subnet. Nodes wait for the networking
   * add-ons; CoreDNS and the EBS CSI driver wait for the nodes.
   */
  public addNodeGroup(name: string, options: NodeGroupOptions): ManagedNodeGroup {
    if (this.groups[name]) {
      throw new ValidationError(`addNodeGroup: ${show(name)} already exists; expected a new group name`, this);
    }
    const group = new ManagedNodeGroup(this, `NodeGroup-${name}`, {
      ...options,
      groupName: name,
      // The literal name (for the group's resource names); the version attribute orders the group after the cluster.
      clusterName: this.clusterName,
      kubernetesVersion: this.version,
      nodeRoleArn: this.nodeRole.arn,
      subnetIds: this.props.subnetIds,
      volumeKeyArn: this.volumeKey.keyArn,
    });
    group.nodeGroup.dependsOn = [...this.managedAddons.beforeCompute, ...this.nodeRoleAttachments].map((resource) =>
      dependable(resource),
    );
    this.managedAddons.waitFor(group.nodeGroup);
    this.groups[name] = group;
    return group;
  }

  /** An access entry for an IAM role or user, with cluster-wide admin or view rights. */
  public grantAccess(id: string, principalArn: string, level: AccessLevel): ClusterAccess {
    return new ClusterAccess(this, id, { clusterName: this.cluster.name, principalArn, level });
  }

  /** Lets a security group (a CI runner, a VPN endpoint) reach the private API endpoint on 443. */
  public allowApiAccessFrom(id: string, securityGroupId: string): void {
    allowTcpFrom(this, `${id}ApiIngress`, {
      securityGroupId: this.apiSecurityGroupId,
      sourceSecurityGroupId: securityGroupId,
      port: 443,
      description: `Kubernetes API from ${id}`,
    });
  }

  /** Lets a private CIDR block (a peered network, VPN clients) reach the private API endpoint on 443. */
  public allowApiAccessFromCidr(id: string, cidr: string): void {
    new VpcSecurityGroupIngressRule(this, `${id}ApiIngress`, {
      securityGroupId: this.apiSecurityGroupId,
      description: `Kubernetes API from ${cidr}`,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: cidr,
    });
  }
}
