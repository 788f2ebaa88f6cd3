import { readSynthesizedEnvironments } from "../diagram/outdir";

/**
 * `npm run --silent deploy-order [-- --from <dir>] [--skip-layer <layer> ...]`: the synthesized stacks' ids, one
 * per line, each after the stacks it reads (the manifest's dependencies), environment by environment. The CI plan
 * jobs run `cdktf diff` over them in this order.
 */
function main(argv: readonly string[]): number {
  const from = argv.includes("--from") ? argv[argv.indexOf("--from") + 1] : "cdktf.out";
  const skipLayers = argv.flatMap((arg, index) => (arg === "--skip-layer" ? [argv[index + 1]] : []));
  const ids = readSynthesizedEnvironments(from)
    .flatMap((environment) => environment.stacks.map((stack) => stack.id))
    .filter((id) => !skipLayers.some((layer) => id.endsWith(`-${layer}`)));
  console.log(ids.join("\n"));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
