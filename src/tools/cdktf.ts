import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { environments as knownEnvironments } from "../config/environments";
import { ConfigError, ENVIRONMENT_SELECTOR, loadEnvironments, selectEnvironments } from "../config/load";
import { GuardrailError, PreflightError } from "../errors";
import { formatFinding, readModel, runPreflight } from "../preflight";
import { PROJECT_ROOT } from "../root";
import { useFastStackTraces } from "../runtime";
import { synthesizePlatform } from "../synth";
import { SynthesizedOutputError } from "../synthesized-output";
import { type OptionValues, runCommand, UsageError } from "./command-line";
import { DEPLOY, DESTROY, DIFF } from "./commands";

/**
 * Runs the project's cdktf CLI (`npm run diff`, `npm run deploy`, `npm run cdktf -- <args>`) with the settings that
 * keep it quiet and offline where it can be: no telemetry to checkpoint-api.hashicorp.com and no npm version check.
 *
 * `deploy`, `diff` and `destroy` first synthesize in-process (the environments of the named stacks, or
 * PLATFORM_ENVS; not with `--skip-synth`) and run the preflight, so nothing reaches AWS that the preflight would
 * refuse; the CLI then skips its own synth. A stack deployed without the stacks it reads (the runbook applies one
 * stack at a time) is allowed, with a line naming the stacks that must already be applied: cdktf would otherwise
 * refuse it (`--ignore-missing-stack-dependencies`).
 */
function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (command !== "deploy" && command !== "diff" && command !== "destroy") {
    return runCli(argv);
  }
  const spec = { deploy: DEPLOY, diff: DIFF, destroy: DESTROY }[command];
  return runCommand(spec, rest, (values, stackIds) => {
    if (stackIds.length === 0) {
      throw new UsageError("name the stacks, e.g. prod-network (npm run deploy-order lists them)");
    }
    return stackCommand(command, stackIds, values);
  });
}

/** The options for the cdktf CLI, as given (`--var a=1 --var b=2`), without ours (`--skip-synth`). */
function cliOptions(values: OptionValues): string[] {
  return Object.entries(values).flatMap(([name, value]) => {
    if (name === "skip-synth" || value === undefined || value === false) {
      return [];
    }
    if (value === true) {
      return [`--${name}`];
    }
    return (Array.isArray(value) ? value : [value]).flatMap((item) => [`--${name}`, item]);
  });
}

function stackCommand(
  command: "deploy" | "diff" | "destroy",
  stackIds: readonly string[],
  values: OptionValues,
): number {
  useFastStackTraces();
  const selection = process.env[ENVIRONMENT_SELECTOR] ?? environmentsOf(stackIds).join(",");
  // `--skip-synth` (CI diffs every stack of one synth): use the output as it is, but still preflight it.
  if (values["skip-synth"] !== true) {
    try {
      synthesizePlatform({ selection });
    } catch (error) {
      if (error instanceof ConfigError || error instanceof GuardrailError || error instanceof PreflightError) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
  }

  let model;
  try {
    model = readModel("cdktf.out");
  } catch (error) {
    if (error instanceof SynthesizedOutputError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const unknown = stackIds.filter((id) => !model.byId.has(id));
  if (unknown.length > 0) {
    console.error(
      `No such stack: ${unknown.join(", ")}; the synthesized stacks are ${[...model.byId.keys()].join(", ")}`,
    );
    return 2;
  }
  const configs = loadEnvironments(selectEnvironments(selection, knownEnvironments), knownEnvironments);
  const preflight = runPreflight(
    model,
    configs.flatMap((config) => config.preflight.suppressions),
  );
  if (preflight.findings.length > 0) {
    preflight.findings.forEach((finding) => console.error(formatFinding(finding)));
    console.error(`preflight: ${preflight.findings.length} finding(s); nothing was sent to AWS (npm run preflight)`);
    return 1;
  }
  for (const id of command === "destroy" ? [] : stackIds) {
    const missing = (model.byId.get(id)?.dependencies ?? []).filter((dependency) => !stackIds.includes(dependency));
    if (missing.length > 0) {
      console.log(`${id} reads ${missing.join(", ")}: ${missing.length > 1 ? "they" : "it"} must already be applied.`);
    }
  }
  // Destroy keeps cdktf's check: the stacks that read a destroyed stack must be destroyed with it.
  const extra = command === "deploy" ? ["--ignore-missing-stack-dependencies"] : [];
  return runCli([command, "--skip-synth", ...extra, ...cliOptions(values), ...stackIds]);
}

/** The environments a list of stack ids belongs to: `prod-data` → `prod`. */
function environmentsOf(stackIds: readonly string[]): string[] {
  const names = Object.keys(knownEnvironments);
  return [...new Set(stackIds.map((id) => names.find((name) => id.startsWith(`${name}-`)) ?? id.split("-")[0]))];
}

function runCli(args: readonly string[]): number {
  const cli = path.join(PROJECT_ROOT, "node_modules", ".bin", "cdktf");
  const result = spawnSync(cli, args, {
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

export const cdktfCommand = main;

if (require.main === module) {
  process.exitCode = cdktfCommand(process.argv.slice(2));
}
