import type { ChildProcess } from "node:child_process";
import * as fs from "node:fs";

/** Removes the run's temporary folder (see global-setup.ts). */
export default function globalTeardown(): void {
  // The shared synth global-setup.ts started, if no test waited for it to finish.
  (globalThis as { platformSynth?: ChildProcess }).platformSynth?.kill();
  const dir = process.env.PLATFORM_TEST_TMPDIR;
  if (dir) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
