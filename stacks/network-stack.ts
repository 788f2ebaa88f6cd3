import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { DEFAULT_INTERFACE_ENDPOINTS } from "../constructs/network/options";
import { ServiceLinkedRole } from "../constructs/core/service-linked-role";
import { Network } from "../constructs/network/network";
import type { EnvironmentConfig } from "../src/config/schema";
import { PlatformStack } from "./platform-stack";

/**
 * `<env>-network`: the VPC, its subnets, gateways, endpoints and flow logs, and the account's Auto Scaling
 * service-linked role (which key policies of later stacks name). Changes rarely and everything else depends on it,
 * so it is its own stack; later layers read its outputs through cross-stack references.
 */
export class NetworkStack extends PlatformStack {
  public readonly network: Network;
  /**
   * AWSServiceRoleForAutoScaling, created here or looked up (`aws.autoScalingServiceLinkedRole`): the volume keys of
   * the cluster and workloads stacks name it, so it must exist before them.
   */
  public readonly autoScalingRole: ServiceLinkedRole;

  constructor(scope: Construct, config: EnvironmentConfig) {
    super(scope, config, "network");

    const settings = config.network;
    this.network = new Network(this, "Network", {
      namePrefix: this.namePrefix,
      region: this.region,
      vpcCidr: settings.vpcCidr,
      azCount: settings.azCount,
      availabilityZones: settings.availabilityZones,
      natGateways: settings.natGateways,
      interfaceEndpoints: settings.interfaceEndpoints ? DEFAULT_INTERFACE_ENDPOINTS : [],
      flowLogRetentionDays: settings.flowLogs.retentionDays,
      flowLogAggregationSeconds: settings.flowLogs.aggregationIntervalSeconds,
      preventDestroy: config.protection.preventDestroy,
    });

    this.autoScalingRole = new ServiceLinkedRole(this, "AutoScalingRole", {
      service: "autoscaling.amazonaws.com",
      roleName: "AWSServiceRoleForAutoScaling",
      create: config.aws.autoScalingServiceLinkedRole === "create",
      preventDestroy: config.protection.preventDestroy,
    });

    new TerraformOutput(this, "vpc_id", { value: this.network.vpcId, description: "VPC id" });
    new TerraformOutput(this, "vpc_cidr", { value: this.network.vpcCidr, description: "VPC IPv4 CIDR block" });
    new TerraformOutput(this, "public_subnet_ids", {
      value: this.network.publicSubnetIds,
      description: "Public subnets (load balancers, NAT gateways), one per AZ",
    });
    new TerraformOutput(this, "private_subnet_ids", {
      value: this.network.privateSubnetIds,
      description: "Private subnets (workloads), one per AZ",
    });
    new TerraformOutput(this, "data_subnet_ids", {
      value: this.network.dataSubnetIds,
      description: "Isolated data subnets (databases, caches, brokers), one per AZ",
    });
  }
}
