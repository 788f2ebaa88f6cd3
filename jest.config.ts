import type { Config } from "jest";

/**
 * Jest transpiles only (tsconfig `isolatedModules`); types are checked once by `tsc --noEmit` in `npm test`.
 * Type-checking inside ts-jest would build a language service over the provider bindings in every worker.
 */
const config: Config = {
  testEnvironment: "node",
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
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  globalSetup: "<rootDir>/test/global-setup.ts",
  globalTeardown: "<rootDir>/test/global-teardown.ts",
  maxWorkers: 2,
  workerIdleMemoryLimit: "1GB",
};

export default config;
