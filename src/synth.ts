import * as fs from "node:fs";
import * as path from "node:path";
import { App, Manifest } from "cdktf";
import { definePlatform, type EnvironmentStacks } from "../stacks/environment";
import { PlatformStack } from "../stacks/platform-stack";
import {
  checkSuppressionsUsed,
  type EnvironmentGuardrails,
  type GuardrailReport,
  guardrailReport,
} from "./aspects/guardrails";
import { type EnvironmentOverrides, loadEnvironments, selectEnvironments } from "./config/load";
import { environments as knownEnvironments } from "./config/environments";
import { PreflightError } from "./errors";
import { checkCapacity } from "./capacity/report";
import { formatFinding, readModel, runPreflight } from "./preflight";

export interface SynthOptions {
  /**
   * Output directory.
   *
   * @default - CDKTF_OUTDIR, else cdktf.out
   */
  readonly outdir?: string;
  /**
   * Environments to synthesize, as in PLATFORM_ENVS (`"dev,prod"`).
   *
   * @default - every environment
   */
  readonly selection?: string;
  /**
   * The environments to choose from.
   *
   * @default - the registry in src/config/environments
   */
  readonly registry?: Readonly<Record<string, EnvironmentOverrides>>;
  /**
   * Leave stack folders of earlier synths alone (the cdktf CLI removes them itself, after listing them).
   *
   * @default false
   */
  readonly keepOrphanedStacks?: boolean;
}

export interface SynthResult {
  readonly outdir: string;
  readonly environments: readonly EnvironmentStacks[];
  /** Every synthesized stack, in definition (deploy) order. */
  readonly stacks: readonly PlatformStack[];
  /** Ids of the synthesized stacks, in definition (deploy) order. */
  readonly stackIds: readonly string[];
  /** The guardrails reports of each environment's stacks: warnings and suppressed findings (errors fail synth). */
  readonly guardrails: readonly EnvironmentGuardrails[];
  /** Capacity problems of the selected non-production environments (production ones fail synth): warnings. */
  readonly capacityWarnings: readonly string[];
}

/**
 * Validates the config of every environment, then defines and synthesizes the selected ones, atomically: the stacks
 * are written to a staging folder next to the output directory and moved into it only when every stack passed
 * validation, the guardrails and the preflight; on any failure the output directory is exactly as it was and the
 * error says why. Config errors, and capacity problems of production environments (src/capacity), throw
 * `ConfigError` before anything is written; the guardrails aspect of each stack throws `GuardrailError` on
 * unsuppressed error findings (and config suppressions that matched no finding throw it after synth); preflight
 * findings throw `PreflightError`.
 */
export function synthesizePlatform(options: SynthOptions = {}): SynthResult {
  const registry = options.registry ?? knownEnvironments;
  const selected = selectEnvironments(options.selection, registry);
  // Every environment is validated; a production environment's capacity problems stop any synth, as config errors
  // do (a `ConfigError`, before anything is written), and the selected others' come back as warnings.
  const all = loadEnvironments(Object.keys(registry), registry);
  const configs = all.filter((config) => selected.includes(config.environment));
  const capacityWarnings = checkCapacity(all, selected);

  const target = path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out");
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(`${target}.staging-`);
  try {
    const result = synthesizeInto(staging, configs);
    const model = readModel(staging);
    const preflight = runPreflight(
      model,
      configs.flatMap((config) => config.preflight.suppressions),
    );
    if (preflight.findings.length > 0) {
      throw new PreflightError(
        `Preflight: ${preflight.findings.length} finding(s) that the AWS APIs would refuse at apply time; nothing was written to ${path.relative(process.cwd(), target) || target}:`,
        preflight.findings.map(formatFinding),
      );
    }
    publish(staging, target, result.stackIds, options.keepOrphanedStacks ?? false);
    return { ...result, outdir: target, capacityWarnings };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Synthesizes the environments into `outdir` and checks that every config suppression matched a finding. */
function synthesizeInto(
  outdir: string,
  configs: ReturnType<typeof loadEnvironments>,
): Omit<SynthResult, "outdir" | "capacityWarnings"> {
  // Stack traces in the metadata would put absolute paths of this machine into the output.
  const app = new App({ outdir, stackTraces: false });
  const environments = definePlatform(app, configs);
  app.synth();

  const stacks = app.node
    .findAll()
    .filter((construct): construct is PlatformStack => construct instanceof PlatformStack);
  const stackIds = stacks.map((stack) => stack.node.id);

  // A config suppression may name a resource of any stack of its environment: only once every stack has been
  // evaluated is it known to match nothing.
  const guardrails = environments.map(({ config }) => ({
    environment: config.environment,
    suppressions: config.guardrails.suppressions,
    // An environment's stacks and its standby's (`dr`: named `<env>-<region code>`; environment names have no hyphen).
    reports: stacks
      .filter(
        (stack) =>
          stack.config.environment === config.environment ||
          stack.config.environment.startsWith(`${config.environment}-`),
      )
      .map((stack) => guardrailReport(stack))
      .filter((report): report is GuardrailReport => report !== undefined),
  }));
  checkSuppressionsUsed(guardrails);
  return {
    environments,
    stacks,
    stackIds,
    guardrails: guardrails.map(({ environment, reports }) => ({ environment, reports })),
  };
}

/**
 * Moves a checked synth from `staging` into `target`. Normally `target` becomes exactly the new output (stack
 * folders of deselected environments or removed stacks go, as `cdktf synth` does), swapped in by renames; with
 * `keepOrphans` (the cdktf CLI runs the app: it lists the stack folders first and removes the orphans itself) the
 * manifest and each new stack folder replace their old selves and other folders stay.
 */
function publish(staging: string, target: string, stackIds: readonly string[], keepOrphans: boolean): void {
  if (!keepOrphans || !fs.existsSync(target)) {
    const old = fs.existsSync(target) ? `${staging}.old` : undefined;
    if (old) {
      fs.renameSync(target, old);
    }
    fs.renameSync(staging, target);
    if (old) {
      fs.rmSync(old, { recursive: true, force: true });
    }
    return;
  }
  const stacksDir = path.join(target, Manifest.stacksFolder);
  fs.mkdirSync(stacksDir, { recursive: true });
  for (const id of stackIds) {
    fs.rmSync(path.join(stacksDir, id), { recursive: true, force: true });
    fs.renameSync(path.join(staging, Manifest.stacksFolder, id), path.join(stacksDir, id));
  }
  fs.copyFileSync(path.join(staging, "manifest.json"), path.join(target, "manifest.json"));
}
