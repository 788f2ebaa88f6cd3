import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { propertyAccess, Token } from "cdktf";
import { Construct } from "constructs";
import { joinName } from "../core/naming";
import type { EncryptionKey } from "../kms/encryption-key";
import { addVpcEndpoints } from "./network-endpoints";
import { addFlowLogs } from "./network-flow-logs";
import { addNatGateways } from "./network-nat";
import type { NetworkProps } from "./network-props";
import { validateNetwork } from "./network-validation";
import { planSubnets, type SubnetLayout } from "./subnet-layout";

export type { NetworkProps } from "./network-props";

/**
 * A VPC in three tiers per availability zone:
 * - public: load balancers and NAT gateways, routed to the internet gateway;
 * - private: workloads (EKS nodes, the monolith's instances), egress through NAT, tagged for internal load balancers;
 * - data: databases, caches and brokers, with no route to or from the internet at all.
 *
 * Plus an S3 gateway endpoint, optional interface endpoints, VPC flow logs to a KMS-encrypted log group, and the
 * default security group stripped of every rule.
 */
export class Network extends Construct {
  /** The `aws_vpc`. */
  public readonly vpc: Vpc;
  public readonly vpcId: string;
  public readonly vpcCidr: string;
  /** Availability zone of each AZ index (subnet lists are in the same order). */
  public readonly availabilityZones: readonly string[];
  /** The computed subnet CIDRs per tier. */
  public readonly subnetCidrs: SubnetLayout;
  public readonly publicSubnetIds: readonly string[];
  public readonly privateSubnetIds: readonly string[];
  public readonly dataSubnetIds: readonly string[];
  public readonly publicRouteTableId: string;
  /** One private route table per AZ. */
  public readonly privateRouteTableIds: readonly string[];
  public readonly dataRouteTableId: string;
  public readonly natGatewayIds: readonly string[];
  /** Security group of the interface endpoints, when there are any. */
  public readonly endpointSecurityGroupId?: string;
  public readonly flowLogGroupName: string;
  public readonly flowLogKey: EncryptionKey;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);

    // Defaults: production shape. Three AZs, a NAT gateway per AZ, a year of one-minute flow logs.
    const azCount = props.azCount ?? 3;
    const natStrategy = props.natGateways ?? "one-per-az";
    const endpointServices = [...new Set(props.interfaceEndpoints ?? [])];
    const flowLogRetentionDays = props.flowLogRetentionDays ?? 365;
    const flowLogAggregationSeconds = props.flowLogAggregationSeconds ?? 60;

    validateNetwork(
      this,
      props,
      azCount,
      natStrategy,
      endpointServices,
      flowLogRetentionDays,
      flowLogAggregationSeconds,
    );

    const name = (...parts: string[]) => joinName(props.namePrefix, ...parts);
    const zoneIndexes = Array.from({ length: azCount }, (_, index) => index);
    const zoneLabel = (index: number) => `az${index + 1}`;

    this.subnetCidrs = planSubnets(props.vpcCidr, azCount);
    this.vpcCidr = props.vpcCidr;

    this.vpc = new Vpc(this, "Resource", {
      cidrBlock: props.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: name("vpc") },
    });
    this.vpcId = this.vpc.id;

    // The default security group is attached to anything launched without one; with no rules it lets nothing in
    // or out, so forgetting a security group fails closed (CKV2_AWS_12, AVD-AWS-0173).
    new DefaultSecurityGroup(this, "DefaultSecurityGroup", {
      vpcId: this.vpc.id,
      tags: { Name: name("default-deny-all") },
    });

    if (props.availabilityZones) {
      this.availabilityZones = [...props.availabilityZones];
    } else {
      const zones = new DataAwsAvailabilityZones(this, "AvailabilityZones", {
        state: "available",
        filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
        lifecycle: {
          postcondition: [
            {
              condition: `\${length(self.names) >= ${azCount}}`,
              errorMessage: `The network needs ${azCount} availability zones, but ${props.region} has fewer available.`,
            },
          ],
        },
      });
      this.availabilityZones = zoneIndexes.map((index) => Token.asString(propertyAccess(zones.names, [index])));
    }

    const internetGateway = new InternetGateway(this, "InternetGateway", {
      vpcId: this.vpc.id,
      tags: { Name: name("igw") },
    });

    // Public tier: one route table with the internet route, shared by every public subnet.
    const publicSubnets = zoneIndexes.map(
      (index) =>
        new Subnet(this, `PublicSubnet${index + 1}`, {
          vpcId: this.vpc.id,
          cidrBlock: this.subnetCidrs.public[index],
          availabilityZone: this.availabilityZones[index],
          mapPublicIpOnLaunch: false,
          tags: { Name: name("public", zoneLabel(index)), Tier: "public", "kubernetes.io/role/elb": "1" },
        }),
    );
    const publicRouteTable = new RouteTable(this, "PublicRouteTable", {
      vpcId: this.vpc.id,
      tags: { Name: name("public") },
    });
    new Route(this, "PublicInternetRoute", {
      routeTableId: publicRouteTable.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: internetGateway.id,
    });
    publicSubnets.forEach(
      (subnet, index) =>
        new RouteTableAssociation(this, `PublicRouteTableAssociation${index + 1}`, {
          subnetId: subnet.id,
          routeTableId: publicRouteTable.id,
        }),
    );

    const natGateways = addNatGateways(this, {
      natStrategy,
      vpcId: this.vpc.id,
      zoneIndexes,
      publicSubnets,
      internetGateway,
      name,
      zoneLabel,
    });
    const natFor = (index: number) => (natStrategy === "one-per-az" ? natGateways[index] : natGateways[0]);

    // Private tier: a route table per AZ, so that each AZ can have its own NAT gateway and switching strategies
    // only changes routes.
    const privateSubnets = zoneIndexes.map(
      (index) =>
        new Subnet(this, `PrivateSubnet${index + 1}`, {
          vpcId: this.vpc.id,
          cidrBlock: this.subnetCidrs.private[index],
          availabilityZone: this.availabilityZones[index],
          mapPublicIpOnLaunch: false,
          tags: { Name: name("private", zoneLabel(index)), Tier: "private", "kubernetes.io/role/internal-elb": "1" },
        }),
    );
    const privateRouteTables = zoneIndexes.map((index) => {
      const table = new RouteTable(this, `PrivateRouteTable${index + 1}`, {
        vpcId: this.vpc.id,
        tags: { Name: name("private", zoneLabel(index)) },
      });
      new Route(this, `PrivateNatRoute${index + 1}`, {
        routeTableId: table.id,
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: natFor(index).id,
      });
      new RouteTableAssociation(this, `PrivateRouteTableAssociation${index + 1}`, {
        subnetId: privateSubnets[index].id,
        routeTableId: table.id,
      });
      return table;
    });

    // Data tier: isolated. Its route table holds only the local route (and the S3 endpoint's prefix list).
    const dataSubnets = zoneIndexes.map(
      (index) =>
        new Subnet(this, `DataSubnet${index + 1}`, {
          vpcId: this.vpc.id,
          cidrBlock: this.subnetCidrs.data[index],
          availabilityZone: this.availabilityZones[index],
          mapPublicIpOnLaunch: false,
          tags: { Name: name("data", zoneLabel(index)), Tier: "data" },
        }),
    );
    const dataRouteTable = new RouteTable(this, "DataRouteTable", {
      vpcId: this.vpc.id,
      tags: { Name: name("data") },
    });
    dataSubnets.forEach(
      (subnet, index) =>
        new RouteTableAssociation(this, `DataRouteTableAssociation${index + 1}`, {
          subnetId: subnet.id,
          routeTableId: dataRouteTable.id,
        }),
    );

    this.endpointSecurityGroupId = addVpcEndpoints(this, props, {
      vpcId: this.vpc.id,
      endpointServices,
      privateSubnets,
      privateRouteTables,
      dataRouteTable,
      name,
    });

    const flowLogs = addFlowLogs(this, props, this.vpc.id, name, flowLogRetentionDays, flowLogAggregationSeconds);
    this.flowLogGroupName = flowLogs.logGroupName;
    this.flowLogKey = flowLogs.key;

    this.publicSubnetIds = publicSubnets.map((subnet) => subnet.id);
    this.privateSubnetIds = privateSubnets.map((subnet) => subnet.id);
    this.dataSubnetIds = dataSubnets.map((subnet) => subnet.id);
    this.publicRouteTableId = publicRouteTable.id;
    this.privateRouteTableIds = privateRouteTables.map((table) => table.id);
    this.dataRouteTableId = dataRouteTable.id;
    this.natGatewayIds = natGateways.map((gateway) => gateway.id);
  }
}
