import { cidrContains, mustParseCidr } from "../../constructs/core/cidr";
import { show } from "../../constructs/core/errors";
import type { EnvironmentConfig } from "./schema";

/**
 * What environments must not share, checked over all of them: a VPC CIDR (the tooling network peers with each, and
 * peered networks cannot overlap) unless both say they never connect (`network.overlapAllowedWith`), and a state
 * bucket (each environment's bootstrap stack creates its own, so a second one with the name cannot apply).
 * Returns one problem line per clash, prefixed with the environment that clashes with an earlier one.
 */
export function checkAcrossEnvironments(configs: readonly EnvironmentConfig[]): string[] {
  const problems: string[] = [];
  configs.forEach((config, index) => {
    for (const other of configs.slice(0, index)) {
      const allowed =
        config.network.overlapAllowedWith.includes(other.environment) &&
        other.network.overlapAllowedWith.includes(config.environment);
      // Each environment's VPC and its standby's (dr.vpcCidr) against the other's.
      for (const [path, cidr] of vpcBlocks(config)) {
        for (const [otherPath, otherCidr] of vpcBlocks(other)) {
          const mine = mustParseCidr(cidr);
          const theirs = mustParseCidr(otherCidr);
          if ((cidrContains(mine, theirs) || cidrContains(theirs, mine)) && !allowed) {
            problems.push(
              `[${config.environment}] ${path}: ${show(cidr)} overlaps ${other.environment}'s ${otherPath === "network.vpcCidr" ? "" : `${otherPath} `}${otherCidr}; expected a block of its own (the tooling network peers with every environment), or overlapAllowedWith naming each other in both files if they never connect`,
            );
          }
        }
      }
      const bucket = config.stateBackend.bucket;
      if (bucket !== undefined && bucket === other.stateBackend.bucket) {
        problems.push(
          `[${config.environment}] stateBackend.bucket: ${show(bucket)} is ${other.environment}'s state bucket too; expected one of its own (each environment's bootstrap stack creates its bucket)`,
        );
      }
    }
  });
  return problems;
}

/** The VPC blocks of an environment: its own and its standby's. */
function vpcBlocks(config: EnvironmentConfig): [string, string][] {
  const blocks: [string, string][] = [["network.vpcCidr", config.network.vpcCidr]];
  if (config.dr) {
    blocks.push(["dr.vpcCidr", config.dr.vpcCidr]);
  }
  return blocks;
}
