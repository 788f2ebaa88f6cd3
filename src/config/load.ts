import type { z } from "zod";
import { show } from "../../constructs/core/errors";
import { nonProductionDefaults, sharedDefaults } from "./defaults";
import { environments as knownEnvironments } from "./environments";
import { checkAcrossEnvironments } from "./across-environments";
import { mergeConfig } from "./merge";
import type { DeepPartial, EnvironmentConfig, EnvironmentInput, EnvironmentOverrides } from "./schema";

export type { EnvironmentOverrides } from "./schema";

/** The environment variable that limits synthesis to some environments, e.g. `PLATFORM_ENVS=dev,staging`. */
export const ENVIRONMENT_SELECTOR = "PLATFORM_ENVS";

/**
 * Bad configuration. `problems` holds one line per problem, each naming the setting path, the bad value and what
 * is allowed; nothing is synthesized when this is thrown.
 */
export class ConfigError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

let schema: (typeof import("./schema"))["environmentSchema"] | undefined;

/**
 * The config schema, loaded on first use: zod and the schema take about 250 ms to load and build (the compiled app
 * on Node 20), which a program that loads this module but validates nothing (a construct test, a tool that reads
 * synthesized output) need not pay.
 */
function environmentSchema(): NonNullable<typeof schema> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (schema ??= (require("./schema") as typeof import("./schema")).environmentSchema);
}

/**
 * Merges an environment's overrides over the shared defaults (`mergeConfig`: named items by name, other lists
 * replaced) and validates the result.
 */
export function resolveEnvironment(
  name: string,
  overrides: EnvironmentOverrides,
  defaults: DeepPartial<EnvironmentInput> = sharedDefaults,
): EnvironmentConfig {
  // A file that cannot be merged (an item listed twice, removing what is not there) is reported alone: what the
  // schema would say of the half-merged result would only confuse.
  const merged = mergeConfig(defaults, overrides);
  if (merged.problems.length > 0) {
    throw new ConfigError(merged.problems.map((problem) => `[${name}] ${problem}`));
  }
  const result = environmentSchema().safeParse(merged.value, { reportInput: true });
  const problems = result.success ? [] : result.error.issues.flatMap((issue) => formatIssue(issue));
  if (result.success && result.data.environment !== name) {
    problems.push(
      `environment: ${show(result.data.environment)} does not match the name the file is registered under; expected ${show(name)}`,
    );
  }
  if (problems.length > 0 || !result.success) {
    throw new ConfigError(problems.map((problem) => `[${name}] ${problem}`));
  }
  return result.data;
}

/**
 * The defaults an environment file starts from: the shared (production-grade) defaults when it says
 * `production: true`, else those with the non-production defaults over them (`nonProductionDefaults`).
 */
export function defaultsFor(overrides: EnvironmentOverrides): DeepPartial<EnvironmentInput> {
  return overrides.production === true
    ? sharedDefaults
    : (mergeConfig(sharedDefaults, nonProductionDefaults).value as DeepPartial<EnvironmentInput>);
}

/** Resolves an environment file as the registry does: from `defaultsFor(overrides)`. */
export function resolveRegistered(name: string, overrides: EnvironmentOverrides): EnvironmentConfig {
  return resolveEnvironment(name, overrides, defaultsFor(overrides));
}

/**
 * Validates every known environment (a broken prod file fails dev's synth too, so it cannot slip through review)
 * and returns the configs of the selected ones, in the order they are registered.
 */
export function loadEnvironments(
  selected: readonly string[] = Object.keys(knownEnvironments),
  registry: Readonly<Record<string, EnvironmentOverrides>> = knownEnvironments,
): EnvironmentConfig[] {
  const problems: string[] = [];
  const all: EnvironmentConfig[] = [];
  for (const [name, overrides] of Object.entries(registry)) {
    try {
      all.push(resolveRegistered(name, overrides));
    } catch (error) {
      if (!(error instanceof ConfigError)) {
        throw error;
      }
      problems.push(...error.problems);
    }
  }
  if (problems.length === 0) {
    problems.push(...checkAcrossEnvironments(all));
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return all.filter((config) => selected.includes(config.environment));
}

/**
 * Parses the environment selection (`"dev,prod"`, `"dev prod"`); empty or unset selects every environment.
 */
export function selectEnvironments(
  selection: string | undefined,
  registry: Readonly<Record<string, EnvironmentOverrides>> = knownEnvironments,
): string[] {
  const known = Object.keys(registry);
  const names = (selection ?? "")
    .split(/[\s,]+/)
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  if (names.length === 0) {
    return known;
  }
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new ConfigError(
      unknown.map(
        (name) =>
          `${ENVIRONMENT_SELECTOR}: unknown environment ${show(name)}; expected one or more of ${known.join(", ")}`,
      ),
    );
  }
  return known.filter((name) => names.includes(name));
}

/** Turns one zod issue into lines of `path: message`. */
function formatIssue(issue: z.core.$ZodIssue): string[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => `${formatPath([...issue.path, key])}: ${issue.message}`);
  }
  if (issue.code === "invalid_key" || issue.code === "invalid_element") {
    return issue.issues.flatMap((inner) => formatIssue({ ...inner, path: [...issue.path, ...inner.path] }));
  }
  return [`${formatPath(issue.path)}: ${issue.message}`];
}

/** `["network", "availabilityZones", 0]` → `network.availabilityZones[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) {
    return "(config)";
  }
  return path
    .map((segment, index) => {
      if (typeof segment === "number") {
        return `[${segment}]`;
      }
      const text = String(segment);
      if (/^[A-Za-z_$][\w$]*$/.test(text)) {
        return index === 0 ? text : `.${text}`;
      }
      return `[${JSON.stringify(text)}]`;
    })
    .join("");
}
