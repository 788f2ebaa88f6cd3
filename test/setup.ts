/**
 * Runs once in each test worker before its first test file (jest-light-runner: the files of a worker share their
 * modules and globals). Modules load here in order, so this file requires rather than imports.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import { deepFreeze } from "./freeze";
import { skipTokenStackTraces } from "../src/runtime";

// Before cdktf loads: it makes tokens at load time, each with a full stack trace. Real errors keep their
// source-mapped traces, so a failing test points at its TypeScript line.
skipTokenStackTraces();

// Registers cdktf's matchers (toHaveResourceWithProperties, ...).
(require("cdktf") as typeof import("cdktf")).Testing.setupJest();

// The environments in config are frozen: a test that changed one for the files after it fails where it changes it
// (test/isolation.test.ts).
deepFreeze((require("../src/config/environments") as typeof import("../src/config/environments")).environments);
