import { joinName, namePrefix } from "../../constructs/core/naming";
import { defaultTags } from "../../constructs/core/tags";
import { testConfig } from "../helpers";

describe("naming", () => {
  test("joins project, environment and components in lower case", () => {
    expect(namePrefix("acme", "Prod")).toBe("acme-prod");
    expect(joinName("acme-prod", "vpc", "flow-logs")).toBe("acme-prod-vpc-flow-logs");
    expect(joinName("acme-prod", "", "nat")).toBe("acme-prod-nat");
  });

  test("cuts a name above the maximum length and ends it in a stable hash", () => {
    const long = joinName("acme-prod", "a-very-long-component-name-for-a-load-balancer", { maxLength: 32 });

    expect(long).toHaveLength(32);
    expect(long).toMatch(/^acme-prod-a-very-long-c-[0-9a-f]{8}$/);
    expect(joinName("acme-prod", "a-very-long-component-name-for-a-load-balancer", { maxLength: 32 })).toBe(long);
    expect(joinName("acme-prod", "a-very-long-component-name-for-a-load-balancer-2", { maxLength: 32 })).not.toBe(long);
  });
});

describe("defaultTags", () => {
  test("puts the platform tags over the extra tags", () => {
    const config = testConfig({ tags: { owner: "team-a", costCenter: "cc-1", extra: { Team: "payments" } } });

    expect(defaultTags(config, "data")).toEqual({
      Team: "payments",
      Project: "acme",
      Environment: "test",
      Layer: "data",
      ManagedBy: "cdktf",
      Owner: "team-a",
      CostCenter: "cc-1",
    });
  });
});
