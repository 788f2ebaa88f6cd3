import * as fs from "node:fs";
import { findSourceMap } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { loadBindingsWithoutSourceMaps, skipTokenStackTraces, useFastStackTraces } from "../../src/runtime";

describe("useFastStackTraces", () => {
  // The formatter is process-wide, and the test files of a worker share the process: put back the one before.
  const before = Error.prepareStackTrace;
  beforeAll(() => useFastStackTraces());
  afterAll(() => {
    Error.prepareStackTrace = before;
  });

  test("errors keep their message and call sites", () => {
    const error = new TypeError("boom");

    expect(error.stack?.split("\n")[0]).toBe("TypeError: boom");
    expect(error.stack?.split("\n")[1]).toMatch(/^ {4}at .*runtime\.test\.ts:\d+:\d+/);
  });

  test("replaces the installed formatter", () => {
    expect(Error.prepareStackTrace).not.toBe(before);
  });

  test("traces captured on plain objects, as cdktf does for every token, are not even collected", () => {
    const target: { stack?: string } = {};
    Error.captureStackTrace(target);

    expect(target).not.toHaveProperty("stack");
  });

  test("an Error that is captured again still gets its trace", () => {
    const error = new Error("again");
    error.stack = "replaced";
    Error.captureStackTrace(error);

    expect(error.stack).toMatch(/^Error: again\n {4}at /);
  });
});

describe("skipTokenStackTraces", () => {
  test("leaves the formatter of real errors alone", () => {
    const formatter = Error.prepareStackTrace;
    skipTokenStackTraces();

    expect(Error.prepareStackTrace).toBe(formatter);
    const target: { stack?: string } = {};
    Error.captureStackTrace(target);
    expect(target).not.toHaveProperty("stack");
  });
});

describe("loadBindingsWithoutSourceMaps", () => {
  // A map that names another source: Node would use it for traces into the file (source maps are on in the tests).
  const MAP = Buffer.from(JSON.stringify({ version: 3, sources: ["probe.ts"], names: [], mappings: "AAAA" })).toString(
    "base64",
  );
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  /** A module at `<temp>/node_modules/<pkg>/probe.js` that ends in an inline source map. */
  function probe(pkg: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bindings-"));
    dirs.push(dir);
    const file = path.join(dir, "node_modules", pkg, "probe.js");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `module.exports = 42;\n//# sourceMappingURL=data:application/json;base64,${MAP}\n`);
    return file;
  }

  test("cdktf's and the providers' files load without their inline source map; others keep theirs", () => {
    loadBindingsWithoutSourceMaps();
    const files = {
      cdktf: probe("cdktf"),
      provider: probe("@cdktf/provider-aws"),
      other: probe("constructs"),
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(Object.values(files).map((file) => require(file))).toEqual([42, 42, 42]);

    expect(findSourceMap(files.cdktf)).toBeUndefined();
    expect(findSourceMap(files.provider)).toBeUndefined();
    expect(findSourceMap(files.other)?.payload.sources).toEqual([expect.stringMatching(/probe\.ts$/)]);
  });
});
