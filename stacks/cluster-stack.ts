import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { EksCluster } from "../constructs/eks/eks-cluster";
import type { Network } from "../constructs/network/network";
import type { EnvironmentConfig } from "../src/config/schema";
import { PlatformStack } from "./platform-stack";

/**
 * `<env>-cluster`: the EKS cluster in the network's private subnets, its keys, logs, roles, access entries, managed
 * add-ons and managed node groups. AWS resources only: the kubernetes and helm providers live in `<env>-addons`,
 * which connects to this cluster once it exists.
 */
export class ClusterStack extends PlatformStack {
  public readonly cluster: EksCluster;

  /** `autoScalingRoleArn`: AWSServiceRoleForAutoScaling from the network stack, named by the volume key's policy. */
  constructor(scope: Construct, config: EnvironmentConfig, network: Network, autoScalingRoleArn: string) {
    super(scope, config, "cluster");

    const eks = config.eks;
    this.cluster = new EksCluster(this, "Cluster", {
      namePrefix: this.namePrefix,
      region: this.region,
      vpcId: network.vpcId,
      subnetIds: network.privateSubnetIds,
      kubernetesVersion: eks.kubernetesVersion,
      endpointPublicAccess: eks.endpoint.publicAccess,
      publicAccessCidrs: eks.endpoint.publicAccessCidrs,
      logRetentionDays: eks.logRetentionDays,
      apiAccess: eks.endpoint.privateAccess,
      autoScalingRoleArn,
      admins: eks.access.admins,
      viewers: eks.access.viewers,
      planners: eks.access.planners,
      prefixDelegation: eks.prefixDelegation,
      systemNodeGroup: eks.systemNodeGroup,
      nodeGroups: Object.fromEntries(eks.nodeGroups.map(({ name, ...group }) => [name, group])),
      protection: {
        deletionProtection: config.protection.deletionProtection,
        preventDestroy: config.protection.preventDestroy,
      },
    });

    new TerraformOutput(this, "cluster_name", { value: this.cluster.clusterName, description: "EKS cluster name" });
    new TerraformOutput(this, "cluster_arn", { value: this.cluster.clusterArn, description: "EKS cluster ARN" });
    new TerraformOutput(this, "cluster_endpoint", {
      value: this.cluster.endpoint,
      description: "Kubernetes API endpoint (private unless eks.endpoint.publicAccess)",
    });
    new TerraformOutput(this, "cluster_security_group_id", {
      value: this.cluster.clusterSecurityGroupId,
      description: "Security group of the control plane and every node: grant it on data stores to let pods in",
    });
    new TerraformOutput(this, "oidc_provider_arn", {
      value: this.cluster.oidcProvider.arn,
      description: "IAM OIDC provider of the cluster, for IRSA roles",
    });
    new TerraformOutput(this, "node_role_arn", {
      value: this.cluster.nodeRole.arn,
      description: "Instance role of the managed node groups",
    });
    new TerraformOutput(this, "update_kubeconfig", {
      value: `aws eks update-kubeconfig --region ${this.region} --name ${this.cluster.clusterName}`,
      description: "Command that points kubectl at the cluster (needs an access entry and network access to the API)",
    });
  }
}
