// @ts-check
"use strict";

/**
 * TypeScript for the test processes. jest-light-runner imports each test file with Node's own loader (no per-file
 * module registry: a worker loads cdktf, the provider bindings and the app once, not once per test file), so the
 * types are stripped on the way by tsx (esbuild), for require() and import() alike. tsconfig.json's ES2022 target
 * gives class fields their define semantics, as tsc and the compiled app have them. Types are checked once, by
 * `tsc --noEmit` in npm test.
 *
 * tsx would cache what it compiled in the temp folder, which each test run removes (global-setup.js): the cache is
 * off, so nothing is written there at all.
 *
 * Required: registers the require() hook (jest's own process, for the global setup and teardown). As a jest
 * `setupFiles` entry the runner also calls the exported function, which registers the import() hook in the worker.
 */
process.env.TSX_DISABLE_CACHE = "1";
require("tsx/cjs/api").register();

module.exports = async function registerImportHook() {
  const { register } = await import("tsx/esm/api");
  register();
};
