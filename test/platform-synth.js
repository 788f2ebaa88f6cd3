"use strict";

/**
 * `node test/platform-synth.js <dir>`: synthesizes every environment in config with the compiled app (dist/, built
 * by global-setup.js) as `npm run synth` does, into `<dir>/cdktf.out`, and writes what the tests read of the result
 * to `<dir>/result.json`, or the error to `<dir>/error.txt` (exit 1). test/synthesized.ts runs it once per test run.
 * A process of its own: it runs beside the test workers from the start, on the compiled app.
 */
const fs = require("node:fs");
const path = require("node:path");

const dir = process.argv[2];
try {
  const { synthesizePlatform } = require("../dist/src/synth");
  const outdir = path.join(dir, "cdktf.out");
  const { stackIds, guardrails, capacityWarnings } = synthesizePlatform({ outdir });
  const result = path.join(dir, "result.json");
  fs.writeFileSync(`${result}.partial`, JSON.stringify({ outdir, stackIds, guardrails, capacityWarnings }));
  fs.renameSync(`${result}.partial`, result);
} catch (error) {
  fs.writeFileSync(
    path.join(dir, "error.txt"),
    error instanceof Error ? (error.stack ?? error.message) : String(error),
  );
  process.exitCode = 1;
}
