// @ts-check

/**
 * Jest transpiles only (tsconfig `isolatedModules`); types are checked once by `tsc --noEmit` in `npm test`.
 * Type-checking inside ts-jest would build a language service over the provider bindings in every worker.
 * JavaScript, not TypeScript: jest loads a `.ts` config through ts-node, 1.4 s before every run.
 *
 * @type {import("jest").Config}
 */
const config = {
  testEnvironment: "node",
  // With the other tools' caches (tsc, eslint, Prettier), not in the temp folder: a run with another TMPDIR (the
  // bench, a sandbox) still finds its transformed files, and npm ci starts it afresh.
  cacheDirectory: "<rootDir>/node_modules/.cache/jest",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // SWC strips the types (tsc --noEmit checks them): a fraction of ts-jest's time per file. ES2022 class fields
  // (define semantics) as tsc and ts-node emit them for the app.
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript" },
          target: "es2022",
          transform: { useDefineForClassFields: true },
        },
        module: { type: "commonjs" },
        sourceMaps: "inline",
      },
    ],
  },
  // cdktf loads archiver for TerraformAsset zips, which the platform never makes: a stub saves ~70 ms per file.
  moduleNameMapper: { "^archiver$": "<rootDir>/test/stubs/archiver.js" },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  globalSetup: "<rootDir>/test/global-setup.ts",
  globalTeardown: "<rootDir>/test/global-teardown.ts",
  maxWorkers: 2,
  workerIdleMemoryLimit: "1GB",
};

module.exports = config;
