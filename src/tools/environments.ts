import { loadEnvironments } from "../config/load";
import { expectedStackIds } from "../../stacks/environment";
import { runCommand } from "./command-line";
import { ENVIRONMENTS } from "./commands";

/**
 * `npm run --silent environments [-- --stacks | --matrix]`: the environments of src/config/environments, so that CI
 * and scripts take the list from config: their names, one per line; with `--stacks`, the stack ids a synth of all
 * of them must write; with `--matrix`, the CI plan matrix as JSON (a hosted runner where the cluster API has a
 * public endpoint, the self-hosted `platform-<env>` runners in the tooling network otherwise).
 */
export function environmentsCommand(argv: readonly string[], out: (line: string) => void = console.log): number {
  return runCommand(ENVIRONMENTS, argv, (values) => {
    const configs = loadEnvironments();
    if (values.stacks === true) {
      configs.flatMap(expectedStackIds).forEach((id) => out(id));
    } else if (values.matrix === true) {
      out(
        JSON.stringify(
          configs.map((config) => ({
            environment: config.environment,
            runner: JSON.stringify(
              config.eks.endpoint.publicAccess ? "ubuntu-latest" : ["self-hosted", `platform-${config.environment}`],
            ),
          })),
        ),
      );
    } else {
      configs.forEach((config) => out(config.environment));
    }
    return 0;
  });
}

if (require.main === module) {
  process.exitCode = environmentsCommand(process.argv.slice(2));
}
