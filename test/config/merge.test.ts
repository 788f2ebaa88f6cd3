import { mergeConfig } from "../../src/config/merge";
import { resolveEnvironment } from "../../src/config/load";
import { TEST_DEFAULTS } from "../helpers";

describe("mergeConfig: how an environment file changes the defaults", () => {
  const defaults = {
    groups: [
      { name: "system", size: 3, types: ["m7g.large"] },
      { name: "services", size: 3, types: ["m7g.xlarge"], disk: 100 },
    ],
    services: { auth: { port: 8080 }, reports: { port: 8081 } },
    cidrs: ["10.0.0.0/16"],
  };

  test("a named item changes only the settings it gives; its lists replace", () => {
    expect(mergeConfig(defaults, { groups: [{ name: "services", size: 10, types: ["m6g.xlarge"] }] })).toEqual({
      value: {
        ...defaults,
        groups: [defaults.groups[0], { name: "services", size: 10, types: ["m6g.xlarge"], disk: 100 }],
      },
      problems: [],
    });
  });

  test("a new name is added after the defaults; { name, remove: true } removes one", () => {
    const { value, problems } = mergeConfig(defaults, {
      groups: [
        { name: "system", remove: true },
        { name: "batch", size: 1 },
      ],
    });
    expect(problems).toEqual([]);
    expect((value as typeof defaults).groups).toEqual([defaults.groups[1], { name: "batch", size: 1 }]);
  });

  test("null removes a record's entry or an optional setting; unnamed lists replace", () => {
    const { value } = mergeConfig(defaults, {
      services: { reports: null },
      groups: [{ name: "services", disk: null }],
      cidrs: ["10.1.0.0/16"],
    });
    expect(value).toEqual({
      groups: [defaults.groups[0], { name: "services", size: 3, types: ["m7g.xlarge"] }],
      services: { auth: { port: 8080 } },
      cidrs: ["10.1.0.0/16"],
    });
  });

  test("removing what the defaults lack, or naming an item twice, is a problem naming the setting", () => {
    expect(mergeConfig(defaults, { groups: [{ name: "gpu", remove: true }] }).problems).toEqual([
      'groups: removes "gpu", which the defaults do not have; expected one of "system", "services"',
    ]);
    expect(
      mergeConfig(defaults, {
        groups: [
          { name: "batch", size: 1 },
          { name: "batch", size: 2 },
        ],
      }).problems,
    ).toEqual(['groups[1].name: "batch" is listed twice; expected each name once']);
  });

  test("resizing one node group keeps the system group (it used to vanish)", () => {
    const config = resolveEnvironment(
      "test",
      { environment: "test", eks: { nodeGroups: [{ name: "services", maxSize: 12 }] } },
      TEST_DEFAULTS,
    );
    expect(config.eks.nodeGroups.map((group) => [group.name, group.maxSize])).toEqual([
      ["system", 6],
      ["services", 12],
    ]);
  });
});
