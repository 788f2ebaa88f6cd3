import type { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import type { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { Construct } from "constructs";
import type { NetworkProps } from "./network-props";
import { INTERFACE_ENDPOINT_IDS, type InterfaceEndpointService } from "./options";

/** Where the endpoints go: the VPC, its private subnets and the route tables of the private and data tiers. */
export interface VpcEndpointsOptions {
  readonly vpcId: string;
  /** Interface endpoints to create, without duplicates. */
  readonly endpointServices: readonly InterfaceEndpointService[];
  readonly privateSubnets: readonly Subnet[];
  readonly privateRouteTables: readonly RouteTable[];
  readonly dataRouteTable: RouteTable;
  /** `<namePrefix>-<parts>`. */
  readonly name: (...parts: string[]) => string;
}

/**
 * The VPC's endpoints, created in `scope`: the S3 gateway endpoint in the private and data route tables, and the
 * interface endpoints in the private subnets behind a security group that lets HTTPS in from the VPC. Returns that
 * group's id, when there are interface endpoints.
 */
export function addVpcEndpoints(
  scope: Construct,
  props: NetworkProps,
  options: VpcEndpointsOptions,
): string | undefined {
  const { vpcId, endpointServices, privateSubnets, privateRouteTables, dataRouteTable, name } = options;

  // S3 through the gateway endpoint: free, keeps ECR layer pulls and backups off the NAT gateways.
  new VpcEndpoint(scope, "S3Endpoint", {
    vpcId,
    serviceName: `com.amazonaws.${props.region}.s3`,
    vpcEndpointType: "Gateway",
    routeTableIds: [...privateRouteTables.map((table) => table.id), dataRouteTable.id],
    tags: { Name: name("s3") },
  });

  if (endpointServices.length > 0) {
    const endpointSecurityGroup = new SecurityGroup(scope, "EndpointSecurityGroup", {
      name: name("vpc-endpoints"),
      description: "Interface VPC endpoints: HTTPS from inside the VPC",
      vpcId,
      tags: { Name: name("vpc-endpoints") },
    });
    new VpcSecurityGroupIngressRule(scope, "EndpointHttpsIngress", {
      securityGroupId: endpointSecurityGroup.id,
      description: "HTTPS from the VPC",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidr,
    });
    for (const service of endpointServices) {
      new VpcEndpoint(scope, INTERFACE_ENDPOINT_IDS[service], {
        vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: privateSubnets.map((subnet) => subnet.id),
        securityGroupIds: [endpointSecurityGroup.id],
        tags: { Name: name(service.replace(/\./g, "-")) },
      });
    }
    return endpointSecurityGroup.id;
  }
  return undefined;
}
