import { z } from "zod";
import { NAT_STRATEGIES } from "../../constructs/network/options";
import { checkVpcCidr } from "../../constructs/network/subnet-layout";
import { show } from "../../constructs/core/errors";
import { allowed, checked, pattern, section } from "./schema-helpers";
import { type ConfigContext, logRetentionDays } from "./shared-schema";

/** The network's part of an environment's config: the VPC, its zones, NAT, endpoints and flow logs. */

export const networkSchema = section({
  /** The VPC's IPv4 block; every subnet CIDR is computed from it. */
  vpcCidr: checked(checkVpcCidr, "an IPv4 CIDR block such as 10.0.0.0/16"),
  /** How many availability zones the subnets span. */
  azCount: z.literal([2, 3], { error: allowed("2 or 3") }),
  /**
   * Pins the availability zones by name instead of taking the region's first available ones, e.g. when an
   * instance type is missing from one zone. Must list exactly `azCount` zones of the region.
   */
  availabilityZones: z
    .array(pattern(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, "an availability zone name such as eu-west-1a"), {
      error: allowed("a list of availability zone names"),
    })
    .optional(),
  /**
   * Environments whose VPC CIDR this one may overlap, because the two never connect (no peering, no shared transit
   * gateway). Every other overlap between environments is an error: the tooling network peers with each of them.
   */
  overlapAllowedWith: z
    .array(pattern(/^[a-z][a-z0-9-]{0,15}$/, "an environment name"), { error: allowed("a list of environment names") })
    .default([]),
  /** NAT strategy for the private subnets' internet egress. */
  natGateways: z.enum(NAT_STRATEGIES, { error: allowed(NAT_STRATEGIES.map((s) => `"${s}"`).join(", ")) }),
  /** Interface endpoints (ECR api and dkr, STS, CloudWatch Logs) in the private subnets. */
  interfaceEndpoints: z.boolean({ error: allowed("true or false") }),
  flowLogs: section({
    /** How long VPC flow logs are kept. */
    retentionDays: logRetentionDays,
    /** Flow log aggregation interval: 60 gives finer records, 600 costs less. */
    aggregationIntervalSeconds: z.literal([60, 600], { error: allowed("60 or 600") }),
  }),
});

/** The parts of a parsed environment the network rules read. */
interface NetworkView {
  readonly aws: { readonly region: string };
  readonly network: z.output<typeof networkSchema>;
}

export function checkZones(config: NetworkView, ctx: ConfigContext): void {
  const zones = config.network.availabilityZones;
  if (zones !== undefined) {
    if (zones.length !== config.network.azCount) {
      ctx.addIssue({
        code: "custom",
        path: ["network", "availabilityZones"],
        input: zones,
        message: `${show(zones)} lists ${zones.length} zones; expected exactly network.azCount (${config.network.azCount})`,
      });
    }
    zones.forEach((zone, index) => {
      if (!zone.startsWith(config.aws.region)) {
        ctx.addIssue({
          code: "custom",
          path: ["network", "availabilityZones", index],
          input: zone,
          message: `${show(zone)} is not in aws.region ${config.aws.region}; expected a zone such as ${config.aws.region}a`,
        });
      }
    });
    const duplicates = zones.filter((zone, index) => zones.indexOf(zone) !== index);
    if (duplicates.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["network", "availabilityZones"],
        input: zones,
        message: `${show(zones)} repeats ${show(duplicates[0])}; expected distinct zones`,
      });
    }
  }
}
