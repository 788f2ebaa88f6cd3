/**
 * IPv4 CIDR arithmetic, the subset Terraform's `cidrsubnet()` offers, computed at synth time so that every subnet
 * CIDR is a literal in the synthesized plan (readable in review, testable offline).
 */

export interface Ipv4Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly network: number;
  /** Prefix length, 0 to 32. */
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses `a.b.c.d/n`. Returns a reason string instead of throwing, so that config validation can report it
 * alongside other problems.
 */
export function parseCidr(text: string): Ipv4Cidr | string {
  const match = CIDR_PATTERN.exec(text);
  if (!match) {
    return "is not an IPv4 CIDR block; expected the form a.b.c.d/n, for example 10.0.0.0/16";
  }
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255)) {
    return "has an octet above 255";
  }
  if (prefix > 32) {
    return `has prefix /${prefix}; an IPv4 prefix is at most /32`;
  }
  const address = toUint32(octets);
  const network = (address & prefixMask(prefix)) >>> 0;
  if (network !== address) {
    return `has host bits set; the network address for /${prefix} is ${formatAddress(network)}/${prefix}`;
  }
  return { network, prefix };
}

/**
 * Parses a CIDR and throws on invalid input; for code paths that received already-validated config (a bad value
 * here is a programming error, not bad input, so it is a RangeError without a construct path).
 */
export function mustParseCidr(text: string): Ipv4Cidr {
  const parsed = parseCidr(text);
  if (typeof parsed === "string") {
    throw new RangeError(`"${text}" ${parsed}`);
  }
  return parsed;
}

/** Equivalent of Terraform's `cidrsubnet(base, newbits, netnum)`. */
export function cidrSubnet(base: Ipv4Cidr, newBits: number, netNum: number): Ipv4Cidr {
  const prefix = base.prefix + newBits;
  if (!Number.isInteger(newBits) || newBits < 0 || prefix > 32) {
    throw new RangeError(`cannot extend /${base.prefix} by ${newBits} bits; the result must be at most /32`);
  }
  if (!Number.isInteger(netNum) || netNum < 0 || netNum >= 2 ** newBits) {
    throw new RangeError(`network number ${netNum} does not fit in ${newBits} new bits`);
  }
  const network = (base.network + netNum * 2 ** (32 - prefix)) >>> 0;
  return { network, prefix };
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  if (inner.prefix < outer.prefix) {
    return false;
  }
  return (inner.network & prefixMask(outer.prefix)) >>> 0 === outer.network;
}

/** The RFC 1918 private ranges a VPC should be carved from. */
export const PRIVATE_RANGES: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

/** True when the block lies inside one of the RFC 1918 private ranges. */
export function isPrivateCidr(cidr: Ipv4Cidr): boolean {
  return PRIVATE_RANGES.some((range) => cidrContains(mustParseCidr(range), cidr));
}

export function formatCidr(cidr: Ipv4Cidr): string {
  return `${formatAddress(cidr.network)}/${cidr.prefix}`;
}

function formatAddress(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join(".");
}

function toUint32(octets: number[]): number {
  return octets.reduce((acc, octet) => acc * 256 + octet, 0) >>> 0;
}

function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}
