import { cidrSubnet, formatCidr, isPrivateCidr, mustParseCidr, parseCidr, PRIVATE_RANGES } from "../core/cidr";
import { show } from "../core/errors";

/**
 * How a VPC CIDR is carved into subnets. Nobody types a subnet CIDR by hand: the layout is a pure function of the
 * VPC CIDR and the AZ count, so the same config always yields the same, non-overlapping subnets.
 *
 * For a VPC of prefix /p (the example is 10.0.0.0/16):
 *
 * | tier    | size   | AZ 1            | AZ 2            | AZ 3            |
 * |---------|--------|-----------------|-----------------|-----------------|
 * | private | /(p+2) | 10.0.0.0/18     | 10.0.64.0/18    | 10.0.128.0/18   |
 * | public  | /(p+5) | 10.0.192.0/21   | 10.0.200.0/21   | 10.0.208.0/21   |
 * | data    | /(p+5) | 10.0.224.0/21   | 10.0.232.0/21   | 10.0.240.0/21   |
 *
 * Private (application) subnets get three quarters of the space because EKS pods take their IPs from them (VPC CNI).
 * Public subnets only hold load balancers and NAT gateways; data subnets hold RDS, ElastiCache and MSK. The layout
 * positions do not depend on the AZ count, so going from 2 to 3 AZs adds subnets without moving existing ones.
 */
export interface SubnetLayout {
  readonly public: readonly string[];
  readonly private: readonly string[];
  readonly data: readonly string[];
}

/** Largest VPC AWS allows. */
export const MIN_VPC_PREFIX = 16;
/** Public and data subnets are /(p+5) and AWS's smallest subnet is /28, so the VPC can be at most /23. */
export const MAX_VPC_PREFIX = 23;
/** AZ counts the layout supports. */
export const SUPPORTED_AZ_COUNTS: readonly number[] = [2, 3];

const PRIVATE_NEW_BITS = 2;
const EDGE_NEW_BITS = 5;
/** Index, in /(p+5) units, of the first public subnet: the start of the last quarter. */
const PUBLIC_OFFSET = 24;
/** Index, in /(p+5) units, of the first data subnet. */
const DATA_OFFSET = 28;

/**
 * Checks a VPC CIDR against the layout. Returns a sentence describing the problem (for config and construct errors)
 * or `undefined` when the CIDR is usable.
 */
export function checkVpcCidr(vpcCidr: string): string | undefined {
  const parsed = parseCidr(vpcCidr);
  if (typeof parsed === "string") {
    return parsed;
  }
  if (parsed.prefix < MIN_VPC_PREFIX) {
    return `is larger than AWS allows for a VPC (/${parsed.prefix}); use a prefix between /${MIN_VPC_PREFIX} and /${MAX_VPC_PREFIX}`;
  }
  if (parsed.prefix > MAX_VPC_PREFIX) {
    return (
      `is too small for the subnet layout: public and data subnets would be /${parsed.prefix + EDGE_NEW_BITS}, ` +
      `below AWS's minimum subnet size of /28; use a prefix between /${MIN_VPC_PREFIX} and /${MAX_VPC_PREFIX}`
    );
  }
  if (!isPrivateCidr(parsed)) {
    return `is not inside a private (RFC 1918) range; use a block inside ${PRIVATE_RANGES.join(", ")}`;
  }
  return undefined;
}

/** Computes the subnet CIDRs of every tier for `azCount` availability zones. */
export function planSubnets(vpcCidr: string, azCount: number): SubnetLayout {
  const problem = checkVpcCidr(vpcCidr);
  if (problem) {
    throw new RangeError(`VPC CIDR ${show(vpcCidr)} ${problem}`);
  }
  if (!SUPPORTED_AZ_COUNTS.includes(azCount)) {
    throw new RangeError(`AZ count ${azCount} is not supported; expected ${SUPPORTED_AZ_COUNTS.join(" or ")}`);
  }
  const vpc = mustParseCidr(vpcCidr);
  const zones = Array.from({ length: azCount }, (_, index) => index);
  return {
    private: zones.map((index) => formatCidr(cidrSubnet(vpc, PRIVATE_NEW_BITS, index))),
    public: zones.map((index) => formatCidr(cidrSubnet(vpc, EDGE_NEW_BITS, PUBLIC_OFFSET + index))),
    data: zones.map((index) => formatCidr(cidrSubnet(vpc, EDGE_NEW_BITS, DATA_OFFSET + index))),
  };
}
