import { aws, type TypeReplacement } from "./entry";

/** Standalone security group rules (ingress and egress alike): the group, and a change of the source's type. */
const SECURITY_GROUP_RULE = [
  "security_group_id",
  ...["cidr_ipv4", "cidr_ipv6", "prefix_list_id", "referenced_security_group_id"].map((attribute) => ({
    attribute,
    conditional: true,
    note: "Replaced only when the source changes type (cidr_ipv4, cidr_ipv6, prefix_list_id, referenced_security_group_id), not its value.",
  })),
];

/** VPC, EC2, Auto Scaling, load balancing: the arguments whose change forces replacement (see ./entry.ts for how to read and extend). */
export const NETWORK: Readonly<Record<string, TypeReplacement>> = {
  aws_autoscaling_group: aws(
    "autoscaling/group.go",
    [
      "name",
      "name_prefix",
      { attribute: "initial_lifecycle_hook", block: true },
      "initial_lifecycle_hook.default_result",
      "initial_lifecycle_hook.heartbeat_timeout",
      "initial_lifecycle_hook.lifecycle_transition",
      "initial_lifecycle_hook.name",
      "initial_lifecycle_hook.notification_metadata",
      "initial_lifecycle_hook.notification_target_arn",
      "initial_lifecycle_hook.role_arn",
    ],
    "hashicorp/terraform-provider-aws@00a919d1548e",
  ),
  aws_autoscaling_policy: aws(
    "autoscaling/policy.go",
    ["autoscaling_group_name", "name"],
    "hashicorp/terraform-provider-aws@007ce0a8dd1d",
  ),
  aws_autoscaling_schedule: aws(
    "autoscaling/schedule.go",
    ["autoscaling_group_name", "scheduled_action_name"],
    "hashicorp/terraform-provider-aws@1049654fb081",
  ),
  aws_default_security_group: aws(
    "ec2/vpc_default_security_group.go",
    ["vpc_id"],
    "hashicorp/terraform-provider-aws@01f431114674",
  ),
  aws_eip: aws(
    "ec2/ec2_eip.go",
    ["address", "domain", "ipam_pool_id", "network_border_group", "public_ipv4_pool"],
    "hashicorp/terraform-provider-aws@01606926a0c0",
  ),
  aws_flow_log: aws(
    "ec2/vpc_flow_log.go",
    [
      "deliver_cross_account_role",
      { attribute: "destination_options", block: true },
      "destination_options.file_format",
      "destination_options.hive_compatible_partitions",
      "destination_options.per_hour_partition",
      "eni_id",
      "iam_role_arn",
      "log_destination",
      "log_destination_type",
      "log_format",
      "max_aggregation_interval",
      "regional_nat_gateway_id",
      "subnet_id",
      "traffic_type",
      "transit_gateway_attachment_id",
      "transit_gateway_id",
      "vpc_id",
    ],
    "hashicorp/terraform-provider-aws@00a35305dc1b",
  ),
  aws_internet_gateway: aws("ec2/vpc_internet_gateway.go", [], "hashicorp/terraform-provider-aws@08923b68b5ad"),
  aws_launch_template: aws("ec2/ec2_launch_template.go", ["name", "name_prefix"]),
  aws_lb: aws(
    "elbv2/load_balancer.go",
    [
      "customer_owned_ipv4_pool",
      "internal",
      "load_balancer_type",
      "name",
      "name_prefix",
      {
        attribute: "subnet_mapping",
        conditional: true,
        note: "ALB: forces new if an existing mapping changes. NLB: also forces new if any mapping is removed.",
      },
      {
        attribute: "subnets",
        conditional: true,
        note: "NLB only: forces new unless the subnet count strictly increases.",
      },
      {
        attribute: "security_groups",
        conditional: true,
        note: "NLB only: forces new when going from none to some security groups or from some to none.",
      },
    ],
    "hashicorp/terraform-provider-aws@00edc94be7a8",
  ),
  aws_lb_listener: aws("elbv2/listener.go", ["load_balancer_arn"]),
  aws_lb_listener_rule: aws(
    "elbv2/listener_rule.go",
    ["listener_arn"],
    "hashicorp/terraform-provider-aws@032c4f076a6c",
  ),
  aws_lb_target_group: aws(
    "elbv2/target_group.go",
    [
      "ip_address_type",
      "name",
      "name_prefix",
      "port",
      "protocol",
      "protocol_version",
      {
        attribute: "target_control_port",
        note: "Not in the file I read; the PR that added it in 6.25.0 (#45270) says it is ForceNew.",
      },
      "target_type",
      "vpc_id",
    ],
    "hashicorp/terraform-provider-aws@013cfb4cddc9",
  ),
  aws_nat_gateway: aws("ec2/vpc_nat_gateway.go", [
    "allocation_id",
    "availability_mode",
    "connectivity_type",
    "private_ip",
    "subnet_id",
    "vpc_id",
    {
      attribute: "secondary_private_ip_address_count",
      conditional: true,
      note: "CustomizeDiff forces new only for connectivity_type=private, when the value is set in config and changes.",
    },
  ]),
  aws_route: aws("ec2/vpc_route.go", [
    "route_table_id",
    "destination_cidr_block",
    "destination_ipv6_cidr_block",
    "destination_prefix_list_id",
  ]),
  aws_route_table: aws("ec2/vpc_route_table.go", ["vpc_id"], "hashicorp/terraform-provider-aws@022092419b7c"),
  aws_route_table_association: aws("ec2/vpc_route_table_association.go", ["gateway_id", "subnet_id"]),
  aws_security_group: aws(
    "ec2/vpc_security_group.go",
    ["description", "name", "name_prefix", "vpc_id"],
    "hashicorp/terraform-provider-aws@01606926a0c0",
  ),
  aws_subnet: aws("ec2/vpc_subnet.go", [
    "availability_zone",
    "availability_zone_id",
    "cidr_block",
    "ipv6_native",
    "outpost_arn",
    "vpc_id",
  ]),
  aws_vpc: aws(
    "ec2/vpc_.go",
    [
      {
        attribute: "cidr_block",
        note: "Schema ForceNew; CustomizeDiff clears (no replacement) a cidr_block diff when ipv4_netmask_length is set, i.e. IPAM-derived.",
      },
      "ipv4_ipam_pool_id",
      "ipv4_netmask_length",
      {
        attribute: "instance_tenancy",
        conditional: true,
        note: "CustomizeDiff forces new on any change except dedicated -> default, which is updated in place.",
      },
    ],
    "hashicorp/terraform-provider-aws@00081ce41cc6",
  ),
  aws_vpc_endpoint: aws(
    "ec2/vpc_endpoint.go",
    [
      "resource_configuration_arn",
      "service_name",
      "service_network_arn",
      "service_region",
      "vpc_endpoint_type",
      "vpc_id",
    ],
    "hashicorp/terraform-provider-aws@008db85aad5e",
  ),
  aws_vpc_security_group_egress_rule: aws("ec2/vpc_security_group_egress_rule.go", SECURITY_GROUP_RULE),
  aws_vpc_security_group_ingress_rule: aws("ec2/vpc_security_group_ingress_rule.go", SECURITY_GROUP_RULE),
};
