import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { ConfigError, ENVIRONMENT_SELECTOR } from "../config/load";
import { show } from "../../constructs/core/errors";
import { GuardrailError, PreflightError } from "../errors";
import { useFastStackTraces } from "../runtime";
import { synthesizePlatform } from "../synth";
import { runCommand } from "./command-line";
import { PLAN, VALIDATE } from "./commands";

/**
 * Runs Terraform over the synthesized stacks, in deploy order:
 *
 *   npm run validate                      terraform init -backend=false + terraform validate, every stack
 *   npm run plan [-- --skip-layer L ...]  terraform init + terraform plan (read-only: -lock=false), every stack
 *
 * PLATFORM_ENVS picks the environments. Both need a Terraform >= 1.11 binary (TERRAFORM_BINARY_NAME, default
 * `terraform`) and the Terraform registry to download providers; plan also needs AWS credentials and read access to
 * the state. Neither can run offline. A stack whose upstream stacks are not applied yet cannot be planned (it reads
 * their outputs from remote state).
 */

const MODES = {
  validate: [
    ["init", "-backend=false", "-input=false", "-no-color"],
    ["validate", "-no-color"],
  ],
  plan: [
    ["init", "-input=false", "-no-color"],
    ["plan", "-input=false", "-lock=false", "-no-color"],
  ],
} as const;

function main(argv: readonly string[]): number {
  const [mode, ...rest] = argv;
  if (mode !== "validate" && mode !== "plan") {
    console.error(`usage: terraform.ts validate|plan [--skip-layer <layer>]...; got ${show(mode ?? "")}`);
    return 2;
  }
  return runCommand(mode === "validate" ? VALIDATE : PLAN, rest, (values) =>
    run(mode, (values["skip-layer"] as string[] | undefined) ?? []),
  );
}

function run(mode: "validate" | "plan", skipLayers: readonly string[]): number {
  useFastStackTraces();

  let result;
  try {
    result = synthesizePlatform({ selection: process.env[ENVIRONMENT_SELECTOR] });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof GuardrailError || error instanceof PreflightError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }

  const terraform = process.env.TERRAFORM_BINARY_NAME ?? "terraform";
  const stacks = result.stacks.filter((stack) => !skipLayers.includes(stack.layer));
  const failed: string[] = [];
  for (const stack of stacks) {
    const cwd = path.join(result.outdir, "stacks", stack.node.id);
    for (const args of MODES[mode]) {
      console.log(`\n[${stack.node.id}] ${terraform} ${args.join(" ")}`);
      const run = spawnSync(terraform, args, { cwd, stdio: "inherit" });
      if (run.error) {
        console.error(
          `Could not run ${terraform}: ${run.error.message}. Install Terraform >= 1.11 or set TERRAFORM_BINARY_NAME.`,
        );
        return 1;
      }
      if (run.status !== 0) {
        failed.push(`${stack.node.id} (terraform ${args[0]})`);
        break;
      }
    }
  }
  if (failed.length > 0) {
    console.error(`\n${mode} failed for ${failed.join(", ")}`);
    return 1;
  }
  console.log(`\n${mode}: all ${stacks.length} stacks succeeded.`);
  return 0;
}

export const terraformCommand = main;

if (require.main === module) {
  process.exitCode = terraformCommand(process.argv.slice(2));
}
