import { ConfigError, type EnvironmentOverrides, resolveEnvironment } from "../../src/config/load";
import { DEFAULT_USAGE, usageOf } from "../../src/cost/usage";
import { TEST_DEFAULTS } from "../helpers";

/** Config's `cost` section: optional, validated with the usual messages, over the defaults README states. */

function resolve(cost: unknown) {
  return resolveEnvironment("dev", { environment: "dev", cost } as EnvironmentOverrides, TEST_DEFAULTS);
}

function problemsOf(cost: unknown): string[] {
  try {
    resolve(cost);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems.map((problem) => problem.replace(/^\[dev\] /, ""));
    }
    throw error;
  }
  return [];
}

describe("usage volumes", () => {
  test("the defaults README states, when config sets none", () => {
    expect(DEFAULT_USAGE).toEqual({
      spotDiscountPercent: 60,
      cdnRequestsPerMonth: 10_000_000,
      cdnDataOutGBPerMonth: 100,
      apiRequestsPerMonth: 5_000_000,
      natDataGBPerMonth: 100,
      logIngestionGBPerMonth: 20,
    });
    expect(usageOf(resolve(undefined))).toEqual(DEFAULT_USAGE);
  });

  test("config's settings replace their defaults only", () => {
    expect(usageOf(resolve({ spotDiscountPercent: 70, apiRequestsPerMonth: 0 }))).toEqual({
      ...DEFAULT_USAGE,
      spotDiscountPercent: 70,
      apiRequestsPerMonth: 0,
    });
  });

  test.each([
    [{ spotDiscountPercent: 95 }, "cost.spotDiscountPercent: 95 is not allowed; expected a whole number from 0 to 90"],
    [
      { cdnRequestsPerMonth: -1 },
      "cost.cdnRequestsPerMonth: -1 is not allowed; expected requests a month: a whole number from 0 to 10^12",
    ],
    [
      { requests: 5 },
      "cost.requests: is not a known setting; allowed settings here: spotDiscountPercent, cdnRequestsPerMonth, cdnDataOutGBPerMonth, apiRequestsPerMonth, natDataGBPerMonth, logIngestionGBPerMonth",
    ],
  ])("refuses %j", (cost, message) => {
    expect(problemsOf(cost)).toEqual([message]);
  });
});
