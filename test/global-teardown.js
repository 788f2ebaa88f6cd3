// @ts-check
"use strict";

const fs = require("node:fs");

/** Removes the run's temporary folder (see global-setup.js). */
module.exports = function globalTeardown() {
  // The shared synth global-setup.js started, if no test waited for it to finish.
  /** @type {{ platformSynth?: import("node:child_process").ChildProcess }} */ (globalThis).platformSynth?.kill();
  const dir = process.env.PLATFORM_TEST_TMPDIR;
  if (dir) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
