import type { Config } from "jest";

/**
 * Jest transpiles only (tsconfig `isolatedModules`); types are checked once by `tsc --noEmit` in `npm test`.
 * Type-checking inside ts-jest would build a language service over the provider bindings in every worker.
 */
const config: Config = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  maxWorkers: 2,
  workerIdleMemoryLimit: "1GB",
};

export default config;
