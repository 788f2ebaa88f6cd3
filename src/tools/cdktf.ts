import { spawnSync } from "node:child_process";
import * as path from "node:path";

/**
 * Runs the project's cdktf CLI (`npm run diff`, `npm run deploy`, `npm run cdktf -- <args>`) with the settings that
 * keep it quiet and offline where it can be: no telemetry to checkpoint-api.hashicorp.com and no npm version check.
 * Synth alone does not need the CLI (`npm run synth` is faster); diff and deploy need Terraform, the Terraform
 * registry and AWS credentials.
 */
function main(): number {
  const cli = path.resolve(__dirname, "../../node_modules/.bin/cdktf");
  const result = spawnSync(cli, process.argv.slice(2), {
    stdio: "inherit",
    env: {
      ...process.env,
      CHECKPOINT_DISABLE: process.env.CHECKPOINT_DISABLE ?? "1",
      DISABLE_VERSION_CHECK: process.env.DISABLE_VERSION_CHECK ?? "1",
    },
  });
  if (result.error) {
    console.error(`Could not start the cdktf CLI at ${cli}: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

process.exitCode = main();
