import { aws, awsGlobal, type TypeReplacement } from "./entry";

/** EKS, IAM: the arguments whose change forces replacement (see ./entry.ts for how to read and extend). */
export const COMPUTE: Readonly<Record<string, TypeReplacement>> = {
  aws_eks_access_entry: aws(
    "eks/access_entry.go",
    ["cluster_name", "principal_arn", "type"],
    "hashicorp/terraform-provider-aws@01f431114674",
  ),
  aws_eks_access_policy_association: aws(
    "eks/access_policy_association.go",
    [
      { attribute: "access_scope", block: true },
      "access_scope.namespaces",
      "access_scope.type",
      "cluster_name",
      "policy_arn",
      "principal_arn",
    ],
    "hashicorp/terraform-provider-aws@01f431114674",
  ),
  aws_eks_addon: aws("eks/addon.go", ["addon_name", "cluster_name"], "hashicorp/terraform-provider-aws@00a35305dc1b"),
  aws_eks_cluster: aws("eks/cluster.go", [
    "access_config.bootstrap_cluster_creator_admin_permissions",
    "bootstrap_self_managed_addons",
    {
      attribute: "compute_config.node_role_arn",
      conditional: true,
      note: "Only when an existing non-empty role ARN changes to another value; not when auto mode is disabled (enabled=false) or node_pools are emptied with the role unset.",
    },
    {
      attribute: "encryption_config",
      conditional: true,
      note: "Only when an existing encryption_config is removed (envelope encryption cannot be disabled).",
    },
    "kubernetes_network_config.ip_family",
    "kubernetes_network_config.service_ipv4_cidr",
    "name",
    "outpost_config.control_plane_instance_type",
    "outpost_config.control_plane_placement.group_name",
    "role_arn",
  ]),
  aws_eks_node_group: aws(
    "eks/node_group.go",
    [
      "ami_type",
      "capacity_type",
      "cluster_name",
      "disk_size",
      "instance_types",
      "launch_template.id",
      "launch_template.name",
      "node_group_name",
      "node_group_name_prefix",
      "node_role_arn",
      { attribute: "remote_access", block: true },
      "remote_access.ec2_ssh_key",
      "remote_access.source_security_group_ids",
      "subnet_ids",
    ],
    "hashicorp/terraform-provider-aws@012e0a32f068",
  ),
  aws_eks_pod_identity_association: aws(
    "eks/pod_identity_association.go",
    ["cluster_name", "namespace", "service_account"],
    "hashicorp/terraform-provider-aws@00a35305dc1b",
  ),
  aws_iam_instance_profile: awsGlobal(
    "iam/instance_profile.go",
    ["name", "name_prefix", "path"],
    "hashicorp/terraform-provider-aws@013f1736b904",
  ),
  aws_iam_openid_connect_provider: awsGlobal(
    "iam/openid_connect_provider.go",
    ["url"],
    "hashicorp/terraform-provider-aws@01606926a0c0",
  ),
  aws_iam_role: awsGlobal("iam/role.go", ["name", "name_prefix", "path"]),
  aws_iam_role_policy: awsGlobal(
    "iam/role_policy.go",
    ["name", "name_prefix", "role"],
    "hashicorp/terraform-provider-aws@02f97af85f89",
  ),
  aws_iam_role_policy_attachment: awsGlobal(
    "iam/role_policy_attachment.go",
    ["policy_arn", "role"],
    "hashicorp/terraform-provider-aws@04c79849dbe7",
  ),
  aws_iam_service_linked_role: awsGlobal(
    "iam/service_linked_role.go",
    ["aws_service_name", "custom_suffix"],
    "hashicorp/terraform-provider-aws@01c08000ddb1",
  ),
};
