import { costJson, estimateStacks, environmentOfStack, formatCostReport, usageOf } from "../cost";
import { loadEnvironments } from "../config/load";
import { useFastStackTraces } from "../runtime";
import { runCommand, UsageError } from "./command-line";
import { isSynthesisFailure, synthesizedStacks } from "./synthesized-stacks";
import { COST } from "./commands";

/**
 * `npm run cost [-- --env <name> ...] [--json] [--from <dir>]`: each environment's monthly estimate, offline, from
 * its synthesized stacks (synthesized into a temporary directory, or read from `--from`): per stack at baseline and
 * at max scale, the top items, and what the price table cannot price, by name. Exit 1 on bad configuration or a
 * failed synth, 2 on bad arguments, else 0.
 */

export function costCommand(
  argv: readonly string[],
  out: (text: string) => void = console.log,
  err: (text: string) => void = console.error,
): number {
  return runCommand(
    COST,
    argv,
    (values) => {
      let configs;
      let stacks;
      const wanted = (values.env as string[] | undefined) ?? [];
      try {
        configs = loadEnvironments();
        const known = configs.map((config) => config.environment);
        const unknown = wanted.filter((name) => !known.includes(name));
        if (unknown.length > 0) {
          throw new UsageError(
            `unknown environment ${unknown.map((name) => JSON.stringify(name)).join(", ")}; expected one of ${known.join(", ")}`,
          );
        }
        stacks = synthesizedStacks(values.from as string | undefined, wanted);
      } catch (error) {
        if (isSynthesisFailure(error)) {
          err(error.message);
          return 1;
        }
        throw error;
      }
      const selected = new Map(
        [...stacks].filter(([id]) => wanted.length === 0 || wanted.includes(environmentOfStack(id))),
      );
      // In config's order (non-production first), as the other tools list them.
      const order = (environment: string) => configs.findIndex((config) => config.environment === environment);
      const estimate = estimateStacks(selected, {
        usage: (environment) => usageOf(configs.find((config) => config.environment === environment)),
      }).sort((a, b) => order(a.environment) - order(b.environment));
      out(values.json === true ? JSON.stringify(costJson(estimate), null, 2) : formatCostReport(estimate));
      return 0;
    },
    { out, err },
  );
}

if (require.main === module) {
  useFastStackTraces();
  process.exitCode = costCommand(process.argv.slice(2));
}
