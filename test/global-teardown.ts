import * as fs from "node:fs";

/** Removes the run's temporary folder (see global-setup.ts). */
export default function globalTeardown(): void {
  const dir = process.env.PLATFORM_TEST_TMPDIR;
  if (dir) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
