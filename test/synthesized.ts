import { type ChildProcess, spawn, spawnSync } from "node:child_process";
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
/** Synthesizes with the compiled app into a folder and writes `result.json` there (or `error.txt`). */
const SCRIPT = path.join(__dirname, "platform-synth.js");
/** The node arguments that run it for `dir`, with the young generation the app's scripts use (package.json). */
const scriptArgs = (dir: string) => ["--max-semi-space-size=32", SCRIPT, dir];

/** The run's folder of the shared synth: `cdktf.out/`, `result.json`, `error.txt`, `lock`. */
export function platformDir(): string {
  return path.join(process.env.PLATFORM_TEST_TMPDIR ?? os.tmpdir(), "platform");
}

/**
 * Claims the shared synth for this process: true for the first caller of the run (who must then produce it), false
 * when another process has already claimed it.
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

/**
 * Starts the shared synth in the background, for global-setup.js on a run of the whole suite: it runs while jest
 * starts its workers, and the first test file that needs it waits for less. Returns the child, or undefined when
 * the synth has already been claimed.
 */
export function startPlatformSynth(): ChildProcess | undefined {
  const dir = platformDir();
  if (!claim(dir)) {
    return undefined;
  }
  const child = spawn(process.execPath, scriptArgs(dir), { stdio: "ignore" });
  // A crash that wrote nothing (a signal, out of memory) still ends the waiting.
  child.on("exit", (code, signal) => {
    if (code !== 0 && !fs.existsSync(path.join(dir, "error.txt"))) {
      fs.writeFileSync(path.join(dir, "error.txt"), `test/platform-synth.js exited with ${code ?? signal}`);
    }
  });
  return child;
}

/**
 * `synthesizePlatform()` of every environment in config (validation, guardrails, preflight, atomic publish) with the
 * compiled app, once per test run instead of once per test file: global-setup.js starts it in the background when
 * the whole suite runs; otherwise the first test file that asks runs it (test/platform-synth.js) and a file that
 * asks meanwhile waits for the result (or the error) instead of synthesizing the same bytes again.
 */
export function platformOutput(): PlatformOutput {
  const dir = platformDir();
  const resultFile = path.join(dir, "result.json");
  const errorFile = path.join(dir, "error.txt");
  if (claim(dir)) {
    spawnSync(process.execPath, scriptArgs(dir), { stdio: "inherit" });
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
