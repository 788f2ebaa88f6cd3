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
