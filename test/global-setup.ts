import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ChildProcess } from "node:child_process";
import { startPlatformSynth } from "./synthesized";

/**
 * Every test's temporary files go into one folder of this run (cdktf's `Testing.app()` makes a `cdktf.outdir.*`
 * folder per app, synth tests make more), which `global-teardown.ts` removes: `npm test` leaves the system temp
 * folder as it found it. Workers start after this runs and inherit TMPDIR.
 */
export default function globalSetup(globalConfig: { testPathPattern?: string; listTests?: boolean }): void {
  // The entry-point tests and the shared synth run the compiled app, as `npm run synth` does (incremental: only
  // what changed).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("../scripts/build.js").build(false);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-tests-"));
  process.env.PLATFORM_TEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
  // The whole suite needs the shared synth of the platform (test/synthesized.ts): start it now, beside jest's
  // start-up. A run of some files leaves it to the first file that asks.
  if (!globalConfig.testPathPattern && !globalConfig.listTests) {
    (globalThis as { platformSynth?: ChildProcess }).platformSynth = startPlatformSynth();
  }
}
