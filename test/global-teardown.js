// @ts-check
"use strict";

const fs = require("node:fs");

/** Removes the run's temporary folder (see global-setup.js). */
module.exports = function globalTeardown() {
  const dir = process.env.PLATFORM_TEST_TMPDIR;
  if (dir) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
