import { skipTokenStackTraces, useFastStackTraces } from "../../src/runtime";

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
