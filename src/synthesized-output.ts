import * as fs from "node:fs";
import * as path from "node:path";

/** One stack of a synthesized output directory, as its manifest lists it. */
export interface SynthesizedOutputStack {
  readonly id: string;
  /** Ids of the stacks it reads (cross-stack references). */
  readonly dependencies: readonly string[];
  /** The parsed `cdk.tf.json`. */
  readonly json: unknown;
}

/**
 * Reads every stack `<outdir>/manifest.json` lists, in the manifest's order. Throws when there is no manifest,
 * with `hint` saying what to do.
 */
export function readSynthesizedOutput(
  outdir: string,
  hint = "synthesize first (npm run synth)",
): SynthesizedOutputStack[] {
  const manifestPath = path.join(outdir, "manifest.json");
  if (!fs.existsSync(manifestPath)) {
    throw new Error(`${manifestPath} does not exist: ${hint}`);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as {
    stacks?: Record<string, { synthesizedStackPath: string; dependencies?: readonly string[] }>;
  };
  return Object.entries(manifest.stacks ?? {}).map(([id, entry]) => ({
    id,
    dependencies: entry.dependencies ?? [],
    json: JSON.parse(fs.readFileSync(path.join(outdir, entry.synthesizedStackPath), "utf8")) as unknown,
  }));
}
