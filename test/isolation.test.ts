import * as fs from "node:fs";
import { environments } from "../src/config/environments";
import { platformStacks } from "./synthesized";

/** The test files of a worker share their modules (jest.config.js): what one file could leak to the next. */
describe("isolation between test files", () => {
  test("the environments in config cannot be changed by a test (test/setup.ts freezes them)", () => {
    expect(() => {
      (environments.prod as { production?: boolean }).production = false;
    }).toThrow(TypeError);
    expect(() => {
      (environments.dev.network as { azCount?: number }).azCount = 1;
    }).toThrow(TypeError);
    expect(environments.prod.production).toBe(true);
  });

  test("the platform's synthesized stacks, which many files read, cannot be changed by a test", () => {
    const network = platformStacks()["prod-network"];
    expect(() => {
      delete (network as { resource?: unknown }).resource;
    }).toThrow(TypeError);
    expect(() => {
      Object.values(network.resource?.aws_vpc ?? {})[0].cidr_block = "10.99.0.0/16";
    }).toThrow(TypeError);
    expect(Object.keys(network.resource?.aws_vpc ?? {})).toHaveLength(1);
  });

  test("error traces name the TypeScript line: no test left another formatter installed", () => {
    // Node's formatting with source maps on (test/typescript.js). useFastStackTraces() would replace it with one
    // that names the line in SWC's output, which is not this one; test/src/runtime.test.ts puts it back.
    const stack = new Error("marker").stack ?? "";
    const source = fs.readFileSync(__filename, "utf8").split("\n");
    const line = source.findIndex((text) => text.includes('new Error("marker")')) + 1;

    expect(stack.split("\n")[1]).toContain(`isolation.test.ts:${line}:`);
  });
});
