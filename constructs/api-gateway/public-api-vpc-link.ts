import { Apigatewayv2VpcLink } from "@cdktf/provider-aws/lib/apigatewayv2-vpc-link";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import type { Construct } from "constructs";
import { allowTcpFrom, allowTcpTo } from "../core/security-group-rules";
import type { PublicApiProps } from "./public-api-props";

/** The API's way to the backend, created in `scope`: a VPC link (v2) in the backend's subnets and its security group. */
export function addVpcLink(
  scope: Construct,
  props: PublicApiProps,
): { vpcLink: Apigatewayv2VpcLink; securityGroup: SecurityGroup } {
  // The VPC link's interfaces reach the load balancer's listener and nothing else.
  const backend = props.backend;
  const linkGroup = new SecurityGroup(scope, "VpcLinkSecurityGroup", {
    name: `${props.name}-vpc-link`,
    description: `VPC link of ${props.name}: out to the internal load balancer only`,
    vpcId: backend.vpcId,
    tags: { Name: `${props.name}-vpc-link` },
  });
  allowTcpTo(scope, "VpcLinkToLoadBalancer", {
    securityGroupId: linkGroup.id,
    destinationSecurityGroupId: backend.loadBalancerSecurityGroupId,
    port: backend.port,
    description: "To the internal load balancer's listener",
  });
  allowTcpFrom(scope, "LoadBalancerFromVpcLink", {
    securityGroupId: backend.loadBalancerSecurityGroupId,
    sourceSecurityGroupId: linkGroup.id,
    port: backend.port,
    description: `From the VPC link of ${props.name}`,
  });
  const vpcLink = new Apigatewayv2VpcLink(scope, "VpcLink", {
    name: props.name,
    subnetIds: [...backend.subnetIds],
    securityGroupIds: [linkGroup.id],
  });
  return { vpcLink, securityGroup: linkGroup };
}
