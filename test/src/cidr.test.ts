import {
  cidrContains,
  cidrSubnet,
  formatCidr,
  isPrivateCidr,
  mustParseCidr,
  parseCidr,
} from "../../constructs/core/cidr";

describe("parseCidr", () => {
  test("parses a network address and prefix", () => {
    expect(parseCidr("10.1.0.0/16")).toEqual({ network: 0x0a010000, prefix: 16 });
    expect(formatCidr(mustParseCidr("192.168.4.0/22"))).toBe("192.168.4.0/22");
  });

  test.each([
    ["10.0.0/16", /not an IPv4 CIDR block/],
    ["10.0.0.0", /not an IPv4 CIDR block/],
    ["10.0.0.256/24", /octet above 255/],
    ["10.0.0.0/33", /prefix \/33; an IPv4 prefix is at most \/32/],
    ["10.0.0.1/16", /host bits set; the network address for \/16 is 10\.0\.0\.0\/16/],
  ])("explains why %s is not a CIDR", (text, reason) => {
    expect(parseCidr(text)).toMatch(reason);
    expect(() => mustParseCidr(text)).toThrow(reason);
  });
});

describe("cidrSubnet", () => {
  // Reference values from Terraform's cidrsubnet().
  test.each([
    ["10.0.0.0/16", 2, 3, "10.0.192.0/18"],
    ["10.0.0.0/16", 5, 24, "10.0.192.0/21"],
    ["10.0.0.0/16", 8, 255, "10.0.255.0/24"],
    ["172.16.0.0/12", 4, 15, "172.31.0.0/16"],
    ["192.168.0.0/23", 5, 31, "192.168.1.240/28"],
  ])("cidrsubnet(%s, %i, %i) is %s", (base, newBits, netNum, expected) => {
    expect(formatCidr(cidrSubnet(mustParseCidr(base), newBits, netNum))).toBe(expected);
  });

  test("refuses a network number that does not fit the new bits", () => {
    expect(() => cidrSubnet(mustParseCidr("10.0.0.0/16"), 2, 4)).toThrow(/network number 4 does not fit in 2 new bits/);
  });

  test("refuses to extend past /32", () => {
    expect(() => cidrSubnet(mustParseCidr("10.0.0.0/30"), 3, 0)).toThrow(/cannot extend \/30 by 3 bits/);
  });
});

describe("ranges", () => {
  test("contains only blocks inside the outer block", () => {
    expect(cidrContains(mustParseCidr("10.0.0.0/8"), mustParseCidr("10.200.0.0/16"))).toBe(true);
    expect(cidrContains(mustParseCidr("10.0.0.0/16"), mustParseCidr("10.1.0.0/16"))).toBe(false);
    expect(cidrContains(mustParseCidr("10.0.0.0/16"), mustParseCidr("10.0.0.0/8"))).toBe(false);
  });

  test.each([
    ["10.0.0.0/16", true],
    ["172.16.0.0/16", true],
    ["172.32.0.0/16", false],
    ["192.168.0.0/20", true],
    ["100.64.0.0/16", false],
  ])("%s is private: %s", (cidr, expected) => {
    expect(isPrivateCidr(mustParseCidr(cidr))).toBe(expected);
  });
});
