import { Eip } from "@cdktf/provider-aws/lib/eip";
import type { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import type { Subnet } from "@cdktf/provider-aws/lib/subnet";
import type { Construct } from "constructs";
import type { NatStrategy } from "./options";

/** What the NAT gateways are made from: the strategy and the public tier they live in. */
export interface NatGatewaysOptions {
  readonly natStrategy: NatStrategy;
  readonly vpcId: string;
  /** 0 to azCount - 1. */
  readonly zoneIndexes: readonly number[];
  /** A public subnet per AZ, for zonal gateways. */
  readonly publicSubnets: readonly Subnet[];
  readonly internetGateway: InternetGateway;
  /** `<namePrefix>-<parts>`. */
  readonly name: (...parts: string[]) => string;
  /** `az1`, `az2`, ... */
  readonly zoneLabel: (index: number) => string;
}

/**
 * The NAT gateways of the private tier, created in `scope`: one regional gateway, or a zonal one in the first public
 * subnet (`single`) or in each (`one-per-az`).
 */
export function addNatGateways(scope: Construct, options: NatGatewaysOptions): NatGateway[] {
  const { natStrategy, vpcId, zoneIndexes, publicSubnets, internetGateway, name, zoneLabel } = options;

  // NAT gateways, per strategy. Zonal ones live in public subnets and need an EIP each; the regional one is
  // attached to the VPC and gets its addresses from AWS.
  const natGateways: NatGateway[] = [];
  if (natStrategy === "regional") {
    natGateways.push(
      new NatGateway(scope, "RegionalNatGateway", {
        availabilityMode: "regional",
        connectivityType: "public",
        vpcId,
        tags: { Name: name("nat-regional") },
        dependsOn: [internetGateway],
      }),
    );
  } else {
    const natZones = natStrategy === "single" ? [0] : zoneIndexes;
    for (const index of natZones) {
      const eip = new Eip(scope, `NatEip${index + 1}`, {
        domain: "vpc",
        tags: { Name: name("nat", zoneLabel(index)) },
        dependsOn: [internetGateway],
      });
      natGateways.push(
        new NatGateway(scope, `NatGateway${index + 1}`, {
          allocationId: eip.allocationId,
          subnetId: publicSubnets[index].id,
          connectivityType: "public",
          tags: { Name: name("nat", zoneLabel(index)) },
          dependsOn: [internetGateway],
        }),
      );
    }
  }
  return natGateways;
}
