// @ts-check
"use strict";

/**
 * TypeScript for the test processes. jest-light-runner imports each test file with Node's own loader (no per-file
 * module registry: a worker loads cdktf, the provider bindings and the app once, not once per test file), so the
 * types are stripped on the way, by SWC with the options the app's build uses (scripts/build.js), in-process: a
 * file costs well under a millisecond, where a transpiler in another process (tsx, esbuild) cost ~3 s per worker
 * in waits. Inline source maps, with Node's source-map support on, keep a failing test's trace on its TypeScript
 * line. Types are checked once, by `tsc --noEmit` in npm test. Nothing is cached on disk.
 *
 * Required, this registers the require() hook (enough for jest's own process: the global setup). As a jest
 * `setupFiles` entry the runner also calls the exported function, which adds the import() hook the runner needs to
 * load a test file (test/typescript-hooks.mjs).
 */
const fs = require("node:fs");
const Module = require("node:module");
const { pathToFileURL } = require("node:url");
const swc = require("@swc/core");
const { SWC_OPTIONS } = require("../scripts/build.js");

const OPTIONS = { ...SWC_OPTIONS, sourceMaps: /** @type {const} */ ("inline") };

/**
 * Compiles a `.ts` module as CommonJS, the way Node compiles `.js` (require.extensions is what every require hook,
 * pirates and ts-node included, builds on).
 *
 * @param {NodeJS.Module & { _compile(code: string, filename: string): void }} module
 * @param {string} filename
 */
function compileTypeScript(module, filename) {
  const { code } = swc.transformSync(fs.readFileSync(filename, "utf8"), { ...OPTIONS, filename });
  module._compile(code, filename);
}

require.extensions[".ts"] = /** @type {any} */ (compileTypeScript);
process.setSourceMapsEnabled(true);
// As the app loads them (src/runtime.ts): cdktf and the provider bindings without their inline source maps.
/** @type {typeof import("../src/runtime")} */ (require("../src/runtime")).loadBindingsWithoutSourceMaps();

module.exports = async function registerImportHook() {
  Module.register("./typescript-hooks.mjs", pathToFileURL(__filename));
};
