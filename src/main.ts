import { ConfigError, ENVIRONMENT_SELECTOR, selectEnvironments } from "./config/load";
import { GuardrailError, PreflightError } from "./errors";
import { loadBindingsWithoutSourceMaps, useFastStackTraces } from "./runtime";
import { runCommand } from "./tools/command-line";
import { SYNTH } from "./tools/commands";

/**
 * The cdktf app: `npm run synth` runs it directly, `cdktf synth/diff/deploy` run it through cdktf.json.
 * PLATFORM_ENVS=dev,staging limits it to some environments; by default it synthesizes all of them.
 */
function main(fromCdktfCli: boolean): void {
  useFastStackTraces();
  try {
    // An unknown environment is reported before the app loads (cdktf and the provider bindings: about a second).
    selectEnvironments(process.env[ENVIRONMENT_SELECTOR]);
    loadBindingsWithoutSourceMaps();
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { synthesizePlatform } = require("./synth") as typeof import("./synth");
    const { formatGuardrails } = require("./aspects/guardrails") as typeof import("./aspects/guardrails");
    /* eslint-enable @typescript-eslint/no-require-imports */
    const result = synthesizePlatform({
      selection: process.env[ENVIRONMENT_SELECTOR],
      // The cdktf CLI lists the stack folders before it runs the app and removes the orphans itself afterwards:
      // removing them here first would make its removal fail (ENOENT).
      keepOrphanedStacks: fromCdktfCli,
    });
    console.log(`Synthesized ${result.stackIds.length} stacks into ${result.outdir}: ${result.stackIds.join(", ")}`);
    for (const environment of result.guardrails) {
      formatGuardrails(environment).forEach((line) => console.log(line));
    }
    // Capacity problems of environments that are not production do not stop synth (production ones do).
    result.capacityWarnings.forEach((warning) => console.error(`warning: ${warning}`));
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      console.error("Nothing was synthesized.");
      process.exitCode = 1;
      return;
    }
    if (error instanceof GuardrailError || error instanceof PreflightError) {
      console.error(error.message);
      console.error("Synthesis failed: fix or suppress the findings above; the output directory is as it was.");
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

/** `npm run synth` (and the cdktf CLI's app command): returns the exit code. */
export function synthCommand(argv: readonly string[]): number {
  return runCommand(SYNTH, argv, (values) => {
    main(values["from-cdktf-cli"] === true);
    return Number(process.exitCode ?? 0);
  });
}

if (require.main === module) {
  process.exitCode = synthCommand(process.argv.slice(2));
}
