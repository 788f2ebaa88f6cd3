import type { StackJson, SynthesizedTree } from "./synthesized";

/** A stack that reads, through remote state, an output built on a replaced or destroyed resource. */
export interface AffectedStack {
  readonly stackId: string;
  /** The stack that exports it. */
  readonly from: string;
  /** The outputs it reads that change. */
  readonly outputs: readonly string[];
  /** The replaced or destroyed resources behind them. */
  readonly resources: readonly string[];
}

/**
 * The stacks downstream of replacements: cdktf passes values between stacks as outputs of the producing stack
 * (`cross-stack-output-...`, whose value references the resource) read through
 * `data.terraform_remote_state.cross-stack-reference-input-<stack>` in the consuming one. When the resource is
 * replaced, its id, ARN or endpoint changes, so every consumer changes too at its next apply, though nothing in its
 * own code did.
 */
export function affectedStacks(
  replaced: readonly { readonly stackId: string; readonly address: string }[],
  base: SynthesizedTree,
  head: SynthesizedTree,
): AffectedStack[] {
  const affected: AffectedStack[] = [];
  const producers = [...new Set(replaced.map((change) => change.stackId))];
  for (const producer of producers) {
    const stack = head.stacks.get(producer) ?? base.stacks.get(producer);
    const resources = replaced.filter((change) => change.stackId === producer).map((change) => change.address);
    const outputs = outputsOf(stack, resources);
    if (outputs.size === 0) {
      continue;
    }
    for (const [consumerId, consumer] of head.stacks) {
      if (consumerId === producer) {
        continue;
      }
      const read = readOutputs(consumer, producer).filter((output) => outputs.has(output));
      if (read.length > 0) {
        affected.push({
          stackId: consumerId,
          from: producer,
          outputs: read,
          resources: [...new Set(read.flatMap((output) => outputs.get(output) ?? []))],
        });
      }
    }
  }
  return affected.sort((a, b) => a.stackId.localeCompare(b.stackId) || a.from.localeCompare(b.from));
}

/** The outputs of `stack` whose value references one of `addresses`, with the addresses each references. */
function outputsOf(stack: StackJson | undefined, addresses: readonly string[]): Map<string, string[]> {
  const outputs = new Map<string, string[]>();
  for (const [name, output] of Object.entries(stack?.output ?? {})) {
    const text = JSON.stringify(output.value ?? "");
    const referenced = addresses.filter((address) => text.includes(`\${${address}.`) || text.includes(`${address}.`));
    if (referenced.length > 0) {
      outputs.set(name, referenced);
    }
  }
  return outputs;
}

/** The outputs of `producer` that `consumer` reads through its remote state. */
function readOutputs(consumer: StackJson, producer: string): string[] {
  const pattern = new RegExp(
    `data\\.terraform_remote_state\\.cross-stack-reference-input-${producer.replace(/[-]/g, "\\-")}\\.outputs\\.([A-Za-z0-9_-]+)`,
    "g",
  );
  return [...new Set([...JSON.stringify(consumer).matchAll(pattern)].map((match) => match[1]))].sort();
}
