import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readSynthesizedTree, type StackJson } from "../review/synthesized";
import { synthesizePlatform } from "../synth";
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
