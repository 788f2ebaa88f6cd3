import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * Every test's temporary files go into one folder of this run (cdktf's `Testing.app()` makes a `cdktf.outdir.*`
 * folder per app, synth tests make more), which `global-teardown.ts` removes: `npm test` leaves the system temp
 * folder as it found it. Workers start after this runs and inherit TMPDIR.
 */
export default function globalSetup(): void {
  // The entry-point tests run the compiled app, as `npm run synth` does (incremental: only what changed).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("../scripts/build.js").build(false);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-tests-"));
  process.env.PLATFORM_TEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
}
