import { ConfigError, ENVIRONMENT_SELECTOR } from "./config/load";
import { useFastStackTraces } from "./runtime";
import { synthesizePlatform } from "./synth";

/**
 * The cdktf app: `npm run synth` runs it directly, `cdktf synth/diff/deploy` run it through cdktf.json.
 * PLATFORM_ENVS=dev,staging limits it to some environments; by default it synthesizes all of them.
 */
function main(): void {
  useFastStackTraces();
  try {
    const result = synthesizePlatform({ selection: process.env[ENVIRONMENT_SELECTOR] });
    console.log(`Synthesized ${result.stackIds.length} stacks into ${result.outdir}: ${result.stackIds.join(", ")}`);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      console.error("Nothing was synthesized.");
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

main();
