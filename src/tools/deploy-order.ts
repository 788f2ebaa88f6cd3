import { readSynthesizedEnvironments } from "../diagram/outdir";
import { runCommand } from "./command-line";
import { DEPLOY_ORDER } from "./commands";

/**
 * `npm run --silent deploy-order [-- --from <dir>] [--skip-layer <layer> ...]`: the synthesized stacks' ids, one
 * per line, each after the stacks it reads (the manifest's dependencies), environment by environment. The CI plan
 * jobs run `cdktf diff` over them in this order.
 */
function main(from: string, skipLayers: readonly string[]): number {
  const ids = readSynthesizedEnvironments(from)
    .flatMap((environment) => environment.stacks.map((stack) => stack.id))
    .filter((id) => !skipLayers.some((layer) => id.endsWith(`-${layer}`)));
  console.log(ids.join("\n"));
  return 0;
}

export function deployOrderCommand(argv: readonly string[]): number {
  return runCommand(DEPLOY_ORDER, argv, (values) =>
    main(String(values.from ?? "cdktf.out"), (values["skip-layer"] as string[] | undefined) ?? []),
  );
}

if (require.main === module) {
  process.exitCode = deployOrderCommand(process.argv.slice(2));
}
