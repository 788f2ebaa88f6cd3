import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ConfigError } from "../config/load";
import { GuardrailError, PreflightError } from "../errors";
import { readSynthesizedTree, type StackJson } from "../review/synthesized";
import { synthesizePlatform } from "../synth";
import { SynthesizedOutputError } from "../synthesized-output";
import { UsageError } from "./command-line";

/**
 * The synthesized stacks a read-only tool works on: those in `from` (an existing output such as cdktf.out), or a
 * synthesis of `selection` (every environment when empty) into a temporary directory that is removed afterwards.
 */
export function synthesizedStacks(
  from: string | undefined,
  selection: readonly string[],
): ReadonlyMap<string, StackJson> {
  if (from !== undefined) {
    if (!fs.existsSync(path.join(from, "manifest.json"))) {
      throw new UsageError(
        `--from ${from}: no manifest.json there; run \`npm run synth\` first or name another directory`,
      );
    }
    return readSynthesizedTree(path.resolve(from)).stacks;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "platform-tool-"));
  try {
    synthesizePlatform({ outdir: scratch, selection: selection.length > 0 ? selection.join(",") : undefined });
    return readSynthesizedTree(scratch).stacks;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * How a synthesis or a synthesized output says it cannot go on: bad configuration, a guardrail or preflight
 * finding, an unreadable output. Its message is for the user (a tool prints it and exits 1); anything else is a bug.
 */
export function isSynthesisFailure(error: unknown): error is Error {
  return (
    error instanceof ConfigError ||
    error instanceof GuardrailError ||
    error instanceof PreflightError ||
    error instanceof SynthesizedOutputError
  );
}
