// @ts-check
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

/**
 * Every test's temporary files go into one folder of this run (cdktf's `Testing.app()` makes a `cdktf.outdir.*`
 * folder per app, synth tests make more), which `global-teardown.js` removes: `npm test` leaves the system temp
 * folder as it found it. The workers start after this runs and inherit TMPDIR.
 */
module.exports = function globalSetup() {
  // The entry-point tests run the compiled app, as `npm run synth` does (incremental: only what changed).
  require("../scripts/build.js").build(false);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-tests-"));
  process.env.PLATFORM_TEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
};
