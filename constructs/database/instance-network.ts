import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import type { Construct } from "constructs";

export interface InstanceNetworkProps {
  readonly identifier: string;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly port: number;
  /** @default `Data subnets of <identifier>` */
  readonly subnetGroupDescription?: string;
}

/**
 * Where a PostgreSQL instance lives, alike for a shard's primary (`PostgresDatabase`) and a standby's replica
 * (`CrossRegionReplica`): a DB subnet group on the data subnets and a security group with no rules (clients are
 * granted through `allowFrom`).
 */
export function instanceNetwork(
  scope: Construct,
  props: InstanceNetworkProps,
): { readonly subnetGroup: DbSubnetGroup; readonly securityGroup: SecurityGroup } {
  const { identifier } = props;
  const subnetGroup = new DbSubnetGroup(scope, "SubnetGroup", {
    name: identifier,
    description: props.subnetGroupDescription ?? `Data subnets of ${identifier}`,
    subnetIds: [...props.subnetIds],
    tags: { Name: identifier },
  });
  const securityGroup = new SecurityGroup(scope, "SecurityGroup", {
    name: identifier,
    description: `PostgreSQL ${identifier}: port ${props.port} from granted security groups only`,
    vpcId: props.vpcId,
    tags: { Name: identifier },
  });
  return { subnetGroup, securityGroup };
}
