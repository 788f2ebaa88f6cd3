import { checkVpcCidr, planSubnets } from "../../constructs/network/subnet-layout";
import { mustParseCidr, cidrContains } from "../../constructs/core/cidr";

describe("planSubnets", () => {
  test("lays out a /16 over three AZs", () => {
    expect(planSubnets("10.0.0.0/16", 3)).toEqual({
      private: ["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18"],
      public: ["10.0.192.0/21", "10.0.200.0/21", "10.0.208.0/21"],
      data: ["10.0.224.0/21", "10.0.232.0/21", "10.0.240.0/21"],
    });
  });

  test("scales with the VPC: a /23 gives /25 private and the minimum /28 public and data subnets", () => {
    expect(planSubnets("192.168.2.0/23", 2)).toEqual({
      private: ["192.168.2.0/25", "192.168.2.128/25"],
      public: ["192.168.3.128/28", "192.168.3.144/28"],
      data: ["192.168.3.192/28", "192.168.3.208/28"],
    });
  });

  test.each(["10.0.0.0/16", "10.8.0.0/20", "172.20.0.0/23"])(
    "keeps every subnet of %s inside the VPC and apart",
    (vpc) => {
      const layout = planSubnets(vpc, 3);
      const all = [...layout.public, ...layout.private, ...layout.data].map(mustParseCidr);

      expect(new Set(all.map((cidr) => cidr.network)).size).toBe(9);
      for (const subnet of all) {
        expect(cidrContains(mustParseCidr(vpc), subnet)).toBe(true);
        expect(
          all.filter((other) => other !== subnet && (cidrContains(other, subnet) || cidrContains(subnet, other))),
        ).toEqual([]);
      }
    },
  );

  test("two AZs take the same subnets as the first two of three", () => {
    const two = planSubnets("10.0.0.0/16", 2);
    const three = planSubnets("10.0.0.0/16", 3);

    expect(two.private).toEqual(three.private.slice(0, 2));
    expect(two.public).toEqual(three.public.slice(0, 2));
    expect(two.data).toEqual(three.data.slice(0, 2));
  });

  test("refuses an unsupported AZ count", () => {
    expect(() => planSubnets("10.0.0.0/16", 4)).toThrow(/AZ count 4 is not supported; expected 2 or 3/);
  });
});

describe("checkVpcCidr", () => {
  test.each([
    ["10.0.0.0/16", undefined],
    ["10.0.0.0/23", undefined],
    ["10.0.0.0/15", /larger than AWS allows for a VPC \(\/15\); use a prefix between \/16 and \/23/],
    ["10.0.0.0/24", /too small for the subnet layout: public and data subnets would be \/29/],
    [
      "52.0.0.0/16",
      /not inside a private \(RFC 1918\) range; use a block inside 10\.0\.0\.0\/8, 172\.16\.0\.0\/12, 192\.168\.0\.0\/16/,
    ],
  ])("%s → %s", (cidr, expected) => {
    const problem = checkVpcCidr(cidr);
    if (expected === undefined) {
      expect(problem).toBeUndefined();
    } else {
      expect(problem).toMatch(expected);
    }
  });
});
