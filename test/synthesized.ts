import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { EnvironmentGuardrails } from "../src/aspects/guardrails";
import { deepFreeze } from "./freeze";
import type { StackJson } from "./helpers";

/** What `npm run synth` writes and reports for every environment in config, shared by the test files of a run. */
export interface PlatformOutput {
  /** The synthesized output directory (manifest.json, stacks/<id>/cdk.tf.json); read it, never write to it. */
  readonly outdir: string;
  readonly stackIds: readonly string[];
  readonly guardrails: readonly EnvironmentGuardrails[];
  readonly capacityWarnings: readonly string[];
}

const WAIT_STEP_MS = 50;
const WAIT_LIMIT_MS = 180_000;

/** The run's folder of the shared synth: `cdktf.out/`, `result.json`, `error.txt`, `lock`. */
function platformDir(): string {
  return path.join(process.env.PLATFORM_TEST_TMPDIR ?? os.tmpdir(), "platform");
}

/**
 * Claims the shared synth for this worker: true for the first caller of the run (who must then produce it), false
 * when another worker has already claimed it.
 */
function claim(dir: string): boolean {
  fs.mkdirSync(dir, { recursive: true });
  try {
    fs.closeSync(fs.openSync(path.join(dir, "lock"), "wx"));
    return true;
  } catch {
    return false;
  }
}

/** Writes a file whole: a worker waiting for it never reads half of it. */
function writeWhole(file: string, text: string): void {
  fs.writeFileSync(`${file}.partial`, text);
  fs.renameSync(`${file}.partial`, file);
}

/**
 * `synthesizePlatform()` of every environment in config (validation, guardrails, preflight, atomic publish), once
 * per test run instead of once per test file: the first test file that asks synthesizes it in its worker, with the
 * modules that worker has loaded anyway, and writes the result to the run's folder (`PLATFORM_TEST_TMPDIR`, made by
 * global-setup.js); a file in the other worker that asks meanwhile waits for the result (or the error) instead of
 * synthesizing the same bytes again.
 */
export function platformOutput(): PlatformOutput {
  const dir = platformDir();
  const resultFile = path.join(dir, "result.json");
  const errorFile = path.join(dir, "error.txt");
  if (claim(dir)) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { synthesizePlatform } = require("../src/synth") as typeof import("../src/synth");
      const outdir = path.join(dir, "cdktf.out");
      const { stackIds, guardrails, capacityWarnings } = synthesizePlatform({ outdir });
      writeWhole(resultFile, JSON.stringify({ outdir, stackIds, guardrails, capacityWarnings }));
    } catch (error) {
      writeWhole(errorFile, error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
  }
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; !fs.existsSync(resultFile); waited += WAIT_STEP_MS) {
    if (fs.existsSync(errorFile)) {
      throw new Error(`the shared platform synth failed:\n${fs.readFileSync(errorFile, "utf8")}`);
    }
    if (waited > WAIT_LIMIT_MS) {
      throw new Error(`the shared platform synth did not finish within ${WAIT_LIMIT_MS / 1000} s (${dir})`);
    }
    Atomics.wait(pause, 0, 0, WAIT_STEP_MS);
  }
  return JSON.parse(fs.readFileSync(resultFile, "utf8")) as PlatformOutput;
}

/** What `Testing.synth` returns for a stack: keys in code-point order, cdktf's `//` metadata removed at every level. */
function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutMetadata);
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "//")
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, item]) => [key, withoutMetadata(item)]),
    );
  }
  return value;
}

let stacks: Record<string, StackJson> | undefined;

/**
 * Every stack of every environment in config, keyed by stack id, as `synthApp(definePlatform(...))` returns them:
 * read from the shared synth (`platformOutput()`), so a test run synthesizes the platform once.
 */
export function platformStacks(): Record<string, StackJson> {
  if (!stacks) {
    const { outdir, stackIds } = platformOutput();
    // Frozen: the test files of a worker share this (test/freeze.ts).
    stacks = deepFreeze(
      Object.fromEntries(
        stackIds.map((id) => [
          id,
          withoutMetadata(JSON.parse(fs.readFileSync(path.join(outdir, "stacks", id, "cdk.tf.json"), "utf8"))),
        ]),
      ) as Record<string, StackJson>,
    );
  }
  return stacks;
}
