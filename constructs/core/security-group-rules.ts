import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { Construct } from "constructs";

export interface TcpIngressProps {
  /** The security group the rule opens. */
  readonly securityGroupId: string;
  /** The security group allowed in (by reference: never a CIDR). */
  readonly sourceSecurityGroupId: string;
  /** The port, or the first port of a range. */
  readonly port: number;
  /**
   * The last port of a range.
   *
   * @default - only `port`
   */
  readonly toPort?: number;
  readonly description: string;
}

/** One TCP port (or range) of a security group opened to another security group. */
export function allowTcpFrom(scope: Construct, id: string, props: TcpIngressProps): VpcSecurityGroupIngressRule {
  return new VpcSecurityGroupIngressRule(scope, id, {
    securityGroupId: props.securityGroupId,
    description: props.description,
    ipProtocol: "tcp",
    fromPort: props.port,
    toPort: props.toPort ?? props.port,
    referencedSecurityGroupId: props.sourceSecurityGroupId,
  });
}

/** One TCP port of a security group's egress opened to another security group. */
export function allowTcpTo(
  scope: Construct,
  id: string,
  props: { securityGroupId: string; destinationSecurityGroupId: string; port: number; description: string },
): VpcSecurityGroupEgressRule {
  return new VpcSecurityGroupEgressRule(scope, id, {
    securityGroupId: props.securityGroupId,
    description: props.description,
    ipProtocol: "tcp",
    fromPort: props.port,
    toPort: props.port,
    referencedSecurityGroupId: props.destinationSecurityGroupId,
  });
}

/** A security group and port that clients of a data store must be let in to. */
export interface IngressPoint {
  /** Says what the point is, for rule ids and descriptions: `Shard0`, `Shard0Proxy`, `Cache`. */
  readonly name: string;
  readonly securityGroupId: string;
  readonly port: number;
}

/**
 * Opens each ingress point of a store to a client's security group, with the rules in `scope`: the client's stack
 * owns its grants, so a store never depends on its clients (and clients in several stacks cannot form a cycle).
 */
export function allowIngress(
  scope: Construct,
  id: string,
  points: readonly IngressPoint[],
  sourceSecurityGroupId: string,
  description: string,
): VpcSecurityGroupIngressRule[] {
  return points.map((point) =>
    allowTcpFrom(scope, `${id}-${point.name}`, {
      securityGroupId: point.securityGroupId,
      sourceSecurityGroupId,
      port: point.port,
      description: `${description} (${point.name})`,
    }),
  );
}
