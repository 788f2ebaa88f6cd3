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
      const mine = mustParseCidr(config.network.vpcCidr);
      const theirs = mustParseCidr(other.network.vpcCidr);
      const allowed =
        config.network.overlapAllowedWith.includes(other.environment) &&
        other.network.overlapAllowedWith.includes(config.environment);
      if ((cidrContains(mine, theirs) || cidrContains(theirs, mine)) && !allowed) {
        problems.push(
          `[${config.environment}] network.vpcCidr: ${show(config.network.vpcCidr)} overlaps ${other.environment}'s ${other.network.vpcCidr}; expected a block of its own (the tooling network peers with every environment), or overlapAllowedWith naming each other in both files if they never connect`,
        );
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
