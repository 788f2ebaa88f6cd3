import { loadEnvironments } from "../config/load";
import { failbackRunbook, failoverIds, failoverRunbook, FailoverInputError, formatRunbook } from "../failover";
import { useFastStackTraces } from "../runtime";
import { runCommand, UsageError } from "./command-line";
import { isSynthesisFailure, synthesizedStacks } from "./synthesized-stacks";
import { FAILOVER } from "./commands";

/**
 * `npm run failover -- --env <name> --to <region> [--json] [--from <dir>]`: prints, without calling AWS, the ordered
 * steps and commands of a failover to the environment's standby region (`--to` the standby region), or of the
 * failback (`--to` the primary region), with the recovery point and time objectives from its `dr` config. The
 * names in the commands come from the environment's synthesized stacks. Exit 0 printed; 1 on bad configuration or a
 * failed synth; 2 on bad arguments, an environment without `dr`, or a region that is neither of its two.
 */

export function failoverCommand(
  argv: readonly string[],
  out: (text: string) => void = console.log,
  err: (text: string) => void = console.error,
): number {
  return runCommand(
    FAILOVER,
    argv,
    (values) => {
      const environment = values.env as string | undefined;
      const to = values.to as string | undefined;
      if (environment === undefined || to === undefined) {
        throw new UsageError("--env and --to are required, e.g. --env prod --to eu-central-1");
      }
      try {
        const config = loadEnvironments().find((candidate) => candidate.environment === environment);
        if (config === undefined) {
          throw new UsageError(`--env ${JSON.stringify(environment)} is not an environment of src/config/environments`);
        }
        const dr = config.dr;
        if (dr === undefined) {
          throw new UsageError(
            `${environment} has no dr section, so it has no standby to fail over to; set dr in src/config/environments/${environment}.ts (README, "Disaster recovery")`,
          );
        }
        if (to !== dr.region && to !== config.aws.region) {
          throw new UsageError(
            `--to ${JSON.stringify(to)} is neither ${environment}'s standby region (${dr.region}: the failover) nor its primary region (${config.aws.region}: the failback)`,
          );
        }
        const ids = failoverIds(config, synthesizedStacks(values.from as string | undefined, [environment]));
        const runbook = to === dr.region ? failoverRunbook(config, ids) : failbackRunbook(config, ids);
        out(values.json === true ? JSON.stringify(runbook, null, 2) : formatRunbook(runbook));
        return 0;
      } catch (error) {
        if (error instanceof FailoverInputError) {
          err(error.message);
          return 2;
        }
        if (isSynthesisFailure(error)) {
          err(error.message);
          return 1;
        }
        throw error;
      }
    },
    { out, err },
  );
}

if (require.main === module) {
  useFastStackTraces();
  process.exitCode = failoverCommand(process.argv.slice(2));
}
