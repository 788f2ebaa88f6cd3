// @ts-check

/**
 * Tests run in jest-light-runner: each worker (a thread) loads cdktf, the provider bindings and the app once and
 * runs its test files one after another, instead of jest's default runner rebuilding a module registry and loading
 * all of it again for every test file (about 0.3 s per file, three quarters of the test run's CPU time once there
 * were ~90 files). The price is isolation between the files of one worker: a test file must not change globals,
 * process.env or the modules it imports (none does; the files pass alone, in band and in two workers), and must
 * restore its spies. test/typescript.js loads TypeScript (SWC); types are checked once by `tsc --noEmit` in npm test.
 * JavaScript, not TypeScript: jest would need a transform, or ts-node, to read its own configuration.
 *
 * @type {import("jest").Config}
 */
const config = {
  // With the other tools' caches (tsc, eslint, Prettier), not in the temp folder: a run with another TMPDIR (the
  // bench, a sandbox) still finds it, and npm ci starts it afresh.
  cacheDirectory: "<rootDir>/node_modules/.cache/jest",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  runner: "jest-light-runner",
  // Nothing for jest to transform: the runner's workers load TypeScript through test/typescript.js, the global
  // setup is JavaScript.
  transform: {},
  setupFiles: ["<rootDir>/test/typescript.js"],
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  globalSetup: "<rootDir>/test/global-setup.js",
  globalTeardown: "<rootDir>/test/global-teardown.js",
  maxWorkers: 2,
};

module.exports = config;
