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
}

/**
 * Validates the config of every environment, then defines and synthesizes the selected ones. Config errors throw
 * `ConfigError` before the App exists, so a bad config writes nothing to the output directory. The guardrails
 * aspect of each stack throws `GuardrailError` on unsuppressed error findings; after synth, config suppressions
 * that matched no finding throw `GuardrailError` too.
 */
export function synthesizePlatform(options: SynthOptions = {}): SynthResult {
  const registry = options.registry ?? knownEnvironments;
  const selected = selectEnvironments(options.selection, registry);
  const configs = loadEnvironments(selected, registry);

  // Stack traces in the metadata would put absolute paths of this machine into the output.
  const app = new App({ outdir: options.outdir, stackTraces: false });
  const environments = definePlatform(app, configs);
  app.synth();

  const stacks = app.node
    .findAll()
    .filter((construct): construct is PlatformStack => construct instanceof PlatformStack);
  const stackIds = stacks.map((stack) => stack.node.id);
  if (!options.keepOrphanedStacks) {
    removeOrphanedStacks(app.outdir, stackIds);
  }

  // A config suppression may name a resource of any stack of its environment: only once every stack has been
  // evaluated is it known to match nothing.
  const guardrails = environments.map(({ config }) => ({
    environment: config.environment,
    suppressions: config.guardrails.suppressions,
    reports: stacks
      .filter((stack) => stack.config.environment === config.environment)
      .map((stack) => guardrailReport(stack))
      .filter((report): report is GuardrailReport => report !== undefined),
  }));
  checkSuppressionsUsed(guardrails);
  return {
    outdir: app.outdir,
    environments,
    stacks,
    stackIds,
    guardrails: guardrails.map(({ environment, reports }) => ({ environment, reports })),
  };
}

/**
 * Removes stack directories that this synth did not write (a deselected environment, a removed stack), as
 * `cdktf synth` does, so the output directory holds exactly what the manifest lists.
 */
function removeOrphanedStacks(outdir: string, stackIds: readonly string[]): void {
  const stacksDir = path.join(outdir, Manifest.stacksFolder);
  if (!fs.existsSync(stacksDir)) {
    return;
  }
  for (const entry of fs.readdirSync(stacksDir, { withFileTypes: true })) {
    if (entry.isDirectory() && !stackIds.includes(entry.name)) {
      fs.rmSync(path.join(stacksDir, entry.name), { recursive: true });
    }
  }
}
