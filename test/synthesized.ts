import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { StackJson } from "./helpers";

/**
 * Every stack of every environment in config, synthesized as `synthApp(definePlatform(...))` does, once per test run
 * instead of once per test file: the first file that asks synthesizes and writes the JSON to the run's temporary
 * folder (global-setup.ts), the others read it. The stacks and their provider classes are only loaded by the file
 * that synthesizes. Two workers asking at once both synthesize (the same bytes) and the rename makes either win.
 */
export function platformStacks(): Record<string, StackJson> {
  const file = path.join(process.env.PLATFORM_TEST_TMPDIR ?? os.tmpdir(), "platform-stacks.json");
  if (fs.existsSync(file)) {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, StackJson>;
  }
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { Testing } = require("cdktf") as typeof import("cdktf");
  const { loadEnvironments } = require("../src/config/load") as typeof import("../src/config/load");
  const { definePlatform } = require("../stacks/environment") as typeof import("../stacks/environment");
  const { synthApp } = require("./helpers") as typeof import("./helpers");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const app = Testing.app();
  definePlatform(app, loadEnvironments());
  const stacks = synthApp(app);
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, JSON.stringify(stacks));
  fs.renameSync(partial, file);
  return stacks;
}
