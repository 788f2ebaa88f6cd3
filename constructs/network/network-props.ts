import type { InterfaceEndpointService, NatStrategy } from "./options";

export interface NetworkProps {
  /** Prefix of every name, `<project>-<environment>`. */
  readonly namePrefix: string;
  /** Region of the stack's provider; endpoint service names and the log service principal depend on it. */
  readonly region: string;
  /** The VPC's IPv4 block, /16 to /23 inside an RFC 1918 range. Subnet CIDRs are computed from it (see `planSubnets`). */
  readonly vpcCidr: string;
  /**
   * Number of availability zones the subnets span.
   *
   * @default 3
   */
  readonly azCount?: number;
  /**
   * Availability zone names to use, exactly `azCount` of them.
   *
   * @default - the region's first `azCount` available zones, opt-in (Local) zones excluded
   */
  readonly availabilityZones?: readonly string[];
  /**
   * NAT strategy for the private subnets.
   *
   * @default "one-per-az"
   */
  readonly natGateways?: NatStrategy;
  /**
   * Interface endpoints to create in the private subnets.
   *
   * @default - none (the S3 gateway endpoint is always created)
   */
  readonly interfaceEndpoints?: readonly InterfaceEndpointService[];
  /**
   * Retention of the VPC flow log group, in days (a CloudWatch Logs retention period).
   *
   * @default 365
   */
  readonly flowLogRetentionDays?: number;
  /**
   * Flow log aggregation interval in seconds: 60 or 600.
   *
   * @default 60
   */
  readonly flowLogAggregationSeconds?: number;
  /**
   * Adds `lifecycle.prevent_destroy` to the flow logs' KMS key, so that a plan that would delete it (and with it
   * every flow log it encrypts) fails. Production turns it on (guardrail PLAT_PREVENT_DESTROY).
   *
   * @default false
   */
  readonly preventDestroy?: boolean;
}
