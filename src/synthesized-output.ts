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

/** A synthesized output directory that is missing, partial or not what cdktf writes. */
export class SynthesizedOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SynthesizedOutputError";
  }
}

/** Parses a JSON file, or says which file is not JSON (a truncated write, a hand edit). */
function readJson(file: string, what: string, hint: string): unknown {
  if (!fs.existsSync(file)) {
    throw new SynthesizedOutputError(`${file} does not exist: ${what}; ${hint}`);
  }
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
  } catch (error) {
    throw new SynthesizedOutputError(`${file} is not valid JSON (${(error as Error).message}); ${hint}`);
  }
}

/**
 * Reads every stack `<outdir>/manifest.json` lists, in the manifest's order. Throws SynthesizedOutputError when
 * there is no manifest, a listed stack file is missing (a partial output) or a file is not JSON, with `hint`
 * saying what to do.
 */
export function readSynthesizedOutput(
  outdir: string,
  hint = "synthesize first (npm run synth)",
): SynthesizedOutputStack[] {
  const manifestPath = path.join(outdir, "manifest.json");
  const manifest = readJson(manifestPath, "no synthesized output here", hint) as {
    stacks?: Record<string, { synthesizedStackPath?: string; dependencies?: readonly string[] }>;
  };
  if (manifest === null || typeof manifest !== "object" || typeof manifest.stacks !== "object") {
    throw new SynthesizedOutputError(`${manifestPath} lists no stacks (no "stacks" object); ${hint}`);
  }
  return Object.entries(manifest.stacks ?? {}).map(([id, entry]) => {
    if (typeof entry?.synthesizedStackPath !== "string") {
      throw new SynthesizedOutputError(`${manifestPath}: stack ${id} has no synthesizedStackPath; ${hint}`);
    }
    return {
      id,
      dependencies: entry.dependencies ?? [],
      json: readJson(
        path.join(outdir, entry.synthesizedStackPath),
        `the manifest lists stack ${id} but its file is missing (a partial output)`,
        hint,
      ),
    };
  });
}
