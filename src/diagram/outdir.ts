import { readSynthesizedOutput } from "../synthesized-output";
import { compareStrings } from "./graph";
import type { SynthesizedEnvironment, StackJson, SynthesizedStack } from "./types";

/**
 * Reading a synthesized output directory (`cdktf.out`): the manifest lists the stacks, their files and their
 * dependencies; each stack's environment comes from the AWS provider's `Environment` default tag.
 */

/** The environment of a stack: the AWS provider's `Environment` default tag, else the id before its last `-`. */
export function stackEnvironment(id: string, json: StackJson): string {
  const providers = json.provider?.aws;
  const provider: unknown = Array.isArray(providers) ? providers[0] : providers;
  const defaultTags = (provider as { default_tags?: unknown } | undefined)?.default_tags;
  const tags = (Array.isArray(defaultTags) ? defaultTags[0] : defaultTags) as { tags?: Record<string, unknown> };
  const environment = tags?.tags?.Environment;
  return typeof environment === "string" ? environment : id.replace(/-[^-]*$/, "");
}

/**
 * A deploy order of stacks: every stack after the stacks it depends on; among stacks that are ready together,
 * by id. Depends only on the ids and dependencies, so every reader of the same stacks gets the same order.
 */
export function deployOrder(dependencies: ReadonlyMap<string, readonly string[]>): string[] {
  const order: string[] = [];
  const remaining = new Set(dependencies.keys());
  while (remaining.size > 0) {
    const ready = [...remaining]
      .filter((id) => (dependencies.get(id) ?? []).every((dependency) => !remaining.has(dependency)))
      .sort(compareStrings);
    if (ready.length === 0) {
      throw new Error(`stacks depend on each other in a cycle: ${[...remaining].sort(compareStrings).join(", ")}`);
    }
    order.push(ready[0]);
    remaining.delete(ready[0]);
  }
  return order;
}

/**
 * The stacks of a synthesized output directory, grouped by environment (sorted by name) and in deploy order within
 * each. Dependencies outside an environment are ignored.
 */
export function readSynthesizedEnvironments(outdir: string): SynthesizedEnvironment[] {
  const stacks = new Map<string, { stack: SynthesizedStack; dependencies: readonly string[]; environment: string }>();
  for (const { id, dependencies, json } of readSynthesizedOutput(
    outdir,
    "synthesize first (npm run synth) or pass another --from",
  )) {
    const stackJson = json as StackJson;
    stacks.set(id, { stack: { id, json: stackJson }, dependencies, environment: stackEnvironment(id, stackJson) });
  }
  const environments = [...new Set([...stacks.values()].map(({ environment }) => environment))].sort(compareStrings);
  return environments.map((environment) => {
    const members = [...stacks.values()].filter((candidate) => candidate.environment === environment);
    const ids = new Set(members.map(({ stack }) => stack.id));
    const order = deployOrder(
      new Map(members.map(({ stack, dependencies }) => [stack.id, dependencies.filter((id) => ids.has(id))])),
    );
    return { environment, stacks: order.map((id) => stacks.get(id)!.stack) };
  });
}
